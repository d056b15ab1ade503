import { describe, expect, it } from 'vitest';
import { fitPca, projectPca } from './pca';
import { nearest, normalizeRows, placeByNeighbours } from '../neighbours/cosine';

describe('PCA', () => {
  it('finds the axis of largest variance', () => {
    // points along (1, 1, 0) with small noise on z
    const n = 100;
    const data = new Float32Array(n * 3);
    for (let i = 0; i < n; i++) {
      const t = i / n - 0.5;
      data.set([t * 4, t * 4, Math.sin(i) * 0.01], i * 3);
    }
    const pca = fitPca(data, n, 3);
    const c0 = pca.components[0]!;
    expect(Math.abs(c0[0]!)).toBeCloseTo(Math.SQRT1_2, 3);
    expect(Math.abs(c0[1]!)).toBeCloseTo(Math.SQRT1_2, 3);
    expect(Math.abs(c0[2]!)).toBeLessThan(0.01);
    const [x] = projectPca(pca, [2, 2, 0]);
    expect(Math.abs(x)).toBeCloseTo(Math.hypot(2, 2) - 0, 0);
  });
});

describe('cosine neighbours', () => {
  it('returns the closest rows in order and places a point near them', () => {
    const rows = normalizeRows(new Float32Array([1, 0, 0, 1, 0.9, 0.1, -1, 0]), 2);
    const nb = nearest(rows, 2, [1, 0.05], 2);
    expect(nb.map((x) => x.index)).toEqual([0, 2]);
    expect(nb[0]!.similarity).toBeGreaterThan(0.99);
    const coords = new Float32Array([0, 0, 10, 10, 1, 1, -5, -5]);
    const [px, py] = placeByNeighbours(coords, nb);
    expect(px).toBeGreaterThanOrEqual(0);
    expect(px).toBeLessThanOrEqual(1);
    expect(py).toBeLessThanOrEqual(1);
  });
});
