/**
 * Starts the inference client and loads the default pack. `?backend=` forces a backend and
 * `?inprocess` skips the worker (both for testing and for users whose GPU misbehaves).
 */
import { MODEL_PATH } from '../config/app';
import { backendFromSearch } from '../ml/backend/backend-choice';
import { createInferenceClient } from '../inference/create-client';
import { IMPORTED_PACK_FLAG, IMPORTED_PACK_URL } from '../inference/idb-pack-source';
import type { InferenceClient } from '../inference/inference-client';
import { useAppStore } from '../state/store';

declare global {
  interface Window {
    /** The inference client, for black-box e2e checks (parity, leaks); only with `?diagnostics`. */
    __inference?: InferenceClient;
  }
}

function readImportedFlag(): boolean {
  try {
    return window.localStorage.getItem(IMPORTED_PACK_FLAG) !== null;
  } catch {
    // Storage blocked (privacy settings): nothing was imported.
    return false;
  }
}

function start(): () => void {
  const params = new URLSearchParams(window.location.search);
  const client = createInferenceClient({
    worker: !params.has('inprocess') && typeof Worker !== 'undefined',
    // After a worker crash the model runs on the page thread: the status must say so.
    onHostChange: (info) => useAppStore.setState({ modelInfo: info }),
  });
  // Absolute URL: a worker resolves relative URLs against its own script, not the page.
  const modelUrl = new URL(MODEL_PATH, document.baseURI).href;
  const backend = backendFromSearch(window.location.search);
  // A pack the merchant imported (on-device learning) is used until they go back to the shipped one.
  const imported = readImportedFlag();
  void useAppStore
    .getState()
    .loadModel(client, { modelUrl: imported ? IMPORTED_PACK_URL : modelUrl, backend })
    .then(async () => {
      const s = useAppStore.getState();
      if (!imported || s.modelStatus !== 'error' || s.client !== client) return;
      // An imported pack that no longer loads must not lock the merchant out: the shipped one is used.
      const why = s.modelError ?? 'unknown error';
      window.localStorage.removeItem(IMPORTED_PACK_FLAG);
      await useAppStore.getState().loadModel(client, { modelUrl, backend });
      useAppStore.setState({
        learningError: `The imported model pack could not be loaded (${why}): the shipped pack is used.`,
      });
    });
  if (params.has('diagnostics')) window.__inference = client;
  return () => {
    if (useAppStore.getState().client === client) useAppStore.setState({ client: null, modelStatus: 'idle' });
    client.dispose();
  };
}

/**
 * The first load starts when this module is evaluated, before React's first render: the worker's
 * script (TF.js, ~2.4 MB) is fetched and compiled, and the pack downloaded, while the page renders,
 * instead of after it (the render took ~0.6 s of a 5 s cold start on a busy 2-core machine). Not
 * under Vitest, where nothing may start a model by importing a module.
 */
let early: (() => void) | null =
  typeof window !== 'undefined' && typeof document !== 'undefined' && import.meta.env.MODE !== 'test'
    ? start()
    : null;

/**
 * For App's effect: takes over the early start once, else starts anew (StrictMode mounts twice in
 * development: the first cleanup disposes the early client). Returns the cleanup.
 */
export function startModel(): () => void {
  const cleanup = early ?? start();
  early = null;
  return cleanup;
}
