/**
 * MurmurHash3 x86 32-bit (Austin Appleby's reference `MurmurHash3_x86_32`) over the UTF-8 bytes
 * of a string. Hand-written UTF-8 so Node, browsers and the Python trainer (mmh3.hash(s, seed,
 * signed=False)) agree byte for byte without TextEncoder or Buffer.
 */

const C1 = 0xcc9e2d51;
const C2 = 0x1b873593;

/** murmur3's last step: the length, then the avalanche (signed 32-bit; `>>> 0` for unsigned). */
function fmix32(h: number, len: number): number {
  h ^= len;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

// Reused encode buffer: hashing runs per feature, so no allocation per call.
let scratch = new Uint8Array(1024);

/**
 * Writes the UTF-8 encoding of `s` into the shared scratch buffer and returns its length.
 * Lone surrogates become U+FFFD (EF BF BD), as TextEncoder does; tokenizer features never
 * contain them, so this only matters for arbitrary callers.
 */
function utf8Encode(s: string): number {
  const n = s.length;
  if (scratch.length < n * 3) scratch = new Uint8Array(Math.max(n * 3, scratch.length * 2));
  return utf8Into(s, 0, n, scratch, 0);
}

/** MurmurHash3 x86_32 of `bytes[0..len)`; returns an unsigned 32-bit integer. */
export function murmur3_32Bytes(bytes: Uint8Array, len: number, seed: number): number {
  let h = seed | 0;
  const nBlocks = len >> 2;
  let i = 0;
  for (let blk = 0; blk < nBlocks; blk++, i += 4) {
    let k =
      (bytes[i] as number) |
      ((bytes[i + 1] as number) << 8) |
      ((bytes[i + 2] as number) << 16) |
      ((bytes[i + 3] as number) << 24);
    k = Math.imul(k, C1);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, C2);
    h ^= k;
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }
  const rem = len & 3;
  if (rem !== 0) {
    let k = 0;
    if (rem === 3) k ^= (bytes[i + 2] as number) << 16;
    if (rem >= 2) k ^= (bytes[i + 1] as number) << 8;
    k ^= bytes[i] as number;
    k = Math.imul(k, C1);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, C2);
    h ^= k;
  }
  return fmix32(h, len) >>> 0;
}

// Streaming state, so a feature made of parts ("c:" + a slice of a word) is hashed without
// building the string: concatenated strings would be flattened on first read, which costs
// more than the hash itself.
let sH = 0;
let sK = 0;
let sShift = 0;
let sLen = 0;

/** Starts a streaming hash; follow with {@link hashFeed} calls and {@link hashEnd}. */
export function hashBegin(seed: number): void {
  sH = seed | 0;
  sK = 0;
  sShift = 0;
  sLen = 0;
}

/**
 * Feeds the UTF-8 bytes of s[from, to). A surrogate pair must not straddle two feeds (an
 * unpaired half is hashed as U+FFFD).
 */
export function hashFeed(s: string, from: number, to: number): void {
  let h = sH;
  let k = sK;
  let shift = sShift;
  let len = sLen;
  for (let i = from; i < to; i++) {
    let c = s.charCodeAt(i);
    if (c < 0x80) {
      // The murmur block step is inlined here and below on purpose: this loop runs for every
      // feature of every keystroke, and the ASCII path must not pay for a call per byte.
      k |= c << shift;
      len++;
      if ((shift += 8) === 32) {
        k = Math.imul(k, C1);
        k = (k << 15) | (k >>> 17);
        h ^= Math.imul(k, C2);
        h = (h << 13) | (h >>> 19);
        h = (Math.imul(h, 5) + 0xe6546b64) | 0;
        k = 0;
        shift = 0;
      }
      continue;
    }
    // Pack the 2-4 UTF-8 bytes, first byte lowest, then feed them one by one.
    let bytes: number;
    let nb: number;
    if (c < 0x800) {
      bytes = 0xc0 | (c >> 6) | ((0x80 | (c & 0x3f)) << 8);
      nb = 2;
    } else {
      if (c >= 0xd800 && c <= 0xdfff) {
        const d = i + 1 < to ? s.charCodeAt(i + 1) : 0;
        if (c <= 0xdbff && d >= 0xdc00 && d <= 0xdfff) {
          const cp = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
          i++;
          bytes =
            0xf0 |
            (cp >> 18) |
            ((0x80 | ((cp >> 12) & 0x3f)) << 8) |
            ((0x80 | ((cp >> 6) & 0x3f)) << 16) |
            ((0x80 | (cp & 0x3f)) << 24);
          nb = 4;
        } else {
          c = 0xfffd; // lone surrogate, as TextEncoder does
          bytes = 0xe0 | (c >> 12) | ((0x80 | ((c >> 6) & 0x3f)) << 8) | ((0x80 | (c & 0x3f)) << 16);
          nb = 3;
        }
      } else {
        bytes = 0xe0 | (c >> 12) | ((0x80 | ((c >> 6) & 0x3f)) << 8) | ((0x80 | (c & 0x3f)) << 16);
        nb = 3;
      }
    }
    for (let b = 0; b < nb; b++) {
      k |= ((bytes >>> (8 * b)) & 0xff) << shift;
      len++;
      if ((shift += 8) === 32) {
        k = Math.imul(k, C1);
        k = (k << 15) | (k >>> 17);
        h ^= Math.imul(k, C2);
        h = (h << 13) | (h >>> 19);
        h = (Math.imul(h, 5) + 0xe6546b64) | 0;
        k = 0;
        shift = 0;
      }
    }
  }
  sH = h;
  sK = k;
  sShift = shift;
  sLen = len;
}

/** Finishes the streaming hash: the unsigned 32-bit MurmurHash3 of everything fed. */
export function hashEnd(): number {
  let h = sH;
  if (sShift !== 0) {
    let k = Math.imul(sK, C1);
    k = (k << 15) | (k >>> 17);
    h ^= Math.imul(k, C2);
  }
  return fmix32(h, sLen) >>> 0;
}

/**
 * Murmur state after hashing a fixed feature prefix ("c:", "w:", "num:"): the full blocks are
 * mixed into `h`, the 0-3 leftover bytes wait in `k`. Built once per prefix and seed, so each
 * feature hashes only its own bytes (see {@link hashAfterPrefix}).
 */
export interface HashPrefix {
  readonly h: number;
  readonly k: number;
  /** Bytes waiting in k (0-3). */
  readonly nk: number;
  /** UTF-8 length of the prefix. */
  readonly len: number;
}

/** The {@link HashPrefix} of `prefix` (any string) under `seed`. */
export function hashPrefix(prefix: string, seed: number): HashPrefix {
  hashBegin(seed);
  hashFeed(prefix, 0, prefix.length);
  return { h: sH, k: sK, nk: sShift >> 3, len: sLen };
}

/**
 * MurmurHash3 x86_32 of the prefix's UTF-8 bytes followed by bytes[from, to), as a SIGNED
 * 32-bit integer: `>>> 0` of it equals murmur3_32(prefix + text) when bytes[from, to) is the
 * UTF-8 of text. Signed because an int32 return never allocates a heap number when the call is
 * not inlined; an unsigned value above 2^31 would, once per feature. Reads the bytes in place:
 * the tokenizer's hot path, which encodes each word once and hashes every n-gram from it.
 */
export function hashAfterPrefix(p: HashPrefix, bytes: Uint8Array, from: number, to: number): number {
  let h = p.h;
  let k = p.k;
  let nk = p.nk;
  let i = from;
  if (nk !== 0) {
    // Complete the block the prefix started.
    while (nk < 4 && i < to) {
      k |= (bytes[i++] as number) << (nk << 3);
      nk++;
    }
    if (nk === 4) {
      k = Math.imul(k, C1);
      k = (k << 15) | (k >>> 17);
      h ^= Math.imul(k, C2);
      h = (h << 13) | (h >>> 19);
      h = (Math.imul(h, 5) + 0xe6546b64) | 0;
      k = 0;
      nk = 0;
    }
  }
  for (; i + 4 <= to; i += 4) {
    k =
      (bytes[i] as number) |
      ((bytes[i + 1] as number) << 8) |
      ((bytes[i + 2] as number) << 16) |
      ((bytes[i + 3] as number) << 24);
    k = Math.imul(k, C1);
    k = (k << 15) | (k >>> 17);
    h ^= Math.imul(k, C2);
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
    k = 0;
  }
  // Tail (when nk > 0 here, i === to and k already holds it).
  for (; i < to; i++) {
    k |= (bytes[i] as number) << (nk << 3);
    nk++;
  }
  if (nk !== 0) {
    k = Math.imul(k, C1);
    k = (k << 15) | (k >>> 17);
    h ^= Math.imul(k, C2);
  }
  return fmix32(h, p.len + (to - from));
}

/**
 * For each q in [from, to - need], where need = 4 - p.nk bytes complete the prefix's open block:
 * the murmur state after that first block, when the feature's bytes start at q. N-grams of
 * different lengths that start at the same byte share it ({@link hashAfterHead}). Returns
 * `need`; 0 when the prefix ends on a block boundary (then there is nothing to share).
 */
export function prefixHeads(
  p: HashPrefix,
  bytes: Uint8Array,
  from: number,
  to: number,
  heads: Int32Array,
): number {
  const nk = p.nk;
  if (nk === 0) return 0;
  const need = 4 - nk;
  const h0 = p.h;
  const k0 = p.k;
  for (let q = from; q + need <= to; q++) {
    let k = k0;
    for (let r = 0; r < need; r++) k |= (bytes[q + r] as number) << ((nk + r) << 3);
    k = Math.imul(k, C1);
    k = (k << 15) | (k >>> 17);
    let h = h0 ^ Math.imul(k, C2);
    h = (h << 13) | (h >>> 19);
    heads[q] = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }
  return need;
}

/**
 * {@link hashAfterPrefix} (signed result too) for bytes[from, to) given head = heads[from] from {@link prefixHeads}
 * (so to - from >= need, and need > 0).
 */
export function hashAfterHead(
  p: HashPrefix,
  head: number,
  need: number,
  bytes: Uint8Array,
  from: number,
  to: number,
): number {
  let h = head;
  let i = from + need;
  for (; i + 4 <= to; i += 4) {
    let k =
      (bytes[i] as number) |
      ((bytes[i + 1] as number) << 8) |
      ((bytes[i + 2] as number) << 16) |
      ((bytes[i + 3] as number) << 24);
    k = Math.imul(k, C1);
    k = (k << 15) | (k >>> 17);
    h ^= Math.imul(k, C2);
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }
  if (i < to) {
    let k = bytes[i] as number;
    if (i + 1 < to) k |= (bytes[i + 1] as number) << 8;
    if (i + 2 < to) k |= (bytes[i + 2] as number) << 16;
    k = Math.imul(k, C1);
    k = (k << 15) | (k >>> 17);
    h ^= Math.imul(k, C2);
  }
  return fmix32(h, p.len + (to - from));
}

/**
 * Writes the UTF-8 of s[from, to) into out at `at` (the caller guarantees 3 bytes per unit of
 * room) and returns the end. Same rules as {@link hashFeed}: a pair must lie inside the range,
 * an unpaired half becomes U+FFFD.
 */
export function utf8Into(s: string, from: number, to: number, out: Uint8Array, at: number): number {
  let p = at;
  for (let i = from; i < to; i++) {
    let c = s.charCodeAt(i);
    if (c < 0x80) {
      out[p++] = c;
    } else if (c < 0x800) {
      out[p++] = 0xc0 | (c >> 6);
      out[p++] = 0x80 | (c & 0x3f);
    } else {
      if (c >= 0xd800 && c <= 0xdfff) {
        const d = i + 1 < to ? s.charCodeAt(i + 1) : 0;
        if (c <= 0xdbff && d >= 0xdc00 && d <= 0xdfff) {
          const cp = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
          out[p++] = 0xf0 | (cp >> 18);
          out[p++] = 0x80 | ((cp >> 12) & 0x3f);
          out[p++] = 0x80 | ((cp >> 6) & 0x3f);
          out[p++] = 0x80 | (cp & 0x3f);
          i++;
          continue;
        }
        c = 0xfffd;
      }
      out[p++] = 0xe0 | (c >> 12);
      out[p++] = 0x80 | ((c >> 6) & 0x3f);
      out[p++] = 0x80 | (c & 0x3f);
    }
  }
  return p;
}

/**
 * MurmurHash3 x86_32 of the UTF-8 bytes of `s` with `seed`; unsigned 32-bit result. Encodes
 * and mixes in one pass; tests pin it to {@link murmur3_32Bytes} over {@link utf8Bytes}.
 */
export function murmur3_32(s: string, seed: number): number {
  hashBegin(seed);
  hashFeed(s, 0, s.length);
  return hashEnd();
}

/** UTF-8 bytes of `s` (hand-written, same rules as {@link murmur3_32}); lone surrogates -> U+FFFD. */
export function utf8Bytes(s: string): Uint8Array {
  const len = utf8Encode(s);
  return scratch.slice(0, len);
}

/**
 * Feature string -> bucket id in [1, buckets - 1]. Id 0 is never produced: it is the padding id
 * for the model's embedding bag.
 */
export function featureId(feature: string, seed: number, buckets: number): number {
  return 1 + (murmur3_32(feature, seed) % (buckets - 1));
}
