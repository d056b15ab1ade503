/**
 * Step-time benchmark (Node, wasm): `npx tsx src/ml/model/train-step.bench.ts [steps]`.
 * Batch 256 x 96 ids, V = 4000 bag-of-words targets (~30 words a row, COO), 21 / 190 classes.
 * Ids follow a Zipf-like law over 60k distinct features, as hashed word + n-gram features do.
 */
import * as tf from '@tensorflow/tfjs';
import { buildDecoder, buildEncoder } from './architecture';
import { makeModelConfig } from './model-config';
import { lcg } from './synthetic.test-data';
import { createTrainer, type TrainBatch } from './train-step';
import { initTestBackend } from './test-backend';

const BATCH = 256;
const SEQ = 96;
const VOCAB = 4000;
const WORDS_PER_ROW = 30;

function makeBatch(buckets: number, seed: number): TrainBatch {
  const rnd = lcg(seed);
  const ids = new Int32Array(BATCH * SEQ);
  for (let i = 0; i < ids.length; i++) {
    // Zipf-ish rank over 60k features, hashed into the buckets; ~15% padding at row ends.
    const rank = Math.floor(60_000 ** rnd());
    ids[i] = i % SEQ > SEQ * 0.85 ? 0 : 1 + (((rank * 2654435761) >>> 0) % (buckets - 1));
  }
  const n = BATCH * WORDS_PER_ROW;
  const bowRows = new Int32Array(n);
  const bowCols = new Int32Array(n);
  const bowValues = new Float32Array(n).fill(1 / WORDS_PER_ROW);
  for (let i = 0; i < n; i++) {
    bowRows[i] = Math.floor(i / WORDS_PER_ROW);
    bowCols[i] = Math.floor(VOCAB ** rnd()) % VOCAB;
  }
  const level1 = Int32Array.from({ length: BATCH }, () => (rnd() < 0.3 ? -1 : Math.floor(rnd() * 21)));
  const level2 = Int32Array.from({ length: BATCH }, () => (rnd() < 0.5 ? -1 : Math.floor(rnd() * 190)));
  return { ids, batchSize: BATCH, seqLen: SEQ, bowRows, bowCols, bowValues, level1, level2 };
}

async function bench(
  label: string,
  buckets: number,
  embedDim: number,
  decHidden: number,
  mode: 'host' | 'dense',
  steps: number,
): Promise<void> {
  const cfg = makeModelConfig({ buckets, embedDim, numLevel1: 21, numLevel2: 190 });
  const enc = buildEncoder(cfg);
  const dec = buildDecoder(cfg.latent, VOCAB, decHidden, cfg.seed);
  const trainer = createTrainer({
    encoder: enc,
    decoder: dec,
    learningRate: 1e-3,
    alpha: 1,
    beta: 1,
    dropout: cfg.dropout,
    seed: 1,
    embeddingUpdate: mode,
  });
  const batches = [0, 1, 2, 3].map((s) => makeBatch(buckets, s + 1));
  // Warm-up: first step allocates Adam slots and the host mirror.
  trainer.step(batches[0] as TrainBatch, 0);
  trainer.step(batches[1] as TrainBatch, 1);
  const t0 = performance.now();
  for (let i = 0; i < steps; i++) trainer.step(batches[i % 4] as TrainBatch, i + 2);
  const ms = (performance.now() - t0) / steps;
  const ts = performance.now();
  trainer.sync();
  const syncMs = performance.now() - ts;
  console.log(
    `${label.padEnd(44)} ${ms.toFixed(1).padStart(7)} ms/step  (${(((150_000 / BATCH) * ms) / 1000).toFixed(0)} s/epoch of 150k rows; final sync ${syncMs.toFixed(0)} ms)`,
  );
  trainer.dispose();
  enc.dispose();
  dec.dispose();
}

const steps = Number(process.argv[2] ?? 20);
console.log(`backend ${await initTestBackend()}, ${steps} timed steps, batch ${BATCH} x ${SEQ}, V ${VOCAB}`);
await bench('buckets 2^17, embed 64, dec hidden 256 (host)', 2 ** 17, 64, 256, 'host', steps);
await bench('buckets 2^16, embed 64, dec hidden 256 (host)', 2 ** 16, 64, 256, 'host', steps);
await bench('buckets 2^17, embed 32, dec hidden 256 (host)', 2 ** 17, 32, 256, 'host', steps);
await bench('buckets 2^17, embed 64, dec hidden 128 (host)', 2 ** 17, 64, 128, 'host', steps);
await bench(
  'buckets 2^17, embed 64, dec hidden 256 (dense)',
  2 ** 17,
  64,
  256,
  'dense',
  Math.max(3, Math.floor(steps / 4)),
);
console.log(`tensors alive at exit: ${tf.memory().numTensors}`);
