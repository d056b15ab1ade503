/** Tests for the tokenizer config defaults and the manifest-side validator. */

import { describe, expect, it } from 'vitest';
import { DEFAULT_TOKENIZER_CONFIG, validateTokenizerConfig } from './tokenizer-config';

describe('validateTokenizerConfig', () => {
  it('accepts the default (round-tripped through JSON) and returns an equal copy', () => {
    const parsed: unknown = JSON.parse(JSON.stringify(DEFAULT_TOKENIZER_CONFIG));
    const cfg = validateTokenizerConfig(parsed);
    expect(cfg).toEqual(DEFAULT_TOKENIZER_CONFIG);
    expect(cfg).not.toBe(parsed);
  });

  it('accepts [0, 0] to disable an n-gram family', () => {
    expect(validateTokenizerConfig({ ...DEFAULT_TOKENIZER_CONFIG, charNgrams: [0, 0] }).charNgrams).toEqual([
      0, 0,
    ]);
  });

  const bad: [string, unknown, RegExp][] = [
    ['null', null, /must be an object/],
    ['array', [], /must be an object/],
    ['unknown key', { ...DEFAULT_TOKENIZER_CONFIG, extra: 1 }, /unknown key "extra"/],
    ['missing key', { ...DEFAULT_TOKENIZER_CONFIG, seed: undefined }, /seed/],
    ['version', { ...DEFAULT_TOKENIZER_CONFIG, version: 2 }, /version must be 1/],
    ['normalization', { ...DEFAULT_TOKENIZER_CONFIG, normalization: 'NFC' }, /normalization/],
    ['lowercase', { ...DEFAULT_TOKENIZER_CONFIG, lowercase: false }, /lowercase/],
    ['hash', { ...DEFAULT_TOKENIZER_CONFIG, hash: 'fnv' }, /hash/],
    ['seed negative', { ...DEFAULT_TOKENIZER_CONFIG, seed: -1 }, /seed/],
    ['seed fractional', { ...DEFAULT_TOKENIZER_CONFIG, seed: 1.5 }, /seed/],
    ['buckets 1', { ...DEFAULT_TOKENIZER_CONFIG, buckets: 1 }, /buckets/],
    ['buckets string', { ...DEFAULT_TOKENIZER_CONFIG, buckets: '131072' }, /buckets/],
    ['charNgrams reversed', { ...DEFAULT_TOKENIZER_CONFIG, charNgrams: [5, 3] }, /charNgrams/],
    ['charNgrams short', { ...DEFAULT_TOKENIZER_CONFIG, charNgrams: [3] }, /charNgrams/],
    ['cjkNgrams zero min', { ...DEFAULT_TOKENIZER_CONFIG, cjkNgrams: [0, 2] }, /cjkNgrams/],
    ['wordBigrams', { ...DEFAULT_TOKENIZER_CONFIG, wordBigrams: 1 }, /wordBigrams/],
    ['maxChars', { ...DEFAULT_TOKENIZER_CONFIG, maxChars: 0 }, /maxChars/],
    ['maxTokens', { ...DEFAULT_TOKENIZER_CONFIG, maxTokens: 2.5 }, /maxTokens/],
  ];
  it.each(bad)('rejects %s', (_name, cfg, msg) => {
    expect(() => validateTokenizerConfig(cfg)).toThrow(msg);
  });
});
