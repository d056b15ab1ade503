/**
 * Labelled phrases from the taxonomies themselves, so every category has some text in both
 * languages (kind 'taxonomy', split 'train').
 *
 * Text choice (documented in the report): for every Shopify category under the 21 product roots,
 *  - the leaf name ("Toy Cars" / its zh name), unless that name belongs to several categories
 *    (e.g. "Accessories"): a bare ambiguous name would teach an arbitrary label, so it is counted
 *    as dropped ('ambiguous-name') and only its short path is kept;
 *  - the short path "parent > leaf" ("Play Vehicles > Toy Cars") for depth >= 2.
 * The same two texts for every Google category (en 2021; zh 2015 joined by the numeric id), with
 * the label taken from Shopify's Shopify -> Google mapping read backwards:
 *  - one Shopify id maps to it: that id;
 *  - several: the one with the same leaf name, else their deepest common ancestor;
 *  - none: the label of the nearest mapped Google ancestor (a coarser but correct label).
 * Rows whose label falls in an excluded root (bundles, gift cards, services...) are dropped.
 */
import type { CorpusRow, Lang, SourceName } from './corpus-types.js';
import { PATH_SEPARATOR, isProductCategory, level1Of, level2Of, lineageOf, type Taxonomy } from './taxonomy.js';

export interface PhraseResult {
  rows: CorpusRow[];
  dropped: Partial<Record<SourceName, Record<string, number>>>;
}

const shortPath = (p: string): string => p.split(PATH_SEPARATOR).slice(-2).join(PATH_SEPARATOR);
const leafOf = (p: string): string => p.split(PATH_SEPARATOR).slice(-1)[0] ?? p;

function makeRow(source: SourceName, id: string, text: string, lang: Lang, deep: string): CorpusRow {
  return { id, text, lang, source, kind: 'taxonomy', split: 'train', l1: level1Of(deep), l2: level2Of(deep), deep };
}

/** Deepest common ancestor of several short ids (they share a root when called here). */
export function commonAncestor(ids: readonly string[]): string | null {
  const [first, ...rest] = ids.map(lineageOf);
  if (first === undefined) return null;
  let n = first.length;
  for (const l of rest) {
    let i = 0;
    while (i < Math.min(n, l.length) && l[i] === first[i]) i++;
    n = i;
  }
  return n === 0 ? null : (first[n - 1] ?? null);
}

/** Resolves a Google id to a Shopify id as described in the header; null when impossible. */
export function shopifyIdForGoogle(tax: Taxonomy, googleId: number): string | null {
  let gid: number | null = googleId;
  while (gid !== null) {
    const g = tax.google.get(gid);
    if (g === undefined) return null;
    const ids = tax.shopifyByGoogle.get(gid);
    if (ids !== undefined && ids.length > 0) {
      if (ids.length === 1) return ids[0] ?? null;
      const same = ids.filter((id) => tax.categories.get(id)?.nameEn.toLowerCase() === g.nameEn.toLowerCase());
      if (same.length >= 1) return same[0] ?? null;
      const lca = commonAncestor(ids);
      if (lca !== null) return lca;
      // Mapped from several roots: no single honest label; try the parent instead.
    }
    gid = g.parentId;
  }
  return null;
}

function countNames(names: Iterable<string>): Map<string, number> {
  const m = new Map<string, number>();
  for (const n of names) m.set(n.toLowerCase(), (m.get(n.toLowerCase()) ?? 0) + 1);
  return m;
}

export function taxonomyPhrases(tax: Taxonomy): PhraseResult {
  const rows: CorpusRow[] = [];
  const drop = (source: SourceName, reason: string): void => {
    const d = (dropped[source] ??= {});
    d[reason] = (d[reason] ?? 0) + 1;
  };
  const dropped: PhraseResult['dropped'] = {};

  // Shopify.
  const cats = [...tax.categories.values()];
  const enCount = countNames(cats.map((c) => c.nameEn));
  const zhCount = countNames(cats.map((c) => c.nameZh));
  for (const c of cats) {
    const texts: [string, Lang, string][] = [];
    if ((enCount.get(c.nameEn.toLowerCase()) ?? 0) === 1) texts.push([c.nameEn, 'en', 'en']);
    else drop('shopify-taxonomy', 'ambiguous-name');
    if ((zhCount.get(c.nameZh.toLowerCase()) ?? 0) === 1) texts.push([c.nameZh, 'zh', 'zh']);
    else drop('shopify-taxonomy', 'ambiguous-name');
    if (c.depth >= 2) {
      texts.push([shortPath(c.pathEn), 'en', 'en-path'], [shortPath(c.pathZh), 'zh', 'zh-path']);
    }
    for (const [text, lang, tag] of texts) {
      if (!isProductCategory(c.id)) drop('shopify-taxonomy', 'excluded-root');
      else rows.push(makeRow('shopify-taxonomy', `shopify-taxonomy:${c.id}:${tag}`, text, lang, c.id));
    }
  }

  // Google.
  const gs = [...tax.google.values()];
  const gEnCount = countNames(gs.map((g) => g.nameEn));
  const gZhCount = countNames(gs.flatMap((g) => (g.nameZh === undefined ? [] : [g.nameZh])));
  for (const g of gs) {
    const texts: [string, Lang, string][] = [];
    if ((gEnCount.get(g.nameEn.toLowerCase()) ?? 0) === 1) texts.push([g.nameEn, 'en', 'en']);
    else drop('google-taxonomy', 'ambiguous-name');
    if (g.depth >= 2) texts.push([shortPath(g.pathEn), 'en', 'en-path']);
    if (g.pathZh !== undefined) {
      const nameZh = leafOf(g.pathZh);
      if ((gZhCount.get(nameZh.toLowerCase()) ?? 0) === 1) texts.push([nameZh, 'zh', 'zh']);
      else drop('google-taxonomy', 'ambiguous-name');
      if (g.depth >= 2) texts.push([shortPath(g.pathZh), 'zh', 'zh-path']);
    }
    const sid = shopifyIdForGoogle(tax, g.id);
    for (const [text, lang, tag] of texts) {
      if (sid === null) drop('google-taxonomy', 'no-shopify-mapping');
      else if (!isProductCategory(sid)) drop('google-taxonomy', 'excluded-root');
      else rows.push(makeRow('google-taxonomy', `google-taxonomy:${g.id}:${tag}`, text, lang, sid));
    }
  }
  return { rows, dropped };
}
