import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { LabelEntry } from '../../inference/inference-client';
import {
  comparisonRows,
  confusionCells,
  coverageData,
  curveSeries,
  perClassChartData,
  readCard,
  reliabilityData,
} from './card-adapters';

/** The committed pack's card: figures are compared with the file, never written down here. */
const packDir = new URL('../../../public/models/default/', import.meta.url);
interface M {
  accuracy: number;
  macroF1: number;
}
interface D {
  perClass: unknown[];
  confusion: { labels: number[] };
}
/** The parts of card.json these tests compare against. */
interface CardJson {
  data: { sources: { source: string; license: string; rows: number }[] };
  metrics: {
    test: { level1: M; details: { level1: D } };
    devMerchant: { level2: M };
  };
  baselines: { fasttext: { test: { level1: M } } };
  training: { curves: { epoch: number }[] };
  quantization: { dtype: string };
  sizes: { table: unknown[] };
}
const card = JSON.parse(readFileSync(new URL('card.json', packDir), 'utf8')) as CardJson;
const manifest = JSON.parse(readFileSync(new URL('manifest.json', packDir), 'utf8')) as {
  labels: { level1: LabelEntry[] };
};

describe('readCard on the shipped card', () => {
  const r = readCard(card);

  it('keeps every data source with its license and row count', () => {
    expect(r.sources.map((s) => [s.source, s.license, s.rows])).toEqual(
      card.data.sources.map((s) => [s.source, s.license, s.rows]),
    );
  });

  it('reads the headline metrics and the fastText baseline', () => {
    expect(r.metrics.test.level1?.accuracy).toBe(card.metrics.test.level1.accuracy);
    expect(r.metrics.devMerchant.level2?.macroF1).toBe(card.metrics.devMerchant.level2.macroF1);
    expect(r.fasttext.test.level1?.accuracy).toBe(card.baselines.fasttext.test.level1.accuracy);
    const rows = comparisonRows(r);
    const acc = rows.find((x) => x.set === 'test' && x.level === 'level1' && x.metric === 'accuracy');
    expect(acc).toEqual({
      set: 'test',
      level: 'level1',
      metric: 'accuracy',
      ours: card.metrics.test.level1.accuracy,
      fasttext: card.baselines.fasttext.test.level1.accuracy,
    });
  });

  it('reads details, curves, quantization and sizes', () => {
    const d = r.details.test.level1!;
    expect(d.perClass).toHaveLength(card.metrics.test.details.level1.perClass.length);
    expect(d.confusion?.labels).toEqual(card.metrics.test.details.level1.confusion.labels);
    expect(r.curves.map((c) => c.epoch)).toEqual(card.training.curves.map((c) => c.epoch));
    expect(r.quantization?.dtype).toBe(card.quantization.dtype);
    expect(r.sizes?.table).toHaveLength(card.sizes.table.length);
  });

  it('turns details into chart data', () => {
    const d = r.details.test.level1!;
    const bars = perClassChartData(d, manifest.labels.level1);
    expect(bars).toHaveLength(d.perClass.length);
    expect(bars[0]!.support).toBe(Math.max(...d.perClass.map((p) => p.support)));
    expect(bars.every((b) => !b.name.startsWith('#'))).toBe(true);
    const heat = confusionCells(d.confusion!, manifest.labels.level1);
    for (const row of heat.rows)
      if (row.total > 0) expect(row.cells.reduce((a, c) => a + c.share, 0)).toBeCloseTo(1);
    expect(reliabilityData(d.reliability)).toHaveLength(d.reliability.length);
    const cov = coverageData(d.coverage);
    expect(cov.map((c) => c.coverage)).toEqual([...cov.map((c) => c.coverage)].sort((a, b) => a - b));
    const series = curveSeries(r.curves);
    expect(series.losses.length).toBeGreaterThan(0);
  });
});

describe('readCard on broken or partial cards', () => {
  it('answers empty sections instead of throwing', () => {
    for (const bad of [null, 3, 'x', [], {}, { data: { sources: 'no' }, metrics: { test: [] } }]) {
      const r = readCard(bad);
      expect(r.sources).toEqual([]);
      expect(r.metrics.test.level1).toBeNull();
      expect(r.details.devMerchant.level2).toBeNull();
      expect(r.curves).toEqual([]);
      expect(r.quantization).toBeNull();
      expect(r.sizes).toBeNull();
      expect(comparisonRows(r)).toEqual([]);
    }
  });

  it('drops malformed entries and non-square confusion matrices', () => {
    const r = readCard({
      data: { sources: [{ source: 'a', rows: 'many' }, { name: 'no id' }] },
      metrics: {
        test: {
          level1: { n: 10, accuracy: 0.5 },
          details: {
            level1: {
              perClass: [{ label: 0, support: 3, precision: 1, recall: 0.5, f1: 0.66 }, { label: 1 }],
              confusion: { labels: [0, 1], matrix: [[1, 2]] },
            },
          },
        },
      },
    });
    expect(r.sources).toEqual([{ source: 'a', name: 'a', origin: '', license: 'not stated', rows: null }]);
    expect(r.metrics.test.level1?.accuracy).toBe(0.5);
    expect(r.details.test.level1?.perClass).toHaveLength(1);
    expect(r.details.test.level1?.confusion).toBeNull();
  });
});
