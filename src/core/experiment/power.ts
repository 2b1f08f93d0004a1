import { normalCdf, normalQuantile } from './distributions.js';

/**
 * Design inputs for a two-arm test on a metric with control mean μ and unit standard deviation σ (for a
 * conversion rate σ = √(p(1−p))). `share` is the traffic share of the treatment arm.
 */
export type PowerInput = {
  mean: number;
  sd: number;
  nPerExperiment: number;
  share?: number;
  alpha?: number;
};

/** Standard error of the relative lift at lift δ by the delta method: √(σ²/(μ² n_a) + σ²(1+δ)²/(μ² n_b)). */
const relativeSe = (inp: PowerInput, lift: number): number => {
  const share = inp.share ?? 0.5;
  const nb = inp.nPerExperiment * share;
  const na = inp.nPerExperiment * (1 - share);
  const cv2 = (inp.sd / inp.mean) ** 2;
  return Math.sqrt(cv2 / nb + (cv2 * (1 + lift) ** 2) / na);
};

/**
 * Power of a two-sided z test to detect a relative lift δ:
 * Φ(δ/se − z_{1−α/2}) + Φ(−δ/se − z_{1−α/2}).
 */
export const powerOfLift = (inp: PowerInput, lift: number): number => {
  const z = normalQuantile(1 - (inp.alpha ?? 0.05) / 2);
  const se = relativeSe(inp, lift);
  return normalCdf(Math.abs(lift) / se - z) + normalCdf(-Math.abs(lift) / se - z);
};

/** Minimum detectable relative lift at the given power (bisection on powerOfLift; monotone in δ > 0). */
export const minimumDetectableEffect = (inp: PowerInput, power = 0.8): number => {
  let lo = 0;
  let hi = 1;
  while (powerOfLift(inp, hi) < power && hi < 1e6) hi *= 2;
  for (let i = 0; i < 200; i++) {
    const mid = (lo + hi) / 2;
    if (powerOfLift(inp, mid) < power) lo = mid;
    else hi = mid;
    if (hi - lo < 1e-12 * hi) break;
  }
  return hi;
};

/** Total sample size (both arms) to reach `power` for a relative lift δ (doubling + bisection on n). */
export const sampleSizeForLift = (
  inp: Omit<PowerInput, 'nPerExperiment'>,
  lift: number,
  power = 0.8,
): number => {
  const pw = (n: number): number => powerOfLift({ ...inp, nPerExperiment: n }, lift);
  let hi = 16;
  while (pw(hi) < power && hi < 1e12) hi *= 2;
  let lo = hi / 2;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (pw(mid) < power) lo = mid;
    else hi = mid;
  }
  return hi;
};
