/** Trainer: learning on a synthetic set, determinism, no tensor leaks, heads-only fine-tuning. */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildDecoder, buildEncoder } from './architecture';
import { makeModelConfig, type ModelConfig } from './model-config';
import { syntheticSet, type SyntheticSet } from './synthetic.test-data';
import { createTrainer, type TrainBatch, type TrainerOptions } from './train-step';
import { initTestBackend } from './test-backend';

let backend = '';
beforeAll(async () => {
  backend = await initTestBackend();
});

const CFG: ModelConfig = makeModelConfig({
  buckets: 4096,
  embedDim: 16,
  hidden: 32,
  latent: 8,
  numLevel1: 3,
  numLevel2: 6,
  headHidden: 16,
  seed: 7,
  dropout: 0.1,
});
const VOCAB = 30;
const DATA: SyntheticSet = syntheticSet({
  rows: 200,
  seqLen: 12,
  buckets: CFG.buckets,
  vocab: VOCAB,
  classes: 3,
  seed: 1,
});

function batchAt(i: number, size: number, unlabeled = false): TrainBatch {
  const start = (i * size) % DATA.rows;
  const rows = Array.from({ length: size }, (_, k) => (start + k) % DATA.rows);
  const T = DATA.seqLen;
  const ids = new Int32Array(size * T);
  const bow = new Float32Array(size * VOCAB);
  const level1 = new Int32Array(size);
  const level2 = new Int32Array(size);
  rows.forEach((r, k) => {
    ids.set(DATA.ids.subarray(r * T, (r + 1) * T), k * T);
    bow.set(DATA.bow.subarray(r * VOCAB, (r + 1) * VOCAB), k * VOCAB);
    // Every 4th row unlabelled at level 2, to exercise the mask.
    level1[k] = unlabeled ? -1 : (DATA.level1[r] ?? -1);
    level2[k] = unlabeled || r % 4 === 0 ? -1 : (DATA.level2[r] ?? -1);
  });
  return { ids, batchSize: size, seqLen: T, bow, level1, level2 };
}

function setup(extra: Partial<TrainerOptions> = {}): {
  enc: tf.LayersModel;
  dec: tf.LayersModel;
  trainer: ReturnType<typeof createTrainer>;
} {
  const enc = buildEncoder(CFG);
  const dec = buildDecoder(CFG.latent, VOCAB, 32, CFG.seed);
  const trainer = createTrainer({
    encoder: enc,
    decoder: dec,
    learningRate: 0.01,
    embeddingLearningRate: 0.05,
    alpha: 1,
    beta: 0.1,
    betaWarmupSteps: 10,
    dropout: CFG.dropout,
    seed: CFG.seed,
    ...extra,
  });
  return { enc, dec, trainer };
}

function accuracy(trainer: ReturnType<typeof createTrainer>): number {
  const p = trainer.predict(DATA.ids, DATA.rows, DATA.seqLen);
  let ok = 0;
  for (let r = 0; r < DATA.rows; r++) {
    let best = 0;
    for (let c = 1; c < 3; c++) if ((p.level1[r * 3 + c] ?? 0) > (p.level1[r * 3 + best] ?? 0)) best = c;
    if (best === DATA.level1[r]) ok++;
  }
  return ok / DATA.rows;
}

describe('createTrainer', () => {
  it('runs on wasm', () => {
    expect(['wasm', 'cpu']).toContain(backend);
  });

  it.each(['host', 'dense'] as const)('learns the synthetic set (%s embedding update)', (mode) => {
    // alpha 2: the recon term has an entropy floor (~2.3 nats here), the CE terms can reach ~0.
    const { enc, dec, trainer } = setup({ embeddingUpdate: mode, alpha: 2 });
    const first = trainer.step(batchAt(0, 64), 0);
    let last = first;
    for (let i = 1; i < 30; i++) last = trainer.step(batchAt(i, 64), i);
    const acc = accuracy(trainer);
    expect(Number.isFinite(last.loss)).toBe(true);
    expect(last.loss).toBeLessThan(0.5 * first.loss);
    expect(acc).toBeGreaterThan(0.9);
    trainer.dispose();
    enc.dispose();
    dec.dispose();
  });

  it('is deterministic for a given seed', () => {
    const run = (): Float32Array[] => {
      const { enc, dec, trainer } = setup();
      for (let i = 0; i < 8; i++) trainer.step(batchAt(i, 32), i);
      trainer.sync();
      const w = enc.getWeights().map((t) => t.dataSync() as Float32Array);
      trainer.dispose();
      enc.dispose();
      dec.dispose();
      return w;
    };
    const a = run();
    const b = run();
    expect(a.length).toBe(b.length);
    a.forEach((w, i) => {
      const v = b[i] as Float32Array;
      let diff = 0;
      for (let k = 0; k < w.length; k++) diff = Math.max(diff, Math.abs((w[k] ?? 0) - (v[k] ?? 0)));
      expect(diff).toBeLessThanOrEqual(1e-6);
    });
  });

  it('leaks no tensors over 50 steps and 100 predictions', () => {
    const { enc, dec, trainer } = setup();
    trainer.step(batchAt(0, 32), 0); // creates the optimizer's slots
    trainer.predict(DATA.ids.subarray(0, 4 * DATA.seqLen), 4, DATA.seqLen);
    const before = tf.memory().numTensors;
    for (let i = 1; i <= 50; i++) trainer.step(batchAt(i, 32, i % 5 === 0), i);
    for (let i = 0; i < 100; i++) trainer.predict(DATA.ids.subarray(0, 4 * DATA.seqLen), 4, DATA.seqLen);
    expect(tf.memory().numTensors).toBe(before);
    trainer.dispose();
    enc.dispose();
    dec.dispose();
  });

  it('heads scope changes only the heads', () => {
    const { enc, dec, trainer } = setup();
    for (let i = 0; i < 5; i++) trainer.step(batchAt(i, 32), i);
    trainer.dispose();
    const heads = createTrainer({
      encoder: enc,
      learningRate: 0.01,
      alpha: 1,
      beta: 0,
      trainableScope: 'heads',
    });
    const snap = (): Map<string, Float32Array> =>
      new Map(enc.weights.map((w) => [w.originalName, Float32Array.from(w.read().dataSync())]));
    const before = snap();
    const r = heads.step(batchAt(0, 32), 0);
    expect(r.recon).toBe(0);
    expect(r.ce1).toBeGreaterThan(0);
    const after = snap();
    for (const [name, v] of before) {
      const changed = !v.every((x, i) => x === after.get(name)?.[i]);
      expect([name, changed]).toEqual([name, /^level[12]_(hidden|logits)\//.test(name)]);
    }
    heads.dispose();
    enc.dispose();
    dec.dispose();
  });
});
