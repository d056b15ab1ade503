/**
 * Worker entry: hosts the model off the main thread so typing never waits on inference.
 * Speaks the protocol in protocol.ts.
 */
import { Engine } from './engine';
import { errorResponse, isWorkerRequest, type WorkerResponse } from './protocol';
import { chunkTransfer } from './result-chunk';

const post = (m: WorkerResponse, transfer: Transferable[] = []) =>
  (self as unknown as Worker).postMessage(m, transfer);
const engine = new Engine('worker', (info) =>
  post({ type: 'backend-changed', info, labels: engine.labels() }),
);
const cancelled = new Set<number>();

self.addEventListener('message', (ev: MessageEvent<unknown>) => {
  const msg = ev.data;
  if (!isWorkerRequest(msg)) return;
  switch (msg.type) {
    case 'cancel':
      cancelled.add(msg.target);
      return;
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
      try {
        post({ type: 'pack-info', id: msg.id, info: engine.packInfo() });
      } catch (err) {
        post(errorResponse(msg.id, err));
      }
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
        .then(() => post({ type: 'classified', id: msg.id }))
        .catch((err: unknown) => post(errorResponse(msg.id, err)))
        .finally(() => cancelled.delete(msg.id));
      return;
  }
});

post({ type: 'ready' });
