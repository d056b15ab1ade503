/**
 * Encoder + classifier heads (shipped) and the bag-of-words decoder (training only).
 *
 * One wiring function builds the symbolic LayersModel and also runs the same layers eagerly in
 * training (train-step.ts), so the trained graph and the shipped graph cannot drift apart.
 * Dropout is not a layer of the model: training applies it with a per-step seed (tf.layers.dropout
 * either repeats one mask for a fixed seed or is unseeded), and inference has none anyway.
 *
 * Level-2 head design: it reads concat(mu, level-1 hidden), so level-2 sees the features that
 * decide the root category (a soft hierarchy) while keeping its own capacity; CE2 gradients also
 * shape the level-1 hidden layer.
 */
import * as tf from '@tensorflow/tfjs';
import { EmbeddingBag } from './embedding-bag';
import { deriveSeed, validateModelConfig, type ModelConfig } from './model-config';

/** Stable layer names: the pack, the trainer and the loader all look layers up by these. */
export const LAYER = {
  ids: 'ids',
  bag: 'embedding_bag',
  hidden: 'hidden',
  mu: 'mu',
  logVar: 'log_var',
  level1Hidden: 'level1_hidden',
  level1Logits: 'level1_logits',
  level1: 'level1',
  level2Input: 'level2_input',
  level2Hidden: 'level2_hidden',
  level2Logits: 'level2_logits',
  level2: 'level2',
  decoderHidden: 'decoder_hidden',
  decoderLogits: 'decoder_logits',
} as const;

/** Names of the layers a heads-only fine-tune may change. */
export const HEAD_LAYERS: readonly string[] = [
  LAYER.level1Hidden,
  LAYER.level1Logits,
  LAYER.level2Hidden,
  LAYER.level2Logits,
];

/** The encoder's layer objects after the bag (shared by the model and the eager training pass). */
export interface EncoderLayers {
  bag: EmbeddingBag;
  hidden: tf.layers.Layer;
  mu: tf.layers.Layer;
  logVar: tf.layers.Layer;
  level1Hidden: tf.layers.Layer;
  level1Logits: tf.layers.Layer;
  level1: tf.layers.Layer;
  level2Input: tf.layers.Layer;
  level2Hidden: tf.layers.Layer;
  level2Logits: tf.layers.Layer;
  level2: tf.layers.Layer;
}

export interface TrunkOutputs<T> {
  mu: T;
  logVar: T;
  level1Logits: T;
  level2Logits: T;
  level1: T;
  level2: T;
}

type AnyTensor = tf.Tensor | tf.SymbolicTensor;

function applyOne<T extends AnyTensor>(layer: tf.layers.Layer, x: T | T[]): T {
  // Layer.apply is typed per tensor kind; T is one kind throughout a wiring pass.
  return layer.apply(x as tf.Tensor | tf.Tensor[]) as unknown as T;
}

/** Everything after the bag; `dropout` is identity for the model, seeded tf.dropout in training. */
export function wireTrunk<T extends AnyTensor>(
  L: EncoderLayers,
  bag: T,
  dropout: (x: T) => T,
): TrunkOutputs<T> {
  const h = dropout(applyOne(L.hidden, bag));
  const mu = applyOne(L.mu, h);
  const logVar = applyOne(L.logVar, h);
  const h1 = applyOne(L.level1Hidden, mu);
  const level1Logits = applyOne(L.level1Logits, h1);
  const level1 = applyOne(L.level1, level1Logits);
  const h2 = applyOne(L.level2Hidden, applyOne(L.level2Input, [mu, h1]));
  const level2Logits = applyOne(L.level2Logits, h2);
  const level2 = applyOne(L.level2, level2Logits);
  return { mu, logVar, level1Logits, level2Logits, level1, level2 };
}

function glorot(seed: number, k: number): ReturnType<typeof tf.initializers.glorotUniform> {
  return tf.initializers.glorotUniform({ seed: deriveSeed(seed, k) });
}

/**
 * Bias of the encoder's first ReLU layer. The table starts at zero, so the bag is 0 at step 0;
 * with a zero bias every pre-activation would be exactly 0, where ReLU's gradient is 0, and no
 * gradient would ever reach the table. A small positive bias keeps the units alive.
 */
const HIDDEN_BIAS_INIT = 0.1;

function dense(
  name: string,
  units: number,
  seed: number,
  k: number,
  activation?: 'relu',
  bias = 0,
): tf.layers.Layer {
  return tf.layers.dense({
    name,
    units,
    kernelInitializer: glorot(seed, k),
    biasInitializer: bias === 0 ? 'zeros' : tf.initializers.constant({ value: bias }),
    ...(activation !== undefined ? { activation } : {}),
  });
}

/**
 * ids [batch, T] int32 -> [mu, logVar, level1Probs, level2Probs]. Same cfg.seed -> same weights.
 */
export function buildEncoder(cfg: ModelConfig): tf.LayersModel {
  validateModelConfig(cfg);
  const s = cfg.seed;
  const L: EncoderLayers = {
    bag: new EmbeddingBag({ name: LAYER.bag, buckets: cfg.buckets, embedDim: cfg.embedDim }),
    hidden: dense(LAYER.hidden, cfg.hidden, s, 1, 'relu', HIDDEN_BIAS_INIT),
    mu: dense(LAYER.mu, cfg.latent, s, 2),
    logVar: dense(LAYER.logVar, cfg.latent, s, 3),
    level1Hidden: dense(LAYER.level1Hidden, cfg.headHidden, s, 4, 'relu'),
    level1Logits: dense(LAYER.level1Logits, cfg.numLevel1, s, 5),
    level1: tf.layers.softmax({ name: LAYER.level1 }),
    level2Input: tf.layers.concatenate({ name: LAYER.level2Input, axis: -1 }),
    level2Hidden: dense(LAYER.level2Hidden, cfg.headHidden, s, 6, 'relu'),
    level2Logits: dense(LAYER.level2Logits, cfg.numLevel2, s, 7),
    level2: tf.layers.softmax({ name: LAYER.level2 }),
  };
  const ids = tf.input({ shape: [null], dtype: 'int32', name: LAYER.ids });
  const bag = applyOne(L.bag, ids);
  const out = wireTrunk(L, bag, (x) => x);
  return tf.model({ inputs: ids, outputs: [out.mu, out.logVar, out.level1, out.level2], name: 'encoder' });
}

/** Looks the encoder's layers up by name (works for built and for loaded models). */
export function encoderLayers(model: tf.LayersModel): EncoderLayers {
  const get = (name: string): tf.layers.Layer => model.getLayer(name);
  const bag = get(LAYER.bag);
  if (!(bag instanceof EmbeddingBag)) throw new Error(`layer ${LAYER.bag} is not an EmbeddingBag`);
  return {
    bag,
    hidden: get(LAYER.hidden),
    mu: get(LAYER.mu),
    logVar: get(LAYER.logVar),
    level1Hidden: get(LAYER.level1Hidden),
    level1Logits: get(LAYER.level1Logits),
    level1: get(LAYER.level1),
    level2Input: get(LAYER.level2Input),
    level2Hidden: get(LAYER.level2Hidden),
    level2Logits: get(LAYER.level2Logits),
    level2: get(LAYER.level2),
  };
}

/**
 * z [batch, latent] -> logits [batch, vocabSize] over the trainer's top-V vocabulary. Never shipped.
 * hidden 0 gives NVDM's linear decoder softmax(Rz + b): the cheapest, and the reconstruction only
 * has to shape the latent, not be a good language model.
 */
export function buildDecoder(
  latent: number,
  vocabSize: number,
  hidden: number,
  seed: number,
): tf.LayersModel {
  const z = tf.input({ shape: [latent], name: 'z' });
  const h = hidden > 0 ? applyOne(dense(LAYER.decoderHidden, hidden, seed, 101, 'relu'), z) : z;
  const logits = applyOne(dense(LAYER.decoderLogits, vocabSize, seed, 102), h);
  return tf.model({ inputs: z, outputs: logits, name: 'decoder' });
}
