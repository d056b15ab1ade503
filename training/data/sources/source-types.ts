/**
 * Shapes shared by the real-listing readers: a raw listing with its source label (not yet mapped
 * to Shopify), and the per-reason counts of rows a reader could not use.
 */
import type { Lang, SourceName } from '../corpus-types.js';

export interface RawListing {
  /** Id inside the source (row number or the source's own id). */
  sourceId: string;
  /** Uncleaned title / review text. */
  text: string;
  extra?: string;
  lang: Lang;
  /** Source label as path segments, e.g. ['Hobbies', 'Model Trains & Railway Sets']. */
  label: string[];
}

export interface ReadResult {
  source: SourceName;
  rows: RawListing[];
  /** Rows dropped while reading, by reason. */
  dropped: Record<string, number>;
}

/** Increments a reason counter. */
export function countDrop(dropped: Record<string, number>, reason: string, n = 1): void {
  dropped[reason] = (dropped[reason] ?? 0) + n;
}
