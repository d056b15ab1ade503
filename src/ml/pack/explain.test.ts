import { describe, expect, it } from 'vitest';
import { MAX_EXPLAIN_SEGMENTS, segmentForExplain } from './explain';

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
