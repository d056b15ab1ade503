/**
 * Backend choice in the browser (page or worker): webgpu -> webgl -> wasm -> cpu, each probed
 * for capability and started under a timeout. A software GPU (SwiftShader, llvmpipe, a WebGPU
 * fallback adapter) is skipped in favour of WASM SIMD, which is faster on such machines
 * (DESIGN.md). `?backend=` forces one backend, software or not.
 */
import * as tf from '@tensorflow/tfjs';
import type { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import {
  candidateOrder,
  candidatesAfter,
  softwareAdapterReason,
  softwareRendererName,
  type BackendChoice,
  type BackendName,
  type BackendReason,
  type GpuAdapterFacts,
} from './backend-choice';
import { importBackendModule } from './backend-modules';

/** setBackend can hang (threaded WASM in a minified build, a stuck GPU driver): never wait forever. */
export const SET_BACKEND_TIMEOUT_MS = 10_000;

/**
 * A backend's module, imported once (backend-modules.ts caches the import and retries a failed one)
 * and configured (configureWasm runs once).
 */
export function loadBackendModule(name: BackendName): Promise<unknown> {
  return importBackendModule(name).then((m) =>
    name === 'wasm' ? configureWasm(m as { setWasmPaths: typeof setWasmPaths }) : m,
  );
}

let wasmConfigured = false;
function configureWasm(wasm: { setWasmPaths: typeof setWasmPaths }): void {
  if (wasmConfigured) return;
  // Threaded WASM breaks in the minified build (DESIGN.md); SIMD single-thread is the fast path.
  // (The flag exists once the wasm module registered it, hence here and not before the import.)
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  wasm.setWasmPaths({
    'tfjs-backend-wasm.wasm': wasmPlain,
    'tfjs-backend-wasm-simd.wasm': wasmSimd,
    'tfjs-backend-wasm-threaded-simd.wasm': wasmThreaded,
  });
  wasmConfigured = true;
}

const withTimeout = <T>(p: Promise<T>, ms: number, what: string): Promise<T> =>
  new Promise<T>((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`${what} did not finish within ${ms} ms`)), ms);
    p.then(
      (v) => {
        clearTimeout(t);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(t);
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });

interface GpuLike {
  requestAdapter(): Promise<
    | (GpuAdapterFacts & {
        info?: GpuAdapterFacts;
        requestAdapterInfo?: () => Promise<GpuAdapterFacts>;
      })
    | null
  >;
}

/** ok: an adapter exists; software: it is a fallback / software one; reason: for the UI. */
async function probeWebGpu(): Promise<{ ok: boolean; software: boolean; reason: string }> {
  const gpu = (globalThis.navigator as { gpu?: GpuLike } | undefined)?.gpu;
  if (!gpu) return { ok: false, software: false, reason: 'navigator.gpu is not available' };
  const adapter = await withTimeout(gpu.requestAdapter(), 5000, 'requestAdapter');
  if (!adapter) return { ok: false, software: false, reason: 'no WebGPU adapter' };
  const info: GpuAdapterFacts = adapter.info ?? (await adapter.requestAdapterInfo?.()) ?? {};
  const sw = softwareAdapterReason({
    ...info,
    isFallbackAdapter: adapter.isFallbackAdapter ?? info.isFallbackAdapter,
  });
  const desc = [info.vendor, info.architecture, info.description].filter(Boolean).join(' ');
  return sw
    ? { ok: true, software: true, reason: sw }
    : { ok: true, software: false, reason: `WebGPU adapter ${desc || '(unnamed)'}` };
}

function probeWebGl(): { ok: boolean; software: boolean; reason: string } {
  let gl: WebGL2RenderingContext | WebGLRenderingContext | null;
  try {
    const canvas: OffscreenCanvas | HTMLCanvasElement =
      typeof OffscreenCanvas !== 'undefined' ? new OffscreenCanvas(1, 1) : document.createElement('canvas');
    gl = (canvas.getContext('webgl2') ?? canvas.getContext('webgl')) as
      WebGL2RenderingContext | WebGLRenderingContext | null;
  } catch (err) {
    return { ok: false, software: false, reason: `WebGL context failed: ${String(err)}` };
  }
  if (!gl) return { ok: false, software: false, reason: 'WebGL is not available' };
  const ext = gl.getExtension('WEBGL_debug_renderer_info');
  const renderer = String(gl.getParameter(ext ? ext.UNMASKED_RENDERER_WEBGL : gl.RENDERER) ?? '');
  gl.getExtension('WEBGL_lose_context')?.loseContext();
  const sw = softwareRendererName(renderer);
  return sw
    ? { ok: true, software: true, reason: `WebGL renderer is software (${sw}): ${renderer}` }
    : { ok: true, software: false, reason: `WebGL renderer ${renderer || '(unknown)'}` };
}

async function probe(name: BackendName): Promise<{ ok: boolean; software: boolean; reason: string }> {
  switch (name) {
    case 'webgpu':
      return probeWebGpu();
    case 'webgl':
      return probeWebGl();
    case 'wasm':
      if (typeof WebAssembly === 'undefined')
        return { ok: false, software: false, reason: 'WebAssembly is not available' };
      return { ok: true, software: false, reason: 'WebAssembly (SIMD when supported), single-threaded' };
    case 'cpu':
      return { ok: true, software: false, reason: 'plain JavaScript' };
  }
}

/**
 * Picks and initializes a backend. `forced` (from `?backend=`) is used even when software; the
 * reasons list every candidate: selected / forced / skipped / failed / not-tried.
 */
export function chooseBrowserBackend(forced: BackendName | null = null): Promise<BackendChoice> {
  return tryInOrder(candidateOrder(forced), forced);
}

/**
 * After `lost` lost its GPU device mid-session: the first of the backends after it that starts
 * (software GPUs skipped as usual), cpu as the last resort. Even a forced backend gives way here:
 * the alternative is no suggestions at all.
 */
export function chooseNextBackend(lost: BackendName): Promise<BackendChoice> {
  return tryInOrder(candidatesAfter(lost), null);
}

async function tryInOrder(order: BackendName[], forced: BackendName | null): Promise<BackendChoice> {
  // wasm is where a software GPU ends up (and every GPU's fallback): its module loads while the
  // GPU backends are probed, not after they were skipped. A failed import is retried when tried.
  if (order.includes('wasm')) void loadBackendModule('wasm');
  const reasons: BackendReason[] = [];
  for (const name of order) {
    try {
      const p = await probe(name);
      if (!p.ok) {
        reasons.push({ backend: name, status: forced ? 'failed' : 'skipped', reason: p.reason });
        continue;
      }
      if (p.software && !forced) {
        reasons.push({
          backend: name,
          status: 'skipped',
          reason: `${p.reason}; WASM SIMD is faster than a software GPU`,
        });
        continue;
      }
      await withTimeout(loadBackendModule(name), SET_BACKEND_TIMEOUT_MS, `loading the ${name} backend`);
      const ok = await withTimeout(tf.setBackend(name), SET_BACKEND_TIMEOUT_MS, `setBackend('${name}')`);
      if (!ok) throw new Error(`setBackend('${name}') returned false`);
      await withTimeout(tf.ready(), SET_BACKEND_TIMEOUT_MS, `tf.ready() on ${name}`);
      reasons.push({
        backend: name,
        status: forced ? 'forced' : 'selected',
        reason: forced ? `forced (backend setting or ?backend=${name}); ${p.reason}` : p.reason,
      });
      for (const rest of order.slice(order.indexOf(name) + 1))
        reasons.push({ backend: rest, status: 'not-tried', reason: `${name} was chosen first` });
      return { backend: name, reasons };
    } catch (err) {
      reasons.push({
        backend: name,
        status: 'failed',
        reason: err instanceof Error ? err.message : String(err),
      });
    }
  }
  // Everything failed (a forced backend that does not start): cpu always works.
  await loadBackendModule('cpu');
  await tf.setBackend('cpu');
  await tf.ready();
  reasons.push({ backend: 'cpu', status: 'selected', reason: 'last resort after the others failed' });
  return { backend: 'cpu', reasons };
}

/** The parts of TF.js's GPU backends that tell whether their device is still there. */
interface GpuBackendLike {
  gpgpu?: { gl?: WebGLRenderingContext | WebGL2RenderingContext };
  device?: { lost?: Promise<{ reason?: string; message?: string }> };
}

/**
 * Watches the active backend's GPU device: returns a check that gives null while it is usable, or
 * why it was lost (WebGL context lost, WebGPU device lost or destroyed). wasm and cpu never lose one.
 * Call right after the backend was chosen. The check is synchronous, so a caller can ask before and
 * after every model call: a lost WebGL context returns zeros rather than an error.
 */
export function watchDeviceLoss(name: BackendName): () => string | null {
  const b = tf.backend() as unknown as GpuBackendLike;
  if (name === 'webgl') {
    const gl = b.gpgpu?.gl;
    return () => (gl?.isContextLost() ? 'the WebGL context was lost' : null);
  }
  if (name === 'webgpu') {
    let lost: string | null = null;
    void b.device?.lost?.then((info) => {
      lost = `the WebGPU device was lost (${[info.reason, info.message].filter(Boolean).join(': ') || 'no reason given'})`;
    });
    return () => lost;
  }
  return () => null;
}

export function browserTensorCount(): number {
  return tf.memory().numTensors;
}
