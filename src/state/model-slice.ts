/** The model: loading (with byte progress), ready (backend, reasons, pack version) or error. */
import type { StateCreator } from 'zustand';
import type { InferenceClient, LoadInfo, LoadOptions, PackProgress } from '../inference/inference-client';

export type ModelStatus = 'idle' | 'loading' | 'ready' | 'error';

export interface ModelSlice {
  modelStatus: ModelStatus;
  modelProgress: PackProgress | null;
  modelInfo: LoadInfo | null;
  modelError: string | null;
  /** The client that hosts the model; null until loadModel. */
  client: InferenceClient | null;
  loadModel: (client: InferenceClient, opts: Omit<LoadOptions, 'onProgress'>) => Promise<void>;
}

export const createModelSlice: StateCreator<ModelSlice, [], [], ModelSlice> = (set, get) => ({
  modelStatus: 'idle',
  modelProgress: null,
  modelInfo: null,
  modelError: null,
  client: null,
  loadModel: async (client, opts) => {
    const previous = get().client;
    if (previous && previous !== client) previous.dispose();
    set({ client, modelStatus: 'loading', modelProgress: null, modelError: null, modelInfo: null });
    try {
      const info = await client.load({ ...opts, onProgress: (p) => set({ modelProgress: p }) });
      if (get().client !== client) return;
      set({ modelStatus: 'ready', modelInfo: info });
    } catch (err) {
      if (get().client !== client) return;
      const e = err instanceof Error ? err : new Error(String(err));
      set({ modelStatus: 'error', modelError: `${e.name}: ${e.message}` });
    }
  },
});
