/** The one zustand store, composed from typed slices. Components use atomic selectors. */
import { create } from 'zustand';
import { createListingSlice, type ListingSlice } from './listing-slice';
import { createModelSlice, type ModelSlice } from './model-slice';
import { createSuggestionsSlice, type SuggestionsSlice } from './suggestions-slice';
import { createOfflineSlice, type OfflineSlice } from './offline-slice';
import { createWorkspaceSlice, type WorkspaceSlice } from './workspace-slice';
import { createBatchSlice, type BatchSlice } from './batch-slice';
import { createMapSlice, type MapSlice } from './map-slice';
import { createAdaptSlice, type AdaptSlice } from './adapt-slice';

export type AppState = ListingSlice &
  ModelSlice &
  SuggestionsSlice &
  WorkspaceSlice &
  BatchSlice &
  MapSlice &
  OfflineSlice &
  AdaptSlice;

export const createAppStore = () => {
  const store = create<AppState>()((set, get, api) => ({
    ...createListingSlice(set, get, api),
    ...createModelSlice(set, get, api),
    ...createSuggestionsSlice(set, get, api),
    ...createOfflineSlice(set, get, api),
    ...createWorkspaceSlice(set, get, api),
    ...createBatchSlice(set, get, api),
    ...createMapSlice(set, get, api),
    ...createAdaptSlice(set, get, api),
  }));
  // The client whose pack tables were asked for (once per load).
  let packInfoAsked: unknown = null;
  // Suggestions follow the listing, and catch up when the model becomes ready.
  store.subscribe((s, prev) => {
    const becameReady = s.modelStatus === 'ready' && prev.modelStatus !== 'ready';
    const headsChanged = s.headsVersion !== prev.headsVersion;
    if (s.client && s.modelStatus === 'ready' && (becameReady || headsChanged || s.listing !== prev.listing))
      s.requestSuggestions(s.client, s.listing, becameReady);
    // The merchant's adapted heads for this pack are put back after every load.
    if (becameReady && s.client && s.modelInfo) void s.restoreAdapted(s.client, s.modelInfo.packVersion);
    // The pack's tables once the first suggestion is in (or there is none to make) and rendered.
    const now = store.getState();
    if (now.modelStatus !== 'ready') packInfoAsked = null;
    else if (now.client && now.packInfo === null && !now.suggesting && packInfoAsked !== now.client) {
      packInfoAsked = now.client;
      const client = now.client;
      whenIdle(() => void store.getState().loadPackInfo(client));
    }
    // The explanation follows the suggestions it explains (off the main thread, debounced).
    if (s.client && s.suggestionsFor !== prev.suggestionsFor)
      s.requestExplanation(s.client, s.suggestionsFor);
  });
  // Stored corrections are read once; where IndexedDB is missing the slice says so.
  if ((globalThis as { indexedDB?: unknown }).indexedDB) void store.getState().initLearning();
  return store;
};

/** fn when the page is next idle (so after pending renders), or within a second regardless. */
function whenIdle(fn: () => void): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(fn, { timeout: 1_000 });
  else setTimeout(fn, 0);
}

export const useAppStore = createAppStore();
