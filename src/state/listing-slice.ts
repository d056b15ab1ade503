/** The listing the merchant is editing. */
import type { StateCreator } from 'zustand';
import { MAX_LISTING_CHARS } from '../config/app';

export interface ListingSlice {
  listing: string;
  /** True when the last edit was cut to MAX_LISTING_CHARS. */
  listingTruncated: boolean;
  setListing: (text: string) => void;
}

export const createListingSlice: StateCreator<ListingSlice, [], [], ListingSlice> = (set) => ({
  listing: '',
  listingTruncated: false,
  setListing: (text) =>
    set({
      listing: text.length > MAX_LISTING_CHARS ? text.slice(0, MAX_LISTING_CHARS) : text,
      listingTruncated: text.length > MAX_LISTING_CHARS,
    }),
});
