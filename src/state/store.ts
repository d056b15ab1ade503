/** The one zustand store, composed from typed slices. Components use atomic selectors. */
import { create } from 'zustand';
import { createListingSlice, type ListingSlice } from './listing-slice';

export type AppState = ListingSlice;

export const createAppStore = () =>
  create<AppState>()((...a) => ({
    ...createListingSlice(...a),
  }));

export const useAppStore = createAppStore();
