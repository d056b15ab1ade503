/**
 * Digests of the tokenizer's output on every row of the merchant dev set
 * (data/dev/merchant-listings.tsv, 1,050 real en/zh listings), so golden-dev.test.ts holds
 * featureIds, tokenize and wordTokens to their committed behaviour on real text without storing
 * ~100k ids. The digest is FNV-1a, independent of the murmur3 the tokenizer uses, so a broken
 * hash cannot change ids and digests in step.
 */

import { featureIds, tokenize, wordTokens } from './tokenize';
import type { TokenizerConfig } from './tokenizer-config';

export interface DevRowDigest {
  id: string;
  /** FNV-1a of the input, to tell a changed dev row from a changed tokenizer. */
  text: number;
  nIds: number;
  ids: number;
  /** Features, kinds and spans of tokenize(). */
  tokens: number;
  words: number;
}

function fnvInt(h: number, v: number): number {
  for (let s = 0; s < 32; s += 8) h = Math.imul(h ^ ((v >>> s) & 0xff), 0x01000193);
  return h;
}

function fnvStr(h: number, s: string): number {
  for (let i = 0; i < s.length; i++) h = fnvInt(h, s.charCodeAt(i));
  return fnvInt(h, 0xffffffff); // separator, so ["ab","c"] and ["a","bc"] differ
}

const FNV_BASIS = 0x811c9dc5 | 0;

/** The digest of one dev row. */
export function devRowDigest(id: string, text: string, cfg: Readonly<TokenizerConfig>): DevRowDigest {
  let ids = FNV_BASIS;
  const fi = featureIds(text, cfg);
  for (const x of fi) ids = fnvInt(ids, x);
  let tokens = FNV_BASIS;
  for (const t of tokenize(text, cfg)) {
    tokens = fnvStr(tokens, `${t.feature}\t${t.kind}`);
    tokens = fnvInt(fnvInt(tokens, t.start), t.end);
  }
  let words = FNV_BASIS;
  for (const w of wordTokens(text, cfg)) words = fnvStr(words, w);
  return {
    id,
    text: fnvStr(FNV_BASIS, text) >>> 0,
    nIds: fi.length,
    ids: ids >>> 0,
    tokens: tokens >>> 0,
    words: words >>> 0,
  };
}

/** Rows of the dev set TSV (id, lang, text, ...): [id, text]. */
export function parseDevSet(tsv: string): [string, string][] {
  return tsv
    .split('\n')
    .slice(1)
    .map((l) => l.split('\t'))
    .filter((c) => c.length >= 3 && c[2]!.trim() !== '')
    .map((c) => [c[0]!, c[2]!]);
}
