import { normalCdf } from '../../experiment/distributions.js';
import type { Rng } from '../../random.js';
import { shuffleInPlace } from '../../random.js';
import type { CausalData } from './data.js';
import { appendColumns, meanSd, subsetRows } from './data.js';

/** Re-runs the whole estimator (nuisances refitted) on modified data; returns the ATE and its SE. */
export type Rerun = (d: CausalData, seed: number) => { ate: number; se: number };

export type Refutations = {
  /**
   * `p_value`: is 0 consistent with the placebo estimates? (DoWhy's convention: a passing placebo test has a
   * LARGE p-value.) `estimate_vs_placebo_p`: is the original estimate consistent with them? (should be small.)
   */
  placebo: { effect: number; p_value: number; estimate_vs_placebo_p: number; simulations: number[] };
  random_common_cause: { effect: number; change: number };
  subset: { effect: number; fraction: number };
  bootstrap: { effect: number; sd: number };
};

/**
 * p-value of a value under the distribution of refutation estimates (normal approximation, as DoWhy's
 * `test_significance`): 2(1 − Φ(|v − mean|/sd)); with a single simulation its own standard error is the sd.
 */
const normalTest = (v: number, sims: Array<{ ate: number; se: number }>): number => {
  const { mean, sd } = meanSd(sims.map((s) => s.ate));
  const spread = sims.length > 1 ? sd : (sims[0]?.se ?? 0);
  if (!(spread > 0)) return v === mean ? 1 : 0;
  return 2 * normalCdf(-Math.abs(v - mean) / spread);
};

const ate0 = (r: { ate: number }): number => r.ate;

const sample = (n: number, m: number, rng: Rng, replace: boolean): number[] => {
  if (replace) return Array.from({ length: m }, () => rng.int(n));
  return shuffleInPlace([...Array(n).keys()], rng)
    .slice(0, m)
    .sort((a, b) => a - b);
};

/**
 * Refuters (after DoWhy, Sharma & Kiciman 2020): placebo treatment (treatment permuted, nuisances refitted;
 * the effect should vanish), random common cause (an independent N(0,1) covariate added; the effect should
 * not move), data subset (80% of rows; should be stable) and bootstrap (rows resampled). Each runs
 * `simulations` times with seeds drawn from `rng`.
 */
export const refute = (d: CausalData, ate: number, rerun: Rerun, rng: Rng, simulations = 5): Refutations => {
  const r = Math.max(1, Math.floor(simulations));
  const placebo: Array<{ ate: number; se: number }> = [];
  const rcc: number[] = [];
  const sub: number[] = [];
  const boot: number[] = [];
  for (let s = 0; s < r; s++) {
    const perm = Float64Array.from(shuffleInPlace(Array.from(d.t), rng));
    placebo.push(rerun({ ...d, t: perm }, rng.int(2 ** 31)));
    const noise = Float64Array.from({ length: d.n }, () => rng.normal());
    const withNoise = {
      ...d,
      x: appendColumns(d.x, d.n, d.p, [noise]),
      p: d.p + 1,
      names: [...d.names, '_random'],
    };
    rcc.push(ate0(rerun(withNoise, rng.int(2 ** 31))));
    sub.push(ate0(rerun(subsetRows(d, sample(d.n, Math.floor(0.8 * d.n), rng, false)), rng.int(2 ** 31))));
    boot.push(ate0(rerun(subsetRows(d, sample(d.n, d.n, rng, true)), rng.int(2 ** 31))));
  }
  const rccMean = meanSd(rcc).mean;
  const bs = meanSd(boot);
  return {
    placebo: {
      effect: meanSd(placebo.map((s) => s.ate)).mean,
      p_value: normalTest(0, placebo),
      estimate_vs_placebo_p: normalTest(ate, placebo),
      simulations: placebo.map((s) => s.ate),
    },
    random_common_cause: { effect: rccMean, change: rccMean - ate },
    subset: { effect: meanSd(sub).mean, fraction: 0.8 },
    bootstrap: { effect: bs.mean, sd: bs.sd },
  };
};

export type EValue = { point: number; ci: number; scale: 'risk-ratio' | 'smd-approx' };

const eFromRr = (rr: number): number => {
  const r = rr < 1 ? 1 / rr : rr;
  return r + Math.sqrt(r * (r - 1));
};

/**
 * E-value (VanderWeele & Ding 2017): the minimum strength of association (risk-ratio scale) an unmeasured
 * confounder would need with both treatment and outcome to explain the effect away: E = RR + √(RR(RR − 1)).
 * Binary outcome: RR = (p₀ + ATE)/p₀ with p₀ the control risk. Continuous outcome: d = ATE/sd(Y) converted by
 * RR ≈ exp(0.91·d). The CI version uses the limit closer to the null (1 when the CI covers it).
 */
export const eValue = (
  ate: number,
  ciLow: number,
  ciHigh: number,
  y: Float64Array,
  baselineRisk: number | null,
): EValue => {
  const crossesNull = ciLow <= 0 && ciHigh >= 0;
  const near = crossesNull ? 0 : Math.abs(ciLow) < Math.abs(ciHigh) ? ciLow : ciHigh;
  if (baselineRisk !== null && baselineRisk > 0 && baselineRisk < 1) {
    const rr = (v: number): number => Math.max(1e-12, baselineRisk + v) / baselineRisk;
    return { point: eFromRr(rr(ate)), ci: crossesNull ? 1 : eFromRr(rr(near)), scale: 'risk-ratio' };
  }
  const sd = meanSd(y).sd;
  const rr = (v: number): number => Math.exp((0.91 * v) / sd);
  return { point: eFromRr(rr(ate)), ci: crossesNull ? 1 : eFromRr(rr(near)), scale: 'smd-approx' };
};
