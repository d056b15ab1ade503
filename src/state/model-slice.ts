/** The model: loading (with byte progress), ready (backend, reasons, pack version) or error. */
import type { StateCreator } from 'zustand';
import type {
  InferenceClient,
  LoadInfo,
  LoadOptions,
  PackInfo,
  PackProgress,
} from '../inference/inference-client';

export type ModelStatus = 'idle' | 'loading' | 'ready' | 'error';

export interface ModelSlice {
  modelStatus: ModelStatus;
  modelProgress: PackProgress | null;
  modelInfo: LoadInfo | null;
  /** Labels, taxonomy, catalog and card of the loaded pack (read once after load). */
  packInfo: PackInfo | null;
  modelError: string | null;
  /** The client that hosts the model; null until loadModel. */
  client: InferenceClient | null;
  loadModel: (client: InferenceClient, opts: Omit<LoadOptions, 'onProgress'>) => Promise<void>;
}

export const createModelSlice: StateCreator<ModelSlice, [], [], ModelSlice> = (set, get) => ({
  modelStatus: 'idle',
  modelProgress: null,
  modelInfo: null,
  packInfo: null,
  modelError: null,
  client: null,
  loadModel: async (client, opts) => {
    const previous = get().client;
    if (previous && previous !== client) previous.dispose();
    set({
      client,
      modelStatus: 'loading',
      modelProgress: null,
      modelError: null,
      modelInfo: null,
      packInfo: null,
    });
    try {
      const info = await client.load({ ...opts, onProgress: (p) => set({ modelProgress: p }) });
      if (get().client !== client) return;
      // Ready first: the listing's suggestions need only the model. The pack's tables (catalog,
      // taxonomy: ~30k objects to copy from the worker) follow, asked for after the first classify
      // (its timer is already queued) so they do not delay the first suggestion.
      set({ modelStatus: 'ready', modelInfo: info });
      await new Promise((r) => setTimeout(r, 0));
      const packInfo = await client.packInfo();
      if (get().client !== client) return;
      set({ packInfo });
    } catch (err) {
      if (get().client !== client) return;
      const e = err instanceof Error ? err : new Error(String(err));
      set({ modelStatus: 'error', modelError: `${e.name}: ${e.message}` });
    }
  },
});
