/** Pure adapters for the batch table and download: names by id, what a row says. Unit-tested. */
import type { PackInfo } from '../../inference/inference-client';
import { level2Of, rootOf, rowView, type RowResult } from '../../state/batch-slice';
import { categoryIndex, CLOSE_MARGIN, type CategoryInfo } from '../../state/workspace-slice';
import type { DownloadRow } from './csv-input';

export interface Names {
  name: (id: string) => string;
  google: (id: string) => number | null;
}

export function namesOf(info: PackInfo | null, lang: 'en' | 'zh'): Names {
  const m = info ? categoryIndex(info) : new Map<string, CategoryInfo>();
  return {
    name: (id) => {
      const e = m.get(id);
      return e ? (lang === 'zh' && e.nameZh ? e.nameZh : e.nameEn) : id;
    },
    google: (id) => m.get(id)?.googleId ?? null,
  };
}

/** What the download and the table say about row i (correction first, then the model's result). */
export function describeRow(
  r: RowResult | undefined,
  correction: string | undefined,
  threshold: number,
  names: Names,
  cancelled: boolean,
): DownloadRow {
  const view = rowView(r, correction, threshold);
  if (correction !== undefined) {
    const l2 = level2Of(correction);
    return {
      status: 'corrected',
      l1: rootOf(correction),
      l1Name: names.name(rootOf(correction)),
      l2: l2 ?? '',
      l2Name: l2 ? names.name(l2) : '',
      googleId: names.google(correction),
      confidence: null,
      reason: `chosen by the merchant: ${correction}`,
    };
  }
  const blank = { l1: '', l1Name: '', l2: '', l2Name: '', googleId: null, confidence: null };
  if (!r)
    return { ...blank, status: 'pending', reason: cancelled ? 'cancelled before this row' : 'not run yet' };
  if (r.status === 'failed') return { ...blank, status: 'failed', reason: r.reason };
  return {
    status: view === 'auto' ? 'auto' : 'review',
    l1: r.l1,
    l1Name: names.name(r.l1),
    l2: r.l2,
    l2Name: names.name(r.l2),
    googleId: r.googleId,
    confidence: r.p1,
    reason:
      view === 'auto'
        ? ''
        : r.p1 - r.p1b < CLOSE_MARGIN
          ? 'two close categories'
          : `low confidence (under ${Math.round(threshold * 100)}%)`,
  };
}
