/**
 * Tokenizer configuration: the shape stored in the model manifest, the defaults the app and the
 * training pipeline share, and a validator for configs read back from JSON.
 */

export interface TokenizerConfig {
  version: 1;
  normalization: 'NFKC';
  lowercase: true;
  hash: 'murmur3_32';
  /** Murmur3 seed; part of the model: changing it remaps every feature. */
  seed: number;
  /** Size of the hashed feature space; ids are in [1, buckets - 1], 0 is padding. */
  buckets: number;
  /** Inclusive [min, max] char n-gram lengths over `<word>`; [0, 0] disables. */
  charNgrams: [number, number];
  /** Inclusive [min, max] n-gram lengths over CJK runs; [0, 0] disables. */
  cjkNgrams: [number, number];
  /** Emit `b:left|right` for adjacent non-CJK words. */
  wordBigrams: boolean;
  /** Input is cut to this many UTF-16 units before any other work (keeps 1 MB pastes cheap). */
  maxChars: number;
  /** Cap on tokens per text, applied by priority tier. */
  maxTokens: number;
}

export const DEFAULT_TOKENIZER_CONFIG: Readonly<TokenizerConfig> = Object.freeze({
  version: 1,
  normalization: 'NFKC',
  lowercase: true,
  hash: 'murmur3_32',
  // The classic murmur example seed; any fixed value works, it only has to never change.
  seed: 0x9747b28c,
  // 131,072 buckets: a few hundred thousand distinct n-grams in a 200k-listing corpus collide
  // mildly, while the first dense layer (buckets x hidden) stays a few MB to download.
  buckets: 2 ** 17,
  // 3..5-grams (fastText's subword range) catch stems, plurals and typos; with the `<` `>`
  // markers they also encode prefixes and suffixes.
  charNgrams: [3, 5] as [number, number],
  // Chinese/Japanese have no spaces: single characters are the words, bigrams recover most
  // two-character compounds (球鞋, 打印) without a segmenter.
  cjkNgrams: [1, 2] as [number, number],
  // Bigrams separate "phone case" from "case phone"-style bags cheaply.
  wordBigrams: true,
  // A listing title plus description rarely passes ~2k chars; 4000 keeps all of it while
  // bounding work per keystroke.
  maxChars: 4000,
  // ~100 words of English give ~500 features; beyond that, extra n-grams add little signal.
  maxTokens: 512,
});

const KEYS: readonly (keyof TokenizerConfig)[] = [
  'version',
  'normalization',
  'lowercase',
  'hash',
  'seed',
  'buckets',
  'charNgrams',
  'cjkNgrams',
  'wordBigrams',
  'maxChars',
  'maxTokens',
];

function isInt(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v);
}

function ngramRange(v: unknown, name: string, maxN: number): [number, number] {
  if (!Array.isArray(v) || v.length !== 2 || !isInt(v[0]) || !isInt(v[1])) {
    throw new Error(`TokenizerConfig.${name} must be a [min, max] pair of integers`);
  }
  const lo = v[0];
  const hi = v[1];
  const disabled = lo === 0 && hi === 0;
  if (!disabled && (lo < 1 || hi < lo || hi > maxN)) {
    throw new Error(
      `TokenizerConfig.${name} must satisfy 1 <= min <= max <= ${maxN} (or be [0, 0]), got [${lo}, ${hi}]`,
    );
  }
  return [lo, hi];
}

/**
 * Checks a config read from JSON and returns a fresh, well-typed copy. Unknown keys are
 * rejected too: a typo in a manifest would otherwise silently fall back to nothing.
 */
export function validateTokenizerConfig(x: unknown): TokenizerConfig {
  if (typeof x !== 'object' || x === null || Array.isArray(x)) {
    throw new Error('TokenizerConfig must be an object');
  }
  const o = x as Record<string, unknown>;
  for (const k of Object.keys(o)) {
    if (!(KEYS as readonly string[]).includes(k)) {
      throw new Error(`TokenizerConfig has unknown key "${k}"`);
    }
  }
  for (const k of KEYS) {
    if (!(k in o)) throw new Error(`TokenizerConfig is missing "${k}"`);
  }
  if (o['version'] !== 1) {
    throw new Error(`TokenizerConfig.version must be 1, got ${JSON.stringify(o['version'])}`);
  }
  if (o['normalization'] !== 'NFKC') throw new Error('TokenizerConfig.normalization must be "NFKC"');
  if (o['lowercase'] !== true) throw new Error('TokenizerConfig.lowercase must be true');
  if (o['hash'] !== 'murmur3_32') throw new Error('TokenizerConfig.hash must be "murmur3_32"');
  const seed = o['seed'];
  if (!isInt(seed) || seed < 0 || seed > 0xffffffff) {
    throw new Error('TokenizerConfig.seed must be an integer in [0, 2^32 - 1]');
  }
  const buckets = o['buckets'];
  // Upper bound: ids live in an Int32Array.
  if (!isInt(buckets) || buckets < 2 || buckets > 2 ** 31 - 1) {
    throw new Error('TokenizerConfig.buckets must be an integer in [2, 2^31 - 1]');
  }
  const charNgrams = ngramRange(o['charNgrams'], 'charNgrams', 16);
  const cjkNgrams = ngramRange(o['cjkNgrams'], 'cjkNgrams', 8);
  const wordBigrams = o['wordBigrams'];
  if (typeof wordBigrams !== 'boolean') throw new Error('TokenizerConfig.wordBigrams must be a boolean');
  const maxChars = o['maxChars'];
  if (!isInt(maxChars) || maxChars < 1 || maxChars > 1_000_000) {
    throw new Error('TokenizerConfig.maxChars must be an integer in [1, 1000000]');
  }
  const maxTokens = o['maxTokens'];
  if (!isInt(maxTokens) || maxTokens < 1 || maxTokens > 1_000_000) {
    throw new Error('TokenizerConfig.maxTokens must be an integer in [1, 1000000]');
  }
  return {
    version: 1,
    normalization: 'NFKC',
    lowercase: true,
    hash: 'murmur3_32',
    seed,
    buckets,
    charNgrams,
    cjkNgrams,
    wordBigrams,
    maxChars,
    maxTokens,
  };
}
