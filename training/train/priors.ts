/**
 * The class distribution the heads were trained under: each row's share of an epoch draw
 * (samplingWeights) summed per class. The pack ships it so the runtime can divide it out
 * (logit adjustment): merchants list in every root, not in the proportions of the corpus.
 */
import type { EncodedSet } from './dataset';
import { samplingWeights } from './train-loop';

export interface ClassPriors {
  level1: number[];
  level2: number[];
}

/** Priors rounded to 6 digits (the manifest is JSON read by every visitor). */
export function trainingPriors(
  set: EncodedSet,
  tau: number,
  kindWeights: Record<string, number>,
  numLevel1: number,
  numLevel2: number,
): ClassPriors {
  const w = samplingWeights(set, tau, kindWeights);
  const p1 = new Float64Array(numLevel1);
  const p2 = new Float64Array(numLevel2);
  for (let i = 0; i < set.n; i++) {
    const a = set.level1[i]!;
    const b = set.level2[i]!;
    if (a >= 0) p1[a] = p1[a]! + w[i]!;
    if (b >= 0) p2[b] = p2[b]! + w[i]!;
  }
  const norm = (p: Float64Array) => {
    const s = p.reduce((x, y) => x + y, 0) || 1;
    return Array.from(p, (v) => Math.round((v / s) * 1e6) / 1e6);
  };
  return { level1: norm(p1), level2: norm(p2) };
}
