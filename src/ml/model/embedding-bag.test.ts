/** EmbeddingBag: masking, idf weighting, custom gradient, zero-init training, serialisation. */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { bagForward, EmbeddingBag, gatherDenseGrad, hostBagForward } from './embedding-bag';
import { initTestBackend } from './test-backend';

beforeAll(async () => {
  await initTestBackend();
});

function bagModel(buckets: number, dim: number): { model: tf.LayersModel; bag: EmbeddingBag } {
  const bag = new EmbeddingBag({ name: 'bag', buckets, embedDim: dim, initScale: 0.1, seed: 5 });
  const ids = tf.input({ shape: [null], dtype: 'int32' });
  const model = tf.model({ inputs: ids, outputs: bag.apply(ids) as tf.SymbolicTensor });
  return { model, bag };
}

describe('EmbeddingBag', () => {
  it('gives the zero vector (no NaN) for an all-padding row and the idf-weighted mean otherwise', () => {
    const { model, bag } = bagModel(16, 4);
    const idf = new Float32Array(16).fill(1);
    idf[3] = 3;
    bag.setIdf(idf);
    const table = bag.embeddings.read().arraySync() as number[][];
    const out = tf.tidy(() =>
      (
        model.predict(
          tf.tensor2d(
            [
              [0, 0, 0],
              [3, 5, 0],
            ],
            [2, 3],
            'int32',
          ),
        ) as tf.Tensor
      ).arraySync(),
    ) as number[][];
    expect(out[0]).toEqual([0, 0, 0, 0]);
    for (let k = 0; k < 4; k++) {
      const want = (3 * (table[3]?.[k] ?? 0) + (table[5]?.[k] ?? 0)) / 4;
      expect(out[1]?.[k]).toBeCloseTo(want, 6);
    }
    // Gradient of an all-padding batch is finite too.
    const g = tf.tidy(() =>
      tf
        .grad((t: tf.Tensor) =>
          bagForward(t as tf.Tensor2D, bag.idf.read() as tf.Tensor1D, tf.zeros([2, 3], 'int32')).sum(),
        )(bag.embeddings.read())
        .arraySync(),
    ) as number[][];
    expect(g.flat().every((x) => x === 0)).toBe(true);
    model.dispose();
  });

  it('host forward matches the tensor forward', () => {
    const { model, bag } = bagModel(64, 8);
    const ids = new Int32Array([1, 2, 2, 0, 63, 0, 0, 0, 0, 0, 0, 0]);
    const host = hostBagForward(bag.hostTable(), bag.hostIdf(), ids, 3, 4, 8);
    const dev = tf.tidy(() => (model.predict(tf.tensor2d(ids, [3, 4], 'int32')) as tf.Tensor).dataSync());
    for (let i = 0; i < dev.length; i++) expect(host.out[i]).toBeCloseTo(dev[i] ?? NaN, 6);
    model.dispose();
  });

  it('custom-gradient gather equals the dense form of the built-in gradient (duplicates accumulate)', () => {
    const table = tf.randomNormal([10, 3], 0, 1, 'float32', 1) as tf.Tensor2D;
    const idx = tf.tensor1d([1, 4, 1, 9], 'int32');
    const w = tf.randomNormal([4, 3], 0, 1, 'float32', 2);
    const ours = tf.grad((t: tf.Tensor) =>
      gatherDenseGrad(t as tf.Tensor2D, idx)
        .mul(w)
        .sum(),
    )(table);
    const want = tf.tidy(() => tf.scatterND(idx.expandDims(1), w, [10, 3]));
    expect(Array.from(ours.dataSync())).toEqual(Array.from(want.dataSync()));
    tf.dispose([table, idx, w, ours, want]);
  });

  it('trains from a zero-initialised table (the mean-bag gradient does not depend on the table)', () => {
    const bag = new EmbeddingBag({ buckets: 32, embedDim: 4 });
    const ids = tf.tensor2d([[1, 2, 0]], [1, 3], 'int32');
    bag.apply(ids); // builds
    expect(bag.embeddings.read().abs().sum().dataSync()[0]).toBe(0);
    const target = tf.tensor2d([[1, -1, 0.5, 2]]);
    const opt = tf.train.sgd(0.5);
    for (let i = 0; i < 20; i++) {
      opt.minimize(() => (bag.apply(ids) as tf.Tensor).sub(target).square().sum() as tf.Scalar);
    }
    const out = tf.tidy(() => (bag.apply(ids) as tf.Tensor).dataSync());
    expect(Array.from(out).map((x) => Math.round(x * 100) / 100)).toEqual([1, -1, 0.5, 2]);
    // Rows never seen stay exactly zero.
    expect(tf.tidy(() => bag.embeddings.read().slice([5, 0], [27, 4]).abs().sum().dataSync()[0])).toBe(0);
    tf.dispose([ids, target]);
    opt.dispose();
    bag.dispose();
  });

  it('round-trips its config', () => {
    const bag = new EmbeddingBag({ name: 'b', buckets: 128, embedDim: 16, initScale: 0.05, seed: 3 });
    const cfg = bag.getConfig();
    expect(cfg).toMatchObject({ name: 'b', buckets: 128, embedDim: 16, initScale: 0.05, seed: 3 });
    const again = EmbeddingBag.fromConfig(EmbeddingBag, cfg) as EmbeddingBag;
    expect(again.buckets).toBe(128);
    expect(again.embedDim).toBe(16);
  });
});
