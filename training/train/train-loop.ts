/**
 * The training loop: class-balanced sampling, batches, the shared train step, per-epoch
 * evaluation on validation and on the merchant development set, early stopping, best weights.
 */
import { buildDecoder, buildEncoder } from '../../src/ml/model/architecture';
import { makeModelConfig, type ModelConfig } from '../../src/ml/model/model-config';
import { predictRows, padIds, type BatchOutputs } from '../../src/ml/model/predict';
import { createTrainer } from '../../src/ml/model/train-step';
import { restoreWeights, setTokenWeights, snapshotWeights } from '../../src/ml/model/weights-snapshot';
import type { LayersModelLike } from './types';
import { rankProbs, scoreLevel } from '../eval/metrics';
import { computeIdf, type EncodedSet } from './dataset';
import { mulberry32 } from '../../src/ml/model/mulberry32';

export interface TrainOptions {
  model: Partial<ModelConfig>;
  epochs: number;
  /** Rows drawn per epoch (with replacement, by the balanced sampling weights). */
  epochSize: number;
  batchSize: number;
  learningRate: number;
  embeddingLearningRate: number;
  alpha: number;
  beta: number;
  betaWarmupSteps: number;
  /** Sampling weight of a row = (rows in its level-1 class)^-tau: 0 = natural, 1 = fully balanced. */
  balanceTau: number;
  /** Weight multiplier per row kind (listing / taxonomy / synthetic) before balancing. */
  kindWeights: Record<string, number>;
  patience: number;
  seed: number;
  vocab: Map<string, number>;
  /** Decoder hidden width; 0 = linear decoder (NVDM). */
  decoderHidden: number;
}

export interface EpochLog {
  epoch: number;
  seconds: number;
  loss: number;
  recon: number;
  kl: number;
  ce1: number;
  ce2: number;
  valAccuracy1: number;
  valMacroF1: number;
  devAccuracy1: number | null;
  devMacroF1: number | null;
  devAccuracy2: number | null;
  score: number;
}

export interface TrainResult {
  encoder: LayersModelLike;
  config: ModelConfig;
  history: EpochLog[];
  bestEpoch: number;
  seconds: number;
  steps: number;
}

/** Sampling weights per row; exported for the data report and tests. */
export function samplingWeights(
  set: EncodedSet,
  tau: number,
  kindWeights: Record<string, number>,
): Float64Array {
  const counts = new Map<number, number>();
  for (let i = 0; i < set.n; i++)
    counts.set(set.level1[i]!, (counts.get(set.level1[i]!) ?? 0) + (kindWeights[set.kind[i]!] ?? 1));
  const w = new Float64Array(set.n);
  for (let i = 0; i < set.n; i++) {
    const k = kindWeights[set.kind[i]!] ?? 1;
    w[i] = set.level1[i]! < 0 ? 0 : k * Math.pow(counts.get(set.level1[i]!) ?? 1, -tau);
  }
  return w;
}

function drawSample(weights: Float64Array, count: number, rand: () => number): Int32Array {
  const cum = new Float64Array(weights.length);
  let s = 0;
  weights.forEach((w, i) => {
    s += w;
    cum[i] = s;
  });
  const out = new Int32Array(count);
  for (let k = 0; k < count; k++) {
    const r = rand() * s;
    let lo = 0;
    let hi = cum.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cum[mid]! < r) lo = mid + 1;
      else hi = mid;
    }
    out[k] = lo;
  }
  return out;
}

export function evaluateSet(
  encoder: LayersModelLike,
  set: EncodedSet,
): { out: BatchOutputs; acc1: number; f1: number; acc2: number } {
  const out = predictRows(encoder, set.ids);
  const p1 = Array.from({ length: set.n }, (_, i) =>
    rankProbs(out.level1.subarray(i * out.numLevel1, (i + 1) * out.numLevel1), 3),
  );
  const p2 = Array.from({ length: set.n }, (_, i) =>
    rankProbs(out.level2.subarray(i * out.numLevel2, (i + 1) * out.numLevel2), 3),
  );
  const m1 = scoreLevel(Array.from(set.level1), p1);
  const m2 = scoreLevel(Array.from(set.level2), p2);
  return { out, acc1: m1.accuracy, f1: m1.macroF1, acc2: m2.accuracy };
}

const fmt = (s: number) =>
  s >= 60 ? `${Math.floor(s / 60)}m${String(Math.round(s % 60)).padStart(2, '0')}s` : `${s.toFixed(0)}s`;

export function trainModel(
  train: EncodedSet,
  val: EncodedSet,
  dev: EncodedSet | null,
  numLevel1: number,
  numLevel2: number,
  opts: TrainOptions,
  log: (line: string) => void = console.log,
): TrainResult {
  const t0 = performance.now();
  const config = makeModelConfig({ ...opts.model, numLevel1, numLevel2, seed: opts.seed });
  const encoder = buildEncoder(config);
  const decoder = buildDecoder(config.latent, opts.vocab.size, opts.decoderHidden, opts.seed + 1);
  setTokenWeights(encoder, computeIdf(train.ids, config.buckets));
  const trainer = createTrainer({
    encoder,
    decoder,
    learningRate: opts.learningRate,
    embeddingLearningRate: opts.embeddingLearningRate,
    alpha: opts.alpha,
    beta: opts.beta,
    betaWarmupSteps: opts.betaWarmupSteps,
    dropout: config.dropout,
    seed: opts.seed,
  });
  const rand = mulberry32(opts.seed);
  const weights = samplingWeights(train, opts.balanceTau, opts.kindWeights);
  const history: EpochLog[] = [];
  let best: { score: number; epoch: number; snap: ReturnType<typeof snapshotWeights> } | null = null;
  let step = 0;
  const stepsPerEpoch = Math.ceil(opts.epochSize / opts.batchSize);
  const tty = process.stderr.isTTY;

  for (let epoch = 1; epoch <= opts.epochs; epoch++) {
    const te = performance.now();
    const order = drawSample(weights, opts.epochSize, rand);
    const sums = { loss: 0, recon: 0, kl: 0, ce1: 0, ce2: 0 };
    for (let s = 0; s < stepsPerEpoch; s++) {
      const rows = Array.from(order.subarray(s * opts.batchSize, (s + 1) * opts.batchSize));
      if (rows.length === 0) break;
      const { ids, seqLen } = padIds(rows.map((r) => train.ids[r]!));
      const bowRows: number[] = [];
      const bowCols: number[] = [];
      const bowValues: number[] = [];
      rows.forEach((r, bi) => {
        const counts = new Map<number, number>();
        for (const w of train.words[r]!) {
          const v = opts.vocab.get(w);
          if (v !== undefined) counts.set(v, (counts.get(v) ?? 0) + 1);
        }
        for (const [v, c] of counts) {
          bowRows.push(bi);
          bowCols.push(v);
          bowValues.push(c);
        }
      });
      const res = trainer.step(
        {
          ids,
          batchSize: rows.length,
          seqLen,
          bowRows: Int32Array.from(bowRows),
          bowCols: Int32Array.from(bowCols),
          bowValues: Float32Array.from(bowValues),
          level1: Int32Array.from(rows, (r) => train.level1[r]!),
          level2: Int32Array.from(rows, (r) => train.level2[r]!),
        },
        step++,
      );
      for (const k of Object.keys(sums) as (keyof typeof sums)[]) sums[k] += res[k];
      if (tty && (s % 10 === 0 || s === stepsPerEpoch - 1)) {
        const done = (s + 1) / stepsPerEpoch;
        const el = (performance.now() - te) / 1000;
        const bar = '#'.repeat(Math.round(done * 24)).padEnd(24, '.');
        process.stderr.write(
          `\r  epoch ${epoch}/${opts.epochs} [${bar}] loss ${(sums.loss / (s + 1)).toFixed(3)} recon ${(sums.recon / (s + 1)).toFixed(2)} kl ${(sums.kl / (s + 1)).toFixed(2)} ce1 ${(sums.ce1 / (s + 1)).toFixed(3)} ce2 ${(sums.ce2 / (s + 1)).toFixed(3)}  ETA ${fmt((el / done) * (1 - done))}   `,
        );
      }
    }
    if (tty) process.stderr.write('\n');
    trainer.sync();
    const v = evaluateSet(encoder, val);
    const d = dev ? evaluateSet(encoder, dev) : null;
    // Selection score: validation macro-F1 keeps the real-data test honest, the merchant set
    // keeps generalization honest; equal weight, level 1.
    const score = d ? 0.5 * v.f1 + 0.5 * d.f1 : v.f1;
    const n = stepsPerEpoch;
    const entry: EpochLog = {
      epoch,
      seconds: (performance.now() - te) / 1000,
      loss: sums.loss / n,
      recon: sums.recon / n,
      kl: sums.kl / n,
      ce1: sums.ce1 / n,
      ce2: sums.ce2 / n,
      valAccuracy1: v.acc1,
      valMacroF1: v.f1,
      devAccuracy1: d?.acc1 ?? null,
      devMacroF1: d?.f1 ?? null,
      devAccuracy2: d?.acc2 ?? null,
      score,
    };
    history.push(entry);
    log(
      `epoch ${epoch}: ${entry.seconds.toFixed(0)}s loss ${entry.loss.toFixed(3)} (recon ${entry.recon.toFixed(2)} kl ${entry.kl.toFixed(2)} ce1 ${entry.ce1.toFixed(3)} ce2 ${entry.ce2.toFixed(3)}) | val acc1 ${v.acc1.toFixed(3)} F1 ${v.f1.toFixed(3)}` +
        (d ? ` | dev acc1 ${d.acc1.toFixed(3)} F1 ${d.f1.toFixed(3)} acc2 ${d.acc2.toFixed(3)}` : '') +
        ` | score ${score.toFixed(4)}`,
    );
    if (!best || score > best.score) best = { score, epoch, snap: snapshotWeights(encoder) };
    else if (epoch - best.epoch >= opts.patience) {
      log(`early stop: no better score for ${opts.patience} epochs`);
      break;
    }
  }
  trainer.dispose();
  decoder.dispose();
  if (best) restoreWeights(encoder, best.snap);
  return {
    encoder,
    config,
    history,
    bestEpoch: best?.epoch ?? 0,
    seconds: (performance.now() - t0) / 1000,
    steps: step,
  };
}
