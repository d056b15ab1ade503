/** Label-space constants shared by training and the app. Imports nothing. */

/** Shopify taxonomy version the labels come from. */
export const TAXONOMY_VERSION = '2025-08-unstable';

/**
 * The 21 product roots used as level-1 labels, in Shopify's file order. Bundles (bu), Gift Cards
 * (gc), Product Add-Ons (pa), Services (se) and Uncategorized (na) are left out: they are not
 * kinds of product a listing's words can reveal.
 */
export const LEVEL1_ROOTS = [
  'ap',
  'aa',
  'ae',
  'bt',
  'bi',
  'co',
  'el',
  'fb',
  'fr',
  'ha',
  'hb',
  'hg',
  'lb',
  'ma',
  'me',
  'os',
  'rc',
  'so',
  'sg',
  'tg',
  'vp',
] as const;

export const EXCLUDED_ROOTS = ['bu', 'gc', 'pa', 'se', 'na'] as const;

/** Prefix of full Shopify category GIDs; ids are stored short (e.g. 'el-4') everywhere else. */
export const SHOPIFY_GID_PREFIX = 'gid://shopify/TaxonomyCategory/';
