/**
 * predictRows with asynchronous readback (`await tensor.data()`). Why: on the WebGPU backend of
 * TF.js 4.22 the synchronous `dataSync()` readback returns zeros here (SwiftShader, headless
 * Chromium, page and worker alike), so the browser runtime reads results asynchronously. Same
 * batching, padding and outputs as model/predict.ts; numbers are identical on every backend.
 */
import * as tf from '@tensorflow/tfjs';
import { readInto } from '../model/read-into';
import {
  allocateOutputs,
  predictBatchTensors,
  type BatchOutputs,
  type HostBagWeights,
} from '../model/predict';

/**
 * Where a caller lets the level outputs be written again on every call (the runtime reads them
 * before its next call): no new arrays per batch. mu is always new (its buffer goes to the page).
 */
export interface OutputScratch {
  level1: Float32Array;
  level2: Float32Array;
}

export async function predictRowsAsync(
  model: tf.LayersModel,
  rows: readonly Int32Array[],
  batchSize = 512,
  host?: HostBagWeights,
  scratch?: OutputScratch,
): Promise<BatchOutputs> {
  const out = allocateOutputs(model, rows.length, scratch);
  const { latent, numLevel1, numLevel2 } = out;
  const n = rows.length;
  for (let s = 0; s < n; s += batchSize) {
    const outs = predictBatchTensors(model, rows.slice(s, s + batchSize), host);
    try {
      await readInto(outs[0], out.mu, s * latent);
      await readInto(outs[1], out.level1, s * numLevel1);
      await readInto(outs[2], out.level2, s * numLevel2);
    } finally {
      tf.dispose(outs);
    }
  }
  return out;
}
