/**
 * The WebAssembly dot products against the plain loop they replace, bit for bit: rows paired across
 * SIMD lanes must not change any row's sum (each still adds its products in dim order), including
 * an odd row count (the last row paired with zeros) and fewer rows than one pass takes.
 */
import { describe, expect, it } from 'vitest';
import { createCatalogDots } from './catalog-dots';

function plainDots(unit: Float32Array, d: number, q: Float64Array): Float64Array {
  const n = unit.length / d;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < d; j++) s += unit[i * d + j]! * q[j]!;
    out[i] = s;
  }
  return out;
}

/** Deterministic values in [-1, 1) with many mantissa bits (a sum's rounding shows if order changes). */
function values(count: number, seed: number): number[] {
  let x = seed >>> 0;
  return Array.from({ length: count }, () => {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    return x / 2 ** 31 - 1;
  });
}

describe('createCatalogDots', () => {
  it.each([
    [4000, 64],
    [11, 6],
    [9, 64],
    [3, 5],
    [1, 7],
  ])('gives the plain loop’s sums exactly (%i rows x %i dims)', (n, d) => {
    const unit = Float32Array.from(values(n * d, n + d));
    const kernel = createCatalogDots(unit, d);
    expect(kernel).not.toBeNull();
    for (const seed of [1, 2, 3]) {
      const q = Float64Array.from(values(d, seed * 97));
      const got = kernel!.dots(q);
      expect(got).toHaveLength(n);
      expect(Array.from(got)).toEqual(Array.from(plainDots(unit, d, q)));
    }
  });
});
