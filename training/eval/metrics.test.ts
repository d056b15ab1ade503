import { describe, expect, it } from 'vitest';
import { rankProbs, scoreLevel } from './metrics';

describe('scoreLevel', () => {
  it('computes accuracy, top-3 and F1 on a hand-checked case', () => {
    const truth = [0, 0, 1, 1, 2, -1];
    const preds = [
      rankProbs([0.9, 0.05, 0.05]),
      rankProbs([0.2, 0.7, 0.1]),
      rankProbs([0.1, 0.8, 0.1]),
      rankProbs([0.1, 0.6, 0.3]),
      rankProbs([0.5, 0.1, 0.4]),
      rankProbs([1, 0, 0]),
    ];
    const m = scoreLevel(truth, preds);
    expect(m.n).toBe(5); // the -1 row is unknown at this level
    expect(m.accuracy).toBeCloseTo(3 / 5, 4);
    expect(m.top3).toBe(1);
    // class 0: tp 1, predicted 2, support 2 -> p .5 r .5 f1 .5; class 1: tp 2, pred 3, sup 2 -> p .667 r 1 f1 .8; class 2: 0
    expect(m.perClass.map((c) => c.f1)).toEqual([0.5, 0.8, 0]);
    expect(m.macroF1).toBeCloseTo((0.5 + 0.8) / 3, 4);
    expect(m.weightedF1).toBeCloseTo((0.5 * 2 + 0.8 * 2) / 5, 4);
    expect(m.confusion.matrix).toEqual([
      [1, 1, 0],
      [0, 2, 0],
      [1, 0, 0],
    ]);
  });

  it('has zero calibration error when confidence equals accuracy', () => {
    const truth = [0, 0, 0, 0];
    const preds = [rankProbs([1, 0]), rankProbs([1, 0]), rankProbs([1, 0]), rankProbs([1, 0])];
    expect(scoreLevel(truth, preds).ece).toBe(0);
  });

  it('coverage falls and accuracy rises with the threshold', () => {
    const truth = [0, 1, 0, 1];
    const preds = [
      rankProbs([0.95, 0.05]),
      rankProbs([0.6, 0.4]),
      rankProbs([0.9, 0.1]),
      rankProbs([0.3, 0.7]),
    ];
    const m = scoreLevel(truth, preds);
    const at0 = m.coverage.find((c) => c.threshold === 0)!;
    const at85 = m.coverage.find((c) => c.threshold === 0.85)!;
    expect(at0.coverage).toBe(1);
    expect(at0.accuracy).toBe(0.75);
    expect(at85.coverage).toBe(0.5);
    expect(at85.accuracy).toBe(1);
  });

  it('rejects mismatched lengths', () => {
    expect(() => scoreLevel([0], [])).toThrow(/1 rows/);
  });
});
