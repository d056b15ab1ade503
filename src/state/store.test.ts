import { describe, expect, it } from 'vitest';
import { createAppStore } from './store';
import { MAX_LISTING_CHARS } from '../config/app';

describe('listing slice', () => {
  it('starts empty and keeps what is typed', () => {
    const store = createAppStore();
    expect(store.getState().listing).toBe('');
    store.getState().setListing('Men’s Waterproof Hiking Boots');
    expect(store.getState().listing).toBe('Men’s Waterproof Hiking Boots');
    expect(store.getState().listingTruncated).toBe(false);
  });

  it('cuts a huge paste and says so', () => {
    const store = createAppStore();
    store.getState().setListing('x'.repeat(MAX_LISTING_CHARS + 5));
    expect(store.getState().listing).toHaveLength(MAX_LISTING_CHARS);
    expect(store.getState().listingTruncated).toBe(true);
  });
});
