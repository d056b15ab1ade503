/**
 * Semi-supervised VAE loss: multinomial bag-of-words reconstruction + beta * KL + alpha * masked
 * cross-entropy on both taxonomy levels. Rows with label -1 at a level add no CE at that level,
 * so unlabelled listings still train the encoder through the reconstruction term.
 */
import * as tf from '@tensorflow/tfjs';

export interface VaeLossInputs {
  mu: tf.Tensor2D;
  logVar: tf.Tensor2D;
  level1Logits: tf.Tensor2D;
  level2Logits: tf.Tensor2D;
  /** z -> logits over the top-V vocabulary. */
  decode: (z: tf.Tensor2D) => tf.Tensor2D;
  /** [batch, V] counts or normalised frequencies of the row's top-V words. */
  bow: tf.Tensor2D;
  /** [batch] int32 class index or -1 (unknown). */
  level1: tf.Tensor1D;
  level2: tf.Tensor1D;
  classWeights1?: tf.Tensor1D;
  classWeights2?: tf.Tensor1D;
  alpha: number;
  beta: number;
  /** Seed of this step's reparameterisation noise (deterministic runs). */
  seed: number;
}

export interface VaeLossTerms {
  total: tf.Scalar;
  recon: tf.Scalar;
  kl: tf.Scalar;
  ce1: tf.Scalar;
  ce2: tf.Scalar;
}

/** Mean over the batch of -sum_v bow_v log softmax(logits)_v. */
export function reconstructionLoss(logits: tf.Tensor2D, bow: tf.Tensor2D): tf.Scalar {
  return tf.tidy(() => tf.logSoftmax(logits).mul(bow).sum(1).neg().mean() as tf.Scalar);
}

/** Mean over the batch of KL(N(mu, exp(logVar)) || N(0, I)). */
export function gaussianKl(mu: tf.Tensor2D, logVar: tf.Tensor2D): tf.Scalar {
  return tf.tidy(
    () =>
      tf
        .scalar(-0.5)
        .mul(tf.scalar(1).add(logVar).sub(mu.square()).sub(logVar.exp()).sum(1))
        .mean() as tf.Scalar,
  );
}

/**
 * Cross-entropy over labelled rows: sum_i m_i w_{y_i} (-log p_{y_i}) / max(1, sum_i m_i).
 * Class weights scale a row's share; the divisor counts labelled rows so a batch with few labels
 * is not amplified. A batch with no labels gives exactly 0.
 */
export function maskedCrossEntropy(
  logits: tf.Tensor2D,
  labels: tf.Tensor1D,
  classWeights?: tf.Tensor1D,
): tf.Scalar {
  return tf.tidy(() => {
    const n = logits.shape[1];
    const mask = labels.greaterEqual(0).cast('float32');
    const safe = labels.maximum(0).cast('int32') as tf.Tensor1D;
    const nll = tf.logSoftmax(logits).mul(tf.oneHot(safe, n).cast('float32')).sum(1).neg();
    let rowW = mask;
    if (classWeights !== undefined) rowW = rowW.mul(tf.gather(classWeights, safe));
    return nll.mul(rowW).sum().div(mask.sum().maximum(1)) as tf.Scalar;
  });
}

/** Reparameterised sample z = mu + exp(0.5 logVar) * eps, eps ~ N(0, I) from `seed`. */
export function sampleLatent(mu: tf.Tensor2D, logVar: tf.Tensor2D, seed: number): tf.Tensor2D {
  return tf.tidy(() => {
    const eps = tf.randomNormal(mu.shape, 0, 1, 'float32', seed);
    return mu.add(logVar.mul(0.5).exp().mul(eps)) as tf.Tensor2D;
  });
}

export function vaeLoss(x: VaeLossInputs): VaeLossTerms {
  return tf.tidy(() => {
    const z = sampleLatent(x.mu, x.logVar, x.seed);
    const recon = reconstructionLoss(x.decode(z), x.bow);
    const kl = gaussianKl(x.mu, x.logVar);
    const ce1 = maskedCrossEntropy(x.level1Logits, x.level1, x.classWeights1);
    const ce2 = maskedCrossEntropy(x.level2Logits, x.level2, x.classWeights2);
    const total = recon.add(kl.mul(x.beta)).add(ce1.add(ce2).mul(x.alpha)) as tf.Scalar;
    return { total, recon, kl, ce1, ce2 };
  });
}

/** Linear KL warm-up: 0 at step 0, `beta` from `warmupSteps` on (avoids early posterior collapse). */
export function betaSchedule(step: number, beta: number, warmupSteps: number): number {
  if (warmupSteps <= 0) return beta;
  return beta * Math.min(1, Math.max(0, step / warmupSteps));
}
