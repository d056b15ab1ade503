/**
 * Model hyper-parameters shared by training (Node) and inference (browser worker): the encoder
 * is rebuilt from these numbers, so the pack manifest stores them next to the weights.
 */

export interface ModelConfig {
  /** Hashed feature buckets; ids live in [1, buckets - 1], id 0 is padding. */
  buckets: number;
  /** Width of one embedding row. */
  embedDim: number;
  /** Width of the encoder's hidden layer. */
  hidden: number;
  /** Latent size d (mu / logVar width). */
  latent: number;
  /** Level-1 classes (Shopify roots). */
  numLevel1: number;
  /** Level-2 classes. */
  numLevel2: number;
  /** Width of each classifier head's hidden layer. */
  headHidden: number;
  /** Seed for every initializer, dropout mask and reparameterisation draw. */
  seed: number;
  /** Dropout rate after the encoder's hidden layer (training only). */
  dropout: number;
}

export const DEFAULT_MODEL_CONFIG: ModelConfig = {
  // 2^17 buckets: 8 MB as uint8 at embedDim 64, few collisions for a ~10^5-feature corpus.
  buckets: 2 ** 17,
  // 64: enough for bag-of-n-grams meaning; 32 halves the pack if size matters more.
  embedDim: 64,
  hidden: 256,
  // 32-d latent: small enough for quantized catalog mu vectors, big enough for ~190 classes.
  latent: 32,
  // 21 Shopify taxonomy roots / ~190 level-2 classes; training overrides from its label tables.
  numLevel1: 21,
  numLevel2: 190,
  headHidden: 128,
  seed: 42,
  // 0.2: mild regularisation; the bag input is already noisy (hash collisions, short texts).
  dropout: 0.2,
};

/** Fills unspecified fields from the defaults and validates the result. */
export function makeModelConfig(partial: Partial<ModelConfig> = {}): ModelConfig {
  const cfg: ModelConfig = { ...DEFAULT_MODEL_CONFIG, ...partial };
  validateModelConfig(cfg);
  return cfg;
}

/** Throws a readable error on the first invalid field (configs also arrive from JSON manifests). */
export function validateModelConfig(cfg: ModelConfig): void {
  const positiveInts: (keyof ModelConfig)[] = [
    'buckets',
    'embedDim',
    'hidden',
    'latent',
    'numLevel1',
    'numLevel2',
    'headHidden',
  ];
  for (const key of positiveInts) {
    const v = cfg[key];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) {
      throw new Error(`ModelConfig.${key} must be a positive integer, got ${String(v)}`);
    }
  }
  // Id 0 is padding, so at least one real bucket is needed.
  if (cfg.buckets < 2) throw new Error(`ModelConfig.buckets must be >= 2, got ${cfg.buckets}`);
  // int32 ids: anything above 2^31 cannot be addressed.
  if (cfg.buckets > 2 ** 31 - 1) throw new Error('ModelConfig.buckets must fit in int32');
  if (!Number.isInteger(cfg.seed)) throw new Error(`ModelConfig.seed must be an integer, got ${cfg.seed}`);
  if (!(cfg.dropout >= 0 && cfg.dropout < 1)) {
    throw new Error(`ModelConfig.dropout must be in [0, 1), got ${cfg.dropout}`);
  }
}

/**
 * Derives a distinct, deterministic seed per consumer (layer k, step n) from the base seed, so
 * two same-shaped layers never get identical weights. 32-bit integer mixing (murmur3 finaliser).
 */
export function deriveSeed(base: number, ...salt: number[]): number {
  let h = base | 0;
  for (const s of salt) {
    h = Math.imul(h ^ (s | 0), 0x9e3779b1);
    h ^= h >>> 16;
    h = Math.imul(h, 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
  }
  // Positive and below 2^31: seedrandom accepts any number, but logs read better.
  return (h >>> 0) % 2147483647;
}
