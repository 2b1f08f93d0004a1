import { bayesianTest, cupedTest, frequentistTest } from '../experiment/hypothesis.js';
import { srmPValue } from '../experiment/srm.js';
import { HOLDOUT_ARM } from './campaign.js';

/**
 * Per-arm sufficient statistics of a campaign, intention to treat: every assigned customer counts in its arm,
 * whether or not the outbox let the message through (suppression is not random, so dropping the suppressed
 * would bias the comparison). `pre*` are the customer's purchases in the pre-period (the CUPED covariate);
 * the outcome is converted (1) or not (0).
 */
export type ArmTotals = {
  readonly arm: string;
  readonly assigned: number;
  readonly exposures: number;
  readonly suppressed: number;
  readonly conversions: number;
  readonly preSum: number;
  readonly preSumSquares: number;
  /** Σ converted·pre over the arm's customers. */
  readonly convertedPreSum: number;
};

export type Interval = [number, number];

export type ArmResult = {
  readonly arm: string;
  readonly holdout: boolean;
  readonly assigned: number;
  readonly exposures: number;
  readonly suppressed: number;
  readonly conversions: number;
  /** conversions / assigned. */
  readonly rate: number;
  /** 95 % Wilson interval of the rate. */
  readonly rateCi: Interval;
  /** vs the holdout; null for the holdout itself or when there is no holdout. */
  readonly vsHoldout: null | {
    /** Absolute lift in rate (fraction points) with its 95 % CI and p (Welch t, gbstats). */
    readonly lift: number;
    readonly liftCi: Interval;
    readonly p: number;
    /** Relative lift (rate_arm / rate_holdout − 1) with its delta-method CI; null when the holdout rate is 0. */
    readonly relativeLift: number | null;
    readonly relativeLiftCi: Interval | null;
    /** Bayesian (flat prior, Gaussian on the absolute lift): P(arm rate > holdout rate). */
    readonly chanceToBeatHoldout: number;
    /** CUPED-adjusted absolute lift, covariate = pre-period purchases (θ pooled over both arms). */
    readonly cuped: { lift: number; liftCi: Interval; p: number; theta: number };
  };
};

export type CampaignResults = {
  readonly arms: ArmResult[];
  /** Sample-ratio check of the assignment counts against the configured weights (χ², GrowthBook check_srm). */
  readonly srm: { p: number; warning: boolean; expected: number[]; observed: number[] };
};

/** GrowthBook's default SRM threshold: below it, the assignment is not to be trusted. */
export const SRM_THRESHOLD = 0.001;

/** Wilson score interval of a proportion k/n at z (default 95 %); [0, 0] for n = 0. */
export const wilsonInterval = (k: number, n: number, z = 1.959963984540054): Interval => {
  if (n <= 0) return [0, 0];
  const p = k / n;
  const z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / (1 + z2 / n);
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
};

const proportion = (t: ArmTotals) => ({ type: 'Proportion' as const, sum: t.conversions, n: t.assigned });

const cupedStat = (t: ArmTotals) => ({
  post_sum: t.conversions,
  post_sum_squares: t.conversions,
  pre_sum: t.preSum,
  pre_sum_squares: t.preSumSquares,
  post_pre_sum_of_products: t.convertedPreSum,
  n: t.assigned,
});

const versus = (h: ArmTotals, t: ArmTotals): ArmResult['vsHoldout'] => {
  if (h.assigned < 2 || t.assigned < 2) return null;
  const abs = frequentistTest(proportion(h), proportion(t), { difference: 'absolute' });
  const rel = frequentistTest(proportion(h), proportion(t), { difference: 'relative' });
  const bayes = bayesianTest(proportion(h), proportion(t), { difference: 'absolute' });
  const cuped = cupedTest(cupedStat(h), cupedStat(t), { difference: 'absolute' });
  const cupedOk = Number.isFinite(cuped.estimate) && Number.isFinite(cuped.se) && cuped.se > 0;
  return {
    lift: t.conversions / t.assigned - h.conversions / h.assigned,
    liftCi: abs.ci,
    p: abs.p,
    relativeLift: h.conversions === 0 ? null : rel.estimate,
    relativeLiftCi: h.conversions === 0 ? null : rel.ci,
    chanceToBeatHoldout: bayes.chance_to_win,
    cuped: cupedOk
      ? { lift: cuped.estimate, liftCi: cuped.ci, p: cuped.p, theta: cuped.theta }
      : { lift: abs.estimate, liftCi: abs.ci, p: abs.p, theta: 0 },
  };
};

/**
 * The results of a campaign from its per-arm totals: rate with a Wilson interval per arm; for each treatment
 * arm vs the holdout the absolute and relative lift (frequentist, gbstats), the chance to beat the holdout
 * (Bayesian) and the CUPED-adjusted lift; and the sample-ratio check of the assignment counts against
 * `weights` (one per arm, same order as `totals`).
 */
export const campaignResults = (
  totals: readonly ArmTotals[],
  weights: readonly number[],
): CampaignResults => {
  const holdout = totals.find((t) => t.arm === HOLDOUT_ARM);
  const arms = totals.map((t): ArmResult => ({
    arm: t.arm,
    holdout: t.arm === HOLDOUT_ARM,
    assigned: t.assigned,
    exposures: t.exposures,
    suppressed: t.suppressed,
    conversions: t.conversions,
    rate: t.assigned === 0 ? 0 : t.conversions / t.assigned,
    rateCi: wilsonInterval(t.conversions, t.assigned),
    vsHoldout: holdout === undefined || t.arm === HOLDOUT_ARM ? null : versus(holdout, t),
  }));
  const observed = totals.map((t) => t.assigned);
  const n = observed.reduce((s, x) => s + x, 0);
  const wSum = weights.reduce((s, x) => s + x, 0);
  const p = srmPValue(observed, weights);
  return {
    arms,
    srm: {
      p,
      warning: p < SRM_THRESHOLD,
      observed,
      expected: weights.map((w) => (wSum > 0 ? (n * w) / wSum : 0)),
    },
  };
};
