import { describe, expect, it } from 'vitest';
import { fitViewport, niceTicks, panBy, scales, zoomAt } from './viewport';

describe('viewport', () => {
  it('fits the points with a margin and ignores non-finite ones', () => {
    const v = fitViewport([0, 0, 10, 5, NaN, 100]);
    expect(v.x0).toBeLessThan(0);
    expect(v.x1).toBeGreaterThan(10);
    expect(v.y1).toBeGreaterThan(5);
    expect(v.y1).toBeLessThan(100);
  });

  it('keeps the zoom centre fixed and halves the span at factor 2', () => {
    const v = zoomAt({ x0: 0, x1: 10, y0: 0, y1: 10 }, 2, 2, 8);
    expect(v).toEqual({ x0: 1, x1: 6, y0: 4, y1: 9 });
    expect(zoomAt(v, 0.5, 2, 8)).toEqual({ x0: 0, x1: 10, y0: 0, y1: 10 });
  });

  it('pans and maps pixels both ways', () => {
    const v = panBy({ x0: 0, x1: 10, y0: 0, y1: 10 }, 1, -1);
    const s = scales(v, 100, 200);
    expect(s.toPx(1)).toBe(0);
    expect(s.toPy(9)).toBe(0);
    expect(s.fromPx(s.toPx(4.5))).toBeCloseTo(4.5);
    expect(s.fromPy(s.toPy(-0.5))).toBeCloseTo(-0.5);
  });

  it('gives round ticks inside the range', () => {
    expect(niceTicks(0, 10, 5)).toEqual([0, 2, 4, 6, 8, 10]);
    const t = niceTicks(-0.37, 0.81, 6);
    expect(t[0]).toBeGreaterThanOrEqual(-0.37);
    expect(t.at(-1)).toBeLessThanOrEqual(0.81);
    expect(t).toContain(0);
  });
});
