import { describe, expect, it } from 'vitest';
import type { CorpusRow } from './corpus-types.js';
import { normalizedKey } from './clean.js';
import { mulberry32 } from '../../src/ml/model/mulberry32.js';
import { assignSplits, hash32 } from './split.js';

function rows(n: number, source: CorpusRow['source'] = 'amazon', l1 = 'tg'): CorpusRow[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `${source}:${l1}:${i}`,
    text: `product ${l1} number ${i}`,
    lang: 'en',
    source,
    kind: 'listing',
    split: 'train',
    l1,
    l2: null,
    deep: l1,
  }));
}

describe('mulberry32 / hash32', () => {
  it('is deterministic and seed-dependent', () => {
    const a = mulberry32(1);
    const b = mulberry32(1);
    const c = mulberry32(2);
    const xs = [a(), a(), a()];
    expect([b(), b(), b()]).toEqual(xs);
    expect(c()).not.toBe(xs[0]);
    for (const x of xs) expect(x >= 0 && x < 1).toBe(true);
    expect(hash32('abc', 1)).toBe(hash32('abc', 1));
    expect(hash32('abc', 1)).not.toBe(hash32('abc', 2));
  });
});

describe('assignSplits', () => {
  it('gives 80/10/10 within each source x level-1 stratum', () => {
    const all = [...rows(1000, 'amazon', 'tg'), ...rows(200, 'instacart', 'fb'), ...rows(50, 'amazon', 'aa')];
    assignSplits(all, 7);
    const count = (src: string, l1: string, s: string): number => all.filter((r) => r.source === src && r.l1 === l1 && r.split === s).length;
    expect([count('amazon', 'tg', 'train'), count('amazon', 'tg', 'val'), count('amazon', 'tg', 'test')]).toEqual([800, 100, 100]);
    expect([count('instacart', 'fb', 'train'), count('instacart', 'fb', 'val'), count('instacart', 'fb', 'test')]).toEqual([160, 20, 20]);
    expect([count('amazon', 'aa', 'train'), count('amazon', 'aa', 'val'), count('amazon', 'aa', 'test')]).toEqual([40, 5, 5]);
  });
  it('is deterministic for a seed and changes with the seed', () => {
    const a = assignSplits(rows(300), 1).map((r) => r.split);
    const b = assignSplits(rows(300), 1).map((r) => r.split);
    const c = assignSplits(rows(300), 2).map((r) => r.split);
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
  });
  it('does not move rows when another stratum grows', () => {
    const base = rows(300);
    assignSplits([...base, ...rows(10, 'flipkart', 'hg')], 3);
    const before = base.map((r) => r.split);
    const again = rows(300);
    assignSplits([...again, ...rows(500, 'flipkart', 'hg')], 3);
    expect(again.map((r) => r.split)).toEqual(before);
  });
  it('never puts one normalized title in two splits', () => {
    const dup = rows(200).flatMap((r) => [r, { ...r, id: `${r.id}b`, text: `${r.text.toUpperCase()}!!` }]);
    assignSplits(dup, 5);
    const splitsByKey = new Map<string, Set<string>>();
    for (const r of dup) (splitsByKey.get(normalizedKey(r.text)) ?? splitsByKey.set(normalizedKey(r.text), new Set()).get(normalizedKey(r.text)))?.add(r.split);
    for (const s of splitsByKey.values()) expect(s.size).toBe(1);
  });
  it('keeps taxonomy and synthetic rows in train', () => {
    const other: CorpusRow[] = rows(100).map((r, i) => ({ ...r, kind: i % 2 === 0 ? 'taxonomy' : 'synthetic', split: 'test' }));
    assignSplits(other, 1);
    expect(other.map((r) => r.split)).toEqual(other.map(() => 'train'));
  });
  it('keeps a stratum of one row in train', () => {
    const one = rows(1);
    assignSplits(one, 1);
    expect(one[0]?.split).toBe('train');
  });
});
