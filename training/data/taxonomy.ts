/**
 * Shopify Standard Product Taxonomy (2025-08) in English and Chinese, the Google product taxonomy
 * (en-US 2021, zh-CN 2015), and the Shopify -> Google mapping, loaded into typed lookup tables.
 *
 * Used by corpus building (label resolution, taxonomy phrases, mapping-table checks) and by the
 * model-pack export (label tables: Shopify id, en/zh names, Google id). Ids are short
 * (`el-4-8`); gids are accepted on input only.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { EXCLUDED_ROOTS, LEVEL1_ROOTS, SHOPIFY_GID_PREFIX } from '../../src/config/taxonomy.js';
import { RAW_DATA_DIR } from '../paths.js';

export const PATH_SEPARATOR = ' > ';

export interface ShopifyCategory {
  /** Short id, e.g. 'el-4-8'. */
  id: string;
  parentId: string | null;
  /** 1 for a root ('el'), 2 for its children, ... */
  depth: number;
  nameEn: string;
  nameZh: string;
  /** Full English path joined with ' > '. */
  pathEn: string;
  pathZh: string;
  /** Google product category id (2021-09-21) from Shopify's mapping, when it maps to one. */
  googleId?: number;
}

export interface GoogleCategory {
  id: number;
  parentId: number | null;
  depth: number;
  nameEn: string;
  pathEn: string;
  /** Only for categories that exist in the older zh-CN 2015 file. */
  nameZh?: string;
  pathZh?: string;
}

export interface Taxonomy {
  /** Shopify categories in file order. */
  categories: Map<string, ShopifyCategory>;
  google: Map<number, GoogleCategory>;
  /** Shopify ids mapped to each Google id (inverse of the Shopify -> Google mapping). */
  shopifyByGoogle: Map<number, string[]>;
  /** Resolve a short id, gid, or full English/Chinese path to a short Shopify id. */
  resolvePath(pathOrId: string): string | null;
  /** Children ids of a category, in file order. */
  childrenOf(id: string): string[];
}

/** NFC so that paths typed with combining accents match the files (the mapping file mixes forms). */
const norm = (s: string): string => s.normalize('NFC').trim();

/** Normalizes a path typed by a user: NFC, trimmed segments, single ' > ' separators. */
function normPath(p: string): string {
  return norm(p)
    .split(/\s*>\s*/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0)
    .join(PATH_SEPARATOR);
}

/** Level-1 root of a short id: 'el-4-8' -> 'el'. Pure: ids encode their tree path. */
export function level1Of(id: string): string {
  const dash = id.indexOf('-');
  return dash < 0 ? id : id.slice(0, dash);
}

/** Level-2 ancestor of a short id ('el-4-8' -> 'el-4'); null for a root. */
export function level2Of(id: string): string | null {
  const parts = id.split('-');
  if (parts.length < 2) return null;
  return `${parts[0]}-${parts[1]}`;
}

/** Strips the gid prefix if present. */
export function shortId(idOrGid: string): string {
  const t = idOrGid.trim();
  return t.startsWith(SHOPIFY_GID_PREFIX) ? t.slice(SHOPIFY_GID_PREFIX.length) : t;
}

const LEVEL1_SET: ReadonlySet<string> = new Set(LEVEL1_ROOTS);
const EXCLUDED_SET: ReadonlySet<string> = new Set(EXCLUDED_ROOTS);

/** True when the id lies under one of the 21 product roots used as labels. */
export function isProductCategory(id: string): boolean {
  return LEVEL1_SET.has(level1Of(id));
}

export function isExcludedRoot(id: string): boolean {
  return EXCLUDED_SET.has(level1Of(id));
}

/** Parses a Shopify dist categories.txt: `gid://shopify/TaxonomyCategory/<id>   : <path>`. */
export function parseShopifyCategoriesFile(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    if (line.startsWith('#') || line.trim() === '') continue;
    const sep = line.indexOf(' : ');
    if (sep < 0) throw new Error(`Malformed Shopify category line: ${line.slice(0, 80)}`);
    out.set(shortId(line.slice(0, sep)), norm(line.slice(sep + 3)));
  }
  return out;
}

/** Parses a Google taxonomy-with-ids file: `<id> - <path>` after a `#` header. */
export function parseGoogleFile(text: string): Map<number, string> {
  const out = new Map<number, string>();
  for (const line of text.split(/\r?\n/)) {
    const m = /^(\d+) - (.+)$/.exec(line.trim());
    if (m?.[1] !== undefined && m[2] !== undefined) out.set(Number(m[1]), norm(m[2]));
  }
  return out;
}

/** Parses Shopify's `→ shopify path` / `⇒ google path` blocks; returns shopify path -> google path. */
export function parseShopifyGoogleMapping(text: string): Map<string, string> {
  const out = new Map<string, string>();
  let from: string | null = null;
  for (const line of text.split(/\r?\n/)) {
    if (line.startsWith('→')) from = norm(line.slice(1));
    else if (line.startsWith('⇒') && from !== null) {
      // First target wins if a block ever lists several.
      if (!out.has(from)) out.set(from, norm(line.slice(1)));
    }
  }
  return out;
}

const lastSegment = (p: string): string => {
  const i = p.lastIndexOf(PATH_SEPARATOR);
  return i < 0 ? p : p.slice(i + PATH_SEPARATOR.length);
};
const parentPath = (p: string): string | null => {
  const i = p.lastIndexOf(PATH_SEPARATOR);
  return i < 0 ? null : p.slice(0, i);
};

export interface TaxonomyFiles {
  shopifyEn: string;
  shopifyZh: string;
  googleEn: string;
  googleZh: string;
  mapping: string;
}

export function readTaxonomyFiles(rawDir: string = RAW_DATA_DIR): TaxonomyFiles {
  const r = (...p: string[]): string => readFileSync(path.join(rawDir, ...p), 'utf8');
  return {
    shopifyEn: r('shopify-taxonomy', 'en_categories.txt'),
    shopifyZh: r('shopify-taxonomy', 'zh-CN_categories.txt'),
    googleEn: r('google-taxonomy', 'taxonomy-with-ids.en-US.txt'),
    googleZh: r('google-taxonomy', 'taxonomy-with-ids.zh-CN.txt'),
    mapping: r('shopify-taxonomy', 'en_integrations_google_shopify_2025-08_to_google_2021-09-21.txt'),
  };
}

/** Builds the Taxonomy from file contents (separate from IO so tests can feed small strings). */
export function buildTaxonomy(files: TaxonomyFiles): Taxonomy {
  const en = parseShopifyCategoriesFile(files.shopifyEn);
  const zh = parseShopifyCategoriesFile(files.shopifyZh);
  const gEn = parseGoogleFile(files.googleEn);
  const gZh = parseGoogleFile(files.googleZh);
  const mapping = parseShopifyGoogleMapping(files.mapping);

  // Google: ids from en-US 2021; zh names joined by the shared numeric id.
  const google = new Map<number, GoogleCategory>();
  const googleByPath = new Map<string, number>();
  for (const [id, p] of gEn) googleByPath.set(p, id);
  for (const [id, p] of gEn) {
    const parent = parentPath(p);
    const zhPath = gZh.get(id);
    const cat: GoogleCategory = {
      id,
      parentId: parent === null ? null : (googleByPath.get(parent) ?? null),
      depth: p.split(PATH_SEPARATOR).length,
      nameEn: lastSegment(p),
      pathEn: p,
    };
    if (zhPath !== undefined) {
      cat.nameZh = lastSegment(zhPath);
      cat.pathZh = zhPath;
    }
    google.set(id, cat);
  }

  const categories = new Map<string, ShopifyCategory>();
  const children = new Map<string, string[]>();
  const byPath = new Map<string, string>();
  const shopifyByGoogle = new Map<number, string[]>();
  for (const [id, pathEn] of en) {
    const pathZh = zh.get(id);
    if (pathZh === undefined) throw new Error(`Shopify category ${id} has no zh-CN name`);
    const parts = id.split('-');
    const parentId = parts.length > 1 ? parts.slice(0, -1).join('-') : null;
    const cat: ShopifyCategory = {
      id,
      parentId,
      depth: parts.length,
      nameEn: lastSegment(pathEn),
      nameZh: lastSegment(pathZh),
      pathEn,
      pathZh,
    };
    const gPath = mapping.get(pathEn);
    const gId = gPath === undefined ? undefined : googleByPath.get(gPath);
    if (gId !== undefined) {
      cat.googleId = gId;
      const list = shopifyByGoogle.get(gId) ?? [];
      list.push(id);
      shopifyByGoogle.set(gId, list);
    }
    categories.set(id, cat);
    if (parentId !== null) {
      const list = children.get(parentId) ?? [];
      list.push(id);
      children.set(parentId, list);
    }
    // English paths are unique; two zh paths repeat: the first id keeps the path.
    if (!byPath.has(pathEn)) byPath.set(pathEn, id);
    if (!byPath.has(pathZh)) byPath.set(pathZh, id);
  }
  // Case-insensitive fallback for English paths typed by users.
  const byPathLower = new Map<string, string>();
  for (const [p, id] of byPath) if (!byPathLower.has(p.toLowerCase())) byPathLower.set(p.toLowerCase(), id);

  return {
    categories,
    google,
    shopifyByGoogle,
    childrenOf: (id) => children.get(id) ?? [],
    resolvePath(pathOrId: string): string | null {
      const t = norm(pathOrId);
      if (t === '') return null;
      const sid = shortId(t);
      if (categories.has(sid)) return sid;
      const p = normPath(t);
      return byPath.get(p) ?? byPathLower.get(p.toLowerCase()) ?? null;
    },
  };
}

let cached: { dir: string; tax: Taxonomy } | null = null;

/** Loads (and caches per raw dir) the taxonomy from the raw data folder. */
export function loadTaxonomy(rawDir: string = RAW_DATA_DIR): Taxonomy {
  if (cached?.dir !== rawDir) cached = { dir: rawDir, tax: buildTaxonomy(readTaxonomyFiles(rawDir)) };
  return cached.tax;
}

/** Resolves a short id, gid or full en/zh path against the default taxonomy (or the one given). */
export function resolvePath(pathOrId: string, taxonomy: Taxonomy = loadTaxonomy()): string | null {
  return taxonomy.resolvePath(pathOrId);
}

/** Ancestors from the root down to the id itself: 'el-4-8' -> ['el', 'el-4', 'el-4-8']. */
export function lineageOf(id: string): string[] {
  const parts = id.split('-');
  return parts.map((_, i) => parts.slice(0, i + 1).join('-'));
}
