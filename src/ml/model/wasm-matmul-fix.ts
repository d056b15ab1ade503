/**
 * Speeds up the wasm backend's BatchMatMul when a transpose flag is set.
 *
 * Measured in Node (tfjs-backend-wasm 4.22, 2 cores): 256x256 · 256x4000 takes ~40-90 ms plain but
 * ~960 ms with transposeA or transposeB — and every matMul gradient uses those flags, so a
 * training step was ~1.5 s. The wrapper transposes the flagged operand explicitly (the wasm
 * Transpose kernel, a few ms) and runs the fast unflagged kernel. Same result, wasm only;
 * installing it is idempotent and a no-op where the wasm kernels are not registered.
 */
import * as tf from '@tensorflow/tfjs';

type KernelFn = tf.KernelConfig['kernelFunc'];
type Info = tf.TensorInfo;
type KernelArgs = Parameters<KernelFn>[0];
interface WasmBackendLike {
  disposeData(dataId: object): boolean;
}

let installed = false;

export function installWasmMatMulTransposeFix(): void {
  if (installed) return;
  const mm = tf.getKernel('BatchMatMul', 'wasm');
  const tr = tf.getKernel('Transpose', 'wasm');
  if (mm === undefined || tr === undefined) return;
  installed = true;
  const matMul = mm.kernelFunc;
  const transpose = tr.kernelFunc;
  const swapLast = (backend: KernelArgs['backend'], x: Info): Info => {
    const r = x.shape.length;
    const perm = Array.from({ length: r }, (_, i) => (i === r - 2 ? r - 1 : i === r - 1 ? r - 2 : i));
    return transpose({ inputs: { x }, backend, attrs: { perm } }) as Info;
  };
  tf.unregisterKernel('BatchMatMul', 'wasm');
  tf.registerKernel({
    kernelName: 'BatchMatMul',
    backendName: 'wasm',
    ...(mm.setupFunc !== undefined ? { setupFunc: mm.setupFunc } : {}),
    ...(mm.disposeFunc !== undefined ? { disposeFunc: mm.disposeFunc } : {}),
    kernelFunc: (args: KernelArgs) => {
      const attrs = args.attrs as { transposeA?: boolean; transposeB?: boolean };
      if (attrs.transposeA !== true && attrs.transposeB !== true) return matMul(args);
      const inputs = args.inputs as { a: Info; b: Info };
      const temps: Info[] = [];
      const a = attrs.transposeA === true ? swapLast(args.backend, inputs.a) : inputs.a;
      if (a !== inputs.a) temps.push(a);
      const b = attrs.transposeB === true ? swapLast(args.backend, inputs.b) : inputs.b;
      if (b !== inputs.b) temps.push(b);
      const out = matMul({
        ...args,
        inputs: { a, b },
        attrs: { ...attrs, transposeA: false, transposeB: false },
      });
      const backend = args.backend as unknown as WasmBackendLike;
      for (const t of temps) backend.disposeData(t.dataId);
      return out;
    },
  });
}
