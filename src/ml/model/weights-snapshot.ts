/** Host copies of a model's weights: keep the best epoch during training, restore it after. */
import * as tf from '@tensorflow/tfjs';
import { encoderLayers } from './architecture';

export type WeightsSnapshot = Float32Array[];

export function snapshotWeights(model: tf.LayersModel): WeightsSnapshot {
  encoderLayers(model).bag.syncFromHost();
  return model.weights.map((w) => Float32Array.from(w.read().dataSync() as Float32Array));
}

export function restoreWeights(model: tf.LayersModel, snap: WeightsSnapshot): void {
  const bag = encoderLayers(model).bag;
  // The trainer's host mirror would overwrite restored values on its next sync; drop it.
  bag.releaseHost();
  tf.tidy(() => {
    model.weights.forEach((w, i) => {
      const v = snap[i];
      if (v === undefined) throw new Error('snapshot does not match the model');
      w.write(tf.tensor(v, w.shape as number[]));
    });
  });
}

/** Sets the bag's per-bucket token weights (idf), computed by the trainer from the corpus. */
export function setTokenWeights(model: tf.LayersModel, idf: Float32Array): void {
  encoderLayers(model).bag.setIdf(idf);
}
