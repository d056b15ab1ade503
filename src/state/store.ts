/** The one zustand store, composed from typed slices. Components use atomic selectors. */
import { create } from 'zustand';
import { createListingSlice, type ListingSlice } from './listing-slice';
import { createModelSlice, type ModelSlice } from './model-slice';
import { createSuggestionsSlice, type SuggestionsSlice } from './suggestions-slice';
import { createOfflineSlice, type OfflineSlice } from './offline-slice';
import { createWorkspaceSlice, type WorkspaceSlice } from './workspace-slice';
import { createBatchSlice, type BatchSlice } from './batch-slice';
import { createMapSlice, type MapSlice } from './map-slice';

export type AppState = ListingSlice &
  ModelSlice &
  SuggestionsSlice &
  WorkspaceSlice &
  BatchSlice &
  MapSlice &
  OfflineSlice;

export const createAppStore = () => {
  const store = create<AppState>()((set, get, api) => ({
    ...createListingSlice(set, get, api),
    ...createModelSlice(set, get, api),
    ...createSuggestionsSlice(set, get, api),
    ...createOfflineSlice(set, get, api),
    ...createWorkspaceSlice(set, get, api),
    ...createBatchSlice(set, get, api),
    ...createMapSlice(set, get, api),
  }));
  // Suggestions follow the listing, and catch up when the model becomes ready.
  store.subscribe((s, prev) => {
    const becameReady = s.modelStatus === 'ready' && prev.modelStatus !== 'ready';
    if (s.client && s.modelStatus === 'ready' && (becameReady || s.listing !== prev.listing))
      s.requestSuggestions(s.client, s.listing);
    // The explanation follows the suggestions it explains (off the main thread, debounced).
    if (s.client && s.suggestionsFor !== prev.suggestionsFor)
      s.requestExplanation(s.client, s.suggestionsFor);
  });
  return store;
};

export const useAppStore = createAppStore();
