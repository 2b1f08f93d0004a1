import { scoreLevers } from '../../src/core/insight/cate.js';
import type { InsightDataset } from '../../src/core/insight/dataset.js';
import { column } from '../../src/core/insight/dataset.js';
import { spearman } from '../../src/core/insight/levers.js';
import { plantedAssignment, renewalProbability } from '../../src/demo/subscriptions.js';

/**
 * The demo generator's planted renewal model applied to a study dataset built with `oracle: true` (the latent
 * columns), for the issue-15 acceptance checks shared by `acceptance.test.ts` and `bench/insight-acceptance.ts`.
 */

/** The planted renewal probability of every row, with treatments overridden. */
export const plantedRenewal = (
  d: InsightDataset,
  over: { coupon?: boolean; live?: boolean } = {},
): Float64Array =>
  Float64Array.from({ length: d.n }, (_, i) =>
    renewalProbability({
      engagement: d.oracle!.engagement[i]!,
      priceSensitivity: d.oracle!.price_sensitivity[i]!,
      sessionsPerMonth: column(d, 'sessions_per_month')[i]!,
      portfolioReturn: column(d, 'portfolio_return')[i]!,
      priceFen: Math.round(column(d, 'list_price_yuan')[i]! * 100),
      discountRate: column(d, 'renewal_discount')[i]!,
      coupon: over.coupon ?? column(d, 'coupon')[i] === 1,
      livestream2000: over.live ?? column(d, 'livestream_audience_2000')[i] === 1,
    }),
  );

/** The planted mean change of the renewal rate if every row had a live stream with audience ≥ 2000. */
export const plantedLiveChange = (d: InsightDataset): number => {
  const base = plantedRenewal(d);
  return plantedRenewal(d, { live: true }).reduce((s, v, i) => s + v - base[i]!, 0) / d.n;
};

/** Spearman between each running subscription's predicted coupon effect and its planted one. */
export const couponCateSpearman = (train: InsightDataset, target: InsightDataset): number => {
  const on = plantedRenewal(target, { coupon: true });
  const off = plantedRenewal(target, { coupon: false });
  return spearman(
    scoreLevers(train, target).map((s) => s.cate.coupon),
    on.map((v, i) => v - off[i]!),
  );
};

/**
 * The ideal oracle estimators: the study's estimators with the TRUE nuisances of the generator (planted renewal
 * probabilities and assignment laws) instead of learned ones — AIPW for coupon and live stream, the what-if score
 * mean, the partially linear slope of sessions on the residual M − E[M | E]. Nothing is estimated, so
 * `ideal − truth` is the realised outcome noise of this bank (each decision's renewal is one Bernoulli draw around its
 * planted probability), which no estimator can remove, and `estimate − ideal` is the estimation error proper.
 */
export const idealEstimates = (
  d: InsightDataset,
): { coupon: number; live: number; sessions: number; whatif: number } => {
  const E = d.oracle!.engagement;
  const S = d.oracle!.price_sensitivity;
  const aipw = (t: Float64Array, e: (i: number) => number, p1: Float64Array, p0: Float64Array): number => {
    let s = 0;
    for (let i = 0; i < d.n; i++) {
      const y = d.y[i]!;
      s += p1[i]! - p0[i]! + (t[i]! * (y - p1[i]!)) / e(i) - ((1 - t[i]!) * (y - p0[i]!)) / (1 - e(i));
    }
    return s / d.n;
  };
  const live = column(d, 'livestream_audience_2000');
  const l1 = plantedRenewal(d, { live: true });
  const eL = (i: number) => plantedAssignment.livestream2000(E[i]!);
  const m = column(d, 'sessions_per_month');
  const p = plantedRenewal(d);
  let num = 0;
  let den = 0;
  let w = 0;
  for (let i = 0; i < d.n; i++) {
    const v = m[i]! - plantedAssignment.expectedSessions(E[i]!);
    num += v * (d.y[i]! - p[i]!);
    den += v * v;
    w += l1[i]! + (live[i]! * (d.y[i]! - l1[i]!)) / eL(i) - d.y[i]!;
  }
  return {
    coupon: aipw(
      column(d, 'coupon'),
      (i) => plantedAssignment.coupon(E[i]!, S[i]!),
      plantedRenewal(d, { coupon: true }),
      plantedRenewal(d, { coupon: false }),
    ),
    live: aipw(live, eL, l1, plantedRenewal(d, { live: false })),
    sessions: num / den,
    whatif: w / d.n,
  };
};
