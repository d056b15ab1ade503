/**
 * The runtime's fast paths against the plain reference code they replace, on the committed pack:
 * nearest catalog items (four rows per pass) against neighbours/cosine.ts, deep suggestions from
 * the typed scan scratch against deepSuggestions over lexicalMatch's Map, and levels-only calls
 * against the full path (the scratch must not carry anything from one row or mode to the next), the
 * async read-back path against the sync one;
 * and a pack with a corrupt file fails with that file named, whichever part was built first.
 */
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initNodeBackend } from '../backend/node-wasm';
import { nearest, normalizeRows } from '../neighbours/cosine';
import { Categorizer } from './categorizer';
import type { PackSource } from './pack-source';
import { committedPackSource, loadCommittedPack } from './test-pack';

const LISTINGS = [
  "Men's waterproof leather hiking boots with Vibram sole",
  '这是一款家庭用智能音箱',
  'Organic green tea, 100 tea bags',
  '不锈钢炒锅 30cm 家用 不粘锅',
  'Weapon holster for the belt, left hand',
  'Stainless steel water bottle with straw lid 750ml for kids 保温杯',
  '!!! ---',
  '',
];

describe('Categorizer fast paths on the committed pack', () => {
  let model: Categorizer;
  beforeAll(async () => {
    model = await loadCommittedPack();
  });
  afterAll(() => model.dispose());

  it('nearest catalog items are exactly cosine.ts nearest over the catalog', () => {
    const d = model.manifest.model.latent;
    const unit = normalizeRows(model.catalogMu, d);
    const res = model.classify(LISTINGS, { topK: 1, neighbours: 7, deep: 0 });
    for (const r of res) {
      const want = nearest(unit, d, r.mu, Math.max(7, model.manifest.catalog.umap.placementNeighbours));
      expect(r.neighbours).toEqual(want.slice(0, 7));
    }
  });

  it('the async path (read-back arrays as outputs, or copied per batch) equals the sync one', async () => {
    const opts = { topK: 5, neighbours: 3, deep: 3 };
    const want = model.classify(LISTINGS, opts);
    // One batch, several batches (3 + 3 + 2 rows), and no rows.
    for (const batchSize of [512, 3])
      expect(await model.classifyAsync(LISTINGS, { ...opts, batchSize })).toEqual(want);
    expect(await model.classifyAsync([], opts)).toEqual([]);
  });

  it('overlapping async calls (reused batch arrays) each get their own rows’ answers', async () => {
    const opts = { topK: 3, neighbours: 0, deep: 0 };
    const a = LISTINGS.slice(0, 4);
    const b = [...LISTINGS.slice(4)].reverse();
    const [gotA, gotB] = await Promise.all([model.classifyAsync(a, opts), model.classifyAsync(b, opts)]);
    expect(gotA).toEqual(model.classify(a, opts));
    expect(gotB).toEqual(model.classify(b, opts));
    // And the arrays are reused once calls no longer overlap.
    expect(await model.classifyAsync(b, opts)).toEqual(gotB);
  });

  it('deep suggestions from the scan scratch equal deepSuggestions over lexicalMatch', () => {
    const n2 = model.level2Labels.length;
    const res = model.classify(LISTINGS, { topK: n2, neighbours: 0, deep: 5 });
    res.forEach((r, i) => {
      // The level-2 probabilities after name evidence, all of them, by class index.
      const p2 = new Float32Array(n2);
      for (const s of r.level2) p2[s.index] = s.prob;
      const want = model.deepSuggestions(p2, 5, model.lexicalMatch(model.featureRow(LISTINGS[i]!)));
      expect(r.deep).toEqual(want);
    });
    expect(res[0]!.deep.length).toBeGreaterThan(0);
  });

  it('levels-only calls give the full path’s levels, in any order of calls', () => {
    const full = model.classify(LISTINGS, { topK: 5, neighbours: 5, deep: 5 });
    const levels = model.classify([...LISTINGS].reverse(), { topK: 5, neighbours: 0, deep: 0 }).reverse();
    const again = model.classify(LISTINGS, { topK: 5, neighbours: 5, deep: 5 });
    levels.forEach((r, i) => {
      expect(r.level1).toEqual(full[i]!.level1);
      expect(r.level2).toEqual(full[i]!.level2);
      expect(again[i]!.deep).toEqual(full[i]!.deep);
    });
    expect(full[1]!.level1[0]!.id).toBe('el');
  });
});

describe('Categorizer.load with a broken file', () => {
  /** The committed pack with one file's bytes flipped (its SHA-256 no longer matches). */
  const corrupt = (bad: string): PackSource => ({
    location: committedPackSource.location,
    read: async (p) => {
      const bytes = await committedPackSource.read(p);
      if (p === bad) bytes[0] = bytes[0]! ^ 0xff;
      return bytes;
    },
  });

  // The parts load side by side: the encoder may already be built when the tables fail.
  it.each(['deep.json', 'catalog.json', 'deep-names.bin', 'group1-shard1of1.bin'])(
    'fails on a corrupt %s with that file named, leaving no tensors behind',
    async (bad) => {
      await initNodeBackend();
      const before = tf.memory().numTensors;
      await expect(Categorizer.load(corrupt(bad))).rejects.toThrow(bad);
      expect(tf.memory().numTensors).toBe(before);
    },
  );
});
