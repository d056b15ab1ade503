/**
 * Test helper: selects the wasm backend (what training uses in Node), falling back to cpu when
 * wasm cannot initialise. Imported by this folder's *.test.ts and the bench only.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';

export async function initTestBackend(): Promise<string> {
  try {
    if (!(await tf.setBackend('wasm'))) throw new Error('wasm backend refused');
  } catch {
    await tf.setBackend('cpu');
  }
  await tf.ready();
  return tf.getBackend();
}
