/**
 * Reader for flipkart-1050: Flipkart listings. Title = product_name, extra = description;
 * label = product_category_tree, a JSON list holding one string "A >> B >> C ...". Only the first
 * 3 levels are real categories (deeper levels repeat the product name), so the label is cut there.
 */
import path from 'node:path';
import { parseDelimitedFile } from './read-delimited.js';
import { countDrop, type ReadResult, type RawListing } from './source-types.js';

export const FLIPKART_FILE = path.join('flipkart-1050', 'flipkart_com-ecommerce_sample_1050.csv');
export const FLIPKART_LABEL_DEPTH = 3;

/** Parses the category tree cell; returns [] if it is not the expected JSON list. */
export function parseFlipkartTree(cell: string): string[] {
  let first: unknown;
  try {
    const parsed: unknown = JSON.parse(cell);
    first = Array.isArray(parsed) ? parsed[0] : undefined;
  } catch {
    // Some copies hold the bare string; accept it.
    first = cell;
  }
  if (typeof first !== 'string') return [];
  return first
    .split('>>')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

export function readFlipkart(rawDir: string): ReadResult {
  const table = parseDelimitedFile(path.join(rawDir, FLIPKART_FILE), { delimiter: ',' });
  const dropped: Record<string, number> = {};
  const rows: RawListing[] = [];
  const bad = new Set(table.errors.map((e) => e.row));
  const [header, ...data] = table.rows;
  const col = (name: string): number => header?.indexOf(name) ?? -1;
  const iId = col('uniq_id');
  const iName = col('product_name');
  const iTree = col('product_category_tree');
  const iDesc = col('description');
  if (iId < 0 || iName < 0 || iTree < 0 || iDesc < 0) throw new Error(`${FLIPKART_FILE}: missing expected columns`);
  data.forEach((r, i) => {
    if (bad.has(i + 1)) return countDrop(dropped, 'parse-error');
    if (r.length !== header?.length) return countDrop(dropped, 'ragged-row');
    const label = parseFlipkartTree(r[iTree] ?? '').slice(0, FLIPKART_LABEL_DEPTH);
    if (label.length === 0) return countDrop(dropped, 'empty-category');
    const row: RawListing = { sourceId: r[iId] || `row${i + 2}`, text: r[iName] ?? '', lang: 'en', label };
    const desc = r[iDesc];
    if (desc !== undefined && desc.trim() !== '') row.extra = desc;
    rows.push(row);
  });
  return { source: 'flipkart', rows, dropped };
}
