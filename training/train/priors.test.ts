import { describe, expect, it } from 'vitest';
import type { EncodedSet } from './dataset';
import { trainingPriors } from './priors';

const set = (level1: number[], level2: number[], kind: string[]): EncodedSet => ({
  n: level1.length,
  ids: level1.map(() => new Int32Array(0)),
  level1: Int32Array.from(level1),
  level2: Int32Array.from(level2),
  lang: level1.map(() => 'en' as const),
  source: level1.map(() => 's'),
  kind,
  deep: level1.map(() => ''),
  words: level1.map(() => []),
});

describe('training priors', () => {
  // Class 0 has 3 rows, class 1 has 1: natural shares 3:1.
  const s = set([0, 0, 0, 1], [0, 0, 1, 2], ['listing', 'listing', 'listing', 'listing']);

  it('is the natural distribution without balancing and uniform with full balancing', () => {
    expect(trainingPriors(s, 0, { listing: 1 }, 2, 3).level1).toEqual([0.75, 0.25]);
    expect(trainingPriors(s, 1, { listing: 1 }, 2, 3).level1).toEqual([0.5, 0.5]);
  });

  it('follows the sampler for level 2 and kind weights', () => {
    const p = trainingPriors(s, 1, { listing: 1 }, 2, 3);
    expect(p.level2[0]! / p.level2[1]!).toBeCloseTo(2);
    expect(p.level2[2]).toBeCloseTo(0.5);
    const weighted = trainingPriors(
      set([0, 1], [0, 1], ['listing', 'synthetic']),
      0,
      { listing: 1, synthetic: 3 },
      2,
      2,
    );
    expect(weighted.level1).toEqual([0.25, 0.75]);
  });
});
