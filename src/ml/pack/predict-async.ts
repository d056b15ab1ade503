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
