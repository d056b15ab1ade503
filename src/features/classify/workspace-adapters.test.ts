import { describe, expect, it } from 'vitest';
import type { CategoryScore, Explanation } from '../../inference/inference-client';
import type { CategoryInfo } from '../../state/workspace-slice';
import { chartRows, highlights, MIN_SHARE, pathIn, topPushers } from './workspace-adapters';

const s = (id: string, prob: number): CategoryScore => ({
  id,
  nameEn: `${id} en`,
  nameZh: `${id} 中`,
  pathEn: `Root > ${id} en`,
  googleId: null,
  prob,
});

describe('chartRows', () => {
  it('keeps the order, names in the chosen language, percent with one decimal', () => {
    expect(chartRows([s('el', 0.91234), s('hg', 0.0567)], 'en')).toEqual([
      { id: 'el', name: 'el en', pct: 91.2 },
      { id: 'hg', name: 'hg en', pct: 5.7 },
    ]);
    expect(chartRows([s('el', 1)], 'zh')[0]?.name).toBe('el 中');
  });
});

describe('pathIn', () => {
  const index = new Map<string, CategoryInfo>([
    [
      'el',
      {
        id: 'el',
        nameEn: 'E',
        nameZh: '电',
        pathEn: 'Electronics',
        pathZh: '电子产品',
        googleId: 1,
        parent: null,
      },
    ],
  ]);
  it('uses the pack path in the chosen language, else the score path', () => {
    expect(pathIn(s('el', 1), 'zh', index)).toBe('电子产品');
    expect(pathIn(s('el', 1), 'en', index)).toBe('Electronics');
    expect(pathIn(s('xx', 1), 'zh', index)).toBe('Root > xx en');
  });
});

describe('highlights', () => {
  const e: Explanation = {
    targetId: 'el',
    prob: 0.9,
    segments: [
      { text: 'smart', weight: 0.2, scored: true },
      { text: ' ', weight: 0, scored: false },
      { text: 'speaker', weight: 0.4, scored: true },
      { text: ' ', weight: 0, scored: false },
      { text: 'red', weight: 0.4 * (MIN_SHARE / 2), scored: true },
      { text: ' ', weight: 0, scored: false },
      { text: 'case', weight: -0.1, scored: true },
    ],
  };
  it('scales by the strongest piece and drops noise', () => {
    const h = highlights(e);
    expect(h.map((x) => x.text).join('')).toBe('smart speaker red case');
    expect(h.map((x) => x.strength)).toEqual([0.5, 0, 1, 0, 0, 0, -0.25]);
    expect(h[2]?.points).toBe(40);
  });
  it('lists the words that pushed most first', () => {
    expect(topPushers(e, 2)).toEqual(['speaker', 'smart']);
  });
  it('handles a listing where nothing matters', () => {
    expect(highlights({ ...e, segments: [{ text: 'x', weight: 0, scored: true }] })[0]?.strength).toBe(0);
  });
});
