/** The one zustand store, composed from typed slices. Components use atomic selectors. */
import { create } from 'zustand';
import { createListingSlice, type ListingSlice } from './listing-slice';
import { createModelSlice, type ModelSlice } from './model-slice';
import { createSuggestionsSlice, type SuggestionsSlice } from './suggestions-slice';

export type AppState = ListingSlice & ModelSlice & SuggestionsSlice;

export const createAppStore = () => {
  const store = create<AppState>()((set, get, api) => ({
    ...createListingSlice(set, get, api),
    ...createModelSlice(set, get, api),
    ...createSuggestionsSlice(set, get, api),
  }));
  // Suggestions follow the listing, and catch up when the model becomes ready.
  store.subscribe((s, prev) => {
    const becameReady = s.modelStatus === 'ready' && prev.modelStatus !== 'ready';
    if (s.client && s.modelStatus === 'ready' && (becameReady || s.listing !== prev.listing))
      s.requestSuggestions(s.client, s.listing);
  });
  return store;
};

export const useAppStore = createAppStore();
