/**
 * predictRows with asynchronous readback (`await tensor.data()`). Why: on the WebGPU backend of
 * TF.js 4.22 the synchronous `dataSync()` readback returns zeros here (SwiftShader, headless
 * Chromium, page and worker alike), so the browser runtime reads results asynchronously. Same
 * batching, padding and outputs as model/predict.ts; numbers are identical on every backend.
 */
import * as tf from '@tensorflow/tfjs';
import {
  allocateOutputs,
  predictBatchTensors,
  type BatchOutputs,
  type HostBagWeights,
} from '../model/predict';

export async function predictRowsAsync(
  model: tf.LayersModel,
  rows: readonly Int32Array[],
  batchSize = 512,
  host?: HostBagWeights,
): Promise<BatchOutputs> {
  if (rows.length > 0 && rows.length <= batchSize) {
    // One batch (the worker's usual call): the read-back arrays are the outputs. They are fresh
    // arrays (or, on the CPU backend, the disposed tensors' own), so copying them into a second
    // set, ~290 kB a 256-row batch, was allocation and garbage for nothing.
    const outs = predictBatchTensors(model, rows, host);
    try {
      const [mu, l1, l2] = await Promise.all([outs[0].data(), outs[1].data(), outs[2].data()]);
      const [, latent = 0] = outs[0].shape;
      const [, numLevel1 = 0] = outs[1].shape;
      const [, numLevel2 = 0] = outs[2].shape;
      return {
        n: rows.length,
        latent,
        numLevel1,
        numLevel2,
        mu: mu as Float32Array,
        level1: l1 as Float32Array,
        level2: l2 as Float32Array,
      };
    } finally {
      tf.dispose(outs);
    }
  }
  const out = allocateOutputs(model, rows.length);
  const { latent, numLevel1, numLevel2 } = out;
  const n = rows.length;
  for (let s = 0; s < n; s += batchSize) {
    const outs = predictBatchTensors(model, rows.slice(s, s + batchSize), host);
    try {
      const [mu, l1, l2] = await Promise.all([outs[0].data(), outs[1].data(), outs[2].data()]);
      out.mu.set(mu as Float32Array, s * latent);
      out.level1.set(l1 as Float32Array, s * numLevel1);
      out.level2.set(l2 as Float32Array, s * numLevel2);
    } finally {
      tf.dispose(outs);
    }
  }
  return out;
}
