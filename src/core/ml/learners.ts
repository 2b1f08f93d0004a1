import { AppError } from '../errors.js';
import { predictGbdt, trainGbdt } from './gbdt.js';
import type { GbdtModel, GbdtParams } from './gbdt.js';
import { fitLogistic, fitOls, linearPredict, sigmoid } from './linear.js';

/**
 * The uniform learner interface used as nuisance models (propensity e(x), outcome μ(x)) by the causal
 * estimators and by cross-validation. X is row-major (n·p Float64Array); a learner is fitted once and then
 * predicts any number of rows with the same p. Learners are cheap objects: make a fresh one per fold through
 * a factory (`() => Regressor`).
 */
export type Regressor = {
  fit(x: Float64Array, n: number, p: number, y: Float64Array, weights?: Float64Array): void;
  predict(x: Float64Array, n: number): Float64Array;
};

/** A binary classifier; y is 0/1 and predictProba returns P(y = 1 | x). */
export type Classifier = {
  fit(x: Float64Array, n: number, p: number, y: Float64Array, weights?: Float64Array): void;
  predictProba(x: Float64Array, n: number): Float64Array;
};

export type RegressorFactory = () => Regressor;
export type ClassifierFactory = () => Classifier;

/** Column means and standard deviations (population sd; 1 for constant columns). */
export type Standardizer = { mean: Float64Array; sd: Float64Array };

export const fitStandardizer = (x: Float64Array, n: number, p: number): Standardizer => {
  const mean = new Float64Array(p);
  const sd = new Float64Array(p);
  for (let i = 0; i < n; i++) for (let j = 0; j < p; j++) mean[j] = mean[j]! + x[i * p + j]!;
  for (let j = 0; j < p; j++) mean[j] = mean[j]! / n;
  for (let i = 0; i < n; i++) for (let j = 0; j < p; j++) sd[j] = sd[j]! + (x[i * p + j]! - mean[j]!) ** 2;
  for (let j = 0; j < p; j++) {
    const s = Math.sqrt(sd[j]! / n);
    sd[j] = s > 1e-12 ? s : 1;
  }
  return { mean, sd };
};

export const applyStandardizer = (s: Standardizer, x: Float64Array, n: number): Float64Array => {
  const p = s.mean.length;
  const out = new Float64Array(n * p);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < p; j++) out[i * p + j] = (x[i * p + j]! - s.mean[j]!) / s.sd[j]!;
  }
  return out;
};

const notFitted = (): never => {
  throw new AppError('INTERNAL', 'learner used before fit()');
};

/** OLS regressor (intercept included). */
export const linearRegressor = (): Regressor => {
  let coef: Float64Array | null = null;
  return {
    fit(x, n, p, y, weights) {
      coef = fitOls(x, n, p, y, weights ? { weights } : {}).coef;
    },
    predict(x, n) {
      return linearPredict(coef ?? notFitted(), true, x, n);
    },
  };
};

export type LogisticLearnerOptions = {
  /** L2 penalty on standardised slopes (default 1, i.e. sklearn's C = 1). */
  l2?: number;
  /** Standardise columns before fitting (default true), so that the penalty treats all columns alike. */
  standardize?: boolean;
};

/** L2-penalised logistic regression by IRLS on standardised columns (sklearn LogisticRegression analogue). */
export const logisticClassifier = (opts: LogisticLearnerOptions = {}): Classifier => {
  const l2 = opts.l2 ?? 1;
  const standardize = opts.standardize ?? true;
  let state: { coef: Float64Array; std: Standardizer | null } | null = null;
  return {
    fit(x, n, p, y, weights) {
      const std = standardize ? fitStandardizer(x, n, p) : null;
      const xs = std ? applyStandardizer(std, x, n) : x;
      const fit = fitLogistic(xs, n, p, y, weights ? { l2, weights } : { l2 });
      state = { coef: fit.coef, std };
    },
    predictProba(x, n) {
      const s = state ?? notFitted();
      const xs = s.std ? applyStandardizer(s.std, x, n) : x;
      return linearPredict(s.coef, true, xs, n).map(sigmoid);
    },
  };
};

export type GbdtLearnerOptions = {
  params?: Partial<GbdtParams>;
  /** Per column: true for integer category codes. */
  categorical?: readonly boolean[];
  /** Per column: −1, 0, +1 monotone constraint. */
  monotone?: readonly number[];
  /**
   * Fraction of the training rows held out for early stopping (0 = none, train `numRounds` trees). The split
   * is deterministic (every k-th row), so a learner is reproducible for a given seed.
   */
  validationFraction?: number;
};

/** Nuisance-model defaults: small trees, slow learning, early stopping on 10% — robust on 10²–10⁵ rows. */
export const NUISANCE_GBDT_PARAMS: Partial<GbdtParams> = {
  numRounds: 500,
  learningRate: 0.05,
  numLeaves: 15,
  maxDepth: 4,
  minDataInLeaf: 20,
  lambdaL2: 1,
  earlyStoppingRounds: 30,
};

const gbdtFit = (
  objective: 'binary' | 'l2',
  o: GbdtLearnerOptions,
  x: Float64Array,
  n: number,
  p: number,
  y: Float64Array,
  weights?: Float64Array,
): GbdtModel => {
  const params: Partial<GbdtParams> = { ...NUISANCE_GBDT_PARAMS, ...o.params, objective };
  const frac = o.validationFraction ?? 0.1;
  const base = {
    params,
    ...(o.categorical ? { categorical: o.categorical } : {}),
    ...(o.monotone ? { monotone: o.monotone } : {}),
  };
  if (frac <= 0 || n < 50) {
    return trainGbdt(x, n, p, y, {
      ...base,
      ...(weights ? { weights } : {}),
      params: { ...params, earlyStoppingRounds: 0 },
    });
  }
  const every = Math.max(2, Math.round(1 / frac));
  const tr: number[] = [];
  const va: number[] = [];
  for (let i = 0; i < n; i++) (i % every === every - 1 ? va : tr).push(i);
  const take = (rows: number[], v: Float64Array, w: number): Float64Array => {
    const out = new Float64Array(rows.length * w);
    rows.forEach((r, k) => out.set(v.subarray(r * w, (r + 1) * w), k * w));
    return out;
  };
  return trainGbdt(take(tr, x, p), tr.length, p, take(tr, y, 1), {
    ...base,
    ...(weights ? { weights: take(tr, weights, 1) } : {}),
    valid: {
      x: take(va, x, p),
      n: va.length,
      y: take(va, y, 1),
      ...(weights ? { weights: take(va, weights, 1) } : {}),
    },
  });
};

/** Histogram GBDT regressor (L2 objective) with early stopping on a held-out slice. */
export const gbdtRegressor = (o: GbdtLearnerOptions = {}): Regressor => {
  let model: GbdtModel | null = null;
  return {
    fit(x, n, p, y, weights) {
      model = gbdtFit('l2', o, x, n, p, y, weights);
    },
    predict(x, n) {
      return predictGbdt(model ?? notFitted(), x, n);
    },
  };
};

/** Histogram GBDT classifier (log loss); predictProba returns P(y = 1). */
export const gbdtClassifier = (o: GbdtLearnerOptions = {}): Classifier => {
  let model: GbdtModel | null = null;
  return {
    fit(x, n, p, y, weights) {
      model = gbdtFit('binary', o, x, n, p, y, weights);
    },
    predictProba(x, n) {
      return predictGbdt(model ?? notFitted(), x, n);
    },
  };
};
