/**
 * The merchant-vocabulary lexicon (training/data/lexicon/<root>.json): product nouns and
 * well-known brands that merchants use for a Shopify category but the taxonomy's own names and
 * attribute values never contain ("hoodie" / 卫衣 for Hoodies & Sweatshirts is there, "onesie",
 * "面膜", "Steam key" are not). Written for the project from general product knowledge, never
 * from the merchant dev set, so that set stays an honest measure.
 *
 * The synthetic generator (synthetic.ts) uses the terms as extra product nouns and the brands as
 * extra brand names of the node they are attached to (and the nodes below it).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const LEXICON_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'lexicon');

export interface LexiconEntry {
  /** Short Shopify id of the deepest node every term belongs to ('aa-1-13-7'). */
  id: string;
  en: string[];
  zh: string[];
}

export interface LexiconFile {
  /** Level-1 root id ('aa'); every entry's id starts with it. */
  root: string;
  entries: LexiconEntry[];
  /** Real brands whose products are overwhelmingly in this node's subtree. */
  brands: LexiconEntry[];
}

/** Terms and brands per node id, merged over all root files. */
export interface Lexicon {
  terms: Map<string, { en: string[]; zh: string[] }>;
  brands: Map<string, { en: string[]; zh: string[] }>;
}

export function readLexiconFiles(dir: string = LEXICON_DIR): LexiconFile[] {
  let names: string[];
  try {
    names = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
  } catch {
    return [];
  }
  return names.map((f) => JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as LexiconFile);
}

function addTo(map: Lexicon['terms'], e: LexiconEntry): void {
  const cur = map.get(e.id) ?? { en: [], zh: [] };
  for (const t of e.en) if (!cur.en.includes(t)) cur.en.push(t);
  for (const t of e.zh) if (!cur.zh.includes(t)) cur.zh.push(t);
  map.set(e.id, cur);
}

export function loadLexicon(dir: string = LEXICON_DIR): Lexicon {
  const lexicon: Lexicon = { terms: new Map(), brands: new Map() };
  for (const file of readLexiconFiles(dir)) {
    for (const e of file.entries) addTo(lexicon.terms, e);
    for (const e of file.brands) addTo(lexicon.brands, e);
  }
  return lexicon;
}

/** A node's lexicon terms in both languages: its `aka` names in the pack's deep.json. */
export function aliasesOf(lexicon: Lexicon, id: string): string[] {
  const t = lexicon.terms.get(id);
  return t ? [...t.en, ...t.zh] : [];
}
