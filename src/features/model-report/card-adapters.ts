/**
 * Reads the model card (card.json, unchecked JSON from the pack) into what the report shows.
 * Every section is validated on its own: a pack whose card lacks a section (a user's pack, an
 * older format) gets that section as null and the report says so, instead of failing whole.
 */
import type { LabelEntry } from '../../inference/inference-client';

type Obj = Record<string, unknown>;
const obj = (x: unknown): Obj | null => (x && typeof x === 'object' && !Array.isArray(x) ? (x as Obj) : null);
const num = (x: unknown): number | null => (typeof x === 'number' && Number.isFinite(x) ? x : null);
const str = (x: unknown): string | null => (typeof x === 'string' ? x : null);
const arr = (x: unknown): unknown[] => (Array.isArray(x) ? x : []);
const at = (x: unknown, ...path: string[]): unknown => path.reduce<unknown>((o, k) => obj(o)?.[k], x);

export interface DataSource {
  source: string;
  name: string;
  origin: string;
  license: string;
  rows: number | null;
}

export interface HeadlineMetrics {
  n: number;
  accuracy: number;
  top3: number | null;
  macroF1: number | null;
  weightedF1: number | null;
  ece: number | null;
  byLang: { lang: string; accuracy: number; n: number | null }[];
}

export interface PerClass {
  label: number;
  support: number;
  precision: number;
  recall: number;
  f1: number;
}
export interface Confusion {
  labels: number[];
  matrix: number[][];
}
export interface CoveragePoint {
  threshold: number;
  coverage: number;
  accuracy: number;
}
export interface ReliabilityBin {
  lo: number;
  hi: number;
  count: number;
  confidence: number;
  accuracy: number;
}
export interface LevelDetails {
  perClass: PerClass[];
  confusion: Confusion | null;
  coverage: CoveragePoint[];
  reliability: ReliabilityBin[];
}

export type EvalSet = 'test' | 'devMerchant';
export type Level = 'level1' | 'level2';

export interface CurvePoint {
  epoch: number;
  [series: string]: number;
}

export interface SizeRow {
  name: string;
  buckets: number | null;
  embedDim: number | null;
  latent: number | null;
  quantization: string;
  modelBytes: number | null;
  modelGzipBytes: number | null;
  testLevel1Accuracy: number | null;
  devLevel1Accuracy: number | null;
}

export interface Report {
  sources: DataSource[];
  rowsBySplit: { split: string; rows: number }[];
  /** Shipped pipeline metrics per evaluation set and level. */
  metrics: Record<EvalSet, Record<Level, HeadlineMetrics | null>>;
  fasttext: Record<EvalSet, Record<Level, HeadlineMetrics | null>>;
  fasttextSettings: string | null;
  details: Record<EvalSet, Record<Level, LevelDetails | null>>;
  curves: CurvePoint[];
  quantization: {
    dtype: string;
    float32: number | null;
    quantized: number | null;
    dropPoints: number | null;
  } | null;
  sizes: { rawBytes: number | null; gzipBytes: number | null; table: SizeRow[] } | null;
}

function readHeadline(x: unknown): HeadlineMetrics | null {
  const o = obj(x);
  const n = num(o?.n);
  const accuracy = num(o?.accuracy);
  if (!o || n === null || accuracy === null) return null;
  const byLang = Object.entries(obj(o.byLang) ?? {}).flatMap(([lang, v]) => {
    const a = num(obj(v)?.accuracy);
    return a === null ? [] : [{ lang, accuracy: a, n: num(obj(v)?.n) }];
  });
  return {
    n,
    accuracy,
    top3: num(o.top3),
    macroF1: num(o.macroF1),
    weightedF1: num(o.weightedF1),
    ece: num(o.ece),
    byLang,
  };
}

function readDetails(x: unknown): LevelDetails | null {
  const o = obj(x);
  if (!o) return null;
  const perClass = arr(o.perClass).flatMap((p) => {
    const q = obj(p);
    const label = num(q?.label);
    const support = num(q?.support);
    const precision = num(q?.precision);
    const recall = num(q?.recall);
    const f1 = num(q?.f1);
    return label === null || support === null || precision === null || recall === null || f1 === null
      ? []
      : [{ label, support, precision, recall, f1 }];
  });
  const c = obj(o.confusion);
  const labels = arr(c?.labels).filter((l): l is number => num(l) !== null);
  const matrix = arr(c?.matrix).map((r) => arr(r).map((v) => num(v) ?? 0));
  // A matrix is only drawn when it is square over its labels.
  const confusion =
    labels.length > 0 && matrix.length === labels.length && matrix.every((r) => r.length === labels.length)
      ? { labels, matrix }
      : null;
  const coverage = arr(o.coverage).flatMap((p) => {
    const threshold = num(obj(p)?.threshold);
    const coverage = num(obj(p)?.coverage);
    const accuracy = num(obj(p)?.accuracy);
    return threshold === null || coverage === null || accuracy === null
      ? []
      : [{ threshold, coverage, accuracy }];
  });
  const reliability = arr(o.reliability).flatMap((p) => {
    const q = obj(p);
    const [lo, hi, count, confidence, accuracy] = ['lo', 'hi', 'count', 'confidence', 'accuracy'].map((k) =>
      num(q?.[k]),
    );
    return lo == null || hi == null || count == null || confidence == null || accuracy == null
      ? []
      : [{ lo, hi, count, confidence, accuracy }];
  });
  return { perClass, confusion, coverage, reliability };
}

const bySet = <T>(read: (set: EvalSet, level: Level) => T): Record<EvalSet, Record<Level, T>> => ({
  test: { level1: read('test', 'level1'), level2: read('test', 'level2') },
  devMerchant: { level1: read('devMerchant', 'level1'), level2: read('devMerchant', 'level2') },
});

export function readCard(card: unknown): Report {
  const sources = arr(at(card, 'data', 'sources')).flatMap((s) => {
    const o = obj(s);
    const source = str(o?.source);
    if (!o || !source) return [];
    return [
      {
        source,
        name: str(o.name) ?? source,
        origin: str(o.origin) ?? '',
        license: str(o.license) ?? 'not stated',
        rows: num(o.rows),
      },
    ];
  });
  const rowsBySplit = Object.entries(obj(at(card, 'data', 'rowsBySplit')) ?? {}).flatMap(([split, v]) =>
    num(v) === null ? [] : [{ split, rows: v as number }],
  );
  const curves = arr(at(card, 'training', 'curves')).flatMap((c) => {
    const o = obj(c);
    const epoch = num(o?.epoch);
    if (!o || epoch === null) return [];
    const point: CurvePoint = { epoch };
    for (const [k, v] of Object.entries(o)) if (num(v) !== null) point[k] = v as number;
    return [point];
  });
  const q = obj(at(card, 'quantization'));
  const sz = obj(at(card, 'sizes'));
  const table: SizeRow[] = arr(sz?.table).flatMap((r) => {
    const o = obj(r);
    const name = str(o?.name);
    if (!o || !name) return [];
    return [
      {
        name,
        buckets: num(o.buckets),
        embedDim: num(o.embedDim),
        latent: num(o.latent),
        quantization: str(o.quantization) ?? '',
        modelBytes: num(o.modelBytes),
        modelGzipBytes: num(o.modelGzipBytes),
        testLevel1Accuracy: num(o.testLevel1Accuracy),
        devLevel1Accuracy: num(o.devLevel1Accuracy),
      },
    ];
  });
  const settings = obj(at(card, 'baselines', 'fasttext', 'settings'));
  return {
    sources,
    rowsBySplit,
    metrics: bySet((s, l) => readHeadline(at(card, 'metrics', s, l))),
    fasttext: bySet((s, l) => readHeadline(at(card, 'baselines', 'fasttext', s, l))),
    fasttextSettings: settings
      ? Object.entries(settings)
          .map(([k, v]) => `-${k} ${String(v)}`)
          .join(' ')
      : null,
    details: bySet((s, l) => readDetails(at(card, 'metrics', s, 'details', l))),
    curves,
    quantization: q
      ? {
          dtype: str(q.dtype) ?? 'unknown',
          float32: num(q.float32Level1Accuracy),
          quantized: num(q.quantizedLevel1Accuracy),
          dropPoints: num(q.dropPoints),
        }
      : null,
    sizes: sz ? { rawBytes: num(sz.rawBytes), gzipBytes: num(sz.gzipBytes), table } : null,
  };
}

/** Per-class bars: the class name instead of its index, biggest classes first. */
export function perClassChartData(d: LevelDetails, labels: readonly LabelEntry[]) {
  return [...d.perClass]
    .sort((a, b) => b.support - a.support || a.label - b.label)
    .map((p) => ({
      name: labels[p.label]?.nameEn ?? `#${p.label}`,
      precision: p.precision,
      recall: p.recall,
      f1: p.f1,
      support: p.support,
    }));
}

/** Heatmap cells: counts with the row-normalised share (recall view: each true class sums to 1). */
export function confusionCells(c: Confusion, labels: readonly LabelEntry[]) {
  const names = c.labels.map((l) => labels[l]?.nameEn ?? `#${l}`);
  const rows = c.matrix.map((row, i) => {
    const total = row.reduce((a, b) => a + b, 0);
    return {
      name: names[i] ?? '',
      total,
      cells: row.map((count, j) => ({ count, share: total > 0 ? count / total : 0, diagonal: i === j })),
    };
  });
  return { names, rows };
}

/** Reliability bars: one per confidence bin, with the bin's centre for the diagonal. */
export function reliabilityData(bins: readonly ReliabilityBin[]) {
  return bins.map((b) => ({
    bin: `${b.lo.toFixed(1)}–${b.hi.toFixed(1)}`,
    mid: (b.lo + b.hi) / 2,
    confidence: b.confidence,
    accuracy: b.accuracy,
    count: b.count,
  }));
}

/** Accuracy against coverage, ordered by coverage so the line reads left to right. */
export function coverageData(points: readonly CoveragePoint[]) {
  return [...points].sort((a, b) => a.coverage - b.coverage);
}

/** The curve series present in the card, split into losses and quality scores (0..1). */
export function curveSeries(curves: readonly CurvePoint[]) {
  const keys = new Set<string>();
  for (const c of curves) for (const k of Object.keys(c)) if (k !== 'epoch') keys.add(k);
  const losses = ['recon', 'kl', 'ce1', 'ce2'].filter((k) => keys.has(k));
  const quality = ['valMacroF1', 'devMacroF1', 'valAccuracy1', 'devAccuracy1'].filter((k) => keys.has(k));
  return { losses, quality };
}

/** Side-by-side rows: the shipped pipeline beside fastText on each set and level, where both exist. */
export function comparisonRows(r: Report) {
  const out: {
    set: EvalSet;
    level: Level;
    metric: 'accuracy' | 'macroF1' | 'top3' | 'ece';
    ours: number;
    fasttext: number;
  }[] = [];
  for (const set of ['test', 'devMerchant'] as const)
    for (const level of ['level1', 'level2'] as const) {
      const a = r.metrics[set][level];
      const b = r.fasttext[set][level];
      if (!a || !b) continue;
      for (const metric of ['accuracy', 'macroF1', 'top3', 'ece'] as const) {
        const x = a[metric];
        const y = b[metric];
        if (x !== null && y !== null) out.push({ set, level, metric, ours: x, fasttext: y });
      }
    }
  return out;
}
