import { badInput } from '../errors.js';

/**
 * Per-arm sufficient statistics as GrowthBook's stats engine takes them. A `SampleMean` carries the sum and
 * sum of squares of a numeric metric; a `Proportion` the count of conversions (variance p(1−p), no n/(n−1)).
 */
export type SampleMeanStat = { type: 'SampleMean'; sum: number; sum_squares: number; n: number };
export type ProportionStat = { type: 'Proportion'; sum: number; n: number };
export type ArmStat = SampleMeanStat | ProportionStat;

/** Pre/post sums for CUPED (regression adjustment on a pre-exposure covariate). */
export type CupedArmStat = {
  post_sum: number;
  post_sum_squares: number;
  pre_sum: number;
  pre_sum_squares: number;
  post_pre_sum_of_products: number;
  n: number;
};

export type Moments = { mean: number; variance: number; n: number };

/** Sample variance from sums: (Σx² − (Σx)²/n)/(n − 1); 0 when n ≤ 1. */
export const varianceFromSums = (sum: number, sumSquares: number, n: number): number =>
  n <= 1 ? 0 : Math.max(0, (sumSquares - (sum * sum) / n) / (n - 1));

/** Mean and unit-level variance of one arm. */
export const armMoments = (s: ArmStat, field = 'arm'): Moments => {
  if (!(s.n >= 0) || !Number.isFinite(s.n)) throw badInput(`${field}.n`, 'expected a non-negative count');
  if (s.n === 0) return { mean: 0, variance: 0, n: 0 };
  const mean = s.sum / s.n;
  if (s.type === 'Proportion') {
    if (mean < 0 || mean > 1) throw badInput(`${field}.sum`, 'a Proportion needs 0 ≤ sum ≤ n');
    return { mean, variance: mean * (1 - mean), n: s.n };
  }
  return { mean, variance: varianceFromSums(s.sum, s.sum_squares, s.n), n: s.n };
};

export type Difference = 'relative' | 'absolute';

/**
 * Point estimate and variance of the lift of b over a. Absolute: m_b − m_a with v_a/n_a + v_b/n_b.
 * Relative (delta method): m_b/m_a − 1 with v_b/(m_a² n_b) + v_a m_b²/(m_a⁴ n_a).
 */
export const liftMoments = (
  a: Moments,
  b: Moments,
  difference: Difference,
): { estimate: number; variance: number } => {
  if (difference === 'absolute') {
    return { estimate: b.mean - a.mean, variance: b.variance / b.n + a.variance / a.n };
  }
  const ma2 = a.mean * a.mean;
  return {
    estimate: (b.mean - a.mean) / a.mean,
    variance: b.variance / (ma2 * b.n) + (a.variance * b.mean * b.mean) / (ma2 * ma2 * a.n),
  };
};

/** Welch–Satterthwaite degrees of freedom for unequal variances (unit-level variances, not of the lift). */
export const welchDf = (a: Moments, b: Moments): number => {
  const va = a.variance / a.n;
  const vb = b.variance / b.n;
  return (va + vb) ** 2 / ((vb * vb) / (b.n - 1) + (va * va) / (a.n - 1));
};
