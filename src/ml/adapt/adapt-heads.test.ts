/**
 * Adaptation on the committed pack, in Node (TF.js WASM), seeded: the merchant dev listings the
 * shipped model gets wrong are the "corrections"; after adapting, they are predicted as corrected
 * and the reference catalog's accuracy stays within a small drop.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Categorizer } from '../pack/categorizer';
import { loadCommittedPack } from '../pack/test-pack';
import {
  AdaptCancelledError,
  adaptHeads,
  applyHeads,
  labelIndices,
  readHeads,
  type AdaptResult,
  type LabelledText,
} from './adapt-heads';

const root = fileURLToPath(new URL('../../../', import.meta.url));

/** data/dev/merchant-listings.tsv: id, lang, text, shopify_id, hard, note. */
async function merchantListings(): Promise<LabelledText[]> {
  const tsv = await readFile(path.join(root, 'data/dev/merchant-listings.tsv'), 'utf8');
  return tsv
    .split('\n')
    .slice(1)
    .map((l) => l.split('\t'))
    .filter((c) => c.length >= 4 && c[2] && c[3])
    .map((c) => ({ text: c[2]!, categoryId: c[3]! }));
}

/** The listings whose top suggestion (level 2) is not their label: what a merchant would correct. */
async function wrongOnes(cat: Categorizer, rows: LabelledText[], max: number): Promise<LabelledText[]> {
  const res = await cat.classifyAsync(
    rows.map((r) => r.text),
    { topK: 1, neighbours: 0, deep: 0 },
  );
  return rows
    .filter((r, i) => {
      const { l2 } = labelIndices(cat.manifest, r.categoryId);
      return l2 >= 0 && res[i]?.level2[0]?.index !== l2;
    })
    .slice(0, max);
}

describe('adaptHeads on the committed pack', () => {
  let cat: Categorizer;
  let corrections: LabelledText[];
  let result: AdaptResult;

  beforeAll(async () => {
    cat = await loadCommittedPack();
    corrections = await wrongOnes(cat, await merchantListings(), 200);
    result = await adaptHeads(cat, corrections, { seed: 7 });
  });
  afterAll(() => cat.dispose());

  it('learns the corrections and keeps the reference accuracy', () => {
    const r = result.report;
    console.info('adapt report', JSON.stringify(r));
    expect(corrections.length).toBeGreaterThanOrEqual(150);
    expect(r.examples).toBe(corrections.length);
    expect(r.labelled.before).toBe(0);
    expect(r.labelled.after).toBeGreaterThanOrEqual(0.95);
    expect(r.reference.before.level1 - r.reference.after.level1).toBeLessThanOrEqual(0.01);
    expect(r.reference.before.level2 - r.reference.after.level2).toBeLessThanOrEqual(0.015);
  });

  it('leaves the live model as it was until the heads are applied, then predicts the corrections', async () => {
    const texts = corrections.map((c) => c.text);
    const want = corrections.map((c) => labelIndices(cat.manifest, c.categoryId).l2);
    const hits = (res: Awaited<ReturnType<Categorizer['classifyAsync']>>) =>
      res.filter((r, i) => r.level2[0]?.index === want[i]).length;
    const opts = { topK: 1, neighbours: 0, deep: 0 };
    const shipped = await readHeads(cat.model, cat.manifest.version);
    expect(hits(await cat.classifyAsync(texts, opts))).toBe(0);
    applyHeads(cat.model, result.heads);
    try {
      expect(hits(await cat.classifyAsync(texts, opts)) / texts.length).toBeCloseTo(
        result.report.labelled.after,
        6,
      );
    } finally {
      applyHeads(cat.model, shipped);
    }
    expect(hits(await cat.classifyAsync(texts, opts))).toBe(0);
  });

  it('is deterministic for a seed', async () => {
    const few = corrections.slice(0, 20);
    const a = await adaptHeads(cat, few, { seed: 3, targetSteps: 30 });
    const b = await adaptHeads(cat, few, { seed: 3, targetSteps: 30 });
    expect(a.heads.layers.map((l) => Array.from(l.bias))).toEqual(
      b.heads.layers.map((l) => Array.from(l.bias)),
    );
  });

  it('stops on cancel without touching the model and without leaking tensors', async () => {
    const before = tf.memory().numTensors;
    let calls = 0;
    await expect(
      adaptHeads(cat, corrections.slice(0, 10), {
        isCancelled: () => ++calls > 3,
        onProgress: () => undefined,
      }),
    ).rejects.toBeInstanceOf(AdaptCancelledError);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('refuses input without any usable label', async () => {
    await expect(adaptHeads(cat, [{ text: 'a lamp', categoryId: 'no-such' }])).rejects.toThrow(/category/);
  });
});
