import { scoreLevers } from '../../src/core/insight/cate.js';
import type { InsightDataset } from '../../src/core/insight/dataset.js';
import { column } from '../../src/core/insight/dataset.js';
import { spearman } from '../../src/core/insight/levers.js';
import { renewalProbability } from '../../src/demo/subscriptions.js';

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
