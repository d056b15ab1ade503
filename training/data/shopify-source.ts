/**
 * Loads the Shopify Standard Product Taxonomy source data (categories with the attributes that
 * apply to them, attribute values, en + zh-CN names) into typed maps.
 *
 * Data: github.com/Shopify/product-taxonomy `data/`, MIT License, Copyright (c) Shopify; the
 * LICENSE file sits beside the data in RAW_DATA_DIR/shopify-taxonomy-source. Anything derived
 * from it (synthetic listings, label tables) carries that notice.
 *
 * The five non-product roots (bu, gc, pa, se, na) are skipped: they are not in the label space.
 */
import fs from 'node:fs';
import path from 'node:path';
import { load } from 'js-yaml';
import { EXCLUDED_ROOTS } from '../../src/config/taxonomy.js';

export const SHOPIFY_SOURCE_FOLDER = 'shopify-taxonomy-source';

export interface ShopifyCategory {
  /** Short id, e.g. 'aa-1-1-1'. */
  id: string;
  /** Parent's short id; null for a root. */
  parentId: string | null;
  /** Root (level-1) id, e.g. 'aa'. */
  root: string;
  /** Level-2 id, e.g. 'aa-1'; null for a root. */
  l2: string | null;
  /** 1 for a root, 2 for a level-2 class, ... */
  level: number;
  nameEn: string;
  /** zh-CN name; the English name when the localization lacks one. */
  nameZh: string;
  /** Friendly ids of the attributes that apply (e.g. 'color', 'target_gender'). */
  attributes: string[];
  /** Child ids, in source order. */
  children: string[];
}

export interface ShopifyAttribute {
  friendlyId: string;
  nameEn: string;
  nameZh: string;
  /** Value friendly ids; for an extended attribute, those of the attribute it takes values from. */
  values: string[];
  /** Set for extended attributes: the friendly id the values come from. */
  valuesFrom?: string;
}

export interface ShopifyValue {
  /** e.g. 'color__black'. */
  friendlyId: string;
  nameEn: string;
  nameZh: string;
}

export interface ShopifySource {
  /** Every category of the 21 product roots, in source file order (parents before children). */
  categories: Map<string, ShopifyCategory>;
  attributes: Map<string, ShopifyAttribute>;
  values: Map<string, ShopifyValue>;
  /** Root ids present, in file order. */
  roots: string[];
}

interface RawCategory {
  id: string;
  name: string;
  children?: string[] | null;
  attributes?: string[] | null;
}
interface RawBaseAttribute {
  name: string;
  friendly_id: string;
  values?: string[] | null;
}
interface RawExtendedAttribute {
  name: string;
  friendly_id: string;
  values_from: string;
}
interface RawAttributesFile {
  base_attributes: RawBaseAttribute[];
  extended_attributes?: RawExtendedAttribute[] | null;
}
interface RawValue {
  name: string;
  friendly_id: string;
}
type Localized = Record<string, { name?: string } | undefined>;

function readYaml(file: string): unknown {
  return load(fs.readFileSync(file, 'utf8'));
}

/** `localizations/<kind>-<lang>.yml` has the shape { <lang>: { <kind>: { key: { name } } } }. */
function readLocalization(dir: string, kind: string, lang: 'en' | 'zh-CN'): Localized {
  const doc = readYaml(path.join(dir, 'localizations', `${kind}-${lang}.yml`)) as Record<
    string,
    Record<string, Localized> | undefined
  >;
  return doc[lang]?.[kind] ?? {};
}

function levelOf(id: string): number {
  return id.split('-').length;
}

export function parentIdOf(id: string): string | null {
  const i = id.lastIndexOf('-');
  return i < 0 ? null : id.slice(0, i);
}

export function l2IdOf(id: string): string | null {
  const parts = id.split('-');
  return parts.length < 2 ? null : `${parts[0]}-${parts[1]}`;
}

const cache = new Map<string, ShopifySource>();

/**
 * Loads RAW_DATA_DIR/shopify-taxonomy-source (about 1-2 s; cached per folder because tests and
 * the preview call it repeatedly). `rawDir` is the raw-data root, not the source folder itself.
 */
export function loadShopifySource(rawDir: string): ShopifySource {
  const dir = path.join(rawDir, SHOPIFY_SOURCE_FOLDER);
  const cached = cache.get(dir);
  if (cached) return cached;

  const excluded = new Set<string>(EXCLUDED_ROOTS);

  // Values: English from values.yml, both names from the localizations when present.
  const valuesEnLoc = readLocalization(dir, 'values', 'en');
  const valuesZhLoc = readLocalization(dir, 'values', 'zh-CN');
  const values = new Map<string, ShopifyValue>();
  for (const v of readYaml(path.join(dir, 'values.yml')) as RawValue[]) {
    const nameEn = valuesEnLoc[v.friendly_id]?.name ?? v.name;
    values.set(v.friendly_id, { friendlyId: v.friendly_id, nameEn, nameZh: valuesZhLoc[v.friendly_id]?.name ?? nameEn });
  }

  // Attributes: base ones list their values; extended ones borrow another attribute's values.
  const attrsEnLoc = readLocalization(dir, 'attributes', 'en');
  const attrsZhLoc = readLocalization(dir, 'attributes', 'zh-CN');
  const attrFile = readYaml(path.join(dir, 'attributes.yml')) as RawAttributesFile;
  const attributes = new Map<string, ShopifyAttribute>();
  const names = (fid: string, fallback: string): { nameEn: string; nameZh: string } => {
    const nameEn = attrsEnLoc[fid]?.name ?? fallback;
    return { nameEn, nameZh: attrsZhLoc[fid]?.name ?? nameEn };
  };
  for (const a of attrFile.base_attributes) {
    attributes.set(a.friendly_id, { friendlyId: a.friendly_id, ...names(a.friendly_id, a.name), values: a.values ?? [] });
  }
  const extended = attrFile.extended_attributes ?? [];
  // values_from may in principle point at another extended attribute: resolve in passes.
  let pending = extended;
  for (let pass = 0; pending.length > 0 && pass < 5; pass++) {
    const next: RawExtendedAttribute[] = [];
    for (const a of pending) {
      const from = attributes.get(a.values_from);
      if (!from) {
        next.push(a);
        continue;
      }
      attributes.set(a.friendly_id, {
        friendlyId: a.friendly_id,
        ...names(a.friendly_id, a.name),
        values: from.values,
        valuesFrom: a.values_from,
      });
    }
    pending = next;
  }

  // Categories: one file per root.
  const catsZhLoc = readLocalization(dir, 'categories', 'zh-CN');
  const catsEnLoc = readLocalization(dir, 'categories', 'en');
  const categories = new Map<string, ShopifyCategory>();
  const roots: string[] = [];
  const files = fs
    .readdirSync(path.join(dir, 'categories'))
    .filter((f) => f.endsWith('.yml'))
    .sort();
  for (const file of files) {
    const raw = readYaml(path.join(dir, 'categories', file)) as RawCategory[] | null;
    if (!raw || raw.length === 0) continue;
    const rootId = raw[0]?.id ?? '';
    if (excluded.has(rootId)) continue;
    roots.push(rootId);
    for (const c of raw) {
      const nameEn = catsEnLoc[c.id]?.name ?? c.name;
      categories.set(c.id, {
        id: c.id,
        parentId: parentIdOf(c.id),
        root: rootId,
        l2: l2IdOf(c.id),
        level: levelOf(c.id),
        nameEn,
        nameZh: catsZhLoc[c.id]?.name ?? nameEn,
        attributes: c.attributes ?? [],
        children: c.children ?? [],
      });
    }
  }

  const source: ShopifySource = { categories, attributes, values, roots };
  cache.set(dir, source);
  return source;
}

/** Ancestors of a category, nearest first (parent, grandparent, ..., root). */
export function ancestorsOf(source: ShopifySource, id: string): ShopifyCategory[] {
  const out: ShopifyCategory[] = [];
  let p = parentIdOf(id);
  while (p !== null) {
    const c = source.categories.get(p);
    if (c) out.push(c);
    p = parentIdOf(p);
  }
  return out;
}

/** The values of an attribute, resolved to names (unknown value ids are dropped). */
export function valuesOf(source: ShopifySource, attributeId: string): ShopifyValue[] {
  const attr = source.attributes.get(attributeId);
  if (!attr) return [];
  const out: ShopifyValue[] = [];
  for (const v of attr.values) {
    const value = source.values.get(v);
    if (value) out.push(value);
  }
  return out;
}
