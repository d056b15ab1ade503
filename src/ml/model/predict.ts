/**
 * Batched inference on rows of feature ids: pads each batch to its longest row, runs the encoder,
 * returns host arrays. Shared by training (evaluation, export) and the runtime.
 */
import * as tf from '@tensorflow/tfjs';

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

/** Output buffers sized from the model's output shapes. */
export function allocateOutputs(model: tf.LayersModel, n: number): BatchOutputs {
  const latent = (model.outputs[0]?.shape[1] ?? 0) as number;
  const numLevel1 = (model.outputs[2]?.shape[1] ?? 0) as number;
  const numLevel2 = (model.outputs[3]?.shape[1] ?? 0) as number;
  return {
    n,
    latent,
    numLevel1,
    numLevel2,
    mu: new Float32Array(n * latent),
    level1: new Float32Array(n * numLevel1),
    level2: new Float32Array(n * numLevel2),
  };
}

export function predictRows(
  model: tf.LayersModel,
  rows: readonly Int32Array[],
  batchSize = 512,
): BatchOutputs {
  const out = allocateOutputs(model, rows.length);
  const { latent, numLevel1, numLevel2 } = out;
  const n = rows.length;
  for (let s = 0; s < n; s += batchSize) {
    const chunk = rows.slice(s, s + batchSize);
    const { ids, seqLen } = padIds(chunk);
    tf.tidy(() => {
      const x = tf.tensor2d(ids, [chunk.length, seqLen], 'int32');
      const outs = model.predictOnBatch(x) as tf.Tensor[];
      out.mu.set(outs[0]!.dataSync() as Float32Array, s * latent);
      out.level1.set(outs[2]!.dataSync() as Float32Array, s * numLevel1);
      out.level2.set(outs[3]!.dataSync() as Float32Array, s * numLevel2);
    });
  }
  return out;
}
