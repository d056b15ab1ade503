/**
 * Scores predictions per level, per source and per language, so the model, its float32 twin and
 * fastText are measured by one function on identical rows.
 */
import type { EncodedSet } from '../train/dataset';
import { headline, rankProbs, scoreLevel, type LevelMetrics, type Prediction } from './metrics';

export interface LevelPredictions {
  level1: Prediction[];
  level2: Prediction[];
}

export interface LevelReport {
  level1: ReturnType<typeof headline> & {
    byLang: Record<string, ReturnType<typeof headline>>;
    bySource: Record<string, ReturnType<typeof headline>>;
  };
  level2: ReturnType<typeof headline> & {
    byLang: Record<string, ReturnType<typeof headline>>;
    bySource: Record<string, ReturnType<typeof headline>>;
  };
}

export interface FullLevel {
  summary: LevelReport;
  details: { level1: LevelMetrics; level2: LevelMetrics };
}

export function predictionsFromProbs(probs: Float32Array, n: number, k = 5): Prediction[] {
  const c = probs.length / Math.max(1, n);
  return Array.from({ length: n }, (_, i) => rankProbs(probs.subarray(i * c, (i + 1) * c), k));
}

function subset(
  set: EncodedSet,
  preds: Prediction[],
  level: 'level1' | 'level2',
  keep: (i: number) => boolean,
) {
  const t: number[] = [];
  const p: Prediction[] = [];
  for (let i = 0; i < set.n; i++) {
    if (!keep(i)) continue;
    t.push(set[level][i]!);
    p.push(preds[i]!);
  }
  return scoreLevel(t, p);
}

export function reportLevels(set: EncodedSet, preds: LevelPredictions): FullLevel {
  const langs = [...new Set(set.lang)].sort();
  const sources = [...new Set(set.source)].sort();
  const one = (level: 'level1' | 'level2') => {
    const all = subset(set, preds[level], level, () => true);
    const byLang = Object.fromEntries(
      langs.map((l) => [l, headline(subset(set, preds[level], level, (i) => set.lang[i] === l))]),
    );
    const bySource = Object.fromEntries(
      sources.map((s) => [s, headline(subset(set, preds[level], level, (i) => set.source[i] === s))]),
    );
    return { all, summary: { ...headline(all), byLang, bySource } };
  };
  const l1 = one('level1');
  const l2 = one('level2');
  return { summary: { level1: l1.summary, level2: l2.summary }, details: { level1: l1.all, level2: l2.all } };
}
