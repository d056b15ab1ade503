/**
 * Occlusion explanation of a listing's top level-1 suggestion: each word (or CJK character) is
 * removed in turn and the drop in the top class's probability is that piece's weight. Uses only
 * the Categorizer's public classify; the whole set of variants is one batched model call.
 */
import type { Categorizer } from './categorizer';

export interface ExplainSegment {
  text: string;
  /** Top class probability with this piece minus without it: > 0 pushed towards the top class. */
  weight: number;
  /** False for spaces / punctuation (and pieces past MAX_EXPLAIN_SEGMENTS): never occluded. */
  scored: boolean;
}

export interface ExplainResult {
  /** Index of the explained level-1 class in the label table. */
  targetIndex: number;
  targetId: string;
  prob: number;
  segments: ExplainSegment[];
}

/**
 * Most pieces occluded per listing: each one is a model row, and 64 rows are one small batch
 * (a title plus a short description); the tokenizer itself reads at most 512 tokens.
 */
export const MAX_EXPLAIN_SEGMENTS = 64;

/** Han / kana characters one by one (a CJK listing has no spaces), other letters and digits as words. */
const PIECE =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]|(?:(?![\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}])[\p{L}\p{N}\p{M}])+/gu;

/** Splits text into pieces that cover it exactly: scored words/characters and the gaps between. */
export function segmentForExplain(text: string): { text: string; scored: boolean }[] {
  const out: { text: string; scored: boolean }[] = [];
  let last = 0;
  let scored = 0;
  for (const m of text.matchAll(PIECE)) {
    const start = m.index;
    if (start > last) out.push({ text: text.slice(last, start), scored: false });
    out.push({ text: m[0], scored: scored < MAX_EXPLAIN_SEGMENTS });
    scored++;
    last = start + m[0].length;
  }
  if (last < text.length) out.push({ text: text.slice(last), scored: false });
  return out;
}

export async function explainTop(model: Categorizer, text: string): Promise<ExplainResult> {
  const segments = segmentForExplain(text);
  const scoredAt = segments.flatMap((s, i) => (s.scored ? [i] : []));
  // A removed piece becomes a space so its neighbours do not fuse into a new word.
  const variants = scoredAt.map((skip) => segments.map((s, i) => (i === skip ? ' ' : s.text)).join(''));
  const numLevel1 = model.level1Labels.length;
  const results = await model.classifyAsync([text, ...variants], {
    topK: numLevel1,
    neighbours: 0,
    deep: 0,
    batchSize: MAX_EXPLAIN_SEGMENTS + 1,
  });
  const base = results[0];
  const top = base?.level1[0];
  if (!base || !top) throw new Error('The model returned no suggestion to explain.');
  const probOf = (r: (typeof results)[number] | undefined) =>
    r?.level1.find((s) => s.index === top.index)?.prob ?? 0;
  const weights = new Map<number, number>();
  scoredAt.forEach((segIndex, v) => weights.set(segIndex, top.prob - probOf(results[v + 1])));
  return {
    targetIndex: top.index,
    targetId: top.id,
    prob: top.prob,
    segments: segments.map((s, i) => ({ text: s.text, scored: s.scored, weight: weights.get(i) ?? 0 })),
  };
}
