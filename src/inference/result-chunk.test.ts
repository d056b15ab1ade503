/**
 * Result chunks against the objects the categorizer makes: a batch's columns, sent the way the
 * worker sends them (structured clone with the buffers transferred), decode on the other side to
 * the same categories, probabilities, positions, deep suggestions and neighbours. Committed pack.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Categorizer } from '../ml/pack/categorizer';
import { loadCommittedPack } from '../ml/pack/test-pack';
import { chunkOf, chunkTransfer, decodeChunk, plainResult, type ResultChunk } from './result-chunk';

const LISTINGS = [
  "Men's waterproof leather hiking boots with Vibram sole",
  '不锈钢炒锅 30cm 家用 不粘锅',
  'Stainless steel water bottle with straw lid 750ml for kids 保温杯',
  '<script>alert(1)</script> 🙂🙂',
  '',
];

describe('result chunks', () => {
  let model: Categorizer;
  beforeAll(async () => {
    model = await loadCommittedPack();
  });
  afterAll(() => model.dispose());

  for (const opts of [
    { topK: 5, neighbours: 5, deep: 5 },
    { topK: 2, neighbours: 0, deep: 0 },
  ]) {
    it(`decode to the categorizer's results after a transfer (${JSON.stringify(opts)})`, () => {
      const rows = LISTINGS.map((t) => model.featureRow(t));
      const want = model.classifyRows(rows, opts);
      const { labels, catalog } = { labels: model.manifest.labels, catalog: model.catalog };
      const chunk = chunkOf(model.columnsRows(rows, opts), 40, catalog, labels);
      const sent = structuredClone(chunk, { transfer: chunkTransfer(chunk) });
      // Transferred, not copied: the sender's views are detached.
      expect(chunk.level1Prob.length).toBe(0);
      expect(chunk.mu.length).toBe(0);
      const got = decodeChunk(sent, labels);
      expect(sent.start).toBe(40);
      expect(got).toHaveLength(LISTINGS.length);
      got.forEach((r, i) => {
        const w = want[i]!;
        expect(r.level1.map((s) => [s.id, s.prob])).toEqual(w.level1.map((s) => [s.id, s.prob]));
        expect(r.level2.map((s) => [s.id, s.prob])).toEqual(w.level2.map((s) => [s.id, s.prob]));
        const l2 = labels.level2[w.level2[0]!.index]!;
        expect(r.level2[0]).toMatchObject({ nameEn: l2.nameEn, nameZh: l2.nameZh, googleId: l2.googleId });
        expect(Array.from(r.mu)).toEqual(Array.from(w.mu));
        expect(r.pca).toEqual(w.pca);
        expect(r.umap).toEqual(w.umap);
        expect(r.empty).toBe(w.empty);
        expect(r.deep).toEqual(w.deep);
        expect(r.neighbours.map((n) => n.similarity)).toEqual(w.neighbours.map((n) => n.similarity));
        expect(r.neighbours.map((n) => n.text)).toEqual(w.neighbours.map((n) => catalog[n.index]!.t));
      });
      expect(got[4]!.empty).toBe(true);
      expect(got[0]!.level1).toHaveLength(opts.topK);
    });
  }

  it('rows decode when read, keep what they decoded, and serialize as plain results', () => {
    const rows = [LISTINGS[0]!].map((t) => model.featureRow(t));
    const opts = { topK: 3, neighbours: 2, deep: 0 };
    const want = model.classifyRows(rows, opts)[0]!;
    const chunk = chunkOf(model.columnsRows(rows, opts), 0, model.catalog, model.manifest.labels);
    // No deep suggestions asked for: the chunk carries no per-row arrays for them.
    expect(chunk.deep).toHaveLength(0);
    const [row] = decodeChunk(chunk, model.manifest.labels);
    expect(row!.level1).toBe(row!.level1);
    expect(row!.mu).toBe(row!.mu);
    expect(row!.deep).toEqual([]);
    const plain = JSON.parse(JSON.stringify(row)) as ReturnType<typeof plainResult>;
    expect(plain.level1.map((s) => s.id)).toEqual(want.level1.map((s) => s.id));
    expect(plain.neighbours).toHaveLength(2);
    expect(Object.keys(plainResult(row!)).sort()).toEqual(
      ['deep', 'empty', 'level1', 'level2', 'mu', 'neighbours', 'pca', 'umap'].sort(),
    );
    expect({ ...plainResult(row!) }.level2).toBe(row!.level2);
    // Not plain data itself: a structured clone carries none of the chunk behind it; plainResult does.
    expect(structuredClone(row)).toEqual({});
    expect(structuredClone(plainResult(row!)).level1.map((s) => s.id)).toEqual(want.level1.map((s) => s.id));
  });

  it('an empty request makes an empty chunk', () => {
    const c: ResultChunk = chunkOf(model.columnsRows([], {}), 0, model.catalog, model.manifest.labels);
    expect(decodeChunk(c, model.manifest.labels)).toEqual([]);
  });
});
