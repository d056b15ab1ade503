import { describe, expect, it } from 'vitest';
import type { CatalogRow, LabelEntry } from '../../inference/inference-client';
import {
  colourPoints,
  hasPredictions,
  markerSeries,
  mutedMask,
  placeNeighbours,
  repeatCatalog,
  searchMatches,
} from './map-adapters';

const label = (id: string, nameEn: string, parent: string | null = null): LabelEntry => ({
  id,
  nameEn,
  nameZh: nameEn,
  pathEn: parent ? `${parent} > ${nameEn}` : nameEn,
  pathZh: nameEn,
  googleId: null,
  parent,
});
const level1 = [label('ap', 'Animals'), label('el', 'Electronics'), label('tg', 'Toys')];
const level2 = [label('ap-1', 'Pets', 'Animals'), label('el-1', 'Audio', 'Electronics')];
const row = (t: string, l1: number, s = 'amazon', p1?: number): CatalogRow => ({
  t,
  l1,
  l2: l1 === 1 ? 1 : 0,
  s,
  g: 'en',
  sp: 'test',
  ...(p1 === undefined ? {} : { p1 }),
});

describe('colourPoints', () => {
  const rows = [row('Dog bed', 0), row('Speaker', 1, 'flipkart'), row('Lego set', 2), row('Headphones', 1)];

  it('colours level 1 by label index, legend in label order with counts', () => {
    const c = colourPoints(rows, 'level1', level1, level2);
    expect(c.legend.map((l) => [l.label, l.count])).toEqual([
      ['Animals', 1],
      ['Electronics', 2],
      ['Toys', 1],
    ]);
    expect(c.palette[c.colorIndex[1]!]).toBe(c.palette[c.colorIndex[3]!]);
    expect(c.palette[c.colorIndex[0]!]).not.toBe(c.palette[c.colorIndex[1]!]);
    // The same category keeps its colour when other categories are absent.
    const only = colourPoints([row('Speaker', 1)], 'level1', level1, level2);
    expect(only.legend[0]!.color).toBe(c.legend[1]!.color);
  });

  it('groups by source alphabetically and puts unknown labels last', () => {
    const c = colourPoints([...rows, row('???', -1)], 'source', level1, level2);
    expect(c.legend.map((l) => l.key)).toEqual(['amazon', 'flipkart']);
    const l = colourPoints([...rows, row('???', -1)], 'level1', level1, level2);
    expect(l.legend.at(-1)!.key).toBe('unknown');
  });

  it('marks correct and incorrect predictions', () => {
    const c = colourPoints(
      [row('a', 1, 'x', 1), row('b', 1, 'x', 2), row('c', 2)],
      'correct',
      level1,
      level2,
    );
    expect(c.legend.map((l) => [l.key, l.count])).toEqual([
      ['correct', 1],
      ['incorrect', 1],
      ['unknown', 1],
    ]);
    expect(hasPredictions([row('a', 1)])).toBe(false);
    expect(hasPredictions([row('a', 1, 'x', 1)])).toBe(true);
  });

  it('greys the hidden legend entries only', () => {
    const c = colourPoints(rows, 'level1', level1, level2);
    expect(Array.from(mutedMask(c, ['1']))).toEqual([0, 1, 0, 1]);
    expect(Array.from(mutedMask(c, []))).toEqual([0, 0, 0, 0]);
  });
});

describe('searchMatches', () => {
  const rows = [row('LEGO City Fire Station', 2), row('Ｌｅｇｏ Duplo', 2), row('Dog bed', 0)];
  it('matches case- and width-insensitively', () => {
    expect(Array.from(searchMatches(rows, 'lego')!)).toEqual([0, 1]);
    expect(Array.from(searchMatches(rows, 'cat')!)).toEqual([]);
    expect(searchMatches(rows, '   ')).toBeNull();
  });
});

describe('placeNeighbours', () => {
  it('finds rows by text and level-1 id, each row once', () => {
    const rows = [row('Speaker', 1), row('Speaker', 1), row('Speaker', 2), row('Dog bed', 0)];
    const placed = placeNeighbours(
      [
        { text: 'Speaker', level1: 'tg', level2: '', similarity: 0.9 },
        { text: 'Speaker', level1: 'el', level2: '', similarity: 0.8 },
        { text: 'Speaker', level1: 'el', level2: '', similarity: 0.7 },
        { text: 'Not there', level1: 'el', level2: '', similarity: 0.1 },
      ],
      rows,
      level1,
    );
    expect(placed.map((p) => p.index)).toEqual([2, 0, 1, -1]);
  });
});

describe('repeatCatalog', () => {
  it('reaches the target count, keeping the original points first', () => {
    const rows = [row('a', 0), row('b', 1)];
    const coords = Float32Array.from([0, 0, 1, 1]);
    const r = repeatCatalog(rows, coords, 5);
    expect(r.rows).toHaveLength(5);
    expect(r.coords).toHaveLength(10);
    expect(Array.from(r.coords.slice(0, 4))).toEqual([0, 0, 1, 1]);
    expect(Math.abs(r.coords[4]! - 0)).toBeLessThan(0.02);
    expect(repeatCatalog(rows, coords, 1).rows).toHaveLength(1);
  });
});

describe('markerSeries', () => {
  const coords = Float32Array.from([0, 0, 1, 2, 3, 4]);
  const n = (index: number) => ({ text: 't', level1: 'el', level2: '', similarity: 0.5, index });

  it('marks placed neighbours, the selection and the live listing on top', () => {
    const m = markerSeries(coords, 3, [n(1), n(-1), n(2)], 0, [5, 6]);
    expect(m.map((s) => s.name)).toEqual(['Nearest neighbours', 'Selected', 'Your listing']);
    expect(m[0]!.points).toEqual([
      { x: 1, y: 2 },
      { x: 3, y: 4 },
    ]);
    expect(m[1]!.points).toEqual([{ x: 0, y: 0 }]);
    expect(m[2]!.points).toEqual([{ x: 5, y: 6 }]);
  });

  it('leaves out what is not there', () => {
    expect(markerSeries(coords, 3, [n(-1)], null, null)).toEqual([]);
    expect(markerSeries(coords, 3, [], 7, [NaN, 1])).toEqual([]);
  });
});
