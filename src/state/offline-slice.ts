/**
 * Offline readiness as the service worker reports it (src/app/service-worker-registration.ts
 * feeds it): whether the app shell and the model pack are cached, and which pack version the
 * network has now, so the page can say when a new model version is available.
 */
import type { StateCreator } from 'zustand';

/** off: not in this build (dev server); installing: caching the app and pack; failed: see offlineError. */
export type OfflineState = 'off' | 'unsupported' | 'installing' | 'ready' | 'failed';

export interface OfflineSlice {
  offlineState: OfflineState;
  offlineError: string | null;
  /** Pack version the service worker holds for offline use. */
  offlinePack: string | null;
  /** Pack version the server had at the last check (null when offline or not checked yet). */
  latestPack: string | null;
  setOfflineStatus: (
    patch: Partial<Pick<OfflineSlice, 'offlineState' | 'offlineError' | 'offlinePack' | 'latestPack'>>,
  ) => void;
}

export const createOfflineSlice: StateCreator<OfflineSlice, [], [], OfflineSlice> = (set) => ({
  offlineState: 'off',
  offlineError: null,
  offlinePack: null,
  latestPack: null,
  setOfflineStatus: (patch) => set(patch),
});
