/**
 * Reader for online-shopping-10-cats: Chinese customer reviews (text = review) with a flat
 * product category in `cat`. The first review cell starts with a stray BOM (stripped by the
 * cleaner's NFKC/zero-width pass and here). The 酒店 (hotel) class is excluded through the
 * mapping table, so it is counted there like any other excluded label.
 */
import path from 'node:path';
import { parseDelimitedFile } from './read-delimited.js';
import { countDrop, type ReadResult, type RawListing } from './source-types.js';

export const ONLINE_SHOPPING_FILE = path.join('online-shopping-10-cats', 'online_shopping_10_cats.csv');

export function readOnlineShopping(rawDir: string): ReadResult {
  const table = parseDelimitedFile(path.join(rawDir, ONLINE_SHOPPING_FILE), { delimiter: ',' });
  const dropped: Record<string, number> = {};
  const rows: RawListing[] = [];
  const bad = new Set(table.errors.map((e) => e.row));
  const [header, ...data] = table.rows;
  const iCat = header?.indexOf('cat') ?? -1;
  const iReview = header?.indexOf('review') ?? -1;
  if (iCat < 0 || iReview < 0) throw new Error(`${ONLINE_SHOPPING_FILE}: missing cat/review columns`);
  data.forEach((r, i) => {
    if (bad.has(i + 1)) return countDrop(dropped, 'parse-error');
    if (r.length !== header?.length) return countDrop(dropped, 'ragged-row');
    const cat = (r[iCat] ?? '').replace(/\uFEFF/g, '').trim();
    if (cat === '') return countDrop(dropped, 'empty-category');
    rows.push({ sourceId: `row${i + 2}`, text: (r[iReview] ?? '').replace(/\uFEFF/g, ''), lang: 'zh', label: [cat] });
  });
  return { source: 'online-shopping', rows, dropped };
}
