/**
 * One optimisation step of the semi-supervised VAE, shared by Node training and in-browser
 * fine-tuning, plus batched prediction.
 *
 * Speed: the embedding table (2^17 x 64 = 8M floats) dominates a naive step — the dense gradient,
 * then Adam over all 8M entries, then wasm's slow gather. So for trainableScope 'all' the bag is
 * computed on a host (JS) mirror of the table, the graph starts at the [batch, embedDim] bag
 * tensor, and the table gets a lazy (sparse) Adam update on the rows this batch touched only
 * (as TF's LazyAdam). The layer uploads the mirror before its next read (EmbeddingBag.syncFromHost),
 * so predict / export always see the trained table. `embeddingUpdate: 'dense'` keeps the plain
 * all-tensor path (custom-gradient gather + dense Adam) for comparison.
 */
import * as tf from '@tensorflow/tfjs';
import { encoderLayers, HEAD_LAYERS, wireTrunk, type EncoderLayers } from './architecture';
import { hostBagForward } from './embedding-bag';
import { betaSchedule, maskedCrossEntropy, vaeLoss } from './loss';
import { deriveSeed } from './model-config';
import { installWasmMatMulTransposeFix } from './wasm-matmul-fix';

/** Adam constants (Kingma & Ba defaults); epsilon as in tf.train.adam's backend default. */
const ADAM_BETA1 = 0.9;
const ADAM_BETA2 = 0.999;
const ADAM_EPSILON = 1e-7;

export type TrainableScope = 'all' | 'heads';

export interface TrainerOptions {
  encoder: tf.LayersModel;
  /** Required for scope 'all' (the reconstruction term); unused for 'heads'. */
  decoder?: tf.LayersModel;
  /** Adam learning rate for the dense weights and the lazy embedding update (default 1e-3). */
  learningRate?: number;
  /** Learning rate of the embedding rows (defaults to learningRate). Sparse rows train well hotter. */
  embeddingLearningRate?: number;
  /** Optimizer for the dense weights (default tf.train.adam(learningRate)); disposed by dispose() only if created here. */
  optimizer?: tf.Optimizer;
  alpha: number;
  beta: number;
  /** Linear KL warm-up over this many steps (0 = none). */
  betaWarmupSteps?: number;
  classWeights1?: Float32Array;
  classWeights2?: Float32Array;
  trainableScope?: TrainableScope;
  /** Dropout after the encoder's hidden layer, training only (cfg.dropout). */
  dropout?: number;
  /** Base seed for per-step noise (reparameterisation, dropout). */
  seed?: number;
  embeddingUpdate?: 'host' | 'dense';
}

export interface TrainBatch {
  /** Flattened [batchSize, seqLen] ids, 0 = padding. */
  ids: Int32Array;
  batchSize: number;
  seqLen: number;
  /** Dense [batchSize, V] bag of words; or give the COO triple below. */
  bow?: Float32Array;
  bowRows?: Int32Array;
  bowCols?: Int32Array;
  bowValues?: Float32Array;
  /** [batchSize] class index or -1 (unknown). */
  level1: Int32Array;
  level2: Int32Array;
}

export interface StepResult {
  loss: number;
  recon: number;
  kl: number;
  ce1: number;
  ce2: number;
}

export interface Prediction {
  /** [batchSize, latent] */
  mu: Float32Array;
  /** [batchSize, numLevel1] */
  level1: Float32Array;
  /** [batchSize, numLevel2] */
  level2: Float32Array;
}

export interface Trainer {
  step(batch: TrainBatch, stepIndex: number): StepResult;
  predict(ids: Int32Array, batchSize: number, seqLen: number): Prediction;
  /** Uploads the host embedding mirror into the model now (predict/export also do it lazily). */
  sync(): void;
  /** Syncs, frees the host mirror and Adam state, disposes what the trainer created. */
  dispose(): void;
}

/** Sparse Adam state for the host table; moments allocated on first use. */
class LazyAdam {
  private m: Float32Array;
  private v: Float32Array;
  private t = 0;
  constructor(
    size: number,
    private readonly lr: number,
  ) {
    this.m = new Float32Array(size);
    this.v = new Float32Array(size);
  }

  /** Updates rows `ids` of `table` with per-row gradients `grad` ([ids.length, dim]). */
  apply(table: Float32Array, ids: Int32Array, count: number, grad: Float32Array, dim: number): void {
    this.t += 1;
    const c1 = 1 - ADAM_BETA1 ** this.t;
    const c2 = 1 - ADAM_BETA2 ** this.t;
    const m = this.m;
    const v = this.v;
    for (let u = 0; u < count; u++) {
      const row = (ids[u] ?? 0) * dim;
      const g0 = u * dim;
      for (let k = 0; k < dim; k++) {
        const i = row + k;
        const g = grad[g0 + k] ?? 0;
        const mi = ADAM_BETA1 * (m[i] ?? 0) + (1 - ADAM_BETA1) * g;
        const vi = ADAM_BETA2 * (v[i] ?? 0) + (1 - ADAM_BETA2) * g * g;
        m[i] = mi;
        v[i] = vi;
        table[i] = (table[i] ?? 0) - (this.lr * (mi / c1)) / (Math.sqrt(vi / c2) + ADAM_EPSILON);
      }
    }
  }
}

function layerVars(layers: tf.layers.Layer[]): tf.Variable[] {
  const out: tf.Variable[] = [];
  for (const l of layers) for (const w of l.trainableWeights) out.push(w.read() as tf.Variable);
  return out;
}

export function createTrainer(opts: TrainerOptions): Trainer {
  // Every matMul gradient uses transpose flags, which are ~20x slow on wasm without this.
  installWasmMatMulTransposeFix();
  const scope: TrainableScope = opts.trainableScope ?? 'all';
  const mode = opts.embeddingUpdate ?? 'host';
  const encoder = opts.encoder;
  const L: EncoderLayers = encoderLayers(encoder);
  const lr = opts.learningRate ?? 1e-3;
  const ownsOptimizer = opts.optimizer === undefined;
  const optimizer = opts.optimizer ?? tf.train.adam(lr, ADAM_BETA1, ADAM_BETA2, ADAM_EPSILON);
  const baseSeed = opts.seed ?? 0;
  const dropoutRate = opts.dropout ?? 0;
  const decoder = opts.decoder;
  if (scope === 'all' && decoder === undefined) throw new Error('createTrainer: scope "all" needs a decoder');
  const vocab = decoder !== undefined ? (decoder.outputs[0]?.shape[1] ?? 0) : 0;
  const numL1 = (encoder.outputs[2]?.shape[1] ?? 0) as number;
  const numL2 = (encoder.outputs[3]?.shape[1] ?? 0) as number;
  const embedDim = L.bag.embedDim;
  const cw1 = opts.classWeights1 !== undefined ? tf.keep(tf.tensor1d(opts.classWeights1)) : undefined;
  const cw2 = opts.classWeights2 !== undefined ? tf.keep(tf.tensor1d(opts.classWeights2)) : undefined;
  if (cw1 !== undefined && cw1.size !== numL1) throw new Error('classWeights1 length != numLevel1');
  if (cw2 !== undefined && cw2.size !== numL2) throw new Error('classWeights2 length != numLevel2');

  // Variables the optimizer owns (the table is handled by LazyAdam in host mode).
  const headLayers = HEAD_LAYERS.map((n) => encoder.getLayer(n));
  let vars: tf.Variable[];
  if (scope === 'heads') {
    vars = layerVars(headLayers);
  } else {
    const encLayers = encoder.layers.filter((l) => !(mode === 'host' && l === L.bag));
    vars = [...layerVars(encLayers), ...layerVars(decoder?.layers ?? [])];
  }

  const useHost = scope === 'all' && mode === 'host';
  let lazy: LazyAdam | null = null;
  let slotOf: Int32Array | null = null;
  let bowScratch: Float32Array | null = null;

  // Loss terms are stacked into one vector; dy = e0 backpropagates the total only.
  const dyAll = tf.keep(tf.tensor1d([1, 0, 0, 0, 0]));

  function bowTensor(batch: TrainBatch): tf.Tensor2D {
    const n = batch.batchSize * vocab;
    if (batch.bow !== undefined) {
      if (batch.bow.length !== n) throw new Error(`bow must have batchSize * V = ${n} values`);
      return tf.tensor2d(batch.bow, [batch.batchSize, vocab]);
    }
    const rows = batch.bowRows;
    const cols = batch.bowCols;
    const vals = batch.bowValues;
    if (rows === undefined || cols === undefined || vals === undefined)
      throw new Error('batch needs bow or bowRows/bowCols/bowValues');
    if (bowScratch === null || bowScratch.length < n) bowScratch = new Float32Array(n);
    const dense = bowScratch.subarray(0, n);
    dense.fill(0);
    for (let i = 0; i < vals.length; i++) {
      const j = (rows[i] ?? 0) * vocab + (cols[i] ?? 0);
      dense[j] = (dense[j] ?? 0) + (vals[i] ?? 0);
    }
    return tf.tensor2d(dense, [batch.batchSize, vocab]);
  }

  function step(batch: TrainBatch, stepIndex: number): StepResult {
    const { batchSize: b, seqLen: t } = batch;
    if (batch.ids.length !== b * t) throw new Error(`ids must have batchSize * seqLen = ${b * t} values`);
    if (batch.level1.length !== b || batch.level2.length !== b)
      throw new Error('labels must have batchSize values');
    const beta = betaSchedule(stepIndex, opts.beta, opts.betaWarmupSteps ?? 0);
    const epsSeed = deriveSeed(baseSeed, stepIndex, 1);
    const dropSeed = deriveSeed(baseSeed, stepIndex, 2);

    let host: ReturnType<typeof hostBagForward> | null = null;
    let table: Float32Array | null = null;
    if (useHost) {
      table = L.bag.hostTable();
      host = hostBagForward(table, L.bag.hostIdf(), batch.ids, b, t, embedDim);
    }

    let terms: Float32Array = new Float32Array(5);
    let gBag: Float32Array | null = null;
    tf.tidy(() => {
      const l1 = tf.tensor1d(batch.level1, 'int32');
      const l2 = tf.tensor1d(batch.level2, 'int32');
      const bagIn = host !== null ? tf.tensor2d(host.out, [b, embedDim]) : null;
      const idsT = host === null ? tf.tensor2d(batch.ids, [b, t], 'int32') : null;
      const bow = scope === 'all' ? bowTensor(batch) : null;
      const dropout = (x: tf.Tensor): tf.Tensor =>
        dropoutRate > 0 && scope === 'all' ? tf.dropout(x, dropoutRate, undefined, dropSeed) : x;

      const f = (): tf.Tensor1D => {
        const bag = bagIn ?? (L.bag.apply(idsT as tf.Tensor) as tf.Tensor);
        const out = wireTrunk(L, bag, dropout);
        if (scope === 'heads') {
          const ce1 = maskedCrossEntropy(out.level1Logits as tf.Tensor2D, l1, cw1);
          const ce2 = maskedCrossEntropy(out.level2Logits as tf.Tensor2D, l2, cw2);
          const zero = tf.scalar(0);
          return tf.stack([ce1.add(ce2).mul(opts.alpha), zero, zero, ce1, ce2]) as tf.Tensor1D;
        }
        const dec = decoder as tf.LayersModel;
        const r = vaeLoss({
          mu: out.mu as tf.Tensor2D,
          logVar: out.logVar as tf.Tensor2D,
          level1Logits: out.level1Logits as tf.Tensor2D,
          level2Logits: out.level2Logits as tf.Tensor2D,
          decode: (z) => dec.apply(z, { training: true }) as tf.Tensor2D,
          bow: bow as tf.Tensor2D,
          level1: l1,
          level2: l2,
          ...(cw1 !== undefined ? { classWeights1: cw1 } : {}),
          ...(cw2 !== undefined ? { classWeights2: cw2 } : {}),
          alpha: opts.alpha,
          beta,
          seed: epsSeed,
        });
        return tf.stack([r.total, r.recon, r.kl, r.ce1, r.ce2]) as tf.Tensor1D;
      };
      const xs: tf.Tensor[] = bagIn !== null ? [bagIn, ...vars] : vars;
      const { value, grads } = tf.engine().gradients(f, xs, dyAll, true);
      const offset = bagIn !== null ? 1 : 0;
      const named: tf.NamedTensorMap = {};
      vars.forEach((v, i) => {
        const g = grads[i + offset];
        if (g !== undefined) named[v.name] = g;
      });
      optimizer.applyGradients(named);
      if (bagIn !== null) gBag = (grads[0] ?? tf.zerosLike(bagIn)).dataSync() as Float32Array;
      terms = value.dataSync() as Float32Array;
    });

    if (host !== null && table !== null && gBag !== null) {
      hostEmbeddingUpdate(table, batch.ids, host.weights, gBag, b, t);
      L.bag.markHostDirty();
    }
    const [loss = NaN, recon = NaN, kl = NaN, ce1 = NaN, ce2 = NaN] = terms;
    return { loss, recon, kl, ce1, ce2 };
  }

  /** Backprop the bag gradient onto the rows this batch used, then lazy Adam on those rows. */
  function hostEmbeddingUpdate(
    table: Float32Array,
    ids: Int32Array,
    weights: Float32Array,
    gBag: Float32Array,
    b: number,
    t: number,
  ): void {
    const D = embedDim;
    if (slotOf === null) slotOf = new Int32Array(L.bag.buckets).fill(-1);
    if (lazy === null) lazy = new LazyAdam(table.length, opts.embeddingLearningRate ?? lr);
    const slots = slotOf;
    const uniq = new Int32Array(b * t);
    const grad = new Float32Array(b * t * D);
    let u = 0;
    for (let r = 0; r < b; r++) {
      const g0 = r * D;
      for (let j = 0; j < t; j++) {
        const w = weights[r * t + j] ?? 0;
        if (w === 0) continue;
        const id = ids[r * t + j] ?? 0;
        let s = slots[id] ?? -1;
        if (s < 0) {
          s = u++;
          slots[id] = s;
          uniq[s] = id;
        }
        const o = s * D;
        for (let k = 0; k < D; k++) grad[o + k] = (grad[o + k] ?? 0) + w * (gBag[g0 + k] ?? 0);
      }
    }
    lazy.apply(table, uniq, u, grad, D);
    for (let i = 0; i < u; i++) slots[uniq[i] ?? 0] = -1;
  }

  function predict(ids: Int32Array, batchSize: number, seqLen: number): Prediction {
    if (ids.length !== batchSize * seqLen) throw new Error('ids must have batchSize * seqLen values');
    let res: Prediction | null = null;
    tf.tidy(() => {
      const x = tf.tensor2d(ids, [batchSize, seqLen], 'int32');
      const outs = encoder.predictOnBatch(x) as tf.Tensor[];
      const get = (i: number): Float32Array => (outs[i] as tf.Tensor).dataSync() as Float32Array;
      res = { mu: get(0), level1: get(2), level2: get(3) };
    });
    return res as unknown as Prediction;
  }

  return {
    step,
    predict,
    sync: () => L.bag.syncFromHost(),
    dispose: () => {
      L.bag.releaseHost();
      lazy = null;
      slotOf = null;
      dyAll.dispose();
      cw1?.dispose();
      cw2?.dispose();
      if (ownsOptimizer) optimizer.dispose();
    },
  };
}
