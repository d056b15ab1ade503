/**
 * readInto / readIntoSync against data() / dataSync(): the same values at the given offset, on the
 * WASM backend (read from its heap) and on the CPU backend (through data()), with no tensor left.
 */
import * as tf from '@tensorflow/tfjs';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { readInto, readIntoSync } from './read-into';
import { initTestBackend } from './test-backend';

describe('readInto', () => {
  afterAll(async () => {
    await initTestBackend();
  });

  for (const backend of ['wasm', 'cpu'] as const) {
    it(`copies a tensor's values at an offset on ${backend}`, async () => {
      await tf.setBackend(backend);
      await tf.ready();
      expect(tf.getBackend()).toBe(backend);
      const before = tf.memory().numTensors;
      // A result of a kernel (not only an uploaded array): its values live where the kernel put them.
      const t = tf.tidy(() => tf.tensor2d([1, -2.5, 3, 4, 5, 6], [2, 3]).mul(2).add(0.25));
      const want = Array.from(t.dataSync());
      const dst = new Float32Array(10).fill(-1);
      const data = vi.spyOn(t, 'data');
      await readInto(t, dst, 2);
      expect(Array.from(dst)).toEqual([-1, -1, ...want, -1, -1]);
      // WASM: read from the heap, no data() (whose copy is what this avoids).
      expect(data).toHaveBeenCalledTimes(backend === 'wasm' ? 0 : 1);
      const again = new Float32Array(6);
      readIntoSync(t, again, 0);
      expect(Array.from(again)).toEqual(want);
      // A copy: the values stay after the tensor (and its heap memory) is gone.
      t.dispose();
      expect(Array.from(dst.subarray(2, 8))).toEqual(want);
      expect(tf.memory().numTensors).toBe(before);
    });
  }
});
