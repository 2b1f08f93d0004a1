import { stableLinearRegressor } from '../causal/effects/learners.js';
import { fitIsotonic, gbdtClassifier, gbdtRegressor } from '../ml/index.js';
import type { Regressor } from '../ml/index.js';
import { createRng, shuffleInPlace } from '../random.js';
import type { InsightDataset } from './dataset.js';
import { decidedRows, designMatrix, subsetDataset } from './dataset.js';
import type { LeverKey } from './factors.js';
import { LEVERS } from './factors.js';
import type { LeverScores } from './levers.js';
import type { NuisanceOptions } from './nuisance.js';
import { binaryNuisances } from './nuisance.js';
import { adjustmentSet, causalDataFor } from './plan.js';

export type LeverOptions = NuisanceOptions & { final?: 'gbdt' | 'linear' };

const finalLearner = (kind: 'gbdt' | 'linear', seed: number): Regressor =>
  kind === 'linear'
    ? stableLinearRegressor()
    : gbdtRegressor({
        params: { numRounds: 200, learningRate: 0.03, numLeaves: 4, maxDepth: 2, minDataInLeaf: 60, seed },
      });

/**
 * DR-learner (Kennedy 2023): the doubly robust pseudo-outcome
 * φᵢ = μ̂₁ − μ̂₀ + Tᵢ(Yᵢ − μ̂₁)/ê − (1 − Tᵢ)(Yᵢ − μ̂₀)/(1 − ê) from cross-fitted nuisances, regressed on the
 * covariates; the fitted regression is each customer's conditional effect of the lever.
 */
export const fitLeverCate = (train: InsightDataset, factor: string, o: LeverOptions = {}): Regressor => {
  const cd = causalDataFor(train, factor);
  const nu = binaryNuisances(cd, o);
  const phi = Float64Array.from({ length: cd.n }, (_, i) => {
    const t = cd.t[i]!;
    const y = cd.y[i]!;
    return (
      nu.mu1[i]! -
      nu.mu0[i]! +
      (t * (y - nu.mu1[i]!)) / nu.e[i]! -
      ((1 - t) * (y - nu.mu0[i]!)) / (1 - nu.e[i]!)
    );
  });
  const reg = finalLearner(o.final ?? 'gbdt', o.seed ?? 0);
  reg.fit(cd.x, cd.n, cd.p, phi);
  return reg;
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
 * Per-customer scores for the target rows: calibrated outcome probability and the CATE of every lever, all
 * models fitted on the training dataset's decided rows.
 */
export const scoreLevers = (
  all: InsightDataset,
  target: InsightDataset,
  o: LeverOptions = {},
): LeverScores[] => {
  const train = subsetDataset(all, decidedRows(all));
  const p = calibratedOutcome(train, target, o.seed ?? 0);
  const cates = {} as Record<LeverKey, Float64Array>;
  for (const { key, factor } of LEVERS) {
    const reg = fitLeverCate(train, factor, o);
    const names = adjustmentSet(factor, target.names);
    cates[key] = reg.predict(designMatrix(target, names), target.n);
  }
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
