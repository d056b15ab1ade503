/**
 * Synthetic merchant listings composed from the Shopify taxonomy source (MIT, Copyright (c)
 * Shopify): for every category of the 21 product roots, English and Chinese titles built from the
 * category's own name (and variants), sometimes an ancestor's name, values of the attributes that
 * apply to it, invented brands, sizes/quantities with units, and marketing words, in varied
 * templates (Amazon-, eBay-, Shopify-, Taobao- and JD-style titles).
 *
 * Why: the real labelled listings cover a few roots only; taxonomy names alone do not look like
 * listings. Balanced by level-2 class (each gets a comparable share, spread over its subtree) with
 * a floor per root, fully deterministic for a seed.
 */
import type { CorpusRow, Lang } from './corpus-types.js';
import type { ShopifyCategory, ShopifySource, ShopifyValue } from './shopify-source.js';
import { ancestorsOf, loadShopifySource, valuesOf } from './shopify-source.js';
import { loadLexicon, type Lexicon } from './merchant-lexicon.js';
import * as lex from './synthetic-lexicon.js';
import type { SpecKind } from './synthetic-lexicon.js';
import { mulberry32 } from '../../src/ml/model/mulberry32.js';
import { level2Of, loadTaxonomy, type Taxonomy } from './taxonomy.js';

export interface SyntheticOptions {
  seed: number;
  /** Raw-data root (RAW_DATA_DIR); the taxonomy source is read from its shopify-taxonomy-source/. */
  rawDir: string;
  /** Multiplies every row budget (default 1: about 125k rows). */
  scale?: number;
  /**
   * Google category names as extra product nouns (googleSynonyms). Off by default: one training run
   * with them (same seed and settings as the shipped pack) scored the corpus test split 87.0% vs
   * 86.6% but the merchant dev set 67.0% vs 68.9% (level 1, shipped pipeline), so the shipped pack
   * is trained without. One seed is not proof either way; kept to measure again.
   */
  googleNames?: boolean;
  /**
   * The merchant-vocabulary lexicon (training/data/lexicon/*.json): its terms become extra
   * listings per level-2 class (LEXICON_BUDGET) and its real brands are used in the node's
   * listings. Default: the files in training/data/lexicon; null for none.
   */
  lexicon?: Lexicon | null;
}

/**
 * Other names merchants use for a category: the Google product category that Shopify maps it to,
 * when every Shopify category mapped to that Google category is in the same level-2 class (so
 * "Gun Holsters" / 枪套 for Weapon Holsters; "Boots" for Hiking Boots, both under Shoes). The Shopify zh names are often
 * literal translations; the Google zh names are the words Chinese shops use.
 */
export function googleSynonyms(tax: Taxonomy): Map<string, { en: string[]; zh: string[] }> {
  const out = new Map<string, { en: string[]; zh: string[] }>();
  for (const cat of tax.categories.values()) {
    if (cat.googleId === undefined) continue;
    const back = tax.shopifyByGoogle.get(cat.googleId) ?? [];
    const g = tax.google.get(cat.googleId);
    // Safe at levels 1 and 2: every Shopify category that uses this Google name is in one level-2 class.
    const l2 = level2Of(cat.id);
    if (!g || l2 === null || back.some((id) => level2Of(id) !== l2)) continue;
    const en = g.nameEn.toLowerCase() === cat.nameEn.toLowerCase() ? [] : [g.nameEn];
    const zh = g.nameZh === undefined || g.nameZh === cat.nameZh ? [] : [g.nameZh];
    if (en.length || zh.length) out.set(cat.id, { en, zh });
  }
  return out;
}

/** Budget knobs (rows per language at scale 1). */
export const SYNTHETIC_BUDGET = {
  /** Rows per level-2 class. */
  perL2: 250,
  /** Every root gets at least this many (roots with few level-2 classes give each more). */
  rootMin: 2000,
  /** ... and at most this many (roots with many level-2 classes give each less). */
  rootMax: 5000,
  /** At most this many rows per category of a level-2 subtree (tiny classes cannot absorb more). */
  perCategoryCap: 250,
  /** ... or this times sqrt(categories in the root), when more. */
  perSqrtCategory: 120,
  /** Rows labelled with the root itself (l2 null). */
  rootSelf: 15,
} as const;

/**
 * Rows per language made from lexicon terms, on top of SYNTHETIC_BUDGET. Per level-2 class like
 * the taxonomy rows (the classes stay balanced whatever the number of terms a class has), with a
 * floor and a ceiling per root; a term gets at most perTerm rows so a class with three terms
 * does not repeat them a hundred times.
 */
export const LEXICON_BUDGET = {
  perL2: 150,
  rootMin: 900,
  rootMax: 2400,
  perTerm: 12,
  /** Share of a node's ordinary (taxonomy-noun) rows whose brand is one of its real brands. */
  realBrandShare: 0.3,
} as const;

// ---------------------------------------------------------------------------------------------
// PRNG


/** FNV-1a, to derive independent streams per (seed, language, category). */
function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

class Rng {
  private readonly next: () => number;
  constructor(seed: number) {
    this.next = mulberry32(seed);
  }
  float(): number {
    return this.next();
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  /** Integer in [lo, hi]. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  }
  /** Index drawn with the given non-negative weights. */
  weighted(weights: readonly number[]): number {
    let total = 0;
    for (const w of weights) total += w;
    let r = this.next() * total;
    for (let i = 0; i < weights.length; i++) {
      r -= weights[i] ?? 0;
      if (r < 0) return i;
    }
    return weights.length - 1;
  }
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      const a = items[i] as T;
      items[i] = items[j] as T;
      items[j] = a;
    }
    return items;
  }
}

// ---------------------------------------------------------------------------------------------
// Allocation: rows per category (same for both languages)

/** Splits `total` over capacities: equal shares, capped, with the excess passed to the others. */
function waterFill(total: number, caps: readonly number[]): number[] {
  const out = caps.map(() => 0);
  let open = caps.map((_, i) => i);
  let left = total;
  while (left > 1e-9 && open.length > 0) {
    const share = left / open.length;
    const still: number[] = [];
    for (const i of open) {
      const room = (caps[i] ?? 0) - (out[i] ?? 0);
      const give = Math.min(room, share);
      out[i] = (out[i] ?? 0) + give;
      left -= give;
      if (room > share) still.push(i);
    }
    if (still.length === open.length) break;
    open = still;
  }
  return out;
}

/**
 * Fractional budget of a subtree spread down the tree: a node keeps a half share, its children
 * split the rest by sqrt(subtree size), so deep categories all get some rows and a huge branch
 * does not take everything.
 */
function spreadSubtree(
  source: ShopifySource,
  id: string,
  budget: number,
  sizes: Map<string, number>,
  out: Map<string, number>,
): void {
  const c = source.categories.get(id);
  const children = c?.children.filter((ch) => source.categories.has(ch)) ?? [];
  if (children.length === 0) {
    out.set(id, (out.get(id) ?? 0) + budget);
    return;
  }
  const weights = children.map((ch) => Math.sqrt(sizes.get(ch) ?? 1));
  const selfWeight = 0.5 * Math.min(...weights);
  const total = selfWeight + weights.reduce((a, b) => a + b, 0);
  out.set(id, (out.get(id) ?? 0) + (budget * selfWeight) / total);
  children.forEach((ch, i) => spreadSubtree(source, ch, (budget * (weights[i] ?? 0)) / total, sizes, out));
}

/** Rows per category id, per language. Deterministic (rounding uses its own seeded stream). */
export function allocateRows(source: ShopifySource, scale: number, seed: number): Map<string, number> {
  const b = SYNTHETIC_BUDGET;
  const rng = new Rng(hashString(`alloc:${seed}`));
  const sizes = new Map<string, number>();
  const countSubtree = (id: string): number => {
    const c = source.categories.get(id);
    let n = 1;
    if (c) for (const ch of c.children) if (source.categories.has(ch)) n += countSubtree(ch);
    sizes.set(id, n);
    return n;
  };
  const frac = new Map<string, number>();
  for (const root of source.roots) {
    countSubtree(root);
    const rc = source.categories.get(root);
    const l2s = rc?.children.filter((ch) => source.categories.has(ch)) ?? [];
    // Big roots (hundreds of categories) get a little more, within [rootMin, rootMax].
    const wanted = Math.max(b.perL2 * l2s.length, b.perSqrtCategory * Math.sqrt(sizes.get(root) ?? 1));
    const target = Math.min(b.rootMax, Math.max(b.rootMin, wanted)) * scale;
    const caps = l2s.map((l2) => (sizes.get(l2) ?? 1) * b.perCategoryCap * scale);
    const budgets = waterFill(target, caps);
    l2s.forEach((l2, i) => spreadSubtree(source, l2, budgets[i] ?? 0, sizes, frac));
    frac.set(root, b.rootSelf * scale);
  }
  // Stochastic rounding keeps totals right in expectation; every category gets at least one row.
  const out = new Map<string, number>();
  for (const [id, f] of frac) {
    const whole = Math.floor(f);
    out.set(id, Math.max(1, whole + (rng.chance(f - whole) ? 1 : 0)));
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Names: variants of a category name a merchant would write

const WORD_RE = /\s+/;

function titleCase(s: string): string {
  return s.replace(/(^|[\s/-])([a-z])/g, (_, p: string, ch: string) => p + ch.toUpperCase());
}

function singularWord(word: string): string {
  const lower = word.toLowerCase();
  const keepCase = (s: string): string => (word[0] === word[0]?.toUpperCase() ? s.charAt(0).toUpperCase() + s.slice(1) : s);
  if (lex.EN_PLURAL_ONLY.has(lower)) return word;
  const irregular = lex.EN_IRREGULAR_SINGULAR[lower];
  if (irregular !== undefined) return keepCase(irregular);
  if (!lower.endsWith('s') || lower.length < 4) return word;
  if (/(ss|us|is|ics)$/.test(lower)) return word;
  if (lower.endsWith('ies')) return word.slice(0, -3) + 'y';
  if (/(ches|shes|sses|xes|zes)$/.test(lower)) return word.slice(0, -2);
  return word.slice(0, -1);
}

/** Singular of a noun phrase: only the head (last) word changes. */
export function singularEn(phrase: string): string {
  const words = phrase.split(' ');
  const last = words[words.length - 1] ?? '';
  words[words.length - 1] = singularWord(last);
  return words.join(' ');
}

/**
 * Variants of an English category name: parenthesised abbreviations resolved ('Digital
 * Single-Lens Reflex (DSLR) Cameras' -> 'DSLR Cameras'), lists split with shared words kept
 * ('Baby & Toddler Coats & Jackets' -> 'Baby Coats', 'Toddler Jackets', 'Jackets', ...).
 * Repeats in the result act as weights.
 */
export function nameVariantsEn(name: string): string[] {
  const bases: string[] = [];
  const paren = /^(.*?)\s*\(([^)]+)\)\s*(.*)$/.exec(name);
  if (paren) {
    const [, before = '', abbr = '', after = ''] = paren;
    bases.push(`${before} ${after}`.trim());
    if (after) bases.push(`${abbr} ${after}`.trim());
  } else {
    bases.push(name);
  }
  const out: string[] = [];
  for (const base of bases) {
    const parts = base
      .split(/\s*,\s*|\s+&\s+|\s+and\s+/)
      .map((p) => p.trim())
      .filter((p) => p.length > 0);
    if (parts.length <= 1) {
      out.push(base, base);
      continue;
    }
    const words = parts.map((p) => p.split(WORD_RE));
    const firstMulti = words.findIndex((w) => w.length >= 2);
    // Leading single words that are modifiers ('Baby & Toddler Outfits'): borrow the head.
    let prefixSource: string[] | null = null;
    words.forEach((w, i) => {
      const word = w[0] ?? '';
      if (w.length >= 2) {
        // 'Baby Health & Grooming Kits' -> 'Baby Health Kits': a non-final part without a noun head.
        const lastHead = words[words.length - 1]?.slice(-1)[0] ?? '';
        const own = w[w.length - 1] ?? '';
        if (i < words.length - 1 && !/s$/i.test(own) && /s$/i.test(lastHead)) {
          const fixed = `${parts[i] as string} ${lastHead}`;
          out.push(fixed, fixed);
          if (prefixSource === null) prefixSource = w;
          return;
        }
        out.push(parts[i] as string, parts[i] as string);
        if (prefixSource === null) prefixSource = w;
        return;
      }
      const isModifier = !/s$/i.test(word) && firstMulti > i;
      if (isModifier) {
        // 'Printer, Copier & Fax Machine Cases' -> 'Printer Cases': borrow the head noun only.
        const head = (words[firstMulti] ?? []).slice(-1).join(' ');
        out.push(`${word} ${head}`, `${word} ${head}`);
        return;
      }
      // Trailing single nouns ('Dance Dresses, Skirts & Costumes'): with and without the prefix.
      if (prefixSource !== null && i > firstMulti) {
        const prefix = (prefixSource as string[]).slice(0, -1).join(' ');
        out.push(`${prefix} ${word}`, `${prefix} ${word}`);
      }
      if (/s$/i.test(word) || firstMulti < 0) out.push(word);
    });
    // The list as written, now and then (merchants sometimes paste it).
    out.push(base);
  }
  return out.filter((v) => v.length >= 2);
}

const CJK_RE = /[\u3400-\u9fff]/;

/** Variants of a Chinese category name: split '、' / '/' / '和' / '与' lists, sharing prefixes. */
export function nameVariantsZh(nameZh: string, nameEn: string): string[] {
  const isList = /[&,/]/.test(nameEn) || /[、/]/.test(nameZh);
  if (!isList) return [nameZh, nameZh];
  // An English list of modifiers sharing one head ('Printer, Copier & Fax Machine Cases'): the
  // Chinese parts would lose the head ('打印机'), so keep the name whole.
  const enParts = nameEn.split(/\s*,\s*|\s+&\s+/);
  if (enParts.length > 1 && enParts.slice(0, -1).some((p) => !p.includes(' ') && !/s$/i.test(p))) return [nameZh, nameZh];
  const parts = nameZh
    .split(/[、/]|(?<=[\u3400-\u9fff]{2})[和与及](?=[\u3400-\u9fff]{2})/)
    .map((p) => p.trim())
    .filter((p) => p.length >= 2);
  if (parts.length <= 1) return [nameZh, nameZh];
  const first = parts[0] ?? '';
  const prefix = lex.ZH_SHARED_PREFIXES.find((p) => first.startsWith(p) && first.length > p.length);
  const out: string[] = [];
  for (const p of parts) {
    out.push(p);
    if (prefix !== undefined && !p.startsWith(prefix)) out.push(prefix + p);
  }
  out.push(nameZh);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Attribute values

type Slot = 'gender' | 'age' | 'color' | 'material' | 'pattern' | 'size' | 'for' | 'flavor' | 'allergen' | 'care' | 'other';

function slotOf(attr: string): Slot {
  if (attr === 'target_gender') return 'gender';
  if (/age_group$/.test(attr)) return 'age';
  if (/(^|_)colou?r$/.test(attr)) return 'color';
  if (/(material|fabric)$/.test(attr)) return 'material';
  if (/pattern$/.test(attr)) return 'pattern';
  if (/(^|_)size$/.test(attr)) return 'size';
  if (/^(compatible_|suitable_for|animal_type$|vehicle_type$|sport$|activity$|pet_type)/.test(attr)) return 'for';
  if (/(flavor|scent)$/.test(attr)) return 'flavor';
  if (attr === 'allergen_information') return 'allergen';
  if (/(care|cleaning)_instructions$/.test(attr)) return 'care';
  return 'other';
}

interface AttrPool {
  id: string;
  nameEn: string;
  slot: Slot;
  /** Human words of the attribute ('bike' for compatible_bike_type), for 'for ...' phrases. */
  forNoun: string;
  values: ShopifyValue[];
  weight: number;
}

function usableValue(v: ShopifyValue): boolean {
  const n = v.nameEn.trim().toLowerCase();
  if (lex.SKIP_VALUE_NAMES.has(n)) return false;
  if (n.length > 32 || n.split(WORD_RE).length > 4) return false;
  return !/^(other|none|no )/.test(n);
}

function zhValueName(v: ShopifyValue): string {
  const fixed = lex.ZH_VALUE_FIXES[v.nameEn];
  const raw = fixed ?? v.nameZh;
  // Chinese titles write 'V领', 'AC电源', '0-6个月': no space next to a CJK character.
  return raw
    .replace(/\s*\(([^)]+)\)\s*$/, ' ($1)')
    .replace(/(?<=[\u3400-\u9fff])\s+(?=\S)|(?<=\S)\s+(?=[\u3400-\u9fff])/g, '')
    .trim();
}

/** Splits 'Extra large (XL)' into ['Extra large', 'XL']; no parentheses -> [name, null]. */
function splitAbbr(name: string): [string, string | null] {
  const m = /^(.*?)\s*\(([^)]+)\)\s*$/.exec(name);
  return m ? [(m[1] ?? '').trim(), (m[2] ?? '').trim()] : [name, null];
}

// ---------------------------------------------------------------------------------------------
// Per-category context

interface CategoryContext {
  cat: ShopifyCategory;
  namesEn: string[];
  namesZh: string[];
  /** Ancestor names below the root (nearest first), for an occasional second noun. */
  ancestorsEn: string[];
  ancestorsZh: string[];
  pools: AttrPool[];
  specKinds: SpecKind[];
  clothing: boolean;
  food: boolean;
  /** Real brands from the lexicon for this node and its ancestors (nearest first). */
  brandsEn: string[];
  brandsZh: string[];
}

function buildContext(
  source: ShopifySource,
  cat: ShopifyCategory,
  synonyms: { en: string[]; zh: string[] } | undefined,
  lexicon: Lexicon | null = null,
): CategoryContext {
  const ancestors = ancestorsOf(source, cat.id).filter((a) => a.level >= 2);
  // The root's own name ('Luggage & Bags', 'Home & Garden') would match every category below it.
  const pathEn = [cat, ...ancestors]
    .map((c) => c.nameEn)
    .join(' ')
    .toLowerCase();
  const pools: AttrPool[] = [];
  for (const attr of cat.attributes) {
    if (lex.SKIP_ATTRIBUTES.has(attr)) continue;
    const values = valuesOf(source, attr).filter(usableValue);
    if (values.length === 0) continue;
    const slot = slotOf(attr);
    // Specific attributes carry more signal than the colour/pattern every category has.
    const weight = slot === 'pattern' ? 0.4 : slot === 'color' ? 1.6 : slot === 'gender' || slot === 'age' ? 2 : 2.5;
    const forNoun = attr
      .replace(/^compatible_|^suitable_for_/, '')
      .replace(/_type$/, '')
      .replace(/[_/]/g, ' ');
    pools.push({ id: attr, nameEn: source.attributes.get(attr)?.nameEn ?? attr, slot, forNoun, values, weight });
  }
  const specKinds: SpecKind[] = [];
  for (const p of lex.SPEC_PROFILES) if (p.pattern.test(pathEn)) specKinds.push(...p.kinds);
  if (specKinds.length === 0) specKinds.push(...(lex.ROOT_SPEC_KINDS[cat.root] ?? ['dims']));
  // Storage sizes and screen inches belong to electronics, not to 'Laptop Bags'.
  if (cat.root !== 'el') for (let i = specKinds.length - 1; i >= 0; i--) if (specKinds[i] === 'storage' || specKinds[i] === 'inch-screen') specKinds.splice(i, 1);
  specKinds.push('pack', 'model');
  // Software has no sizes; fitment lines ('for Toyota ...') suit vehicle parts, not aircraft.
  if (cat.root === 'so') specKinds.splice(0, specKinds.length, 'software', 'software', 'model');
  if (!cat.id.startsWith('vp-1')) for (let i = specKinds.length - 1; i >= 0; i--) if (specKinds[i] === 'car') specKinds.splice(i, 1);
  const clothing =
    (cat.root === 'aa' && /cloth|wear|shirt|dress|pant|coat|jacket|sweater|skirt|top|suit/.test(pathEn)) ||
    (cat.root === 'bt' && /cloth|wear|outfit|top|bottom/.test(pathEn));
  return {
    cat,
    // Synonyms are appended: without any, the lists (and the corpus) are what they always were.
    namesEn: [...nameVariantsEn(cat.nameEn), ...(synonyms?.en ?? []).flatMap(nameVariantsEn)],
    namesZh: [
      ...nameVariantsZh(cat.nameZh, cat.nameEn),
      ...(synonyms?.zh ?? []).flatMap((z) => nameVariantsZh(z, synonyms?.en[0] ?? cat.nameEn)),
    ],
    ancestorsEn: ancestors.slice(0, 2).flatMap((a) => nameVariantsEn(a.nameEn)),
    ancestorsZh: ancestors.slice(0, 2).flatMap((a) => nameVariantsZh(a.nameZh, a.nameEn)),
    pools,
    specKinds,
    clothing,
    food: cat.root === 'fb',
    brandsEn: [cat, ...ancestors].flatMap((c) => lexicon?.brands.get(c.id)?.en ?? []),
    brandsZh: [cat, ...ancestors].flatMap((c) => lexicon?.brands.get(c.id)?.zh ?? []),
  };
}

// ---------------------------------------------------------------------------------------------
// Brands, specs

function makeBrand(rng: Rng): string {
  let s = rng.pick(lex.BRAND_ONSETS) + rng.pick(lex.BRAND_VOWELS);
  if (rng.chance(0.6)) s += rng.pick(lex.BRAND_ONSETS) + rng.pick(lex.BRAND_VOWELS);
  s += rng.pick(lex.BRAND_ENDINGS);
  const brand = s.charAt(0).toUpperCase() + s.slice(1);
  if (rng.chance(0.06)) return brand.toUpperCase();
  return brand;
}

function makeZhBrand(rng: Rng): string {
  const n = rng.chance(0.8) ? 2 : 3;
  let s = '';
  for (let i = 0; i < n; i++) s += rng.pick(lex.ZH_BRAND_CHARS);
  return s;
}

function modelCode(rng: Rng, lang: Lang): string {
  const letters = 'ABCDEFGHJKLMNPRSTVXZ';
  const l = (): string => letters.charAt(rng.int(0, letters.length - 1));
  // Chinese titles carry codes like 'X7' or 'Pro', rarely 'Gen 3'.
  switch (rng.int(0, lang === 'en' ? 5 : 3)) {
    case 0:
      return `${l()}${l()}-${rng.int(1, 99) * 10}`;
    case 1:
      return `${l()}${rng.int(1, 12)}`;
    case 2:
      return rng.pick(['Pro', 'Max', 'Mini', 'Plus', 'Lite', 'Pro Max', 'Ultra', 'S']);
    case 3:
      return `V${rng.int(2, 5)}`;
    case 4:
      return `Gen ${rng.int(2, 5)}`;
    default:
      return `${l()}${rng.int(100, 990)}`;
  }
}

function specFor(kind: SpecKind, lang: Lang, rng: Rng, ctx: CategoryContext): string {
  const en = lang === 'en';
  const n = (xs: readonly number[]): number => rng.pick(xs);
  switch (kind) {
    case 'garment':
      return en
        ? rng.pick(['S', 'M', 'L', 'XL', 'XXL', 'Size M', 'Size: L', 'Medium', 'Large', 'One Size', 'Plus Size 2XL', 'Small', 'X-Large', '3XL'])
        : rng.pick(['S码', 'M码', 'L码', 'XL码', '均码', '大码', 'M', 'L', 'XL', '2XL', 'S-3XL', '加肥加大']);
    case 'shoe': {
      const us = n([5, 6, 6.5, 7, 7.5, 8, 8.5, 9, 9.5, 10, 10.5, 11, 12, 13]);
      return en
        ? rng.pick([`Size ${us}`, `US ${us}`, `Size ${us} US`, `EU ${n([36, 37, 38, 39, 40, 41, 42, 43, 44, 45])}`, `UK ${n([4, 5, 6, 7, 8, 9, 10])}`])
        : rng.pick([`${n([35, 36, 37, 38, 39, 40, 41, 42, 43, 44])}码`, '38-44码', '35-40码', `${n([36, 38, 40, 42])}`]);
    }
    case 'volume':
      return en
        ? rng.pick([`${n([30, 50, 100, 150, 200, 250, 300, 500, 750])}ml`, `${n([1, 2, 4, 8, 12, 16, 32])} fl oz`, `${n([1, 1.5, 2, 5])}L`, `${n([100, 250, 500])} mL`])
        : rng.pick([`${n([30, 50, 100, 200, 250, 500])}ml`, `${n([100, 250, 500])}毫升`, `${n([1, 1.5, 2, 5])}L`, `${n([1, 2])}升`]);
    case 'weight':
      return en
        ? rng.pick([`${n([50, 100, 200, 250, 400, 500, 800])}g`, `${n([1, 2, 5, 10])}kg`, `${n([1, 2, 5, 10, 15, 30])} lb`, `${n([4, 8, 12, 16, 32])} oz`, `${n([2, 5, 25])} lbs`])
        : rng.pick([`${n([50, 100, 200, 250, 500])}g`, `${n([100, 250, 500])}克`, `${n([1, 2, 5, 10])}kg`, `${n([1, 2, 3, 5])}斤`, `${n([1, 2, 5])}公斤`]);
    case 'pack': {
      const k = n([2, 3, 4, 5, 6, 10, 12, 20, 24, 50, 100]);
      if (en) return rng.pick([`Pack of ${k}`, `${k}-Pack`, `Set of ${k}`, `${k} Pcs`, `${k} Count`, `${k} Pack`, `${k}PCS`]);
      const unit = ctx.food ? rng.pick(['袋装', '盒装', '瓶装', '罐装', '包']) : rng.pick(['件装', '个装', '只装', '件套', '支装', '片装', '件']);
      return `${k}${unit}`;
    }
    case 'dims': {
      const a = n([20, 30, 40, 45, 50, 60, 80, 100, 120, 150, 180]);
      const b = n([10, 15, 20, 30, 40, 50, 60]);
      return en
        ? rng.pick([`${a} x ${b} cm`, `${a}x${b}cm`, `${Math.round(a / 2.5)} x ${Math.round(b / 2.5)} inch`, `${Math.round(a / 2.5)}"`, `${a}cm`])
        : rng.pick([`${a}*${b}cm`, `${a}x${b}cm`, `${a}cm`, `${n([1.2, 1.5, 1.8, 2])}米`, `长${a}cm`]);
    }
    case 'inch-screen': {
      const s = n([13.3, 14, 15.6, 17.3, 21.5, 24, 27, 32, 43, 50, 55, 65, 75]);
      return en ? rng.pick([`${s} inch`, `${s}"`, `${s}-Inch`, `${s} in`, `${s}in`]) : rng.pick([`${s}英寸`, `${s}寸`, `${s}"`]);
    }
    case 'storage':
      return rng.pick(['64GB', '128GB', '256GB', '512GB', '1TB', '2TB', '16GB RAM', '8GB+256GB', '32GB']);
    case 'battery':
      return en ? `${n([3000, 5000, 10000, 20000, 26800])}mAh` : rng.pick([`${n([5000, 10000, 20000])}mAh`, `${n([10000, 20000])}毫安`]);
    case 'power':
      return en ? rng.pick([`${n([5, 10, 15, 20, 30, 45, 65, 100, 120])}W`, `${n([600, 1000, 1200, 1500, 2000])}W`]) : rng.pick([`${n([10, 20, 65, 100])}W`, `${n([1000, 1200, 2000])}瓦`]);
    case 'voltage':
      return `${n([5, 12, 18, 20, 24, 36, 48, 110, 220])}V`;
    case 'length':
      return en ? rng.pick([`${n([1, 2, 3, 5, 10])}m`, `${n([3, 6, 10, 16, 25])}ft`, `${n([3, 6, 10])} ft`]) : rng.pick([`${n([1, 1.5, 2, 3, 5])}米`, `${n([1, 2, 5])}m`]);
    case 'age': {
      const a = n([1, 2, 3, 4, 5, 6, 8, 10, 12, 14]);
      return en ? rng.pick([`${a}+ Years`, `Ages ${a}-${a + 4}`, `for Kids ${a}+`, `Age ${a}+`]) : rng.pick([`${a}岁+`, `${a}-${a + 3}岁`, `${a}岁以上`]);
    }
    case 'sheets':
      return en
        ? rng.pick([`${n([50, 80, 100, 200, 500])} Sheets`, 'A4', 'A5', 'Letter Size', `${n([0.38, 0.5, 0.7, 1.0])}mm`])
        : rng.pick([`${n([50, 100, 200, 500])}张`, 'A4', 'A5', `${n([0.38, 0.5])}mm`, '500张/包']);
    case 'pieces': {
      const p = n([100, 300, 500, 1000, 1500, 2000]);
      return en ? rng.pick([`${p} Pieces`, `${p} Pcs`, `${p} PCS`]) : rng.pick([`${p}片`, `${p}块`, `${p}颗粒`]);
    }
    case 'luggage': {
      const s = n([18, 20, 22, 24, 26, 28, 30]);
      return en ? rng.pick([`${s} inch`, `${s}"`, `${s}-Inch`, `Carry-On ${s}"`]) : rng.pick([`${s}寸`, `${s}英寸`, `登机箱${s}寸`]);
    }
    case 'capacity':
      return en
        ? rng.pick([`${n([350, 500, 750, 1000])}ml`, `${n([12, 20, 32, 40])} oz`, `${n([20, 30, 40, 50])}L`, `${n([1, 2, 3])}L`])
        : rng.pick([`${n([350, 500, 750])}ml`, `${n([20, 30, 40])}L`, '大容量', `${n([1, 2, 3])}升`]);
    case 'lumen':
      return en ? rng.pick([`${n([800, 1000, 2000, 5000])} Lumens`, `${n([2700, 3000, 4000, 6500])}K`]) : rng.pick([`${n([3000, 4000, 6500])}K`, '暖白光', '冷白光', '三色调光']);
    case 'lens':
      return en
        ? rng.pick([`${n([24, 35, 50, 85])}mm`, '18-55mm', `f/${n([1.4, 1.8, 2.8, 4])}`, `${n([12, 20, 24, 48])}MP`, '4K', `${n([8, 10, 12])}x${n([25, 42, 50])}`])
        : rng.pick([`${n([24, 35, 50, 85])}mm`, `${n([1200, 2400, 4800])}万像素`, '4K', `${n([8, 10])}x${n([42, 50])}`, '高清']);
    case 'jewelry':
      return en
        ? rng.pick(['925 Sterling Silver', '18K Gold Plated', '14K Gold', `${n([40, 45, 50])}cm`, `Size ${n([5, 6, 7, 8, 9])}`, 'Stainless Steel'])
        : rng.pick(['S925银', '18K金', '925纯银', `${n([40, 45])}cm`, '不掉色', '钛钢']);
    case 'car':
      return en
        ? rng.pick([`for ${rng.pick(lex.CAR_MAKES)} ${n([2012, 2015, 2018])}-${n([2020, 2022, 2024])}`, `Fits ${rng.pick(lex.CAR_MAKES)}`, 'Universal Fit', '12V'])
        : rng.pick([`${rng.pick(lex.ZH_CAR_MAKES)}专用`, `适用于${rng.pick(lex.ZH_CAR_MAKES)}`, '通用型', '12V']);
    case 'software':
      return en
        ? rng.pick(['1 User', '1 Year', 'PC/Mac', 'Digital Download', 'Lifetime License', '3 Devices'])
        : rng.pick(['1年', '激活码', '永久版', '正版授权', '官方正版', '电子版']);
    case 'media':
      return en ? rng.pick(['Hardcover', 'Paperback', 'DVD', 'Blu-ray', 'Vinyl LP', '2nd Edition', 'Box Set']) : rng.pick(['精装', '平装', '正版', 'DVD', '黑胶', '全套']);
    case 'mm':
      return en ? rng.pick([`${n([3, 4, 5, 6, 8, 10, 12])}mm`, `M${n([4, 5, 6, 8, 10])}`, '1/2 inch', '3/8"', '1/4"']) : rng.pick([`${n([4, 6, 8, 10])}mm`, `M${n([4, 6, 8])}`, `${n([6, 10])}毫米`]);
    case 'model':
      return modelCode(rng, lang);
  }
}

// ---------------------------------------------------------------------------------------------
// Composition

type Pos = 'lead' | 'mod' | 'tail' | 'for';
interface Piece {
  pos: Pos;
  text: string;
  /** Order among pre-noun modifiers: features/others first, then colour, then material. */
  rank: number;
}

function humanAge(nameEn: string): string {
  return nameEn
    .replace(/ years? or older/i, '+ Years')
    .replace(/months?/i, 'Months')
    .replace(/years?/i, 'Years');
}

function renderEn(pool: AttrPool, v: ShopifyValue, rng: Rng, noun: string): Piece | null {
  const [full, abbr] = splitAbbr(v.nameEn);
  const name = rng.chance(0.75) ? titleCase(full) : full;
  const words = full.split(WORD_RE).length;
  if (noun.toLowerCase().includes(full.toLowerCase())) return null;
  switch (pool.slot) {
    case 'gender': {
      const opts = lex.EN_GENDER[v.nameEn];
      return opts ? { pos: 'lead', text: rng.pick(opts), rank: 0 } : null;
    }
    case 'age': {
      const opts = lex.EN_AGE[v.nameEn];
      if (opts) return { pos: 'lead', text: rng.pick(opts), rank: 1 };
      return /\d/.test(v.nameEn) ? { pos: 'tail', text: humanAge(v.nameEn), rank: 0 } : null;
    }
    case 'color':
      if (rng.chance(0.7)) return { pos: 'mod', text: titleCase(full), rank: 5 };
      return { pos: 'tail', text: rng.chance(0.4) ? `Color: ${name}` : name, rank: 0 };
    case 'material':
      if (words <= 2 && rng.chance(0.75)) return { pos: 'mod', text: titleCase(full), rank: 6 };
      return { pos: 'tail', text: rng.chance(0.5) ? `${name} Material` : name, rank: 0 };
    case 'pattern': {
      // Only the patterns merchants name ('Floral', 'Plaid'), in their listing wording.
      const p = lex.EN_PATTERNS[v.friendlyId.replace(/^.*__/, '')];
      return p === undefined ? null : { pos: rng.chance(0.7) ? 'mod' : 'tail', text: p, rank: 4 };
    }
    case 'allergen':
      return { pos: 'tail', text: rng.chance(0.5) ? `Contains ${name}` : `${name}-Free`, rank: 0 };
    case 'care':
      return { pos: 'tail', text: name, rank: 0 };
    case 'size': {
      if (abbr !== null) return { pos: 'tail', text: rng.pick([abbr, `Size ${abbr}`, `Size: ${abbr}`, titleCase(full)]), rank: 0 };
      if (/^\d/.test(full)) return { pos: 'tail', text: `Size ${full}`, rank: 0 };
      return { pos: words <= 2 && rng.chance(0.5) ? 'mod' : 'tail', text: rng.chance(0.3) ? `${name} Size` : name, rank: 3 };
    }
    case 'for': {
      const txt = abbr ?? titleCase(full);
      if (/^(animal|vehicle|sport|activity)/.test(pool.id)) {
        return rng.chance(0.4) ? { pos: 'mod', text: txt, rank: 2 } : { pos: 'for', text: `for ${txt}`, rank: 0 };
      }
      const tail = pool.forNoun && !txt.toLowerCase().includes(pool.forNoun) && words <= 2 ? ` ${titleCase(pool.forNoun)}` : '';
      return { pos: 'for', text: `for ${txt}${tail}`, rank: 0 };
    }
    case 'flavor':
      return rng.chance(0.5) ? { pos: 'mod', text: titleCase(full), rank: 2 } : { pos: 'tail', text: `${name} ${/scent/.test(pool.id) ? 'Scent' : 'Flavor'}`, rank: 0 };
    case 'other': {
      const txt = abbr !== null && rng.chance(0.6) ? abbr : name;
      // A bare 'High' or 'Small' says nothing without its attribute: 'Heel Height: High'.
      if (lex.EN_VAGUE_VALUES.has(full.toLowerCase())) return { pos: 'tail', text: `${titleCase(pool.nameEn)}: ${titleCase(full)}`, rank: 0 };
      if (words <= 2 && full.length <= 16 && rng.chance(0.4)) return { pos: 'mod', text: titleCase(txt), rank: 2 };
      return { pos: 'tail', text: txt, rank: 0 };
    }
  }
}

function renderZh(pool: AttrPool, v: ShopifyValue, rng: Rng, noun: string): Piece | null {
  const zh = zhValueName(v);
  const [full, abbr] = splitAbbr(zh);
  if (full.length <= 1 || noun.includes(full)) return null;
  const short = full.length <= 4 && CJK_RE.test(full);
  switch (pool.slot) {
    case 'gender': {
      const opts = lex.ZH_GENDER[v.nameEn];
      return opts ? { pos: 'lead', text: rng.pick(opts), rank: 0 } : null;
    }
    case 'age': {
      const opts = lex.ZH_AGE[v.nameEn];
      if (opts) return { pos: 'lead', text: rng.pick(opts), rank: 1 };
      return /\d/.test(full) ? { pos: 'tail', text: full.replace('或以上', '以上'), rank: 0 } : null;
    }
    case 'color':
      return { pos: rng.chance(0.3) && short ? 'mod' : 'tail', text: full, rank: 5 };
    case 'material':
      if (short && rng.chance(0.6)) return { pos: 'mod', text: full, rank: 6 };
      return { pos: 'tail', text: rng.chance(0.4) && CJK_RE.test(full) ? `${full}材质` : full, rank: 0 };
    case 'pattern': {
      const p = lex.ZH_PATTERNS[v.friendlyId.replace(/^.*__/, '')];
      return p === undefined ? null : { pos: rng.chance(0.3) ? 'mod' : 'tail', text: p, rank: 4 };
    }
    case 'allergen':
      return { pos: 'tail', text: rng.chance(0.5) ? `含${full}` : `不含${full}`, rank: 0 };
    case 'care':
      return { pos: 'tail', text: full, rank: 0 };
    case 'size': {
      if (abbr !== null) return { pos: 'tail', text: rng.pick([`${abbr}码`, abbr, full]), rank: 0 };
      if (/^\d+(\.\d+)?$/.test(full)) return { pos: 'tail', text: `${full}码`, rank: 0 };
      return { pos: 'tail', text: full, rank: 0 };
    }
    case 'for': {
      const txt = abbr ?? full;
      if (!CJK_RE.test(txt) && txt.length > 12) return null;
      return rng.chance(0.4)
        ? { pos: 'mod', text: txt, rank: 2 }
        : { pos: 'for', text: rng.pick([`适用于${txt}`, `${txt}专用`, `${txt}用`]), rank: 0 };
    }
    case 'flavor':
      return rng.chance(0.5) && short ? { pos: 'mod', text: full, rank: 2 } : { pos: 'tail', text: `${full}${/scent/.test(pool.id) ? '香型' : '味'}`, rank: 0 };
    case 'other':
      if (lex.EN_VAGUE_VALUES.has(v.nameEn.toLowerCase())) return null;
      if (short && rng.chance(0.35)) return { pos: 'mod', text: full, rank: 2 };
      return { pos: 'tail', text: abbr !== null && rng.chance(0.5) ? abbr : full, rank: 0 };
  }
}

/** Picks 0-4 attribute values (without repeating an attribute) and renders them. */
function pickPieces(ctx: CategoryContext, lang: Lang, rng: Rng, noun: string): Piece[] {
  const k = [0, 1, 2, 3, 4][rng.weighted([0.12, 0.28, 0.3, 0.18, 0.12])] ?? 1;
  const pools = [...ctx.pools];
  const out: Piece[] = [];
  const slots: Slot[] = [];
  for (let i = 0; i < k && pools.length > 0; i++) {
    const idx = rng.weighted(pools.map((p) => p.weight));
    const pool = pools[idx] as AttrPool;
    pools.splice(idx, 1);
    const v = rng.pick(pool.values);
    const piece = lang === 'en' ? renderEn(pool, v, rng, noun) : renderZh(pool, v, rng, noun);
    if (!piece || out.some((p) => p.text.toLowerCase() === piece.text.toLowerCase())) continue;
    // One colour per listing ('Rose Gold Multicolor ... Color: Black' reads wrong).
    if (pool.slot === 'color' && slots.includes('color')) continue;
    slots.push(pool.slot);
    out.push(piece);
  }
  return out;
}

function chooseNounEn(ctx: CategoryContext, rng: Rng): string {
  const name = rng.pick(ctx.namesEn);
  const head = (name.split(' ').pop() ?? '').toLowerCase();
  // Singular about half the time; pair items ('Boots', 'Socks') mostly stay plural.
  const pSingular = lex.EN_PAIR_NOUNS.has(head) ? 0.15 : 0.5;
  if (/[&,]/.test(name)) return name;
  return rng.chance(pSingular) ? singularEn(name) : name;
}

interface Parts {
  brand: string | null;
  lead: string[];
  mods: string[];
  noun: string;
  forPart: string | null;
  tail: string[];
  spec: string[];
  marketing: string[];
  desc: string | null;
  ancestor: string | null;
}

function gatherParts(ctx: CategoryContext, lang: Lang, rng: Rng, brands: string[], zhBrands: string[]): Parts {
  const en = lang === 'en';
  const noun = en ? chooseNounEn(ctx, rng) : rng.pick(ctx.namesZh);
  const pieces = pickPieces(ctx, lang, rng, noun);
  const lead = pieces.filter((p) => p.pos === 'lead').map((p) => p.text);
  const mods = pieces
    .filter((p) => p.pos === 'mod')
    .sort((a, b) => a.rank - b.rank)
    .map((p) => p.text);
  const forPart = pieces.find((p) => p.pos === 'for')?.text ?? null;
  const tail = pieces.filter((p) => p.pos === 'tail').map((p) => p.text);
  const spec: string[] = [];
  const nSpec = rng.weighted([0.35, 0.45, 0.2]);
  const hasSize = pieces.some((p) => /size|码|岁|months|years/i.test(p.text));
  const kinds = [...new Set(ctx.specKinds)].filter((k) => !(hasSize && (k === 'garment' || k === 'shoe' || k === 'age')));
  rng.shuffle(kinds);
  for (const kind of kinds.slice(0, nSpec)) spec.push(specFor(kind, lang, rng, ctx));
  let brand: string | null = null;
  const real = en ? ctx.brandsEn : ctx.brandsZh.length > 0 ? ctx.brandsZh : ctx.brandsEn;
  if (real.length > 0 && rng.chance(LEXICON_BUDGET.realBrandShare)) {
    brand = rng.pick(real);
  } else if (rng.chance(en ? 0.65 : 0.7)) {
    if (en) brand = rng.pick(brands);
    else {
      const r = rng.float();
      brand = r < 0.45 ? rng.pick(brands) : r < 0.85 ? rng.pick(zhBrands) : `${rng.pick(zhBrands)}（${rng.pick(brands)}）`;
    }
  }
  const marketing: string[] = [];
  const nMarketing = rng.weighted([0.4, 0.4, 0.2]);
  for (let i = 0; i < nMarketing; i++) {
    const m = en ? rng.pick(lex.EN_MARKETING) : rng.pick(lex.ZH_MARKETING);
    if (!marketing.includes(m)) marketing.push(m);
  }
  if (ctx.clothing && rng.chance(0.3)) {
    if (en) lead.push(rng.pick(lex.EN_SEASONS));
    else mods.unshift(rng.pick(lex.ZH_SEASONS));
  }
  if (!en && ctx.clothing && rng.chance(0.4)) tail.unshift(rng.pick(lex.ZH_CLOTHING_STYLES));
  if (!en && !ctx.clothing && rng.chance(0.18)) mods.unshift(rng.pick(lex.ZH_LEAD_ADJECTIVES));
  // Generic selling points ('Easy to Clean', '防滑耐磨') lengthen some titles, as on marketplaces.
  // Not for software, media or food, where 'Easy to Install' or '加厚款' make no sense.
  const nGeneric = /^(so|me|fb|ma)$/.test(ctx.cat.root) ? 0 : rng.weighted([0.6, 0.25, 0.15]);
  for (let i = 0; i < nGeneric; i++) {
    const g = rng.pick(en ? lex.EN_GENERIC_FEATURES : lex.ZH_GENERIC_FEATURES);
    if (!tail.includes(g)) tail.push(g);
  }
  let desc: string | null = null;
  if (rng.chance(0.12)) {
    const d = ctx.clothing && rng.chance(0.4)
      ? rng.pick(en ? lex.EN_CLOTHING_DESCRIPTIONS : lex.ZH_CLOTHING_DESCRIPTIONS)
      : rng.pick(en ? lex.EN_DESCRIPTIONS : lex.ZH_DESCRIPTIONS);
    desc = d.replace('%n', en ? singularEn(noun).toLowerCase() : noun);
  }
  let ancestor: string | null = null;
  const ancestors = en ? ctx.ancestorsEn : ctx.ancestorsZh;
  if (ancestors.length > 0 && rng.chance(0.15)) {
    const a = rng.pick(ancestors);
    if (!noun.toLowerCase().includes(a.toLowerCase())) ancestor = en && rng.chance(0.5) ? singularEn(a) : a;
  }
  return { brand, lead, mods, noun, forPart, tail, spec, marketing, desc, ancestor };
}

const join = (xs: readonly (string | null | undefined)[], sep = ' '): string =>
  xs.filter((x): x is string => typeof x === 'string' && x.length > 0).join(sep);

/** English templates: Amazon-long, short Shopify, eBay run-on, pipes/dashes, 'for ...', spec-first. */
function composeEn(p: Parts, rng: Rng): string {
  const core = join([...p.lead, ...p.mods, p.noun]);
  const lead = rng.chance(0.25) ? rng.pick(lex.EN_LEAD_ADJECTIVES) : null;
  let text: string;
  switch (rng.weighted([0.3, 0.16, 0.16, 0.14, 0.12, 0.07, 0.05])) {
    case 0: {
      // Amazon: Brand Core Spec, feature, feature, for ...
      const head = join([p.brand, lead, core, p.spec[0]]);
      text = join([head, ...p.spec.slice(1), ...p.tail, p.forPart ? p.forPart.replace(/^for/, 'for') : null, p.ancestor], ', ');
      break;
    }
    case 1:
      // Shopify store: short and plain.
      text = join([rng.chance(0.4) ? p.brand : null, join([...p.lead, ...p.mods.slice(0, 2), p.noun]), p.forPart]);
      break;
    case 2:
      // eBay: run-on keywords.
      text = join([p.marketing[0], p.brand, core, p.forPart, ...p.spec, ...p.tail, p.ancestor, p.marketing[1]]);
      if (rng.chance(0.2)) text = text.toUpperCase();
      break;
    case 3: {
      const sep = rng.pick([' | ', ' - ', ' – ', ' / ']);
      text = join([join([p.brand, core, p.forPart]), join([...p.tail, ...p.spec], ', '), p.ancestor, p.marketing[0]], sep);
      break;
    }
    case 4:
      text = join([join([p.brand, lead, p.noun, p.forPart ?? (p.lead.length > 0 ? `for ${p.lead[0]}` : null)]), join([...p.mods, ...p.tail], ', '), p.spec[0]], ' - ');
      break;
    case 5:
      text = join([join([p.spec[0], core]), p.brand ? `by ${p.brand}` : null, p.tail[0] ? `(${p.tail[0]})` : null, join(p.tail.slice(1), ', ')]);
      break;
    default:
      text = join([p.brand, core, p.spec.length > 0 ? `(${p.spec.join(', ')})` : null, p.forPart, ...p.tail]);
  }
  const r = rng.float();
  if (r < 0.07) text = text.toLowerCase();
  else if (r < 0.25) text = titleCase(text);
  return text;
}

/** Chinese templates: Taobao chunks, JD brand-first, short, noun-first with gender after, marketing-first. */
function composeZh(parts: Parts, rng: Rng): string {
  let p = parts;
  const year = rng.chance(0.25) ? rng.pick(['2024新款', '2025新款', '新款', '2024年新款']) : '';
  // Two stacked modifiers read fine before a short noun ('黑色真皮包'), one before a long one.
  const mods = p.mods.slice(0, p.noun.length > 4 ? 1 : 2).join('');
  const core = `${year}${p.lead.join('')}${mods}${p.noun}`;
  const store = rng.chance(0.2) ? rng.pick(lex.ZH_STORE_MARKERS) : '';
  // One '新款' per title.
  if (year !== '') p = { ...p, marketing: p.marketing.filter((m) => !m.includes('新款') && !/^20\d\d/.test(m)) };
  let text: string;
  switch (rng.weighted([0.32, 0.2, 0.14, 0.14, 0.12, 0.08])) {
    case 0:
      // Taobao: store marker, brand, core, then chunks.
      text = store + join([p.brand, core, p.forPart, ...p.tail, ...p.spec, p.ancestor, ...p.marketing]);
      break;
    case 1:
      // JD: brand (English brand) + noun + attributes + spec.
      text = join([p.brand, `${mods}${p.noun}`, ...p.lead, p.forPart, ...p.tail, ...p.spec]);
      break;
    case 2:
      text = join([rng.chance(0.5) ? p.brand : null, `${p.lead.join('')}${mods}${p.noun}`, p.spec[0]]);
      break;
    case 3: {
      // Noun first, gender after ('连衣裙女 夏季 ...').
      const lead = p.lead.map((l) => l.replace(/士$|款$|式$/, '')).join('');
      text = join([`${p.noun}${lead}`, year, p.mods.join(''), p.forPart, ...p.tail, ...p.spec, p.brand, ...p.marketing]);
      break;
    }
    case 4:
      text = join([p.marketing[0], p.brand, core, p.forPart, ...p.tail, ...p.spec]) + (p.marketing[1] ? ` 【${p.marketing[1]}】` : '');
      break;
    default:
      text = join([`${store}${p.brand ?? ''}`, core, join(p.tail, '/'), ...p.spec, p.ancestor]);
  }
  return text;
}

/** Whitespace, doubled words and stray separators left by empty slots. */
function tidy(text: string): string {
  let t = text
    .replace(/\s+/g, ' ')
    .replace(/\s+([,.)])/g, '$1')
    .replace(/([(])\s+/g, '$1')
    .replace(/,\s*,/g, ',')
    .replace(/(\s[|/–-])+\s*$/g, '')
    .replace(/^\s*[|/–,-]\s*/, '')
    .replace(/\(\s*\)/g, '')
    .trim();
  // Drop a word repeated right after itself ('Kids Kids Toys') and repeated chunks ('新款 ... 新款').
  t = t.replace(/\b(\w+)\s+\1\b/gi, '$1');
  const seen = new Set<string>();
  t = t
    .split(' ')
    .filter((w) => {
      if (!CJK_RE.test(w)) return true;
      if (seen.has(w)) return false;
      seen.add(w);
      return true;
    })
    .join(' ');
  return t.replace(/\s+/g, ' ').trim();
}

function wordCount(text: string, lang: Lang): number {
  if (lang === 'en') return text.split(WORD_RE).filter((w) => w.length > 0).length;
  return text.replace(/\s+/g, '').length;
}

// ---------------------------------------------------------------------------------------------
// Entry point

function brandPool(rng: Rng, n: number): string[] {
  const out = new Set<string>();
  while (out.size < n) out.add(makeBrand(rng));
  return [...out];
}

function zhBrandPool(rng: Rng, n: number): string[] {
  const out = new Set<string>();
  while (out.size < n) out.add(makeZhBrand(rng));
  return [...out];
}

/** A training row labelled with a category (its root, level-2 class and itself). */
function syntheticRow(id: string, text: string, lang: Lang, cat: ShopifyCategory): CorpusRow {
  return { id, text, lang, source: 'synthetic', kind: 'synthetic', split: 'train', l1: cat.root, l2: cat.l2, deep: cat.id };
}

/** One listing for a category context: a title from one of the templates, sometimes a description. */
function composeListing(ctx: CategoryContext, lang: Lang, rng: Rng, brands: string[], zhBrands: string[]): string {
  const parts = gatherParts(ctx, lang, rng, brands, zhBrands);
  let text = tidy(lang === 'en' ? composeEn(parts, rng) : composeZh(parts, rng));
  // Too short to be a listing title: add a brand and a spec.
  if (wordCount(text, lang) < (lang === 'en' ? 3 : 4)) {
    text = tidy(`${rng.pick(brands)} ${text} ${specFor(rng.pick(ctx.specKinds), lang, rng, ctx)}`);
  }
  if (parts.desc !== null) text = lang === 'en' ? `${text}${/[.!]$/.test(text) ? '' : '.'} ${parts.desc}` : `${text} ${parts.desc}`;
  return text;
}

/** Normalised form for duplicate detection. */
function dedupKey(text: string): string {
  return text.toLowerCase().replace(/\s+/g, ' ').trim();
}

/**
 * Generates the synthetic corpus: every category of the 21 roots, in both languages, with the
 * rows per category from allocateRows. Deterministic for (seed, scale, data).
 */
export function generateSynthetic(opts: SyntheticOptions): CorpusRow[] {
  const scale = opts.scale ?? 1;
  const source = loadShopifySource(opts.rawDir);
  const allocation = allocateRows(source, scale, opts.seed);
  const brandRng = new Rng(hashString(`brands:${opts.seed}`));
  // A shared pool so brands recur across categories, as on a marketplace, and carry no label.
  const brands = brandPool(brandRng, 4000);
  const zhBrands = zhBrandPool(brandRng, 1500);
  const synonyms = opts.googleNames === true ? googleSynonyms(loadTaxonomy(opts.rawDir)) : new Map();
  const lexicon = opts.lexicon === undefined ? loadLexicon() : opts.lexicon;
  const seen = new Set<string>();
  const rows: CorpusRow[] = [];
  const langs: Lang[] = ['en', 'zh'];
  const contexts = new Map<string, CategoryContext>();
  for (const cat of source.categories.values()) {
    const target = allocation.get(cat.id) ?? 0;
    if (target === 0) continue;
    const ctx = buildContext(source, cat, synonyms.get(cat.id), lexicon);
    contexts.set(cat.id, ctx);
    for (const lang of langs) {
      const rng = new Rng(hashString(`${opts.seed}:${lang}:${cat.id}`));
      let made = 0;
      for (let attempt = 0; made < target && attempt < target * 6 + 20; attempt++) {
        const text = composeListing(ctx, lang, rng, brands, zhBrands);
        const key = dedupKey(text);
        if (seen.has(key)) continue;
        seen.add(key);
        rows.push(syntheticRow(`synthetic:${lang}:${cat.id}:${made}`, text, lang, cat));
        made++;
      }
    }
  }
  if (lexicon) rows.push(...lexiconRows(source, lexicon, contexts, { seed: opts.seed, scale, seen, brands, zhBrands }));
  return rows;
}

/**
 * Listings whose product noun is a lexicon term ('Zentrox rosary beads 10mm', '【旗舰店】佛珠 手串'),
 * labelled with the term's node and dressed with that node's attribute values, specs and brands.
 * LEXICON_BUDGET rows per level-2 class and language, the class's terms drawn in turn.
 */
function lexiconRows(
  source: ShopifySource,
  lexicon: Lexicon,
  contexts: Map<string, CategoryContext>,
  o: { seed: number; scale: number; seen: Set<string>; brands: string[]; zhBrands: string[] },
): CorpusRow[] {
  const b = LEXICON_BUDGET;
  const out: CorpusRow[] = [];
  for (const lang of ['en', 'zh'] as const) {
    // Terms per level-2 class: [node id, term], in file order.
    const byL2 = new Map<string, [string, string][]>();
    for (const [id, t] of lexicon.terms) {
      const cat = source.categories.get(id);
      if (!cat?.l2 || !contexts.has(id)) continue;
      const list = byL2.get(cat.l2) ?? [];
      for (const term of t[lang]) list.push([id, term]);
      byL2.set(cat.l2, list);
    }
    for (const root of source.roots) {
      const l2s = (source.categories.get(root)?.children ?? []).filter((l2) => (byL2.get(l2)?.length ?? 0) > 0);
      if (l2s.length === 0) continue;
      const target = Math.min(b.rootMax, Math.max(b.rootMin, b.perL2 * l2s.length)) * o.scale;
      const budgets = waterFill(
        target,
        l2s.map((l2) => (byL2.get(l2)?.length ?? 0) * b.perTerm),
      );
      l2s.forEach((l2, i) => {
        const rng = new Rng(hashString(`${o.seed}:lexicon:${lang}:${l2}`));
        const terms = rng.shuffle([...(byL2.get(l2) ?? [])]);
        const want = Math.round(budgets[i] ?? 0);
        let made = 0;
        for (let attempt = 0; made < want && attempt < want * 4 + 20; attempt++) {
          const [id, term] = terms[attempt % terms.length]!;
          const base = contexts.get(id)!;
          const ctx: CategoryContext =
            lang === 'en' ? { ...base, namesEn: [term] } : { ...base, namesZh: [term] };
          const text = composeListing(ctx, lang, rng, o.brands, o.zhBrands);
          const key = dedupKey(text);
          if (o.seen.has(key)) continue;
          o.seen.add(key);
          out.push(syntheticRow(`synthetic:lexicon:${lang}:${id}:${made}`, text, lang, base.cat));
          made++;
        }
      });
    }
  }
  return out;
}
