/**
 * The corpus row: the contract between corpus building (training/data), the synthetic
 * generator, training, evaluation and fastText export. One JSON object per line of
 * data/build/corpus.jsonl.
 */
export type Lang = 'en' | 'zh';
export type Split = 'train' | 'val' | 'test';

/** Where a row came from. Real listings: amazon, instacart, flipkart, online-shopping, user. */
export type SourceName =
  | 'amazon'
  | 'instacart'
  | 'flipkart'
  | 'online-shopping'
  | 'shopify-taxonomy'
  | 'google-taxonomy'
  | 'synthetic'
  | 'user';

export type RowKind = 'listing' | 'taxonomy' | 'synthetic';

export interface CorpusRow {
  /** `${source}:${id in the source}`; unique in the corpus. */
  id: string;
  /** Cleaned title (or review for online-shopping). Never empty, at least 2 characters. */
  text: string;
  /** Cleaned extra text (e.g. a Flipkart description), when the source has one. */
  extra?: string;
  lang: Lang;
  source: SourceName;
  kind: RowKind;
  /** Taxonomy and synthetic rows are always 'train'; val/test hold real listings only. */
  split: Split;
  /** Shopify short id of the level-1 root, e.g. 'el' (one of the 21 product roots). */
  l1: string;
  /** Shopify short id of the level-2 category, e.g. 'el-4'; null when only the root is known. */
  l2: string | null;
  /** Deepest known Shopify short id, e.g. 'el-4-8-3' (equals l1 or l2 when nothing deeper is known). */
  deep: string;
}
