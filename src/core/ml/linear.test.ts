import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createRng } from '../random.js';
import { fitLogistic, fitOls, linearPredict, sigmoid } from './linear.js';
import { linearRegressor, logisticClassifier } from './learners.js';

const synthetic = (
  n: number,
  p: number,
  seed: number,
): { x: Float64Array; rng: ReturnType<typeof createRng> } => {
  const rng = createRng(seed);
  const x = new Float64Array(n * p);
  for (let i = 0; i < x.length; i++) x[i] = rng.normal();
  return { x, rng };
};

describe('OLS', () => {
  it('recovers exact coefficients from noiseless data (any seed)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e6 }), (seed) => {
        const n = 40;
        const p = 3;
        const { x } = synthetic(n, p, seed);
        const truth = [2, -1.5, 0.25, 3];
        const y = new Float64Array(n);
        for (let i = 0; i < n; i++)
          y[i] = truth[0]! + truth[1]! * x[i * p]! + truth[2]! * x[i * p + 1]! + truth[3]! * x[i * p + 2]!;
        const fit = fitOls(x, n, p, y);
        truth.forEach((b, j) => expect(fit.coef[j]).toBeCloseTo(b, 9));
        expect(fit.r2).toBeCloseTo(1, 12);
      }),
      { numRuns: 25 },
    );
  });

  it('standard errors match σ̂²(XᵀX)⁻¹ for a one-regressor closed form', () => {
    const { x, rng } = synthetic(200, 1, 7);
    const y = Float64Array.from(x, (v) => 1 + 2 * v + rng.normal());
    const fit = fitOls(x, 200, 1, y);
    const mx = x.reduce((a, b) => a + b, 0) / 200;
    const sxx = x.reduce((a, b) => a + (b - mx) ** 2, 0);
    expect(fit.se[1]).toBeCloseTo(Math.sqrt(fit.sigma2 / sxx), 12);
  });

  it('weighted fit equals the fit on rows duplicated by integer weights', () => {
    const { x, rng } = synthetic(30, 2, 3);
    const y = Float64Array.from({ length: 30 }, (_, i) => x[i * 2]! - x[i * 2 + 1]! + rng.normal());
    const w = Float64Array.from({ length: 30 }, (_, i) => 1 + (i % 3));
    const dupX: number[] = [];
    const dupY: number[] = [];
    for (let i = 0; i < 30; i++) {
      for (let k = 0; k < w[i]!; k++) {
        dupX.push(x[i * 2]!, x[i * 2 + 1]!);
        dupY.push(y[i]!);
      }
    }
    const a = fitOls(x, 30, 2, y, { weights: w });
    const b = fitOls(Float64Array.from(dupX), dupY.length, 2, Float64Array.from(dupY));
    for (let j = 0; j < 3; j++) expect(a.coef[j]).toBeCloseTo(b.coef[j]!, 10);
  });

  it('rejects collinear columns with a bad-input error naming X', () => {
    const x = Float64Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? i : 2 * (i - 1)));
    const y = Float64Array.from({ length: 10 }, (_, i) => i);
    expect(() => fitOls(x, 10, 2, y)).toThrow(/X: columns are collinear/);
  });
});

describe('logistic regression (IRLS)', () => {
  it('gradient of the log-likelihood vanishes at the maximum and truth is recovered on a large sample', () => {
    const n = 20000;
    const p = 2;
    const { x, rng } = synthetic(n, p, 11);
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++)
      y[i] = rng.next() < sigmoid(-0.5 + 1.2 * x[i * p]! - 0.7 * x[i * p + 1]!) ? 1 : 0;
    const fit = fitLogistic(x, n, p, y);
    expect(fit.converged).toBe(true);
    const eta = linearPredict(fit.coef, true, x, n);
    const g: [number, number, number] = [0, 0, 0];
    for (let i = 0; i < n; i++) {
      const r = y[i]! - sigmoid(eta[i]!);
      g[0] += r;
      g[1] += r * x[i * p]!;
      g[2] += r * x[i * p + 1]!;
    }
    g.forEach((v) => expect(Math.abs(v)).toBeLessThan(1e-6));
    [-0.5, 1.2, -0.7].forEach((b, j) => expect(Math.abs(fit.coef[j]! - b)).toBeLessThan(4 * fit.se[j]!));
  });

  it('L2 penalty shrinks slopes but not the intercept', () => {
    const { x, rng } = synthetic(500, 1, 5);
    const y = Float64Array.from(x, (v) => (rng.next() < sigmoid(2 * v) ? 1 : 0));
    const free = fitLogistic(x, 500, 1, y);
    const pen = fitLogistic(x, 500, 1, y, { l2: 50 });
    expect(Math.abs(pen.coef[1]!)).toBeLessThan(Math.abs(free.coef[1]!));
  });

  it('survives perfectly separated data with a penalty (finite coefficients)', () => {
    const x = Float64Array.from({ length: 20 }, (_, i) => i - 9.5);
    const y = Float64Array.from(x, (v) => (v > 0 ? 1 : 0));
    const fit = fitLogistic(x, 20, 1, y, { l2: 1 });
    expect(Number.isFinite(fit.coef[1]!)).toBe(true);
    expect(fit.coef[1]!).toBeGreaterThan(0);
  });
});

describe('learner interface', () => {
  it('linear regressor and logistic classifier fit and predict row-major matrices', () => {
    const { x, rng } = synthetic(300, 2, 9);
    const y = Float64Array.from({ length: 300 }, (_, i) => 1 + x[i * 2]! + 0.1 * rng.normal());
    const reg = linearRegressor();
    reg.fit(x, 300, 2, y);
    const pred = reg.predict(x, 300);
    expect(Math.abs(pred[0]! - y[0]!)).toBeLessThan(0.5);
    const yb = Float64Array.from({ length: 300 }, (_, i) => (x[i * 2]! > 0 ? 1 : 0));
    const clf = logisticClassifier();
    clf.fit(x, 300, 2, yb);
    const pr = clf.predictProba(x, 300);
    let correct = 0;
    for (let i = 0; i < 300; i++) correct += (pr[i]! > 0.5 ? 1 : 0) === yb[i] ? 1 : 0;
    expect(correct / 300).toBeGreaterThan(0.95);
    expect(() => logisticClassifier().predictProba(x, 300)).toThrow(/before fit/);
  });
});
