/**
 * A merchant's own catalog (CSV or TSV with a header row) read into corpus rows (source 'user',
 * kind 'listing'). The text column and the label column are given or auto-detected; a label may
 * be a Shopify short id, a gid, or a full English/Chinese path. Bad rows are reported one by one
 * (row number + reason) and counted; they never stop the run.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { CorpusRow, Lang } from './corpus-types.js';
import { parseDelimited } from './sources/read-delimited.js';
import { isProductCategory, level1Of, level2Of, type Taxonomy } from './taxonomy.js';

export interface UserCatalogOptions {
  textColumn?: string;
  labelColumn?: string;
}

export interface UserCatalogResult {
  rows: CorpusRow[];
  textColumn: string;
  labelColumn: string;
  /** One message per bad row, e.g. `row 7: unknown category "Foo > Bar"`. */
  messages: string[];
  dropped: Record<string, number>;
  /** Data rows in the file (header excluded). */
  read: number;
}

export class UserCatalogError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UserCatalogError';
  }
}

const TEXT_NAMES = ['title', 'product_title', 'product title', 'name', 'product_name', 'product name', 'text', 'listing', '标题', '商品名称', '名称', '商品标题'];
const LABEL_NAMES = ['shopify_category', 'shopify category', 'category', 'product_category', 'product category', 'category_id', 'shopify_id', 'label', 'taxonomy', '类目', '分类', '类别'];

const norm = (s: string): string => s.trim().toLowerCase();

/** Han characters: a row with any is tagged 'zh' (the model's two languages are en and zh). */
export function detectLang(text: string): Lang {
  return /\p{Script=Han}/u.test(text) ? 'zh' : 'en';
}

function pickColumn(header: string[], wanted: string | undefined, names: string[], what: string): number | undefined {
  if (wanted !== undefined) {
    const i = header.findIndex((h) => norm(h) === norm(wanted));
    if (i < 0) throw new UserCatalogError(`--${what}-column "${wanted}" is not a column of the file (columns: ${header.join(', ')})`);
    return i;
  }
  for (const n of names) {
    const i = header.findIndex((h) => norm(h) === n);
    if (i >= 0) return i;
  }
  return undefined;
}

/** Detects text and label columns by header names, else by content. */
export function detectColumns(header: string[], data: string[][], tax: Taxonomy, opts: UserCatalogOptions): { text: number; label: number } {
  let label = pickColumn(header, opts.labelColumn, LABEL_NAMES, 'label');
  const sample = data.slice(0, 200);
  if (label === undefined) {
    // The column whose values most often resolve to a Shopify category.
    let best = -1;
    let bestScore = 0;
    header.forEach((_, i) => {
      const vals = sample.map((r) => r[i] ?? '').filter((v) => v.trim() !== '');
      const hits = vals.filter((v) => tax.resolvePath(v) !== null).length;
      const score = vals.length === 0 ? 0 : hits / vals.length;
      if (score > bestScore) {
        best = i;
        bestScore = score;
      }
    });
    if (best < 0 || bestScore < 0.3)
      throw new UserCatalogError(`could not find a category column (no column of ${header.join(', ')} holds Shopify ids or paths); use --label-column`);
    label = best;
  }
  let text = pickColumn(header, opts.textColumn, TEXT_NAMES, 'text');
  if (text === undefined) {
    // The longest mostly non-numeric column other than the label.
    let best = -1;
    let bestLen = 0;
    header.forEach((_, i) => {
      if (i === label) return;
      const vals = sample.map((r) => (r[i] ?? '').trim()).filter((v) => v !== '');
      const numeric = vals.filter((v) => /^[\d.,\s$€£¥%-]+$/.test(v)).length;
      if (vals.length === 0 || numeric / vals.length > 0.5) return;
      const mean = vals.reduce((a, v) => a + v.length, 0) / vals.length;
      if (mean > bestLen) {
        best = i;
        bestLen = mean;
      }
    });
    if (best < 0) throw new UserCatalogError(`could not find a text column among ${header.join(', ')}; use --text-column`);
    text = best;
  }
  if (text === label) throw new UserCatalogError('the text column and the label column are the same column');
  return { text, label };
}

export function parseUserCatalog(content: string, fileName: string, tax: Taxonomy, opts: UserCatalogOptions = {}): UserCatalogResult {
  const ext = path.extname(fileName).toLowerCase();
  const table = parseDelimited(content, ext === '.tsv' || ext === '.tab' ? { delimiter: '\t' } : {});
  const [header, ...data] = table.rows;
  if (header === undefined || header.every((h) => h.trim() === ''))
    throw new UserCatalogError(`${fileName}: the file is empty (a header row and data rows are needed)`);
  const cols = detectColumns(header, data, tax, opts);
  const messages: string[] = [];
  const dropped: Record<string, number> = {};
  const bad = (rowNo: number, reason: string, detail: string): void => {
    dropped[reason] = (dropped[reason] ?? 0) + 1;
    messages.push(`row ${rowNo}: ${detail}`);
  };
  const parseErrors = new Map(table.errors.map((e) => [e.row, e.code]));
  const rows: CorpusRow[] = [];
  data.forEach((r, i) => {
    const rowNo = i + 2; // 1-based file line of a simple file, header = row 1
    const pe = parseErrors.get(i + 1);
    if (pe !== undefined) return bad(rowNo, 'parse-error', `unparsable row (${pe})`);
    if (r.length !== header.length) return bad(rowNo, 'ragged-row', `has ${r.length} columns, the header has ${header.length}`);
    const text = (r[cols.text] ?? '').trim();
    const labelRaw = (r[cols.label] ?? '').trim();
    if (text === '') return bad(rowNo, 'empty-text', 'empty text');
    if (labelRaw === '') return bad(rowNo, 'empty-category', 'empty category');
    const id = tax.resolvePath(labelRaw);
    if (id === null) return bad(rowNo, 'unknown-category', `unknown category "${labelRaw}"`);
    if (!isProductCategory(id)) return bad(rowNo, 'excluded-category', `category "${labelRaw}" (${id}) is not under one of the 21 product roots`);
    rows.push({
      id: `user:${rowNo}`,
      text,
      lang: detectLang(text),
      source: 'user',
      kind: 'listing',
      split: 'train',
      l1: level1Of(id),
      l2: level2Of(id),
      deep: id,
    });
  });
  return { rows, textColumn: header[cols.text] ?? '', labelColumn: header[cols.label] ?? '', messages, dropped, read: data.length };
}

export function readUserCatalog(file: string, tax: Taxonomy, opts: UserCatalogOptions = {}): UserCatalogResult {
  let content: string;
  try {
    content = readFileSync(file, 'utf8');
  } catch (err) {
    throw new UserCatalogError(`cannot read ${file}: ${(err as Error).message}`);
  }
  return parseUserCatalog(content, file, tax, opts);
}
