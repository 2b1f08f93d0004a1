import type { Classifier, ClassifierFactory, Regressor, RegressorFactory } from '../../ml/index.js';
import { NUISANCE_GBDT_PARAMS, gbdtClassifier, gbdtRegressor, logisticClassifier } from '../../ml/index.js';
import { cholesky, choleskySolve } from '../../linalg.js';
import type { GbdtParams } from '../../ml/gbdt.js';

/** Nuisance learner families offered to the effect estimators. */
export type LearnerKind = 'linear' | 'gbdt';

/** Nuisance GBDT defaults of the learning core (small trees, slow learning, early stopping on 10%). */
export const NUISANCE_GBDT: Partial<GbdtParams> = NUISANCE_GBDT_PARAMS;

/**
 * On large samples (≥ 20,000 rows) nuisance GBDTs learn at 0.1 for at most 300 rounds instead of 0.05 for 500:
 * the early-stopped fit is as good there and costs about half. Explicit parameters always win.
 */
const LARGE_N = 20_000;
const LARGE_PARAMS: Partial<GbdtParams> = { learningRate: 0.1, numRounds: 300 };
const paramsFor = (n: number, params: Partial<GbdtParams>): Partial<GbdtParams> =>
  n >= LARGE_N ? { ...LARGE_PARAMS, ...params } : params;

/** The nuisance GBDT parameters used for a training set of n rows (for reports). */
export const nuisanceGbdtParams = (n: number): Partial<GbdtParams> => ({
  ...NUISANCE_GBDT,
  ...paramsFor(n, {}),
});

const sized = (params: Partial<GbdtParams>, make: (q: Partial<GbdtParams>) => Regressor): Regressor => {
  let inner: Regressor | null = null;
  return {
    fit(x, n, p, y, weights) {
      inner = make(paramsFor(n, params));
      inner.fit(x, n, p, y, weights);
    },
    predict(x, n) {
      if (!inner) throw new Error('GBDT regressor used before fit()');
      return inner.predict(x, n);
    },
  };
};

const sizedClassifier = (params: Partial<GbdtParams>): Classifier => {
  let inner: Classifier | null = null;
  return {
    fit(x, n, p, y, weights) {
      inner = gbdtClassifier({ params: paramsFor(n, params) });
      inner.fit(x, n, p, y, weights);
    },
    predictProba(x, n) {
      if (!inner) throw new Error('GBDT classifier used before fit()');
      return inner.predictProba(x, n);
    },
  };
};

/**
 * Linear outcome model that survives the rank deficiency common in folds and arms (a dummy that is constant
 * among the treated): centred least squares with a vanishing ridge λ = 1e-9·max diag(XᵀX), intercept
 * unpenalised. On full-rank data it equals OLS to ~1e-9 relative; on deficient data it returns the
 * minimum-norm-like solution instead of failing.
 */
export const stableLinearRegressor = (): Regressor => {
  let coef: Float64Array | null = null;
  let intercept = 0;
  return {
    fit(x, n, p, y, weights) {
      const w = weights ?? new Float64Array(n).fill(1);
      let sw = 0;
      const mx = new Float64Array(p);
      let my = 0;
      for (let i = 0; i < n; i++) {
        sw += w[i]!;
        my += w[i]! * y[i]!;
        for (let j = 0; j < p; j++) mx[j] = mx[j]! + w[i]! * x[i * p + j]!;
      }
      my /= sw;
      for (let j = 0; j < p; j++) mx[j] = mx[j]! / sw;
      const a = new Float64Array(p * p);
      const b = new Float64Array(p);
      const row = new Float64Array(p);
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < p; j++) row[j] = x[i * p + j]! - mx[j]!;
        const r = y[i]! - my;
        for (let j = 0; j < p; j++) {
          const wj = w[i]! * row[j]!;
          b[j] = b[j]! + wj * r;
          for (let k = 0; k <= j; k++) a[j * p + k] = a[j * p + k]! + wj * row[k]!;
        }
      }
      let maxDiag = 0;
      for (let j = 0; j < p; j++) {
        for (let k = 0; k < j; k++) a[k * p + j] = a[j * p + k]!;
        maxDiag = Math.max(maxDiag, a[j * p + j]!);
      }
      const ridge = 1e-9 * (maxDiag || 1);
      for (let j = 0; j < p; j++) a[j * p + j] = a[j * p + j]! + ridge;
      const l = cholesky(a, p, 0);
      coef = l ? choleskySolve(l, b, p) : new Float64Array(p);
      intercept = my - coef.reduce((s, c, j) => s + c * mx[j]!, 0);
    },
    predict(x, n) {
      if (!coef) throw new Error('linear regressor used before fit()');
      const p = coef.length;
      const out = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        let s = intercept;
        for (let j = 0; j < p; j++) s += coef[j]! * x[i * p + j]!;
        out[i] = s;
      }
      return out;
    },
  };
};

/** Outcome-regression factory of the given family. */
export const outcomeLearner = (kind: LearnerKind, params: Partial<GbdtParams> = {}): RegressorFactory =>
  kind === 'gbdt' ? () => sized(params, (q) => gbdtRegressor({ params: q })) : stableLinearRegressor;

/** Propensity-model factory of the given family (logistic: L2 = 1 on standardised columns). */
export const propensityLearner = (kind: LearnerKind, params: Partial<GbdtParams> = {}): ClassifierFactory =>
  kind === 'gbdt' ? () => sizedClassifier(params) : () => logisticClassifier();
