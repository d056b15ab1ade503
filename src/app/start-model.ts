/**
 * Starts the inference client and loads the default pack. `?backend=` forces a backend and
 * `?inprocess` skips the worker (both for testing and for users whose GPU misbehaves).
 */
import { MODEL_PATH } from '../config/app';
import { backendFromSearch } from '../ml/backend/backend-choice';
import { createInferenceClient } from '../inference/create-client';
import type { InferenceClient } from '../inference/inference-client';
import { useAppStore } from '../state/store';

declare global {
  interface Window {
    /** The inference client, for black-box e2e checks (parity, leaks); only with `?diagnostics`. */
    __inference?: InferenceClient;
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
  void useAppStore
    .getState()
    .loadModel(client, { modelUrl, backend: backendFromSearch(window.location.search) });
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
