/**
 * Batched inference on rows of feature ids: pads each batch to its longest row, runs the encoder,
 * returns host arrays. Shared by training (evaluation, export) and the runtime.
 *
 * The runtime (a loaded pack, whose weights never change) passes HostBagWeights: the bag is then
 * summed in plain JS over each row's own ids (no padding) and only the dense trunk runs on the
 * backend. Why: TF.js's gather over ~24k ids per batch is the slowest step on WASM and WebGL, while
 * a row's bag is ~90 ids x 48 multiply-adds; measured on 8,000 test rows in Node (WASM).
 */
import * as tf from '@tensorflow/tfjs';
import { encoderLayers, type EncoderLayers } from './architecture';
import { createBagKernel, type BagKernel } from './bag-kernel';
import { readIntoSync } from './read-into';

export interface BatchOutputs {
  n: number;
  latent: number;
  numLevel1: number;
  numLevel2: number;
  /** [n x latent] */
  mu: Float32Array;
  /** [n x numLevel1] */
  level1: Float32Array;
  /** [n x numLevel2] */
  level2: Float32Array;
}

/** Pads rows into one [rows.length x T] int32 matrix, T = longest row (at least 1). */
export function padIds(rows: readonly Int32Array[]): { ids: Int32Array; seqLen: number } {
  const seqLen = Math.max(1, ...rows.map((r) => r.length));
  const ids = new Int32Array(rows.length * seqLen);
  rows.forEach((r, i) => ids.set(r, i * seqLen));
  return { ids, seqLen };
}

/**
 * Output buffers sized from the model's output shapes. With `reuse`, the level outputs are views of
 * its arrays (grown when too small), written again by the next call that passes it.
 */
export function allocateOutputs(
  model: tf.LayersModel,
  n: number,
  reuse?: { level1: Float32Array; level2: Float32Array },
): BatchOutputs {
  const latent = (model.outputs[0]?.shape[1] ?? 0) as number;
  const numLevel1 = (model.outputs[2]?.shape[1] ?? 0) as number;
  const numLevel2 = (model.outputs[3]?.shape[1] ?? 0) as number;
  if (reuse && reuse.level1.length < n * numLevel1) reuse.level1 = new Float32Array(n * numLevel1);
  if (reuse && reuse.level2.length < n * numLevel2) reuse.level2 = new Float32Array(n * numLevel2);
  return {
    n,
    latent,
    numLevel1,
    numLevel2,
    mu: new Float32Array(n * latent),
    level1: reuse ? reuse.level1.subarray(0, n * numLevel1) : new Float32Array(n * numLevel1),
    level2: reuse ? reuse.level2.subarray(0, n * numLevel2) : new Float32Array(n * numLevel2),
  };
}

/** The bag's weights read back once, for models that no longer train (a loaded pack). */
export interface HostBagWeights {
  /**
   * [buckets x embedDim]. Over a uint8 pack's kernel a row is filled when first used: read rows
   * directly only after kernel.prepare(ids) (bag-kernel.ts).
   */
  table: Float32Array;
  idf: Float32Array;
  embedDim: number;
  layers: EncoderLayers;
  /** The WebAssembly bag over the same table (bag-kernel.ts), where it runs. */
  kernel: BagKernel | null;
  /** hostBags' output array, reused batch after batch. */
  bagOut?: Float32Array;
}

function hostWeights(layers: EncoderLayers, table: Float32Array, idf: Float32Array): HostBagWeights {
  const d = layers.bag.embedDim;
  const kernel = createBagKernel(table, idf, d);
  // With a kernel, its copy is the one kept (the read-back arrays can go).
  return kernel
    ? { table: kernel.table, idf: kernel.idf, embedDim: d, layers, kernel }
    : { table, idf, embedDim: d, layers, kernel: null };
}

/** A model loaded for inference keeps the bag's weights on the host already: nothing to read. */
function hostAlready(layers: EncoderLayers): HostBagWeights | null {
  const w = layers.bag.hostWeightsOrNull();
  if (layers.bag.hostTableOnly && w === null) throw new Error('EmbeddingBag: host weights were never set');
  return w && { table: w.table, idf: w.idf, embedDim: layers.bag.embedDim, layers, kernel: w.kernel };
}

/** Synchronous read-back (Node, WASM, CPU; not WebGPU, whose dataSync returns zeros here). */
export function readHostBagWeights(model: tf.LayersModel): HostBagWeights {
  const layers = encoderLayers(model);
  const known = hostAlready(layers);
  if (known) return known;
  const { embeddings, idf } = layers.bag;
  return hostWeights(
    layers,
    embeddings.read().dataSync() as Float32Array,
    idf.read().dataSync() as Float32Array,
  );
}

export async function readHostBagWeightsAsync(model: tf.LayersModel): Promise<HostBagWeights> {
  const layers = encoderLayers(model);
  const known = hostAlready(layers);
  if (known) return known;
  const [t, w] = await Promise.all([layers.bag.embeddings.read().data(), layers.bag.idf.read().data()]);
  return hostWeights(layers, t as Float32Array, w as Float32Array);
}

/**
 * The bag of each row, [rows.length x embedDim]: sum_t w_t E[id_t] / sum_t w_t with
 * w_t = idf[id_t] (pad id 0 weighs 0), as bagForward computes it; a row without weight is zero.
 * Accumulates in float64, so it is at least as exact as the float32 tensor path.
 * Four output dims per pass over the row, in locals: per multiply-add one load instead of a
 * load-add-store of a scratch array (2x faster in Node on the bench's listings; the same sums in the
 * same order, so the same numbers).
 */
export function hostBags(w: HostBagWeights, rows: readonly Int32Array[], reuse = false): Float32Array {
  const d = w.embedDim;
  const { table, idf } = w;
  // reuse: the runtime's batches write one array (the tensor made from it is used and disposed
  // before the next batch), so rows without weight are written as zeros, not left as they were.
  if (reuse && (!w.bagOut || w.bagOut.length < rows.length * d)) w.bagOut = new Float32Array(rows.length * d);
  const out = reuse && w.bagOut ? w.bagOut.subarray(0, rows.length * d) : new Float32Array(rows.length * d);
  const maxLen = rows.reduce((m, r) => Math.max(m, r.length), 0);
  const weights = new Float64Array(maxLen);
  const bases = new Int32Array(maxLen);
  const kernel = w.kernel;
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r]!;
    if (kernel && row.length <= kernel.maxIds) {
      kernel.bag(row, out, r * d);
      continue;
    }
    // Longer than the kernel takes: the JS loop reads the kernel's table, decoded for this row first.
    kernel?.prepare(row);
    let m = 0;
    let wsum = 0;
    for (let t = 0; t < row.length; t++) {
      const id = row[t]!;
      if (id === 0) continue;
      const wt = idf[id]!;
      if (wt === 0) continue;
      wsum += wt;
      weights[m] = wt;
      bases[m++] = id * d;
    }
    // Same clamp as bagForward: an empty row is the zero vector.
    if (wsum <= 1e-12) {
      out.fill(0, r * d, (r + 1) * d);
      continue;
    }
    const o = r * d;
    let k = 0;
    for (; k + 4 <= d; k += 4) {
      let a0 = 0;
      let a1 = 0;
      let a2 = 0;
      let a3 = 0;
      for (let t = 0; t < m; t++) {
        const wt = weights[t]!;
        const b = bases[t]! + k;
        a0 += wt * table[b]!;
        a1 += wt * table[b + 1]!;
        a2 += wt * table[b + 2]!;
        a3 += wt * table[b + 3]!;
      }
      out[o + k] = a0 / wsum;
      out[o + k + 1] = a1 / wsum;
      out[o + k + 2] = a2 / wsum;
      out[o + k + 3] = a3 / wsum;
    }
    for (; k < d; k++) {
      let a = 0;
      for (let t = 0; t < m; t++) a += weights[t]! * table[bases[t]! + k]!;
      out[o + k] = a / wsum;
    }
  }
  return out;
}

/**
 * architecture.ts's wireTrunk minus logVar (same layers, same order): the runtime never reads the
 * variance, and its 256 x 64 matmul was ~15% of the trunk's multiply-adds per row. predict.test.ts
 * checks this path against the whole model's predictOnBatch.
 */
function runtimeTrunk(L: EncoderLayers, bag: tf.Tensor): [tf.Tensor, tf.Tensor, tf.Tensor] {
  const apply = (layer: tf.layers.Layer, x: tf.Tensor | tf.Tensor[]) => layer.apply(x) as tf.Tensor;
  const h = apply(L.hidden, bag);
  const mu = apply(L.mu, h);
  const h1 = apply(L.level1Hidden, mu);
  const level1 = apply(L.level1, apply(L.level1Logits, h1));
  const h2 = apply(L.level2Hidden, apply(L.level2Input, [mu, h1]));
  const level2 = apply(L.level2, apply(L.level2Logits, h2));
  return [mu, level1, level2];
}

/**
 * One batch's [mu, level1, level2] tensors (caller disposes). With host weights the bag is summed
 * in JS and only the trunk runs on the backend; without, the whole model runs on padded ids.
 */
export function predictBatchTensors(
  model: tf.LayersModel,
  chunk: readonly Int32Array[],
  host?: HostBagWeights,
): [tf.Tensor, tf.Tensor, tf.Tensor] {
  return tf.tidy(() => {
    if (host) {
      const bag = tf.tensor2d(hostBags(host, chunk, true), [chunk.length, host.embedDim]);
      return runtimeTrunk(host.layers, bag);
    }
    const { ids, seqLen } = padIds(chunk);
    const outs = model.predictOnBatch(tf.tensor2d(ids, [chunk.length, seqLen], 'int32')) as tf.Tensor[];
    return [outs[0]!, outs[2]!, outs[3]!];
  });
}

export function predictRows(
  model: tf.LayersModel,
  rows: readonly Int32Array[],
  batchSize = 512,
  host?: HostBagWeights,
): BatchOutputs {
  const out = allocateOutputs(model, rows.length);
  const { latent, numLevel1, numLevel2 } = out;
  const n = rows.length;
  for (let s = 0; s < n; s += batchSize) {
    const outs = predictBatchTensors(model, rows.slice(s, s + batchSize), host);
    try {
      readIntoSync(outs[0], out.mu, s * latent);
      readIntoSync(outs[1], out.level1, s * numLevel1);
      readIntoSync(outs[2], out.level2, s * numLevel2);
    } finally {
      tf.dispose(outs);
    }
  }
  return out;
}
