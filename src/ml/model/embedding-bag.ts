/**
 * EmbeddingBag: the idf-weighted mean of hashed-feature embeddings, as a serialisable TF.js layer.
 *
 * Why not tf.layers.embedding: its gradient goes through UnsortedSegmentSum, which the wasm
 * backend lacks, and the cpu backend loops over every table row. Here the gather carries a
 * custom gradient that writes a dense table gradient with tf.scatterND, so any backend trains it.
 * The fast training path (train-step.ts) goes further and keeps a host (JS) mirror of the table,
 * computing the bag and its sparse gradient in plain loops; the layer then uploads the mirror
 * before it is next read (see `syncFromHost`).
 */
import * as tf from '@tensorflow/tfjs';
import type { BagStorage } from './bag-kernel';

/** Mean weights below this are treated as an empty row (all padding): output is the zero vector. */
const EMPTY_ROW_EPS = 1e-12;

/**
 * tf.gather(table, indices) whose gradient w.r.t. the table is a dense scatterND (duplicate
 * indices accumulate), instead of the UnsortedSegmentSum the built-in gradient needs.
 */
const gatherDenseGradImpl = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
  const table = args[0] as tf.Tensor2D;
  const indices = args[1] as tf.Tensor1D;
  const save = args[2] as tf.GradSaveFunc;
  save([indices]);
  const shape = table.shape;
  return {
    value: tf.gather(table, indices),
    gradFunc: (dy: tf.Tensor | tf.Tensor[], saved: tf.Tensor[]) => {
      const idx = saved[0] as tf.Tensor1D;
      const g = tf.scatterND(idx.expandDims(1), dy as tf.Tensor2D, shape);
      // Indices are not differentiable; a zero gradient keeps customGrad's arity check happy.
      return [g, tf.zerosLike(idx)];
    },
  };
});

export function gatherDenseGrad(table: tf.Tensor2D, indices: tf.Tensor1D): tf.Tensor2D {
  return gatherDenseGradImpl(table, indices) as tf.Tensor2D;
}

export interface EmbeddingBagArgs {
  buckets: number;
  embedDim: number;
  /**
   * Uniform init half-width; 0 (default) = zeros. Zero init keeps never-seen buckets exactly zero
   * (the uint8 writer keeps 0 exact), and still trains: d(mean bag)/d(row) is the token weight,
   * independent of the table's values.
   */
  initScale?: number;
  seed?: number;
  name?: string;
  trainable?: boolean;
  /**
   * Inference only (a loaded pack, layers-io.ts's loadEncoderForInference): the table and idf live
   * on the host (setHostWeights), where the runtime sums bags anyway, and the layer makes no TF.js
   * variables. Building the [buckets x embedDim] variable only to read it back cost a loaded pack
   * 3 copies of the 12.6 MB table and ~0.3 s of a 2-core cold start (traced). Never serialised.
   */
  hostTable?: boolean;
}

/** Host mirror of the table used by the fast trainer; uploaded lazily. */
interface HostMirror {
  table: Float32Array;
  dirty: boolean;
}

export class EmbeddingBag extends tf.layers.Layer {
  static readonly className = 'EmbeddingBag';
  readonly buckets: number;
  readonly embedDim: number;
  readonly initScale: number;
  readonly seed: number | undefined;
  private embeddingsVar: tf.LayerVariable | null = null;
  private idfVar: tf.LayerVariable | null = null;
  private host: HostMirror | null = null;
  private idfCache: Float32Array | null = null;
  /** Set when the layer is hostTable: the bag's weights on the host (with the kernel over them). */
  private hostWeights: BagStorage | null = null;
  readonly hostTableOnly: boolean;

  constructor(args: EmbeddingBagArgs) {
    const base: { name?: string; trainable?: boolean; dtype: 'float32' } = { dtype: 'float32' };
    if (args.name !== undefined) base.name = args.name;
    if (args.trainable !== undefined) base.trainable = args.trainable;
    super(base);
    if (!Number.isInteger(args.buckets) || args.buckets < 2)
      throw new Error('EmbeddingBag: buckets must be >= 2');
    if (!Number.isInteger(args.embedDim) || args.embedDim < 1)
      throw new Error('EmbeddingBag: embedDim must be >= 1');
    this.buckets = args.buckets;
    this.embedDim = args.embedDim;
    this.initScale = args.initScale ?? 0;
    this.seed = args.seed;
    this.hostTableOnly = args.hostTable === true;
  }

  override build(): void {
    if (this.hostTableOnly) {
      this.built = true;
      return;
    }
    const init =
      this.initScale > 0
        ? tf.initializers.randomUniform({
            minval: -this.initScale,
            maxval: this.initScale,
            ...(this.seed !== undefined ? { seed: this.seed } : {}),
          })
        : tf.initializers.zeros();
    this.embeddingsVar = this.addWeight(
      'embeddings',
      [this.buckets, this.embedDim],
      'float32',
      init,
      undefined,
      true,
    );
    // idf defaults to 1 for every real id and 0 for the pad id; training overwrites it via setIdf.
    this.idfVar = this.addWeight('idf', [this.buckets], 'float32', tf.initializers.ones(), undefined, false);
    tf.tidy(() => {
      const v = new Float32Array(this.buckets).fill(1);
      v[0] = 0;
      this.idfVar?.write(tf.tensor1d(v));
    });
    this.built = true;
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    const s = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
    return [s[0] ?? null, this.embedDim];
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    if (this.hostTableOnly)
      throw new Error(
        'EmbeddingBag: this model keeps its table on the host; sum the bags there (predict.ts, host weights)',
      );
    this.syncFromHost();
    const ids = (Array.isArray(inputs) ? inputs[0] : inputs) as tf.Tensor;
    const table = this.embeddingsVar?.read() as tf.Tensor2D;
    const idf = this.idfVar?.read() as tf.Tensor1D;
    return tf.tidy(() => bagForward(table, idf, ids.cast('int32') as tf.Tensor2D));
  }

  override getConfig(): tf.serialization.ConfigDict {
    const cfg: tf.serialization.ConfigDict = {
      buckets: this.buckets,
      embedDim: this.embedDim,
      initScale: this.initScale,
    };
    if (this.seed !== undefined) cfg['seed'] = this.seed;
    return { ...super.getConfig(), ...cfg };
  }

  /** The trainable table variable (tests, trainer). */
  get embeddings(): tf.LayerVariable {
    if (this.embeddingsVar === null) throw new Error(this.missing());
    return this.embeddingsVar;
  }

  get idf(): tf.LayerVariable {
    if (this.idfVar === null) throw new Error(this.missing());
    return this.idfVar;
  }

  private missing(): string {
    return this.hostTableOnly
      ? 'EmbeddingBag: this model keeps its table on the host (hostWeightsOrNull)'
      : 'EmbeddingBag not built';
  }

  /** A hostTable layer's weights (null until set, and for a layer with TF.js variables). */
  hostWeightsOrNull(): BagStorage | null {
    return this.hostWeights;
  }

  /** Gives a hostTable layer its weights: table [buckets x embedDim], idf [buckets]. */
  setHostWeights(w: BagStorage): void {
    if (!this.hostTableOnly) throw new Error('EmbeddingBag: setHostWeights is for a hostTable layer');
    if (w.table.length !== this.buckets * this.embedDim || w.idf.length !== this.buckets)
      throw new Error(`EmbeddingBag: host weights are not ${this.buckets} x ${this.embedDim}`);
    this.hostWeights = w;
  }

  /** Sets token weights (length buckets); the pad id's weight is forced to 0. */
  setIdf(values: Float32Array): void {
    if (values.length !== this.buckets) throw new Error(`setIdf: expected ${this.buckets} values`);
    const v = Float32Array.from(values);
    v[0] = 0;
    tf.tidy(() => {
      this.idf.write(tf.tensor1d(v));
    });
    this.idfCache = v;
  }

  /** Host copy of the idf weights (read once, kept in step with setIdf). */
  hostIdf(): Float32Array {
    if (this.idfCache === null) this.idfCache = this.idf.read().dataSync() as Float32Array;
    return this.idfCache;
  }

  /** Host mirror of the table for the fast trainer; created on first use (one readback). */
  hostTable(): Float32Array {
    if (this.host === null) {
      this.host = { table: Float32Array.from(this.embeddings.read().dataSync()), dirty: false };
    }
    return this.host.table;
  }

  /** Records that the host mirror changed; the variable is refreshed before its next read. */
  markHostDirty(): void {
    if (this.host !== null) this.host.dirty = true;
  }

  /** Uploads the host mirror into the variable if it changed (one full-table copy). */
  syncFromHost(): void {
    if (this.host === null || !this.host.dirty) return;
    const table = this.host.table;
    tf.tidy(() => {
      this.embeddings.write(tf.tensor2d(table, [this.buckets, this.embedDim]));
    });
    this.host.dirty = false;
  }

  /** Drops the host mirror (after syncing), e.g. when training is over, to free its memory. */
  releaseHost(): void {
    this.syncFromHost();
    this.host = null;
  }
}
tf.serialization.registerClass(EmbeddingBag);

/**
 * Tensor form of the bag: sum_t w_t E[id_t] / sum_t w_t with w_t = idf[id_t] * (id_t != 0).
 * Rows without ids give the zero vector (the weight sum is clamped, never divided by 0).
 */
export function bagForward(table: tf.Tensor2D, idf: tf.Tensor1D, ids: tf.Tensor2D): tf.Tensor2D {
  const [b, t] = ids.shape;
  const d = table.shape[1];
  if (t === 0) return tf.zeros([b, d]);
  const flat = ids.reshape([-1]) as tf.Tensor1D;
  const rows = gatherDenseGrad(table, flat);
  const w = tf.gather(idf, flat).mul(tf.notEqual(flat, 0).cast('float32'));
  const wsum = w.reshape([b, t]).sum(1, true).maximum(EMPTY_ROW_EPS);
  const summed = rows.mul(w.expandDims(1)).reshape([b, t, d]).sum(1);
  return summed.div(wsum) as tf.Tensor2D;
}

/** Per-step scratch for the host bag: normalised token weights, reused by the backward pass. */
export interface HostBag {
  /** [batch, embedDim] bag vectors. */
  out: Float32Array;
  /** [batch * seqLen] normalised weights w_t / sum w (0 for padding). */
  weights: Float32Array;
}

/** Host (plain JS) bag forward over a flattened [batch, seqLen] id matrix. */
export function hostBagForward(
  table: Float32Array,
  idf: Float32Array,
  ids: Int32Array,
  batchSize: number,
  seqLen: number,
  embedDim: number,
): HostBag {
  const out = new Float32Array(batchSize * embedDim);
  const weights = new Float32Array(batchSize * seqLen);
  for (let r = 0; r < batchSize; r++) {
    let wsum = 0;
    const base = r * seqLen;
    for (let t = 0; t < seqLen; t++) {
      const id = ids[base + t] ?? 0;
      const w = id !== 0 ? (idf[id] ?? 0) : 0;
      weights[base + t] = w;
      wsum += w;
    }
    if (wsum <= EMPTY_ROW_EPS) {
      weights.fill(0, base, base + seqLen);
      continue;
    }
    const o = r * embedDim;
    for (let t = 0; t < seqLen; t++) {
      const w = (weights[base + t] ?? 0) / wsum;
      weights[base + t] = w;
      if (w === 0) continue;
      const row = (ids[base + t] ?? 0) * embedDim;
      for (let k = 0; k < embedDim; k++) out[o + k] = (out[o + k] ?? 0) + w * (table[row + k] ?? 0);
    }
  }
  return { out, weights };
}
