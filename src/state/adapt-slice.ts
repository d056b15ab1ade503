/**
 * On-device learning: the merchant's corrections (kept in IndexedDB, shown and edited in the
 * adapt panel), the "adapt the model" run (progress, cancel) and the adapted heads in use, which
 * are stored per pack version and put back in the model after every load.
 */
import type { StateCreator } from 'zustand';
import type {
  AdaptProgress,
  HeadWeights,
  InferenceClient,
  LabelledText,
} from '../inference/inference-client';
import {
  openAdaptStorage,
  type AdaptStorage,
  type StoredCorrection,
  type StoredHeads,
} from './adapt-storage';

export type { StoredCorrection, StoredHeads };

export type AdaptPhase = 'idle' | 'running' | 'done' | 'cancelled' | 'error';

export interface AdaptRun {
  phase: AdaptPhase;
  progress: AdaptProgress | null;
  error: string | null;
}

export interface AdaptSlice {
  /** Newest first. */
  storedCorrections: StoredCorrection[];
  /** Why corrections could not be read or kept (no IndexedDB, quota): shown, nothing thrown. */
  learningError: string | null;
  adaptRun: AdaptRun;
  /** The adapted heads in use and their report; null = the shipped model. */
  adapted: StoredHeads | null;
  /** Bumped whenever the heads in use change: suggestions on screen are then asked for again. */
  headsVersion: number;
  initLearning: () => Promise<void>;
  recordCorrection: (text: string, categoryId: string | null, source: StoredCorrection['source']) => void;
  deleteCorrection: (text: string) => Promise<void>;
  clearCorrections: () => Promise<void>;
  /** Adapts on the stored corrections plus `extra` (a catalog file's rows), stores and uses the result. */
  adaptModel: (
    client: InferenceClient,
    extra?: { examples: LabelledText[]; trainedOn: StoredHeads['trainedOn'] },
  ) => Promise<void>;
  cancelAdapt: () => void;
  /** Back to the shipped heads, and forget the stored adapted ones for this pack. */
  resetModel: (client: InferenceClient, packVersion: string) => Promise<void>;
  /** After a load: use this pack's stored adapted heads, if any. */
  restoreAdapted: (client: InferenceClient, packVersion: string) => Promise<void>;
}

const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

export const createAdaptSlice: StateCreator<AdaptSlice, [], [], AdaptSlice> = (set, get) => {
  let storage: Promise<AdaptStorage> | null = null;
  let running: AbortController | null = null;
  const open = (): Promise<AdaptStorage> => {
    const factory = (globalThis as { indexedDB?: IDBFactory }).indexedDB;
    if (!factory) return Promise.reject(new Error('this browser offers no IndexedDB (private window?)'));
    storage ??= openAdaptStorage(factory);
    return storage;
  };
  const fail = (what: string) => (err: unknown) =>
    set({ learningError: `${what}: ${message(err)}. They last until the page is closed.` });

  return {
    storedCorrections: [],
    learningError: null,
    adaptRun: { phase: 'idle', progress: null, error: null },
    adapted: null,
    headsVersion: 0,

    initLearning: async () => {
      try {
        const s = await open();
        const saved = await s.listCorrections();
        // Corrections recorded while the list was loading are newer: they win.
        const seen = new Set(get().storedCorrections.map((c) => c.text));
        set({ storedCorrections: [...get().storedCorrections, ...saved.filter((c) => !seen.has(c.text))] });
      } catch (err) {
        fail('Corrections cannot be stored on this device')(err);
      }
    },

    recordCorrection: (text, categoryId, source) => {
      const key = text.trim();
      if (key === '') return;
      const rest = get().storedCorrections.filter((c) => c.text !== key);
      if (categoryId === null) {
        set({ storedCorrections: rest });
        void open()
          .then((s) => s.deleteCorrection(key))
          .catch(fail('Corrections cannot be stored on this device'));
        return;
      }
      const c: StoredCorrection = { text: key, categoryId, source, at: Date.now() };
      set({ storedCorrections: [c, ...rest] });
      void open()
        .then((s) => s.putCorrection(c))
        .catch(fail('Corrections cannot be stored on this device'));
    },

    deleteCorrection: async (text) => {
      set({ storedCorrections: get().storedCorrections.filter((c) => c.text !== text) });
      await open()
        .then((s) => s.deleteCorrection(text))
        .catch(fail('Corrections cannot be stored on this device'));
    },

    clearCorrections: async () => {
      set({ storedCorrections: [] });
      await open()
        .then((s) => s.clearCorrections())
        .catch(fail('Corrections cannot be stored on this device'));
    },

    adaptModel: async (client, extra) => {
      if (get().adaptRun.phase === 'running') return;
      const examples: LabelledText[] = [
        ...(extra?.examples ?? []),
        ...get().storedCorrections.map((c) => ({ text: c.text, categoryId: c.categoryId })),
      ];
      if (examples.length === 0) {
        set({
          adaptRun: { phase: 'error', progress: null, error: 'There are no corrections to learn from yet.' },
        });
        return;
      }
      const ctrl = new AbortController();
      running = ctrl;
      set({ adaptRun: { phase: 'running', progress: null, error: null } });
      try {
        const result = await client.adapt(examples, {
          signal: ctrl.signal,
          onProgress: (progress) => {
            if (running === ctrl) set({ adaptRun: { phase: 'running', progress, error: null } });
          },
        });
        const record: StoredHeads = {
          packVersion: result.heads.packVersion,
          heads: result.heads,
          report: result.report,
          trainedOn: extra?.trainedOn ?? 'corrections',
          at: Date.now(),
        };
        set({
          adapted: record,
          headsVersion: get().headsVersion + 1,
          adaptRun: { phase: 'done', progress: null, error: null },
        });
        await open()
          .then((s) => s.putHeads(record))
          .catch((err: unknown) =>
            set({ learningError: `The adapted model is in use but could not be stored: ${message(err)}.` }),
          );
      } catch (err) {
        const cancelled = err instanceof Error && err.name === 'CancelledError';
        set({
          adaptRun: cancelled
            ? { phase: 'cancelled', progress: null, error: null }
            : { phase: 'error', progress: null, error: message(err) },
        });
      } finally {
        if (running === ctrl) running = null;
      }
    },

    cancelAdapt: () => running?.abort(),

    resetModel: async (client, packVersion) => {
      try {
        await client.setHeads(null);
        set({
          adapted: null,
          headsVersion: get().headsVersion + 1,
          adaptRun: { phase: 'idle', progress: null, error: null },
        });
      } catch (err) {
        set({ adaptRun: { phase: 'error', progress: null, error: message(err) } });
        return;
      }
      await open()
        .then((s) => s.deleteHeads(packVersion))
        .catch((err: unknown) =>
          set({ learningError: `The stored adapted model could not be removed: ${message(err)}.` }),
        );
    },

    restoreAdapted: async (client, packVersion) => {
      let record: StoredHeads | null;
      try {
        record = await (await open()).getHeads(packVersion);
      } catch {
        // No storage: nothing was kept, so the shipped model is the one in use.
        return;
      }
      if (!record) {
        if (get().adapted) set({ adapted: null });
        return;
      }
      try {
        await client.setHeads(record.heads as HeadWeights);
        set({ adapted: record, headsVersion: get().headsVersion + 1 });
      } catch (err) {
        set({ learningError: `The stored adapted model could not be used: ${message(err)}.` });
      }
    },
  };
};
