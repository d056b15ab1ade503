/**
 * Reading a float32 tensor's values into an array the caller keeps and reuses. On the WASM backend
 * the values are copied straight out of its heap (BackendWasm.typedArrayFromHeap, the view its own
 * kernels read inputs through), elsewhere through data(). Why: data() on WASM slices the heap into
 * a new ArrayBuffer per call, ~290 kB per 256-row batch, and on this machine fresh pages cost a
 * page fault each (most of a batch worker's kernel time, perf) and their freeing TLB flushes on
 * both cores.
 */
import * as tf from '@tensorflow/tfjs';

type HeapReader = { typedArrayFromHeap?: (t: tf.TensorInfo) => ArrayLike<number> };

/** The heap view of a float32 tensor on the WASM backend, or null elsewhere. */
function heapView(t: tf.Tensor): ArrayLike<number> | null {
  if (t.dtype !== 'float32' || tf.getBackend() !== 'wasm') return null;
  const backend = tf.backend() as unknown as HeapReader;
  if (typeof backend.typedArrayFromHeap !== 'function') return null;
  return backend.typedArrayFromHeap({ dataId: t.dataId, shape: t.shape, dtype: t.dtype });
}

/** Copies t's values into dst from `at` (a view of the WASM heap is copied before anything else runs). */
export async function readInto(t: tf.Tensor, dst: Float32Array, at: number): Promise<void> {
  const view = heapView(t);
  dst.set(view ?? ((await t.data()) as Float32Array), at);
}

/** readInto with synchronous readback (Node, WASM, CPU). */
export function readIntoSync(t: tf.Tensor, dst: Float32Array, at: number): void {
  dst.set(heapView(t) ?? (t.dataSync() as Float32Array), at);
}
