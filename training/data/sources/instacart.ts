/**
 * Reader for instacart-products-partial: products_merged_clean.tsv (the union of the two partial
 * copies, 25,070 products, joined to aisle and department names). Label = department > aisle.
 * The TSV is unquoted and names hold literal `"` (`9"x13"`), so quote handling is off.
 */
import path from 'node:path';
import { parseDelimitedFile } from './read-delimited.js';
import { countDrop, type ReadResult, type RawListing } from './source-types.js';

export const INSTACART_FILE = path.join('instacart-products-partial', 'products_merged_clean.tsv');
const HEADER = ['product_id', 'product_name', 'aisle_id', 'aisle', 'department_id', 'department'];

export function readInstacart(rawDir: string): ReadResult {
  const table = parseDelimitedFile(path.join(rawDir, INSTACART_FILE), { delimiter: '\t', noQuotes: true });
  const dropped: Record<string, number> = {};
  const rows: RawListing[] = [];
  const [header, ...data] = table.rows;
  if (header?.join('\t') !== HEADER.join('\t')) throw new Error(`${INSTACART_FILE}: unexpected header ${header?.join(',') ?? '(none)'}`);
  data.forEach((r, i) => {
    if (r.length !== HEADER.length) return countDrop(dropped, 'ragged-row');
    const [id, name, , aisle, , dept] = r.map((s) => s.trim());
    if (dept === undefined || dept === '' || aisle === undefined || aisle === '') return countDrop(dropped, 'empty-category');
    rows.push({ sourceId: id !== undefined && id !== '' ? id : `row${i + 2}`, text: name ?? '', lang: 'en', label: [dept, aisle] });
  });
  return { source: 'instacart', rows, dropped };
}
