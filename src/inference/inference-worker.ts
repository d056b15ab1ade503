/**
 * Worker entry: hosts the model off the main thread so typing never waits on inference.
 * Speaks the protocol in protocol.ts.
 *
 * This module is small on purpose: it says 'ready' at once and, on 'load', asks for the pack's
 * manifest and files before the engine's module (TF.js and the model code) is fetched and compiled,
 * so the download overlaps that compile instead of waiting behind it. TF.js core and the wasm
 * backend's scripts are requested here too, beside the engine module rather than after it
 * (backend-modules.ts).
 */
import type { Engine } from './engine';
import { preloadBackendModules, preloadTfjsCore } from '../ml/backend/backend-modules';
import { FetchPackSource } from '../ml/pack/fetch-pack-source';
import { PrefetchedPackSource } from '../ml/pack/prefetched-pack-source';
import { IMPORTED_PACK_URL } from './idb-pack-source';
import { errorResponse, isWorkerRequest, type WorkerRequest, type WorkerResponse } from './protocol';
import { chunkTransfer } from './result-chunk';

const post = (m: WorkerResponse, transfer: Transferable[] = []) =>
  (self as unknown as Worker).postMessage(m, transfer);
/**
 * The engine's module (TF.js and the model code, ~1.2 MB of script) is compiled on this thread, and
 * nothing else runs on it meanwhile (~0.4 s on 2 busy cores). So on the shipped pack's 'load' it is
 * requested only once the manifest is in and the pack's files are asked for: traced, the files went
 * out ~0.45 s later when the engine was requested first, the manifest waiting behind its compile.
 * Any other first message opens the gate at once. One promise for every request, so they keep their
 * order.
 */
let openGate!: () => void;
const gate = new Promise<void>((resolve) => (openGate = resolve));
const engineReady: Promise<Engine> = gate
  .then(() => {
    // TF.js core downloads beside the engine module, not after it (backend-modules.ts).
    preloadTfjsCore();
    return import('./engine');
  })
  .then((m) => {
    const engine: Engine = new m.Engine('worker', (info) =>
      post({ type: 'backend-changed', info, labels: engine.labels() }),
    );
    return engine;
  });
// The engine's module failed to load (a half-deployed site, a lost connection): fail as a worker
// that cannot start would, so the page runs the model itself (create-client.ts).
engineReady.catch((err: unknown) => {
  setTimeout(() => {
    throw err instanceof Error ? err : new Error(String(err));
  });
});
const cancelled = new Set<number>();

self.addEventListener('message', (ev: MessageEvent<unknown>) => {
  const msg = ev.data;
  if (!isWorkerRequest(msg)) return;
  if (msg.type === 'cancel') {
    cancelled.add(msg.target);
    return;
  }
  if (msg.type === 'load' && msg.opts.modelUrl !== IMPORTED_PACK_URL) {
    const startedAt = performance.now();
    const source = new PrefetchedPackSource(
      new FetchPackSource(msg.opts.modelUrl, (progress) =>
        post({ type: 'load-progress', id: msg.id, progress }),
      ),
    ).prefetch();
    void source.requested.then(openGate);
    // The backend's script downloads beside the engine module and the pack (backend-modules.ts).
    void gate.then(() => preloadBackendModules(msg.opts.backend ?? null));
    engineReady
      .then(async (engine) => {
        const info = await engine.load(msg.opts, { source, startedAt });
        post({ type: 'loaded', id: msg.id, info, labels: engine.labels() });
      })
      .catch((err: unknown) => post(errorResponse(msg.id, err)));
    return;
  }
  // Everything else waits for the engine (in order: one promise, so requests keep their order).
  openGate();
  engineReady.then(
    (e) => handle(e, msg),
    (err: unknown) => post(errorResponse(msg.id, err)),
  );
});

function handle(engine: Engine, msg: Exclude<WorkerRequest, { type: 'cancel' }>): void {
  switch (msg.type) {
    case 'diagnostics':
      post({ type: 'diagnostics', id: msg.id, diagnostics: engine.diagnostics() });
      return;
    case 'adapt':
      engine
        .adapt(msg.examples, {
          ...(msg.seed !== undefined ? { seed: msg.seed } : {}),
          isCancelled: () => cancelled.has(msg.id),
          onProgress: (progress) => post({ type: 'adapt-progress', id: msg.id, progress }),
        })
        .then((result) => post({ type: 'adapted', id: msg.id, result }))
        .catch((err: unknown) => post(errorResponse(msg.id, err)))
        .finally(() => cancelled.delete(msg.id));
      return;
    case 'export-pack':
      // Copied, not transferred: some files may be views of one buffer (about 5 MB in all).
      engine
        .exportPack()
        .then((files) => post({ type: 'pack-exported', id: msg.id, files }))
        .catch((err: unknown) => post(errorResponse(msg.id, err)));
      return;
    case 'set-heads':
      try {
        engine.setHeads(msg.heads);
        post({ type: 'heads-set', id: msg.id });
      } catch (err) {
        post(errorResponse(msg.id, err));
      }
      return;
    case 'pack-info':
      engine.packInfo().then(
        (info) => post({ type: 'pack-info', id: msg.id, info }),
        (err: unknown) => post(errorResponse(msg.id, err)),
      );
      return;
    case 'explain':
      engine
        .explain(msg.text)
        .then((explanation) => post({ type: 'explained', id: msg.id, explanation }))
        .catch((err: unknown) => post(errorResponse(msg.id, err)));
      return;
    case 'load':
      engine
        .load({
          ...msg.opts,
          onProgress: (progress) => post({ type: 'load-progress', id: msg.id, progress }),
        })
        .then((info) => post({ type: 'loaded', id: msg.id, info, labels: engine.labels() }))
        .catch((err: unknown) => post(errorResponse(msg.id, err)));
      return;
    case 'classify':
      engine
        .classifyChunks(msg.texts, {
          ...msg.opts,
          isCancelled: () => cancelled.has(msg.id),
          onChunk: (chunk, done, total) =>
            post({ type: 'classify-chunk', id: msg.id, chunk, done, total }, chunkTransfer(chunk)),
        })
        // The last chunk answers the request; only an empty one needs this.
        .then(() => msg.texts.length === 0 && post({ type: 'classified', id: msg.id }))
        .catch((err: unknown) => post(errorResponse(msg.id, err)))
        .finally(() => cancelled.delete(msg.id));
      return;
  }
}

post({ type: 'ready' });
