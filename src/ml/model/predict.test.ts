/**
 * The runtime's host bag (JS sum over each row's own ids) gives the same outputs as the tensor
 * path (TF.js gather over padded ids), including empty rows, repeated ids and the pad id.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildEncoder } from './architecture';
import { makeModelConfig } from './model-config';
import { hostBags, predictRows, readHostBagWeights, readHostBagWeightsAsync } from './predict';
import { initTestBackend } from './test-backend';

const BASE = {
  buckets: 512,
  hidden: 16,
  latent: 4,
  numLevel1: 3,
  numLevel2: 5,
  headHidden: 8,
  seed: 7,
};

beforeAll(async () => {
  await initTestBackend();
});

const maxDiff = (a: Float32Array, b: Float32Array) =>
  a.reduce((m, x, i) => Math.max(m, Math.abs(x - b[i]!)), 0);

// 8: whole blocks of four dims; 6: the remainder loop too.
describe.each([8, 6])('predictRows with host bag weights (embedDim %i)', (embedDim) => {
  const CFG = makeModelConfig({ ...BASE, embedDim });
  it('matches the tensor path on random, empty, padded and repeated-id rows', async () => {
    const enc = buildEncoder(CFG);
    // Non-trivial table and idf so the weighting matters (a zero table would hide mistakes).
    const bag = enc.getLayer('embedding_bag') as unknown as {
      embeddings: tf.LayerVariable;
      setIdf(v: Float32Array): void;
    };
    tf.tidy(() => {
      bag.embeddings.write(tf.randomUniform([CFG.buckets, CFG.embedDim], -1, 1, 'float32', 3));
    });
    bag.setIdf(Float32Array.from({ length: CFG.buckets }, (_, i) => 0.5 + (i % 7) * 0.25));
    let seed = 11;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const rows = Array.from({ length: 40 }, (_, r) =>
      Int32Array.from({ length: r % 9 === 0 ? 0 : 1 + Math.floor(rand() * 30) }, () =>
        Math.floor(rand() * CFG.buckets),
      ),
    );
    rows.push(Int32Array.from([5, 5, 5, 0, 9]), Int32Array.from([0, 0]));
    const before = tf.memory().numTensors;
    const ref = predictRows(enc, rows, 16);
    const host = predictRows(enc, rows, 16, readHostBagWeights(enc));
    const hostAsync = predictRows(enc, rows, 7, await readHostBagWeightsAsync(enc));
    expect(tf.memory().numTensors).toBe(before);
    for (const out of [host, hostAsync]) {
      expect(maxDiff(out.mu, ref.mu)).toBeLessThan(1e-5);
      expect(maxDiff(out.level1, ref.level1)).toBeLessThan(1e-5);
      expect(maxDiff(out.level2, ref.level2)).toBeLessThan(1e-5);
    }
    // The WebAssembly bag (widths that are multiples of 8) gives exactly the JS loop's numbers,
    // a row longer than its id buffer included (that one goes to the JS loop).
    const weights = readHostBagWeights(enc);
    expect(weights.kernel !== null).toBe(embedDim % 8 === 0);
    const long = Int32Array.from({ length: 1500 }, (_, i) => (i * 7) % CFG.buckets);
    const all = [...rows, long];
    expect(Array.from(hostBags(weights, all))).toEqual(
      Array.from(hostBags({ ...weights, kernel: null }, all)),
    );
    // The empty row really is the zero bag (not NaN): its outputs equal the all-padding row's.
    const l1 = (o: typeof ref, i: number) => Array.from(o.level1.subarray(i * 3, i * 3 + 3));
    expect(l1(host, 0)).toEqual(l1(host, rows.length - 1));
    expect(l1(host, 0).every(Number.isFinite)).toBe(true);
    enc.dispose();
  });
});
