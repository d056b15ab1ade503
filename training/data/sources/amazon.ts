/**
 * Reader for amazon-uk-toys-10k: Amazon UK listings, mostly toys. The file has NO header row and
 * 9 columns (uniq_id, product_name, category path with ' > ', manufacturer, price, stock,
 * reviews, answered questions, rating); 690 rows have an empty category.
 */
import path from 'node:path';
import { parseDelimitedFile } from './read-delimited.js';
import { countDrop, type ReadResult, type RawListing } from './source-types.js';

export const AMAZON_FILE = path.join('amazon-uk-toys-10k', 'amazon_co-ecommerce_sample.csv');
const N_COLUMNS = 9;

export function readAmazon(rawDir: string): ReadResult {
  const table = parseDelimitedFile(path.join(rawDir, AMAZON_FILE), { delimiter: ',' });
  const dropped: Record<string, number> = {};
  const bad = new Set(table.errors.map((e) => e.row));
  const rows: RawListing[] = [];
  table.rows.forEach((r, i) => {
    if (bad.has(i)) return countDrop(dropped, 'parse-error');
    // A truncated or merged row has the wrong column count.
    if (r.length !== N_COLUMNS) return countDrop(dropped, 'ragged-row');
    const [id, name, cat] = r;
    const label = (cat ?? '')
      .split('>')
      .map((s) => s.trim())
      .filter((s) => s !== '');
    if (label.length === 0) return countDrop(dropped, 'empty-category');
    rows.push({ sourceId: id !== undefined && id !== '' ? id : `row${i + 1}`, text: name ?? '', lang: 'en', label });
  });
  return { source: 'amazon', rows, dropped };
}
