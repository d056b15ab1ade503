/** Codec tests: uint8 affine error bound, exact zero, float16 special values and rounding. */
import { describe, expect, it } from 'vitest';
import {
  dequantizeUint8,
  float16Bits,
  float16Value,
  fromFloat16,
  quantizeUint8,
  toFloat16,
} from './quantize';

function rand(n: number, seed: number, lo: number, hi: number): Float32Array {
  let s = seed >>> 0;
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = lo + ((hi - lo) * s) / 2 ** 32;
  }
  return out;
}

describe('quantizeUint8', () => {
  it.each([
    ['spanning zero', -0.7, 1.3],
    ['all positive', 0.5, 3],
    ['all negative', -4, -1],
  ])('round trip error <= scale/2 (%s)', (_n, lo, hi) => {
    const x = rand(10_000, 7, lo, hi);
    const q = quantizeUint8(x);
    const y = dequantizeUint8(q);
    let worst = 0;
    for (let i = 0; i < x.length; i++) worst = Math.max(worst, Math.abs((x[i] ?? 0) - (y[i] ?? 0)));
    // float32 storage of the decoded value adds at most ~1 ulp on top of scale / 2.
    expect(worst).toBeLessThanOrEqual(q.scale / 2 + 1e-6);
  });

  it('keeps zero exact when the range spans it', () => {
    const x = rand(1000, 3, -0.31, 0.77);
    x[5] = 0;
    const y = dequantizeUint8(quantizeUint8(x));
    expect(y[5]).toBe(0);
  });

  it('handles constant tensors without dividing by zero', () => {
    const q = quantizeUint8(new Float32Array([2.5, 2.5, 2.5]));
    expect(Array.from(dequantizeUint8(q))).toEqual([2.5, 2.5, 2.5]);
    expect(Array.from(dequantizeUint8(quantizeUint8(new Float32Array(4))))).toEqual([0, 0, 0, 0]);
  });
});

describe('float16', () => {
  it('encodes special values', () => {
    expect(float16Bits(0)).toBe(0x0000);
    expect(float16Bits(-0)).toBe(0x8000);
    expect(float16Bits(1)).toBe(0x3c00);
    expect(float16Bits(-2)).toBe(0xc000);
    expect(float16Bits(65504)).toBe(0x7bff); // max half
    expect(float16Bits(65520)).toBe(0x7c00); // rounds (to even) up to inf
    expect(float16Bits(Infinity)).toBe(0x7c00);
    expect(float16Bits(-Infinity)).toBe(0xfc00);
    expect(float16Bits(NaN) & 0x7c00).toBe(0x7c00);
    expect(float16Bits(NaN) & 0x3ff).not.toBe(0);
    expect(float16Bits(2 ** -24)).toBe(0x0001); // smallest subnormal
    expect(float16Bits(2 ** -25)).toBe(0x0000); // exact tie -> even (0)
    expect(float16Bits(1.5 * 2 ** -25)).toBe(0x0001);
    expect(float16Bits(2 ** -14)).toBe(0x0400); // smallest normal
    expect(float16Bits(1e-30)).toBe(0);
  });

  it('rounds to nearest even', () => {
    // 1 + 2^-11 is halfway between 1 and 1 + 2^-10: ties to even (1).
    expect(float16Bits(1 + 2 ** -11)).toBe(0x3c00);
    // 1 + 3 * 2^-11 is halfway between 1+2^-10 (odd) and 1+2^-9 (even).
    expect(float16Bits(1 + 3 * 2 ** -11)).toBe(0x3c02);
    expect(float16Bits(1 + 2 ** -11 + 2 ** -20)).toBe(0x3c01);
  });

  it('decodes every half exactly back to the same bits', () => {
    for (let h = 0; h < 0x10000; h++) {
      const v = float16Value(h);
      const e = (h >>> 10) & 0x1f;
      if (e === 0x1f && (h & 0x3ff) !== 0) {
        expect(Number.isNaN(v)).toBe(true);
        continue;
      }
      expect(float16Bits(v)).toBe(h);
    }
  });

  it('round trips arrays within half precision', () => {
    const x = rand(5000, 11, -3, 3);
    const y = fromFloat16(toFloat16(x));
    for (let i = 0; i < x.length; i++) {
      const a = x[i] ?? 0;
      expect(Math.abs(a - (y[i] ?? 0))).toBeLessThanOrEqual(Math.max(Math.abs(a) * 2 ** -11, 2 ** -25));
    }
  });
});
