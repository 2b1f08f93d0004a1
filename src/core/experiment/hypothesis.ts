import { normalCdf, normalPdf, normalQuantile, studentTCdf, studentTQuantile } from './distributions.js';
import type { ArmStat, CupedArmStat, Difference, Moments } from './moments.js';
import { armMoments, liftMoments, varianceFromSums, welchDf } from './moments.js';

export type Alternative = 'two-sided' | 'greater' | 'less';

export type FrequentistConfig = { difference?: Difference; alternative?: Alternative; alpha?: number };

export type FrequentistResult = {
  estimate: number;
  se: number;
  ci: [number, number];
  p: number;
  df: number;
  means: [number, number];
};

/** p-value and CI of a t statistic with the given alternative (GrowthBook convention: CI one-sided too). */
const tInference = (
  estimate: number,
  se: number,
  df: number,
  alpha: number,
  alternative: Alternative,
): { ci: [number, number]; p: number } => {
  const t = estimate / se;
  if (alternative === 'greater') {
    return { p: 1 - studentTCdf(t, df), ci: [estimate - studentTQuantile(1 - alpha, df) * se, Infinity] };
  }
  if (alternative === 'less') {
    return { p: studentTCdf(t, df), ci: [-Infinity, estimate + studentTQuantile(1 - alpha, df) * se] };
  }
  const half = studentTQuantile(1 - alpha / 2, df) * se;
  return { p: 2 * studentTCdf(-Math.abs(t), df), ci: [estimate - half, estimate + half] };
};

const emptyResult = (a: Moments, b: Moments): FrequentistResult => ({
  estimate: 0,
  se: 0,
  ci: [0, 0],
  p: 1,
  df: 0,
  means: [a.mean, b.mean],
});

/**
 * Fixed-horizon two-sample test (Welch t, unequal variances) of b vs a, absolute or relative lift by the
 * delta method. Matches GrowthBook gbstats `TwoSidedTTest`; degenerate input (zero variance, zero
 * baseline) gives GrowthBook's uninformative output (estimate 0, p 1).
 */
export const frequentistTest = (
  aStat: ArmStat,
  bStat: ArmStat,
  cfg: FrequentistConfig = {},
): FrequentistResult => {
  const a = armMoments(aStat, 'a');
  const b = armMoments(bStat, 'b');
  const difference = cfg.difference ?? 'relative';
  if (a.n < 2 || b.n < 2 || (difference === 'relative' && a.mean === 0)) return emptyResult(a, b);
  const { estimate, variance } = liftMoments(a, b, difference);
  if (!(variance > 0)) return emptyResult(a, b);
  const se = Math.sqrt(variance);
  const df = welchDf(a, b);
  const inf = tInference(estimate, se, df, cfg.alpha ?? 0.05, cfg.alternative ?? 'two-sided');
  return { estimate, se, ...inf, df, means: [a.mean, b.mean] };
};

export type SequentialConfig = FrequentistConfig & { sequential_tuning_parameter?: number };

/**
 * Mixing parameter ρ of the normal-mixture confidence sequence, tuned so that the sequence is tightest
 * at n ≈ τ (Waudby-Smith et al. 2023, arXiv:2103.06476 eq. 161): ρ² = (−2 ln α + ln(−2 ln α + 1))/τ.
 */
export const sequentialRho = (alpha: number, tuning: number): number =>
  Math.sqrt((-2 * Math.log(alpha) + Math.log(-2 * Math.log(alpha) + 1)) / tuning);

/**
 * Asymptotic confidence sequence (always valid under peeking): half-width
 * √(s²) √(2(Nρ²+1) ln(√(Nρ²+1)/α) / (Nρ)²), s² = N·Var(estimate), N = n_a + n_b (eq. 9 of the paper);
 * p-value = min(1, √(Nρ²+1) exp(−ρ² N² est² / (2 s² (Nρ²+1)))) (eq. 155). Matches gbstats.
 */
export const sequentialTest = (
  aStat: ArmStat,
  bStat: ArmStat,
  cfg: SequentialConfig = {},
): FrequentistResult => {
  const fixed = frequentistTest(aStat, bStat, { ...cfg, alternative: 'two-sided' });
  if (fixed.se === 0) return fixed;
  const alpha = cfg.alpha ?? 0.05;
  const rho = sequentialRho(alpha, cfg.sequential_tuning_parameter ?? 5000);
  const n = aStat.n + bStat.n;
  const s2 = fixed.se * fixed.se * n;
  const nr2 = n * rho * rho + 1;
  const half = Math.sqrt(s2) * Math.sqrt((2 * nr2 * Math.log(Math.sqrt(nr2) / alpha)) / (n * rho) ** 2);
  const st2 = (fixed.estimate * fixed.estimate * n) / (fixed.se * fixed.se);
  const evidence = Math.exp((rho * rho * st2) / (2 * nr2)) / Math.sqrt(nr2);
  return { ...fixed, ci: [fixed.estimate - half, fixed.estimate + half], p: Math.min(1, 1 / evidence) };
};

export type BayesianPrior = 'flat' | { mean: number; variance: number };
export type BayesianConfig = { difference?: Difference; prior?: BayesianPrior; alpha?: number };
export type BayesianResult = {
  estimate: number;
  sd: number;
  ci: [number, number];
  chance_to_win: number;
  /** [risk of choosing control, risk of choosing treatment]: E[max(Δ,0)], E[max(−Δ,0)]. */
  risk: [number, number];
};

/**
 * Gaussian Bayesian A/B test on the lift (GrowthBook "effect" model): the data likelihood is
 * N(estimate, Var) from the delta method; a proper prior N(μ₀, σ₀²) is combined by precision weighting;
 * chance to win = P(Δ > 0); risk from the normal partial expectations E[max(Δ,0)] = μΦ(μ/σ) + σφ(μ/σ).
 */
export const bayesianTest = (aStat: ArmStat, bStat: ArmStat, cfg: BayesianConfig = {}): BayesianResult => {
  const a = armMoments(aStat, 'a');
  const b = armMoments(bStat, 'b');
  const difference = cfg.difference ?? 'relative';
  const { estimate, variance } = liftMoments(a, b, difference);
  if (!(variance > 0) || !Number.isFinite(estimate)) {
    return { estimate: 0, sd: 0, ci: [0, 0], chance_to_win: 0.5, risk: [0, 0] };
  }
  const prior = cfg.prior ?? 'flat';
  let mean = estimate;
  let v = variance;
  if (prior !== 'flat' && prior.variance > 0) {
    const precision = 1 / prior.variance + 1 / variance;
    mean = (prior.mean / prior.variance + estimate / variance) / precision;
    v = 1 / precision;
  }
  const sd = Math.sqrt(v);
  const z = normalQuantile(1 - (cfg.alpha ?? 0.05) / 2);
  const ctw = normalCdf(mean / sd);
  const upside = mean * ctw + sd * normalPdf(mean / sd);
  return {
    estimate: mean,
    sd,
    ci: [mean - z * sd, mean + z * sd],
    chance_to_win: ctw,
    risk: [upside, upside - mean],
  };
};

export type CupedResult = FrequentistResult & { theta: number; unadjusted_means: [number, number] };

const cupedArm = (s: CupedArmStat) => ({
  n: s.n,
  yMean: s.post_sum / s.n,
  xMean: s.pre_sum / s.n,
  yVar: varianceFromSums(s.post_sum, s.post_sum_squares, s.n),
  xVar: varianceFromSums(s.pre_sum, s.pre_sum_squares, s.n),
  cov: s.n <= 1 ? 0 : (s.post_pre_sum_of_products - (s.post_sum * s.pre_sum) / s.n) / (s.n - 1),
});

/**
 * CUPED (Deng et al. 2013) with θ pooled over both arms: θ = Cov(Y, X)/Var(X) on the joint sample; the
 * adjusted mean is Ȳ − θX̄; relative lift = (adj_b − adj_a)/Ȳ_a (unadjusted control mean); variance as
 * gbstats `frequentist_variance_relative_cuped`; Welch df on the adjusted unit variances.
 */
export const cupedTest = (aS: CupedArmStat, bS: CupedArmStat, cfg: FrequentistConfig = {}): CupedResult => {
  const a = cupedArm(aS);
  const b = cupedArm(bS);
  const n = aS.n + bS.n;
  const postSum = aS.post_sum + bS.post_sum;
  const preSum = aS.pre_sum + bS.pre_sum;
  const preVar = varianceFromSums(preSum, aS.pre_sum_squares + bS.pre_sum_squares, n);
  const jointCov =
    (aS.post_pre_sum_of_products + bS.post_pre_sum_of_products - (postSum * preSum) / n) / (n - 1);
  const theta = preVar === 0 ? 0 : jointCov / preVar;
  const adjVar = (s: typeof a): number => s.yVar + theta * theta * s.xVar - 2 * theta * s.cov;
  const adjA = a.yMean - theta * a.xMean;
  const adjB = b.yMean - theta * b.xMean;
  const relative = (cfg.difference ?? 'relative') === 'relative';
  const estimate = relative ? (adjB - adjA) / a.yMean : adjB - adjA;
  let variance: number;
  if (relative) {
    const k = b.yMean / a.yMean;
    const vCtrl = a.yVar * k * k - 2 * theta * a.cov * k + theta * theta * a.xVar;
    variance = adjVar(b) / (b.n * a.yMean ** 2) + vCtrl / (a.n * a.yMean ** 2);
  } else {
    variance = adjVar(b) / b.n + adjVar(a) / a.n;
  }
  const ma: Moments = { mean: adjA, variance: adjVar(a), n: a.n };
  const mb: Moments = { mean: adjB, variance: adjVar(b), n: b.n };
  const df = welchDf(ma, mb);
  const se = Math.sqrt(variance);
  const inf = tInference(estimate, se, df, cfg.alpha ?? 0.05, cfg.alternative ?? 'two-sided');
  return { estimate, se, ...inf, df, means: [adjA, adjB], theta, unadjusted_means: [a.yMean, b.yMean] };
};
