/**
 * Pure adapters from inference results / pack info to what the workspace renders: chart rows,
 * names and paths in the chosen language, picker nodes, explanation highlights. Unit-tested.
 */
import type { CategoryScore, Explanation } from '../../inference/inference-client';
import type { CategoryInfo, Lang } from '../../state/workspace-slice';

export const nameIn = (c: { nameEn: string; nameZh: string }, lang: Lang) =>
  lang === 'zh' && c.nameZh ? c.nameZh : c.nameEn;

/** Full path in the chosen language; falls back to the score's English path when the id is unknown. */
export function pathIn(score: { id: string; pathEn: string }, lang: Lang, index: Map<string, CategoryInfo>) {
  const c = index.get(score.id);
  if (!c) return score.pathEn;
  return lang === 'zh' && c.pathZh ? c.pathZh : c.pathEn;
}

export interface ChartRow {
  id: string;
  name: string;
  /** Probability in percent, one decimal. */
  pct: number;
}

/** Bar-chart rows for top-k scores, best first (recharts draws them top to bottom). */
export function chartRows(scores: readonly CategoryScore[], lang: Lang): ChartRow[] {
  return scores.map((s) => ({ id: s.id, name: nameIn(s, lang), pct: Math.round(s.prob * 1000) / 10 }));
}

export interface Highlight {
  text: string;
  /** -1..1: share of the strongest push; > 0 towards the top suggestion, < 0 away from it. */
  strength: number;
  /** Probability points this piece added (negative: removed). */
  points: number;
}

/**
 * Explanation pieces scaled by the strongest absolute weight, so the most decisive word is fully
 * highlighted whatever the model's confidence. Pieces that barely matter (under MIN_SHARE of the
 * strongest) get 0 so the highlight does not turn into noise.
 */
export const MIN_SHARE = 0.1;

export function highlights(e: Explanation): Highlight[] {
  const max = e.segments.reduce((m, s) => Math.max(m, Math.abs(s.weight)), 0);
  return e.segments.map((s) => {
    const share = max > 0 ? s.weight / max : 0;
    return {
      text: s.text,
      strength: Math.abs(share) < MIN_SHARE ? 0 : share,
      points: Math.round(s.weight * 1000) / 10,
    };
  });
}

/** The pieces that pushed most, strongest first (for the text summary beside the highlight). */
export function topPushers(e: Explanation, k = 5): string[] {
  return e.segments
    .filter((s) => s.scored && s.weight > 0)
    .sort((a, b) => b.weight - a.weight)
    .slice(0, k)
    .map((s) => s.text);
}
