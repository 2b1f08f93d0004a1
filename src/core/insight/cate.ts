import { fitIsotonic, gbdtClassifier, logisticClassifier } from '../ml/index.js';
import { createRng, shuffleInPlace } from '../random.js';
import type { InsightDataset } from './dataset.js';
import { column, decidedRows, designMatrix, subsetDataset } from './dataset.js';
import type { LeverKey } from './factors.js';
import { LEVERS } from './factors.js';
import type { LeverScores } from './levers.js';
import type { NuisanceOptions } from './nuisance.js';
import { adjustmentSet } from './plan.js';

/** Options of the per-customer scores (the seed of the calibrated outcome model). */
export type LeverOptions = NuisanceOptions;

/** Rows [x, t, t·m₁ … t·m_k] of the S-learner's design, with the lever set to `t` (or as observed: null). */
const leverDesign = (
  d: InsightDataset,
  factor: string,
  modifiers: readonly string[],
  t: 0 | 1 | null,
): { x: Float64Array; q: number } => {
  const names = adjustmentSet(factor, d.names);
  const base = designMatrix(d, names);
  const p = names.length;
  const q = p + 1 + modifiers.length;
  const observed = column(d, factor);
  const mods = modifiers.map((m) => column(d, m));
  const x = new Float64Array(d.n * q);
  for (let i = 0; i < d.n; i++) {
    const ti = t ?? observed[i]!;
    x.set(base.subarray(i * p, (i + 1) * p), i * q);
    x[i * q + p] = ti;
    mods.forEach((m, k) => (x[i * q + p + 1 + k] = ti * m[i]!));
  }
  return { x, q };
};

/**
 * Per-customer effect of a 0/1 lever by a logistic S-learner with declared effect modifiers:
 * logit P(Y = 1 | x, t) = α + βᵀx + t·(γ + δᵀm), fitted with an L2 penalty on standardised columns over the
 * adjustment set of the lever; the effect is σ(·| t = 1) − σ(·| t = 0). Why not the DR-learner: with about 1,500
 * decided rows its pseudo-outcomes are too noisy for a flexible final stage (rank correlation with the planted
 * effects near 0 on the design banks, even given the latent columns), while this model's few parameters follow
 * the planted form (a logistic outcome whose coupon term varies with price sensitivity) through observables.
 */
export const fitLeverSLearner = (
  train: InsightDataset,
  factor: string,
  modifiers: readonly string[],
): ((target: InsightDataset) => Float64Array) => {
  const m = logisticClassifier({ l2: 1 });
  const a = leverDesign(train, factor, modifiers, null);
  m.fit(a.x, train.n, a.q, train.y);
  return (target) => {
    const p1 = m.predictProba(leverDesign(target, factor, modifiers, 1).x, target.n);
    const p0 = m.predictProba(leverDesign(target, factor, modifiers, 0).x, target.n);
    return p1.map((v, i) => v - p0[i]!);
  };
};

/**
 * Calibrated outcome probabilities: GBDT scores, isotonic-calibrated on out-of-fold scores of the training rows
 * (so the calibration never sees in-sample overfit), then applied to the final model's scores on the targets.
 */
export const calibratedOutcome = (train: InsightDataset, target: InsightDataset, seed = 0): Float64Array => {
  const p = train.names.length;
  const x = designMatrix(train, train.names);
  const make = () =>
    gbdtClassifier({ params: { numRounds: 300, learningRate: 0.05, numLeaves: 8, minDataInLeaf: 20, seed } });
  const order = shuffleInPlace(
    Array.from({ length: train.n }, (_, i) => i),
    createRng(seed),
  );
  const fold = new Int32Array(train.n);
  order.forEach((i, k) => (fold[i] = k % 5));
  const oof = new Float64Array(train.n);
  for (let f = 0; f < 5; f++) {
    const tr = order.filter((i) => fold[i] !== f);
    const te = order.filter((i) => fold[i] === f);
    const m = make();
    m.fit(
      designMatrix(train, train.names, tr),
      tr.length,
      p,
      Float64Array.from(tr, (i) => train.y[i]!),
    );
    m.predictProba(designMatrix(train, train.names, te), te.length).forEach((v, k) => (oof[te[k]!] = v));
  }
  const cal = fitIsotonic(oof, train.y);
  const m = make();
  m.fit(x, train.n, p, train.y);
  return m.predictProba(designMatrix(target, target.names), target.n).map((v) => cal.apply(v));
};

/**
 * Per-customer scores for the target rows: calibrated outcome probability and the CATE of every lever (logistic
 * S-learner with the lever's declared modifiers), all models fitted on the training dataset's decided rows.
 */
export const scoreLevers = (
  all: InsightDataset,
  target: InsightDataset,
  o: LeverOptions = {},
): LeverScores[] => {
  const train = subsetDataset(all, decidedRows(all));
  const p = calibratedOutcome(train, target, o.seed ?? 0);
  const cates = {} as Record<LeverKey, Float64Array>;
  for (const { key, factor, modifiers } of LEVERS)
    cates[key] = fitLeverSLearner(train, factor, modifiers)(target);
  return Array.from({ length: target.n }, (_, i) => ({
    customerId: target.customerIds[i]!,
    pOutcome: p[i]!,
    cate: {
      coupon: cates.coupon[i]!,
      rm_call: cates.rm_call[i]!,
      livestream_invite: cates.livestream_invite[i]!,
    },
  }));
};
