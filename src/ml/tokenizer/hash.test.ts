/** Known-answer tests pinning murmur3_32 to the reference MurmurHash3_x86_32 over UTF-8. */

import { describe, expect, it } from 'vitest';
import {
  featureId,
  hashAfterHead,
  hashAfterPrefix,
  hashPrefix,
  murmur3_32,
  murmur3_32Bytes,
  prefixHeads,
  utf8Bytes,
  utf8Into,
} from './hash';

// Published vectors (reference C implementation; the usual list quoted with ports).
const VECTORS: [string, number, number][] = [
  ['', 0, 0],
  ['', 1, 0x514e28b7],
  ['', 0xffffffff, 0x81f16f39],
  ['\0\0\0\0', 0, 0x2362f9de],
  ['test', 0, 0xba6bd213],
  ['abc', 0, 0xb3dd93fa],
  ['aaaa', 0x9747b28c, 0x5a97808a],
  ['abcd', 0x9747b28c, 0xf0478627],
  ['Hello, world!', 0, 0xc0363e43],
  ['Hello, world!', 0x9747b28c, 0x24884cba],
  ['The quick brown fox jumps over the lazy dog', 0, 0x2e4ff723],
  ['The quick brown fox jumps over the lazy dog', 0x9747b28c, 0x2fa826cd],
  ['ππππππππ', 0x9747b28c, 0xd58063c1], // 2-byte UTF-8
];

describe('murmur3_32', () => {
  it.each(VECTORS)('murmur3_32(%j, %i)', (s, seed, want) => {
    expect(murmur3_32(s, seed)).toBe(want);
  });

  it('agrees with the buffer implementation on 1-, 2-, 3- and 4-byte UTF-8 and every tail length', () => {
    const samples = [
      'a',
      'ab',
      'abc',
      'abcde',
      'é',
      'é!',
      '鞋',
      'z:球鞋',
      '𠀀',
      'x𠀀yz',
      '🥾 boots',
      'mixé鞋🥾',
    ];
    for (const s of samples) {
      for (const seed of [0, 1, 0x9747b28c, 0xffffffff]) {
        const b = utf8Bytes(s);
        expect(murmur3_32(s, seed)).toBe(murmur3_32Bytes(b, b.length, seed));
      }
    }
  });

  it('encodes UTF-8 by hand like TextEncoder, lone surrogates as U+FFFD', () => {
    const cases: [string, number[]][] = [
      ['', []],
      ['abc', [0x61, 0x62, 0x63]],
      ['é', [0xc3, 0xa9]],
      ['鞋', [0xe9, 0x9e, 0x8b]],
      ['🥾', [0xf0, 0x9f, 0xa5, 0xbe]],
      ['a\ud800b', [0x61, 0xef, 0xbf, 0xbd, 0x62]],
      ['\udc00', [0xef, 0xbf, 0xbd]],
      ['x\ud83d', [0x78, 0xef, 0xbf, 0xbd]],
    ];
    for (const [s, bytes] of cases) expect(Array.from(utf8Bytes(s))).toEqual(bytes);
    expect(murmur3_32('a\ud800', 7)).toBe(murmur3_32('a\ufffd', 7));
  });

  it('returns unsigned 32-bit values', () => {
    for (let i = 0; i < 1000; i++) {
      const h = murmur3_32(`w:${i}`, 0x9747b28c);
      expect(Number.isInteger(h) && h >= 0 && h <= 0xffffffff).toBe(true);
    }
  });
});

describe('featureId', () => {
  it('maps into [1, buckets - 1], never the padding id 0', () => {
    for (const buckets of [2, 3, 1024, 2 ** 17]) {
      for (let i = 0; i < 2000; i++) {
        const id = featureId(`c:${i}`, 0x9747b28c, buckets);
        expect(id >= 1 && id <= buckets - 1).toBe(true);
      }
    }
    expect(featureId('w:boots', 0x9747b28c, 2 ** 17)).toBe(
      1 + (murmur3_32('w:boots', 0x9747b28c) % (2 ** 17 - 1)),
    );
  });
});

describe('hashAfterPrefix', () => {
  it('equals murmur3_32(prefix + text) for every prefix and text length, at any buffer offset', () => {
    const prefixes = ['', 'c:', 'w:', 'z:', 'zz:', 'num:', 'zzzzzzzz:', 'é', '鞋:'];
    const texts = [
      '',
      'a',
      'ab',
      'abc',
      'abcd',
      'abcde',
      'abcdefghij',
      '<boots>',
      '鞋',
      '球鞋',
      'x𠀀yz',
      'mixé鞋🥾',
    ];
    const buf = new Uint8Array(64);
    for (const seed of [0, 0x9747b28c, 0xffffffff]) {
      for (const pre of prefixes) {
        const p = hashPrefix(pre, seed);
        for (const t of texts) {
          for (const at of [0, 1, 3]) {
            const end = utf8Into(t, 0, t.length, buf, at);
            expect(end - at).toBe(utf8Bytes(t).length);
            expect(hashAfterPrefix(p, buf, at, end) >>> 0).toBe(murmur3_32(pre + t, seed));
          }
        }
      }
    }
  });

  it('with shared first blocks (prefixHeads + hashAfterHead) gives the same hashes', () => {
    const text = '<boots> <é鞋x> <𠀀ab>';
    const buf = new Uint8Array(64);
    const end = utf8Into(text, 0, text.length, buf, 0);
    const heads = new Int32Array(64);
    for (const seed of [0, 0x9747b28c]) {
      for (const pre of ['c:', 'w:', 'z', 'zzz:', 'num:']) {
        const p = hashPrefix(pre, seed);
        const need = prefixHeads(p, buf, 0, end, heads);
        expect(need).toBe((4 - (utf8Bytes(pre).length % 4)) % 4);
        for (let a = 0; a < end; a++) {
          for (let b = a + need; b <= end && need > 0; b++) {
            const want = murmur3_32Bytes(
              Uint8Array.from([...utf8Bytes(pre), ...buf.subarray(a, b)]),
              utf8Bytes(pre).length + b - a,
              seed,
            );
            expect(hashAfterHead(p, heads[a]!, need, buf, a, b) >>> 0).toBe(want);
            expect(hashAfterPrefix(p, buf, a, b) >>> 0).toBe(want);
          }
        }
      }
    }
  });

  it('utf8Into writes what utf8Bytes returns, lone surrogates as U+FFFD', () => {
    const buf = new Uint8Array(32);
    for (const s of ['abc', 'é', '鞋', '🥾', 'a\ud800b', '\udc00', 'x\ud83d']) {
      const end = utf8Into(s, 0, s.length, buf, 2);
      expect(Array.from(buf.subarray(2, end))).toEqual(Array.from(utf8Bytes(s)));
    }
  });
});
