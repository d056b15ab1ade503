import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Categorizer } from './categorizer';
import { loadCommittedPack } from './test-pack';
import { explainTop, MAX_EXPLAIN_SEGMENTS, segmentForExplain } from './explain';

describe('segmentForExplain', () => {
  it('cuts words and CJK characters, keeping the text exactly', () => {
    const text = "Men's <b>hiking</b> boots, 这是音箱 42码";
    const segs = segmentForExplain(text);
    expect(segs.map((s) => s.text).join('')).toBe(text);
    expect(segs.filter((s) => s.scored).map((s) => s.text)).toEqual([
      'Men',
      's',
      'b',
      'hiking',
      'b',
      'boots',
      '这',
      '是',
      '音',
      '箱',
      '42',
      '码',
    ]);
  });

  it('scores at most MAX_EXPLAIN_SEGMENTS pieces', () => {
    const segs = segmentForExplain(Array.from({ length: 100 }, (_, i) => `w${i}`).join(' '));
    expect(segs.filter((s) => s.scored)).toHaveLength(MAX_EXPLAIN_SEGMENTS);
    expect(segs.filter((s) => /w\d/.test(s.text))).toHaveLength(100);
  });
});

describe('explainTop on the committed pack', () => {
  let model: Categorizer;
  beforeAll(async () => {
    model = await loadCommittedPack();
  });
  afterAll(() => model.dispose());

  it('explains the model’s own top class, and the product words carry it', async () => {
    const text = 'Waterproof hiking boots, the the the';
    const [top] = await model.classifyAsync([text], { neighbours: 0, deep: 0 });
    const e = await explainTop(model, text);
    expect(e.targetId).toBe(top?.level1[0]?.id);
    expect(e.prob).toBeCloseTo(top?.level1[0]?.prob ?? -1, 5);
    expect(e.segments.map((s) => s.text).join('')).toBe(text);
    // Each weight is a real occlusion: classify the text without that word and compare.
    const boots = e.segments.findIndex((s) => s.text === 'boots');
    const without = e.segments.map((s, i) => (i === boots ? ' ' : s.text)).join('');
    const [w] = await model.classifyAsync([without], { topK: 21, neighbours: 0, deep: 0 });
    const pWithout = w?.level1.find((s) => s.id === e.targetId)?.prob ?? 0;
    expect(e.segments[boots]?.weight).toBeCloseTo(e.prob - pWithout, 5);
    const weight = (word: string) =>
      Math.max(...e.segments.filter((s) => s.text === word).map((s) => s.weight));
    expect(Math.max(weight('boots'), weight('hiking'), weight('Waterproof'))).toBeGreaterThan(weight('the'));
  });
});
