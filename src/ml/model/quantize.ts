/**
 * Weight quantisation codecs matching what tf.io decodes (tfjs-core io_utils decodeWeight):
 * uint8 affine per tensor (x = min + q * scale) and IEEE float16. TF.js reads both but has no
 * writer, so these are ours. Also used for the reference catalog's quantized mu vectors.
 */

/** Levels of a uint8 code. */
const UINT8_MAX = 255;

export interface Uint8Quantized {
  data: Uint8Array;
  min: number;
  scale: number;
}

export interface QuantizeUint8Options {
  /**
   * Keep 0 exactly representable when the range spans it (default true): zero-initialised,
   * never-seen embedding rows then decode to exactly 0. Costs one level (scale = range / 254) so
   * every value still decodes within scale / 2.
   */
  exactZero?: boolean;
}

/** Affine uint8 code; every finite x decodes to min + q * scale within scale / 2 of x. */
export function quantizeUint8(values: Float32Array, opts: QuantizeUint8Options = {}): Uint8Quantized {
  let lo = Infinity;
  let hi = -Infinity;
  for (const x of values) {
    if (!Number.isFinite(x)) throw new Error('quantizeUint8: non-finite value');
    if (x < lo) lo = x;
    if (x > hi) hi = x;
  }
  const data = new Uint8Array(values.length);
  if (values.length === 0) return { data, min: 0, scale: 1 };
  if (hi === lo) {
    // Constant tensor: scale 0 would divide by zero; any positive scale decodes q = 0 to min.
    return { data, min: lo, scale: 1 };
  }
  let min = lo;
  let scale = (hi - lo) / UINT8_MAX;
  if ((opts.exactZero ?? true) && lo < 0 && hi > 0) {
    scale = (hi - lo) / (UINT8_MAX - 1);
    const q0 = Math.round(-lo / scale);
    // min = -(q0 * scale) exactly, so the decoder's q0 * scale + min is exactly 0.
    min = -(q0 * scale);
  }
  for (let i = 0; i < values.length; i++) {
    const q = Math.round(((values[i] ?? 0) - min) / scale);
    data[i] = q < 0 ? 0 : q > UINT8_MAX ? UINT8_MAX : q;
  }
  return { data, min, scale };
}

/**
 * The 256 float32 values a uint8 code stands for, with tf.io's decoder's arithmetic:
 * float32(code * scale + min). Decoding through it gives tf.io's values.
 */
export function uint8Values(min: number, scale: number): Float32Array {
  const lut = new Float32Array(256);
  for (let v = 0; v < 256; v++) lut[v] = v * scale + min;
  return lut;
}

/** Same arithmetic as tf.io's decoder: float32(q * scale + min). */
export function dequantizeUint8(q: Uint8Quantized): Float32Array {
  const out = new Float32Array(q.data.length);
  for (let i = 0; i < q.data.length; i++) out[i] = (q.data[i] ?? 0) * q.scale + q.min;
  return out;
}

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

/** float32 -> float16 bits, round-to-nearest-even, with subnormals, +-inf, NaN (quiet) and -0. */
export function float16Bits(x: number): number {
  f32[0] = x;
  const bits = u32[0] ?? 0;
  const sign = (bits >>> 16) & 0x8000;
  const exp = (bits >>> 23) & 0xff;
  let mant = bits & 0x7fffff;
  if (exp === 0xff) return sign | 0x7c00 | (mant !== 0 ? 0x200 | (mant >>> 13) : 0);
  const e = exp - 127 + 15;
  if (e >= 0x1f) return sign | 0x7c00;
  if (e <= 0) {
    // Below 2^-25 (half the smallest subnormal) everything rounds to zero.
    if (e < -10) return sign;
    mant |= 0x800000;
    const shift = 14 - e;
    const r = mant >>> shift;
    const rem = mant & ((1 << shift) - 1);
    const half = 1 << (shift - 1);
    // A carry out of the subnormal range yields 0x400, the smallest normal: still correct.
    return sign | (rem > half || (rem === half && (r & 1) === 1) ? r + 1 : r);
  }
  const h = (e << 10) | (mant >>> 13);
  const rem = mant & 0x1fff;
  // A mantissa carry bumps the exponent; from the top binade it lands on 0x7c00 (inf), as IEEE.
  return sign | (rem > 0x1000 || (rem === 0x1000 && (h & 1) === 1) ? h + 1 : h);
}

/** float16 bits -> number. */
export function float16Value(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const e = (h >>> 10) & 0x1f;
  const m = h & 0x3ff;
  if (e === 0) return sign * m * 2 ** -24;
  if (e === 0x1f) return m !== 0 ? NaN : sign * Infinity;
  return sign * (1 + m / 1024) * 2 ** (e - 15);
}

export function toFloat16(values: Float32Array): Uint16Array {
  const out = new Uint16Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = float16Bits(values[i] ?? 0);
  return out;
}

export function fromFloat16(bits: Uint16Array): Float32Array {
  const out = new Float32Array(bits.length);
  for (let i = 0; i < bits.length; i++) out[i] = float16Value(bits[i] ?? 0);
  return out;
}
