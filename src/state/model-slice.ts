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
  /**
   * The loaded pack's tables (labels, taxonomy, catalog, card) into packInfo. Separate from
   * loadModel: copying ~30k objects from the worker, and indexing them, held the first
   * suggestion's render back ~300 ms when they arrived together (traced cold starts).
   */
  loadPackInfo: (client: InferenceClient) => Promise<void>;
}

export const createModelSlice: StateCreator<ModelSlice, [], [], ModelSlice> = (set, get) => ({
  modelStatus: 'idle',
  modelProgress: null,
  modelInfo: null,
  packInfo: null,
  modelError: null,
  client: null,
  loadPackInfo: async (client) => {
    try {
      const packInfo = await client.packInfo();
      if (get().client === client && get().modelStatus === 'ready') set({ packInfo });
    } catch (err) {
      if (get().client !== client) return;
      const e = err instanceof Error ? err : new Error(String(err));
      set({ modelStatus: 'error', modelError: `${e.name}: ${e.message}` });
    }
  },
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
      // Ready as soon as the model is: the listing's suggestions need nothing else. The pack's
      // tables come with loadPackInfo, which the store calls once the first suggestion is shown.
      set({ modelStatus: 'ready', modelInfo: info });
    } catch (err) {
      if (get().client !== client) return;
      const e = err instanceof Error ? err : new Error(String(err));
      set({ modelStatus: 'error', modelError: `${e.name}: ${e.message}` });
    }
  },
});
