/** Writer -> stock tf.loadLayersModel round trips for float32 (exact), float16 and uint8. */
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDecoder, buildEncoder } from './architecture';
import type { EmbeddingBag } from './embedding-bag';
import {
  exportLayersModel,
  loadEncoderForInference,
  loadEncoderFromArtifacts,
  SHARD_BYTES,
  type WeightQuantization,
} from './layers-io';
import { makeModelConfig } from './model-config';
import { hostBags, predictRows, readHostBagWeights } from './predict';
import { fromFloat16, toFloat16 } from './quantize';
import { syntheticSet } from './synthetic.test-data';
import { createTrainer } from './train-step';
import { initTestBackend } from './test-backend';

const CFG = makeModelConfig({
  buckets: 2 ** 15,
  embedDim: 48,
  hidden: 32,
  latent: 8,
  numLevel1: 3,
  numLevel2: 6,
  headHidden: 16,
  seed: 3,
});
const DATA = syntheticSet({ rows: 96, seqLen: 10, buckets: CFG.buckets, vocab: 20, classes: 3, seed: 2 });
let enc: tf.LayersModel;
let probe: tf.Tensor2D;

beforeAll(async () => {
  await initTestBackend();
  enc = buildEncoder(CFG);
  const dec = buildDecoder(CFG.latent, 20, 16, 1);
  // Train a little (host mirror path) so weights are not at init and the table has seen/unseen rows.
  const trainer = createTrainer({
    encoder: enc,
    decoder: dec,
    learningRate: 0.01,
    embeddingLearningRate: 0.05,
    alpha: 2,
    beta: 0.1,
    seed: 1,
  });
  for (let i = 0; i < 10; i++) {
    trainer.step(
      {
        ids: DATA.ids,
        batchSize: DATA.rows,
        seqLen: DATA.seqLen,
        bow: DATA.bow,
        level1: DATA.level1,
        level2: DATA.level2,
      },
      i,
    );
  }
  trainer.dispose(); // leaves the table synced in the model
  dec.dispose();
  probe = tf.tensor2d(DATA.ids, [DATA.rows, DATA.seqLen], 'int32');
});

afterAll(() => {
  enc.dispose();
  probe.dispose();
});

function outputs(m: tf.LayersModel): Float32Array[] {
  return tf.tidy(() => (m.predict(probe) as tf.Tensor[]).map((t) => t.dataSync() as Float32Array));
}

function argmaxRows(p: Float32Array, n: number): number[] {
  const out: number[] = [];
  for (let r = 0; r < p.length / n; r++) {
    let best = 0;
    for (let c = 1; c < n; c++) if ((p[r * n + c] ?? 0) > (p[r * n + best] ?? 0)) best = c;
    out.push(best);
  }
  return out;
}

function maxAbsDiff(a: Float32Array, b: Float32Array): number {
  let d = 0;
  for (let i = 0; i < a.length; i++) d = Math.max(d, Math.abs((a[i] ?? 0) - (b[i] ?? 0)));
  return d;
}

describe('exportLayersModel / loadEncoderFromArtifacts', () => {
  it('writes a standard model.json with 4 MB shards and the idf weight', async () => {
    const { modelJson, shards } = await exportLayersModel(enc, { quantization: 'float32' });
    expect(modelJson.format).toBe('layers-model');
    const group = modelJson.weightsManifest[0];
    const names = group?.weights.map((w) => w.name) ?? [];
    expect(names).toContain('embedding_bag/embeddings');
    expect(names).toContain('embedding_bag/idf');
    // 2^15 x 48 floats = 6 MB table: two shards, the first exactly SHARD_BYTES.
    expect(shards.length).toBe(group?.paths.length);
    expect(shards.length).toBeGreaterThan(1);
    expect(shards[0]?.byteLength).toBe(SHARD_BYTES);
    expect(JSON.parse(JSON.stringify(modelJson))).toEqual(modelJson);
  });

  it('float32 round trip is exact', async () => {
    const { modelJson, shards } = await exportLayersModel(enc, { quantization: 'float32' });
    const back = await loadEncoderFromArtifacts(JSON.parse(JSON.stringify(modelJson)), shards);
    expect(back.outputNames.length).toBe(4);
    const a = outputs(enc);
    const b = outputs(back);
    a.forEach((x, i) => expect(maxAbsDiff(x, b[i] as Float32Array)).toBe(0));
    back.dispose();
  });

  it.each([
    ['float16', 2e-3],
    ['uint8', 0.05],
  ] as [WeightQuantization, number][])('%s round trip keeps predictions close', async (q, tol) => {
    const { modelJson, shards } = await exportLayersModel(enc, { quantization: q });
    const bytes = shards.reduce((s, x) => s + x.byteLength, 0);
    const back = await loadEncoderFromArtifacts(JSON.parse(JSON.stringify(modelJson)), shards);
    const a = outputs(enc);
    const b = outputs(back);
    const l1 = maxAbsDiff(a[2] as Float32Array, b[2] as Float32Array);
    const l2 = maxAbsDiff(a[3] as Float32Array, b[3] as Float32Array);
    expect(l1).toBeLessThan(tol);
    expect(l2).toBeLessThan(tol);
    expect(argmaxRows(b[2] as Float32Array, 3)).toEqual(argmaxRows(a[2] as Float32Array, 3));
    // Unseen buckets stay exactly zero after decoding (exact-zero uint8 code, float16 0).
    const table = back.getLayer('embedding_bag').getWeights()[0] as tf.Tensor;
    const tail = tf.tidy(
      () =>
        table
          .slice([CFG.buckets - 100, 0], [100, CFG.embedDim])
          .abs()
          .sum()
          .dataSync()[0],
    );
    expect(tail).toBe(0);
    console.log(`${q}: ${bytes} bytes, max |dp| level1 ${l1.toExponential(2)} level2 ${l2.toExponential(2)}`);
    back.dispose();
  });

  it('float16 weights decode exactly as our fromFloat16 (tf.io agrees with our codec)', async () => {
    const { modelJson, shards } = await exportLayersModel(enc, { quantization: 'float16' });
    const back = await loadEncoderFromArtifacts(modelJson, shards);
    const orig = enc.getLayer('mu').getWeights()[0]?.dataSync() as Float32Array;
    const got = back.getLayer('mu').getWeights()[0]?.dataSync() as Float32Array;
    expect(Array.from(got)).toEqual(Array.from(fromFloat16(toFloat16(orig))));
    back.dispose();
  });

  it('perWeight overrides the default', async () => {
    const { modelJson } = await exportLayersModel(enc, {
      quantization: 'uint8',
      perWeight: (name) => (name.endsWith('/bias') ? 'float32' : undefined),
    });
    for (const w of modelJson.weightsManifest[0]?.weights ?? []) {
      expect(w.quantization?.dtype).toBe(w.name.endsWith('/bias') ? undefined : 'uint8');
    }
  });
});

/** First index where the two differ (-1: same length, same values); toEqual takes seconds on 1.5M. */
function firstDifference(a: Float32Array, b: Float32Array): number {
  if (a.length !== b.length) return Math.min(a.length, b.length);
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return i;
  return -1;
}

describe('loadEncoderForInference', () => {
  const rows = Array.from({ length: DATA.rows }, (_, r) =>
    DATA.ids.subarray(r * DATA.seqLen, (r + 1) * DATA.seqLen),
  );

  // float32: the 6 MB table spans both shards; float16 and uint8: decoded by our code, not tf.io's.
  it.each(['float32', 'float16', 'uint8'] as WeightQuantization[])(
    '%s: the same table, idf and outputs as tf.io loading, with no table on the backend',
    async (q) => {
      const { modelJson, shards } = await exportLayersModel(enc, { quantization: q });
      const json = JSON.stringify(modelJson);
      const full = await loadEncoderFromArtifacts(JSON.parse(json) as typeof modelJson, shards);
      const before = tf.memory().numTensors;
      const lean = await loadEncoderForInference(modelJson, shards);
      // Two variables fewer on the backend (table and idf), every other weight there.
      expect(tf.memory().numTensors - before).toBe(full.getWeights().length - 2);
      expect(JSON.stringify(modelJson)).toBe(json);
      const a = readHostBagWeights(full);
      const b = readHostBagWeights(lean);
      expect(firstDifference(b.idf, a.idf)).toBe(-1);
      // uint8: the codes are kept and a row is decoded when first used; nothing is used yet.
      if (q === 'uint8' && b.kernel) expect(b.table.some((v) => v !== 0)).toBe(false);
      // A row longer than the kernel takes goes through the JS loop, over rows decoded for it
      // (the listings' ids, none decoded yet: the trained rows of the table).
      const long = Int32Array.from({ length: 1500 }, (_, i) => DATA.ids[i % DATA.ids.length]!);
      expect(hostBags(b, [long]).some((v) => v !== 0)).toBe(true);
      expect(firstDifference(hostBags(b, [long]), hostBags(a, [long]))).toBe(-1);
      const pa = predictRows(full, rows, 32, a);
      const pb = predictRows(lean, rows, 32, b);
      expect(firstDifference(pb.mu, pa.mu)).toBe(-1);
      expect(firstDifference(pb.level1, pa.level1)).toBe(-1);
      expect(firstDifference(pb.level2, pa.level2)).toBe(-1);
      // Every row decoded: the whole table as tf.io decodes it.
      b.kernel?.prepare(Int32Array.from({ length: CFG.buckets }, (_, i) => i));
      expect(firstDifference(b.table, a.table)).toBe(-1);
      full.dispose();
      lean.dispose();
    },
  );

  it('says why when asked to run the bag on the backend', async () => {
    const { modelJson, shards } = await exportLayersModel(enc, { quantization: 'uint8' });
    const lean = await loadEncoderForInference(modelJson, shards);
    const bag = lean.getLayer('embedding_bag') as EmbeddingBag;
    expect(bag.hostTableOnly).toBe(true);
    expect(() => lean.predict(probe)).toThrow(/keeps its table on the host/);
    expect(() => bag.embeddings).toThrow(/keeps its table on the host/);
    lean.dispose();
  });

  it('rejects shards shorter than the manifest says', async () => {
    const { modelJson, shards } = await exportLayersModel(enc, { quantization: 'uint8' });
    const short = shards.map((s, i) => (i === shards.length - 1 ? s.subarray(0, s.byteLength - 10) : s));
    await expect(loadEncoderForInference(modelJson, short)).rejects.toThrow(/runs past the shards/);
  });
});
