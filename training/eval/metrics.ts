/**
 * Classification metrics on integer labels: accuracy, top-k, macro/weighted F1, confusion,
 * expected calibration error and the accuracy/coverage curve of a confidence threshold.
 * Pure functions over plain arrays so the same code scores our model and fastText.
 */

export interface Prediction {
  /** Class indices ordered by decreasing probability (at least top-3 when available). */
  ranked: number[];
  /** Probabilities matching `ranked`. */
  probs: number[];
}

export interface ClassMetrics {
  label: number;
  support: number;
  precision: number;
  recall: number;
  f1: number;
}

export interface LevelMetrics {
  n: number;
  accuracy: number;
  top3: number;
  macroF1: number;
  weightedF1: number;
  ece: number;
  perClass: ClassMetrics[];
  /** confusion[true][pred] over the classes that occur in truth or prediction. */
  confusion: { labels: number[]; matrix: number[][] };
  /** Accuracy of the rows kept when only predictions with confidence >= threshold are kept. */
  coverage: { threshold: number; coverage: number; accuracy: number }[];
  reliability: { lo: number; hi: number; count: number; confidence: number; accuracy: number }[];
}

const round = (x: number, d = 4) => (Number.isFinite(x) ? Math.round(x * 10 ** d) / 10 ** d : 0);

/** Scores predictions against truth; rows whose truth is < 0 (unknown at this level) are skipped. */
export function scoreLevel(truth: readonly number[], preds: readonly Prediction[], bins = 10): LevelMetrics {
  if (truth.length !== preds.length)
    throw new Error(`truth has ${truth.length} rows, predictions ${preds.length}`);
  const rows: { t: number; p: Prediction }[] = [];
  truth.forEach((t, i) => {
    const p = preds[i];
    if (t >= 0 && p) rows.push({ t, p });
  });
  const n = rows.length;
  let correct = 0;
  let top3 = 0;
  const tp = new Map<number, number>();
  const predCount = new Map<number, number>();
  const support = new Map<number, number>();
  const inc = (m: Map<number, number>, k: number) => m.set(k, (m.get(k) ?? 0) + 1);
  const pairs = new Map<string, number>();
  for (const { t, p } of rows) {
    const top = p.ranked[0] ?? -1;
    if (top === t) {
      correct++;
      inc(tp, t);
    }
    if (p.ranked.slice(0, 3).includes(t)) top3++;
    inc(predCount, top);
    inc(support, t);
    const key = `${t},${top}`;
    pairs.set(key, (pairs.get(key) ?? 0) + 1);
  }
  const labels = [...new Set([...support.keys(), ...predCount.keys()])]
    .filter((x) => x >= 0)
    .sort((a, b) => a - b);
  const perClass: ClassMetrics[] = [...support.keys()]
    .sort((a, b) => a - b)
    .map((label) => {
      const s = support.get(label) ?? 0;
      const t = tp.get(label) ?? 0;
      const pc = predCount.get(label) ?? 0;
      const precision = pc ? t / pc : 0;
      const recall = s ? t / s : 0;
      const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
      return { label, support: s, precision: round(precision), recall: round(recall), f1: round(f1) };
    });
  const macroF1 = perClass.length ? perClass.reduce((a, c) => a + c.f1, 0) / perClass.length : 0;
  const weightedF1 = n ? perClass.reduce((a, c) => a + c.f1 * c.support, 0) / n : 0;
  const index = new Map(labels.map((l, i) => [l, i]));
  const matrix = labels.map(() => labels.map(() => 0));
  for (const [key, count] of pairs) {
    const [t, p] = key.split(',').map(Number) as [number, number];
    const ti = index.get(t);
    const pi = index.get(p);
    if (ti !== undefined && pi !== undefined) matrix[ti]![pi] = count;
  }

  // Reliability: equal-width confidence bins; ECE = sum |acc - conf| weighted by bin size.
  const reliability: LevelMetrics['reliability'] = [];
  let ece = 0;
  for (let b = 0; b < bins; b++) {
    const lo = b / bins;
    const hi = (b + 1) / bins;
    const inBin = rows.filter(({ p }) => {
      const c = p.probs[0] ?? 0;
      return c >= lo && (b === bins - 1 ? c <= hi : c < hi);
    });
    if (!inBin.length) continue;
    const conf = inBin.reduce((a, r) => a + (r.p.probs[0] ?? 0), 0) / inBin.length;
    const acc = inBin.filter((r) => r.p.ranked[0] === r.t).length / inBin.length;
    ece += (inBin.length / n) * Math.abs(acc - conf);
    reliability.push({ lo, hi, count: inBin.length, confidence: round(conf), accuracy: round(acc) });
  }

  const coverage: LevelMetrics['coverage'] = [];
  for (let th = 0; th <= 0.951; th += 0.05) {
    const kept = rows.filter(({ p }) => (p.probs[0] ?? 0) >= th);
    const acc = kept.length ? kept.filter((r) => r.p.ranked[0] === r.t).length / kept.length : 0;
    coverage.push({
      threshold: round(th, 2),
      coverage: round(n ? kept.length / n : 0),
      accuracy: round(acc),
    });
  }

  return {
    n,
    accuracy: round(n ? correct / n : 0),
    top3: round(n ? top3 / n : 0),
    macroF1: round(macroF1),
    weightedF1: round(weightedF1),
    ece: round(ece),
    perClass,
    confusion: { labels, matrix },
    coverage,
    reliability,
  };
}

/** Turns a probability vector into a ranked top-k prediction. */
export function rankProbs(probs: ArrayLike<number>, k = 5): Prediction {
  const idx = Array.from({ length: probs.length }, (_, i) => i);
  idx.sort((a, b) => (probs[b] ?? 0) - (probs[a] ?? 0));
  const ranked = idx.slice(0, k);
  return { ranked, probs: ranked.map((i) => probs[i] ?? 0) };
}

/** The headline subset kept in cards and tables. */
export function headline(m: LevelMetrics) {
  return {
    n: m.n,
    accuracy: m.accuracy,
    top3: m.top3,
    macroF1: m.macroF1,
    weightedF1: m.weightedF1,
    ece: m.ece,
  };
}
