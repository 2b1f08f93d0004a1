import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createRng } from '../random.js';
import { auc, brier, calibrationError, ksStatistic, liftTable, logLoss, stratifiedFolds } from './metrics.js';

const labelled = fc
  .array(fc.tuple(fc.integer({ min: 0, max: 1 }), fc.integer({ min: 0, max: 6 })), {
    minLength: 2,
    maxLength: 60,
  })
  .filter((a) => a.some(([y]) => y === 1) && a.some(([y]) => y === 0));

describe('classification metrics', () => {
  it('AUC equals the pairwise Mann–Whitney probability with ties counted ½ (any data with ties)', () => {
    fc.assert(
      fc.property(labelled, (rows) => {
        const y = Float64Array.from(rows, (r) => r[0]);
        const s = Float64Array.from(rows, (r) => r[1]);
        let num = 0;
        let den = 0;
        for (let i = 0; i < rows.length; i++) {
          for (let j = 0; j < rows.length; j++) {
            if (y[i] === 1 && y[j] === 0) {
              den++;
              num += s[i]! > s[j]! ? 1 : s[i] === s[j] ? 0.5 : 0;
            }
          }
        }
        expect(auc(y, s)).toBeCloseTo(num / den, 12);
      }),
    );
  });

  it('log loss, Brier and KS on a hand-checked example', () => {
    const y = Float64Array.of(1, 0, 1, 0);
    const p = Float64Array.of(0.9, 0.2, 0.6, 0.4);
    expect(logLoss(y, p)).toBeCloseTo(
      -(Math.log(0.9) + Math.log(0.8) + Math.log(0.6) + Math.log(0.6)) / 4,
      12,
    );
    expect(brier(y, p)).toBeCloseTo((0.01 + 0.04 + 0.16 + 0.16) / 4, 12);
    expect(ksStatistic(y, p)).toBe(1);
    expect(auc(y, p)).toBe(1);
  });

  it('calibration error is 0 for perfectly calibrated bins and lift sums back to the base rate', () => {
    const y = Float64Array.of(1, 0, 0, 0, 1, 1, 1, 0);
    const p = Float64Array.of(0.25, 0.25, 0.25, 0.25, 0.75, 0.75, 0.75, 0.75);
    expect(calibrationError(y, p).ece).toBeCloseTo(0, 12);
    const lift = liftTable(y, p, 2);
    expect(lift[0]!.lift).toBeCloseTo(1.5, 12);
    expect(lift[1]!.cumulativeLift).toBeCloseTo(1, 12);
  });

  it('stratified folds keep the class balance within one row per fold', () => {
    const rng = createRng(3);
    const y = Float64Array.from({ length: 1003 }, () => (rng.next() < 0.27 ? 1 : 0));
    const folds = stratifiedFolds(y, 5, createRng(1));
    const pos = y.reduce((a, b) => a + b, 0);
    for (let k = 0; k < 5; k++) {
      let n = 0;
      let np = 0;
      folds.forEach((f, i) => {
        if (f === k) {
          n++;
          np += y[i]!;
        }
      });
      expect(Math.abs(np - pos / 5)).toBeLessThanOrEqual(1);
      expect(Math.abs(n - 1003 / 5)).toBeLessThanOrEqual(1);
    }
    expect(() => stratifiedFolds(y, 1, rng)).toThrow(/--cv/);
  });
});
