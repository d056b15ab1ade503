/**
 * A labelled catalog file (CSV / TSV: a listing text column and a category column holding a
 * Shopify id such as "aa-1-4" or a path such as "Apparel & Accessories > Clothing") turned into
 * labelled listings for on-device learning. Pure functions; unit-tested.
 */
import Papa from 'papaparse';
import type { DeepNode, LabelledText } from '../../inference/inference-client';

/** The bound: training from a catalog file takes up to 50,000 rows. */
export const MAX_CATALOG_ROWS = 50_000;

const TEXT_HEADER = /^(text|title|name|listing|product|product[ _]?(name|title)|description)$/i;
const CATEGORY_HEADER = /shopify|category|categories|path|label|product[ _]?type|taxonomy/i;
const SHOPIFY_ID = /^[a-z]{2}(-\d+)*$/;

export type CatalogFile =
  | {
      ok: true;
      examples: LabelledText[];
      rows: number;
      /** Rows whose category is not in the taxonomy (first few shown to the merchant). */
      unmatched: { row: number; value: string }[];
      textColumn: string;
      categoryColumn: string;
    }
  | { ok: false; message: string };

/** Maps a cell (Shopify id, or an English / Chinese path) to a Shopify id; null when unknown. */
export function categoryResolver(nodes: readonly DeepNode[]): (value: string) => string | null {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const byPath = new Map<string, string>();
  const norm = (p: string) =>
    p
      .split(/\s*[>›/]\s*/)
      .map((s) => s.trim().toLowerCase())
      .filter(Boolean)
      .join(' > ');
  for (const n of nodes) {
    const parts = n.id.split('-');
    const chain = parts.map((_, i) => byId.get(parts.slice(0, i + 1).join('-')));
    if (chain.some((c) => c === undefined)) continue;
    byPath.set(norm(chain.map((c) => c!.en).join(' > ')), n.id);
    byPath.set(norm(chain.map((c) => c!.zh).join(' > ')), n.id);
  }
  return (value) => {
    const v = value.trim();
    if (v === '') return null;
    if (SHOPIFY_ID.test(v)) return byId.has(v) ? v : null;
    // Shopify's own exports write "gid://shopify/TaxonomyCategory/aa-1-4".
    const gid = /TaxonomyCategory\/([a-z]{2}(?:-\d+)*)$/.exec(v);
    if (gid) return byId.has(gid[1]!) ? gid[1]! : null;
    return byPath.get(norm(v)) ?? null;
  };
}

export function parseCatalogFile(text: string, resolve: (value: string) => string | null): CatalogFile {
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { skipEmptyLines: 'greedy' });
  const [header, ...body] = parsed.data;
  if (!header || body.length === 0)
    return { ok: false, message: 'The file has no rows under a header row (text column, category column).' };
  if (body.length > MAX_CATALOG_ROWS)
    return {
      ok: false,
      message: `The file has ${body.length.toLocaleString('en')} rows; training takes up to ${MAX_CATALOG_ROWS.toLocaleString('en')}. Split it and train on a part.`,
    };
  const names = header.map((h) => h.trim());
  const cat = names.findIndex((h) => CATEGORY_HEADER.test(h));
  if (cat < 0)
    return {
      ok: false,
      message: `No category column: name one "category" or "shopify_id" (columns found: ${names.join(', ')}).`,
    };
  let txt = names.findIndex((h, i) => i !== cat && TEXT_HEADER.test(h));
  if (txt < 0) txt = names.findIndex((_, i) => i !== cat);
  if (txt < 0) return { ok: false, message: 'No text column beside the category column.' };
  const examples: LabelledText[] = [];
  const unmatched: { row: number; value: string }[] = [];
  body.forEach((cells, i) => {
    const t = (cells[txt] ?? '').trim();
    const raw = cells[cat] ?? '';
    const id = resolve(raw);
    if (t === '') return;
    if (id === null) unmatched.push({ row: i + 2, value: raw });
    else examples.push({ text: t, categoryId: id });
  });
  if (examples.length === 0)
    return {
      ok: false,
      message: `None of the ${body.length} rows has a category this model knows (e.g. row ${unmatched[0]?.row ?? 2}: "${unmatched[0]?.value ?? ''}"). Use Shopify ids such as aa-1-4 or full paths.`,
    };
  return {
    ok: true,
    examples,
    rows: body.length,
    unmatched,
    textColumn: names[txt]!,
    categoryColumn: names[cat]!,
  };
}
