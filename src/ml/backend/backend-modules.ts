/**
 * Each TF.js backend's module, imported when that backend is tried (importing registers it). In the
 * app's build `@tensorflow/tfjs` is core + layers only (tfjs-subset.ts), so a worker that ends on
 * wasm (every software-GPU machine) neither downloads nor parses the webgl, webgpu and cpu backends.
 *
 * No static TF.js import here on purpose: the worker's small entry module imports this file to start
 * the wasm backend's download on its 'load' message, while the engine module (TF.js core and layers,
 * the model code) is still loading. The wasm backend arrives as a chain of chunks, each found only
 * once the one before it is parsed (three round trips); traced cold starts requested it ~0.25 s
 * after the engine module arrived and had it ~0.3 s later, while the pack was already in.
 */
import type { BackendName } from './backend-choice';

const importers: Record<BackendName, () => Promise<unknown>> = {
  webgpu: () => import('@tensorflow/tfjs-backend-webgpu'),
  webgl: () => import('@tensorflow/tfjs-backend-webgl'),
  wasm: () => import('@tensorflow/tfjs-backend-wasm'),
  cpu: () => import('@tensorflow/tfjs-backend-cpu'),
};
const imports = new Map<BackendName, Promise<unknown>>();

/** Starts (once) the import of a backend's module; the same promise for every caller. */
export function importBackendModule(name: BackendName): Promise<unknown> {
  let p = imports.get(name);
  if (!p) {
    p = importers[name]();
    // A failed import (network) may be retried by a later call.
    p.catch(() => imports.delete(name));
    imports.set(name, p);
  }
  return p;
}

/**
 * TF.js core, started by the worker's entry as it starts: the engine module imports it, but its
 * chunk is only requested once the engine's 0.65 MB have arrived and been parsed, one more round
 * trip to the server in the cold start; started here, both download at once (same module instance).
 */
export function preloadTfjsCore(): void {
  void import('@tensorflow/tfjs-core').catch(() => undefined);
}

/**
 * What to start downloading before the backend choice runs: the wasm backend when the choice may end
 * on it (no override: every software GPU and every failed GPU does; or wasm forced). The choice
 * itself starts it too (browser-backend.ts); this only starts it earlier.
 */
export function preloadBackendModules(forced: BackendName | null): void {
  if (forced === null || forced === 'wasm') void importBackendModule('wasm').catch(() => undefined);
}
