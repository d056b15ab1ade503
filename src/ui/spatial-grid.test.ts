import { describe, expect, it } from 'vitest';
import { buildGrid, nearestInGrid } from './spatial-grid';

/** Seeded points so a failure replays. */
function points(n: number, seed = 7): Float32Array {
  let s = seed;
  const rnd = () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32) * 10 - 5;
  return Float32Array.from({ length: 2 * n }, rnd);
}

function bruteNearest(c: Float32Array, x: number, y: number, rx: number, ry: number, skip = -1): number {
  let best = -1;
  let bestD = 1;
  for (let i = 0; i < c.length / 2; i++) {
    if (i === skip) continue;
    const d = ((c[2 * i]! - x) / rx) ** 2 + ((c[2 * i + 1]! - y) / ry) ** 2;
    if (d <= bestD) [best, bestD] = [i, d];
  }
  return best;
}

describe('spatial grid', () => {
  it('finds the same nearest point as a full scan', () => {
    const c = points(5000);
    const g = buildGrid(c);
    const q = points(200, 99);
    for (let k = 0; k < 200; k++) {
      const [x, y] = [q[2 * k]!, q[2 * k + 1]!];
      expect(nearestInGrid(g, x, y, 0.3, 0.15)).toBe(bruteNearest(c, x, y, 0.3, 0.15));
    }
  });

  it('answers -1 when nothing is within the radius, and respects the filter', () => {
    const c = Float32Array.from([0, 0, 1, 1, 1.05, 1]);
    const g = buildGrid(c);
    expect(nearestInGrid(g, 5, 5, 0.1, 0.1)).toBe(-1);
    expect(nearestInGrid(g, 1.04, 1, 0.2, 0.2)).toBe(2);
    expect(nearestInGrid(g, 1.04, 1, 0.2, 0.2, (i) => i !== 2)).toBe(1);
  });

  it('skips non-finite coordinates', () => {
    const c = Float32Array.from([NaN, 0, 0.5, 0.5]);
    const g = buildGrid(c);
    expect(g.order.length).toBe(1);
    expect(nearestInGrid(g, 0.5, 0.5, 1, 1)).toBe(1);
  });
});
