/** App-wide constants. Imports nothing. */
export const APP_NAME = 'Product Categorizer';
export const APP_TAGLINE = 'Shopify categories for any listing, computed on your device.';
/** Longest listing the box accepts; longer pastes are cut with a notice (tokenizer caps far lower). */
export const MAX_LISTING_CHARS = 20_000;
/** Where the default model pack is served, relative to the page. */
export const MODEL_PATH = 'models/default/';
