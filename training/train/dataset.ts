/**
 * Turns corpus rows into what the trainer eats: hashed feature ids (the shared tokenizer), label
 * indices, and the bag of words over the top-V vocabulary that the decoder reconstructs.
 */
import { featureIds, wordTokens } from '../../src/ml/tokenizer/tokenize';
import type { TokenizerConfig } from '../../src/ml/tokenizer/tokenizer-config';
import type { CorpusRow, Lang } from '../data/corpus-types';
import type { LabelSpace } from './labels';
import { level1Of, level2Of } from '../data/taxonomy';

export interface TextRow {
  text: string;
  lang: Lang;
  /** Shopify id: the deepest known category (its level 1 and 2 are derived). */
  deep: string;
  l2?: string | null;
  source: string;
  kind?: string;
}

export interface EncodedSet {
  n: number;
  ids: Int32Array[];
  level1: Int32Array;
  level2: Int32Array;
  lang: Lang[];
  source: string[];
  kind: string[];
  deep: string[];
  words: string[][];
}

/** Text the model sees: title plus (a bounded part of) the description. */
export function modelText(text: string, extra?: string): string {
  return extra ? `${text} ${extra.slice(0, 600)}` : text;
}

/** A corpus row as the encoder sees it (title + bounded description). */
export function corpusTextRow(r: CorpusRow): TextRow {
  return {
    text: modelText(r.text, r.extra),
    lang: r.lang,
    deep: r.deep,
    l2: r.l2,
    source: r.source,
    kind: r.kind,
  };
}

export function encodeRows(rows: readonly TextRow[], labels: LabelSpace, tok: TokenizerConfig): EncodedSet {
  const n = rows.length;
  const set: EncodedSet = {
    n,
    ids: new Array<Int32Array>(n),
    level1: new Int32Array(n),
    level2: new Int32Array(n),
    lang: new Array<Lang>(n),
    source: new Array<string>(n),
    kind: new Array<string>(n),
    deep: new Array<string>(n),
    words: new Array<string[]>(n),
  };
  rows.forEach((r, i) => {
    set.ids[i] = featureIds(r.text, tok);
    set.words[i] = wordTokens(r.text, tok);
    set.level1[i] = labels.index1.get(level1Of(r.deep)) ?? -1;
    const l2 = r.l2 === undefined ? level2Of(r.deep) : r.l2;
    set.level2[i] = l2 ? (labels.index2.get(l2) ?? -1) : -1;
    set.lang[i] = r.lang;
    set.source[i] = r.source;
    set.kind[i] = r.kind ?? 'listing';
    set.deep[i] = r.deep;
  });
  return set;
}

/** Smoothed idf per bucket from training rows: log((N + 1) / (df + 1)) + 1; pad id 0 gets 0. */
export function computeIdf(ids: readonly Int32Array[], buckets: number): Float32Array {
  const df = new Uint32Array(buckets);
  const seen = new Int32Array(buckets).fill(-1);
  ids.forEach((row, r) => {
    for (const id of row) {
      if (seen[id] !== r) {
        seen[id] = r;
        df[id]! += 1;
      }
    }
  });
  const n = ids.length;
  const idf = new Float32Array(buckets);
  for (let b = 1; b < buckets; b++) idf[b] = Math.log((n + 1) / (df[b]! + 1)) + 1;
  return idf;
}

/** The decoder's vocabulary: the V most frequent word tokens (by document frequency). */
export function buildVocab(words: readonly string[][], size: number): Map<string, number> {
  const df = new Map<string, number>();
  for (const ws of words) for (const w of new Set(ws)) df.set(w, (df.get(w) ?? 0) + 1);
  const top = [...df.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, size);
  return new Map(top.map(([w], i) => [w, i]));
}
