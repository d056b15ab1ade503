/**
 * Deterministic train/val/test assignment (80/10/10) of real listings, stratified by
 * source x level-1 class. Each stratum's distinct normalized titles are ordered by a seeded hash
 * and cut at the 80% and 90% marks, so:
 *  - the same seed and rows always give the same splits (no Math.random);
 *  - rows sharing a normalized title always share a split (no leakage between splits);
 *  - adding rows to one stratum never moves rows of another.
 * Taxonomy and synthetic rows always go to train.
 */
import type { CorpusRow, Split } from './corpus-types.js';
import { normalizedKey } from './clean.js';

/** 32-bit FNV-1a over UTF-16 code units, then a murmur3 finalizer for good low-bit mixing. */
export function hash32(s: string, seed = 0): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b) >>> 0;
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35) >>> 0;
  h ^= h >>> 16;
  return h >>> 0;
}


export interface SplitFractions {
  train: number;
  val: number;
  test: number;
}
export const DEFAULT_FRACTIONS: SplitFractions = { train: 0.8, val: 0.1, test: 0.1 };
export const DEFAULT_SPLIT_SEED = 20250801;

type SplittableRow = Pick<CorpusRow, 'text' | 'source' | 'kind' | 'l1'> & { split: Split };

/**
 * Sets `split` on every row in place. Strata smaller than 10 titles still get val/test rows by
 * rounding (a stratum of 1 stays in train).
 */
export function assignSplits<T extends SplittableRow>(rows: T[], seed = DEFAULT_SPLIT_SEED, fr: SplitFractions = DEFAULT_FRACTIONS): T[] {
  const strata = new Map<string, Map<string, T[]>>();
  for (const row of rows) {
    if (row.kind !== 'listing') {
      row.split = 'train';
      continue;
    }
    const stratum = `${row.source}|${row.l1}`;
    const groups = strata.get(stratum) ?? new Map<string, T[]>();
    strata.set(stratum, groups);
    const key = normalizedKey(row.text);
    const g = groups.get(key) ?? [];
    g.push(row);
    groups.set(key, g);
  }
  const total = fr.train + fr.val + fr.test;
  for (const [stratum, groups] of strata) {
    const keys = [...groups.keys()];
    const stratumSeed = hash32(stratum, seed);
    // Sort by seeded hash; ties (vanishingly rare) fall back to the key for determinism.
    const order = keys
      .map((k) => ({ k, h: hash32(k, stratumSeed) }))
      .sort((a, b) => a.h - b.h || (a.k < b.k ? -1 : a.k > b.k ? 1 : 0));
    const n = order.length;
    const nTrain = Math.round((n * fr.train) / total);
    const nVal = Math.round((n * (fr.train + fr.val)) / total) - nTrain;
    order.forEach(({ k }, i) => {
      const split: Split = i < nTrain ? 'train' : i < nTrain + nVal ? 'val' : 'test';
      for (const row of groups.get(k) ?? []) row.split = split;
    });
  }
  return rows;
}
