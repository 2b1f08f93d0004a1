import { badInput } from '../errors.js';
import { dot, matVec, quadForm } from './linalg.js';
import { solveQp, type QpProblem } from './qp.js';

/** Sum of weights of a group of assets (an asset class) kept within [lower, upper]. */
export type GroupConstraint = { assets: number[]; lower?: number; upper?: number };

/**
 * Inputs of every mean–variance optimiser: annualised expected returns μ, annualised covariance Σ (n×n
 * row-major), per-asset bounds (±Infinity = unbounded), optional group limits and an L2 penalty γ‖w‖²
 * (PyPortfolioOpt `L2_reg`, which spreads weight across more assets).
 */
export type MeanVariance = {
  mu: Float64Array;
  cov: Float64Array;
  lower?: Float64Array;
  upper?: Float64Array;
  groups?: GroupConstraint[];
  gamma?: number;
  /** Weights sum to 0 instead of 1 (long/short, market neutral). */
  marketNeutral?: boolean;
};

export type Performance = { expectedReturn: number; volatility: number; sharpe: number };

/** Expected return w'μ, volatility √(w'Σw) and Sharpe (w'μ − rf)/σ (PyPortfolioOpt `portfolio_performance`). */
export const portfolioPerformance = (
  w: Float64Array,
  mu: Float64Array,
  cov: Float64Array,
  rf = 0.02,
): Performance => {
  const expectedReturn = dot(w, mu);
  const volatility = Math.sqrt(quadForm(cov, w, w.length));
  return { expectedReturn, volatility, sharpe: (expectedReturn - rf) / volatility };
};

/** Share of portfolio variance from each asset, w_i(Σw)_i / w'Σw (sums to 1). */
export const riskContributions = (w: Float64Array, cov: Float64Array): Float64Array => {
  const sw = matVec(cov, w, w.length);
  const total = dot(w, sw);
  return Float64Array.from(w, (wi, i) => (wi * sw[i]!) / total);
};

const boundsOf = (mv: MeanVariance): { lower: Float64Array; upper: Float64Array } => {
  const n = mv.mu.length;
  return { lower: mv.lower ?? new Float64Array(n).fill(0), upper: mv.upper ?? new Float64Array(n).fill(1) };
};

/** Rows g'w ≤ h for the group limits (upper as +, lower as −). */
const groupRows = (mv: MeanVariance, n: number): { G: number[]; h: number[] } => {
  const G: number[] = [];
  const h: number[] = [];
  for (const g of mv.groups ?? []) {
    const row = new Float64Array(n);
    for (const i of g.assets) row[i] = 1;
    if (g.upper !== undefined && Number.isFinite(g.upper)) {
      G.push(...row);
      h.push(g.upper);
    }
    if (g.lower !== undefined && Number.isFinite(g.lower)) {
      G.push(...row.map((v) => -v));
      h.push(-g.lower);
    }
  }
  return { G, h };
};

/** ½ x'Px with P = 2(Σ + γI), i.e. the objective w'Σw + γ‖w‖², scaled by `scale`. */
const variancePart = (mv: MeanVariance, scale = 1): Float64Array => {
  const n = mv.mu.length;
  const P = new Float64Array(mv.cov.length);
  for (let k = 0; k < P.length; k++) P[k] = 2 * scale * mv.cov[k]!; // a loop: TypedArray.map calls back per entry
  const g = mv.gamma ?? 0;
  for (let i = 0; i < n; i++) P[i * n + i] = P[i * n + i]! + 2 * scale * g;
  return P;
};

const budgetProblem = (
  mv: MeanVariance,
  P: Float64Array,
  q: Float64Array,
  extraG: number[] = [],
  extraH: number[] = [],
): QpProblem => {
  const n = mv.mu.length;
  const { lower, upper } = boundsOf(mv);
  const groups = groupRows(mv, n);
  return {
    P,
    q,
    A: new Float64Array(n).fill(1),
    b: Float64Array.of(mv.marketNeutral ? 0 : 1),
    G: Float64Array.from([...groups.G, ...extraG]),
    h: Float64Array.from([...groups.h, ...extraH]),
    lower,
    upper,
  };
};

/** Minimum-variance portfolio: min w'Σw + γ‖w‖² s.t. Σw = 1, bounds, groups. */
export const minVolatility = (mv: MeanVariance): Float64Array =>
  solveQp(budgetProblem(mv, variancePart(mv), new Float64Array(mv.mu.length))).x;

/**
 * Maximum quadratic utility: max w'μ − (δ/2) w'Σw − γ‖w‖² (PyPortfolioOpt `max_quadratic_utility`).
 */
export const maxQuadraticUtility = (mv: MeanVariance, riskAversion = 1): Float64Array => {
  if (!(riskAversion > 0)) throw badInput('riskAversion', 'must be a positive number');
  const n = mv.mu.length;
  const P = mv.cov.map((v) => riskAversion * v);
  for (let i = 0; i < n; i++) P[i * n + i] = P[i * n + i]! + 2 * (mv.gamma ?? 0);
  return solveQp(
    budgetProblem(
      mv,
      P,
      mv.mu.map((v) => -v),
    ),
  ).x;
};

/** Efficient return: min w'Σw + γ‖w‖² s.t. w'μ ≥ target (Markowitz 1952). */
export const efficientReturn = (mv: MeanVariance, targetReturn: number): Float64Array => {
  const n = mv.mu.length;
  return solveQp(
    budgetProblem(
      mv,
      variancePart(mv),
      new Float64Array(n),
      Array.from(mv.mu, (v) => -v),
      [-targetReturn],
    ),
  ).x;
};

/**
 * Maximum Sharpe ratio by the homogenisation of Cornuejols & Tütüncü (2006, §8.2): with y = κw, κ > 0,
 * min y'Σy + γ‖y‖² s.t. (μ − rf)'y = 1, bounds and groups scaled by κ = Σy; then w = y/Σy. Exact (a QP).
 */
export const maxSharpe = (mv: MeanVariance, riskFreeRate = 0.02): Float64Array => {
  const n = mv.mu.length;
  const excess = mv.mu.map((v) => v - riskFreeRate);
  if (!excess.some((v) => v > 0))
    throw badInput('expected_returns', 'at least one asset must return more than the risk-free rate');
  const { lower, upper } = boundsOf(mv);
  const G: number[] = [];
  const h: number[] = [];
  const lo = new Float64Array(n).fill(-Infinity);
  const allLong = lower.every((v) => v >= 0);
  const addRow = (row: Float64Array): void => {
    G.push(...row);
    h.push(0);
  };
  for (let i = 0; i < n; i++) {
    const l = lower[i]!;
    const u = upper[i]!;
    if (l === 0) lo[i] = 0;
    else if (Number.isFinite(l)) addRow(Float64Array.from({ length: n }, (_, j) => (j === i ? -1 + l : l))); // l·Σy − y_i ≤ 0
    // y_i ≤ u·Σy is implied when all weights are long and u ≥ 1.
    if (Number.isFinite(u) && !(allLong && u >= 1))
      addRow(Float64Array.from({ length: n }, (_, j) => (j === i ? 1 - u : -u)));
  }
  for (const g of mv.groups ?? []) {
    const inG = new Uint8Array(n);
    for (const i of g.assets) inG[i] = 1;
    if (g.upper !== undefined) addRow(Float64Array.from(inG, (v) => v - g.upper!));
    if (g.lower !== undefined) addRow(Float64Array.from(inG, (v) => g.lower! - v));
  }
  if (!allLong) addRow(new Float64Array(n).fill(-1)); // κ = Σy ≥ 0
  const sol = solveQp({
    P: variancePart(mv),
    q: new Float64Array(n),
    A: excess,
    b: Float64Array.of(1),
    G: Float64Array.from(G),
    h: Float64Array.from(h),
    lower: lo,
    upper: new Float64Array(n).fill(Infinity),
  });
  const k = sol.x.reduce((s, v) => s + v, 0);
  return sol.x.map((v) => v / k);
};

/**
 * Efficient risk: max w'μ − γ‖w‖² s.t. √(w'Σw) ≤ target. Solved on the KKT path of the utility family
 * min ½w'Σw + γt‖w‖² − t·w'μ (t = 1/λ ≥ 0, volatility non-decreasing in t) by a safeguarded secant
 * (Illinois) search for the t whose volatility equals the target, each step an exact QP.
 */
export const efficientRisk = (mv: MeanVariance, targetVolatility: number): Float64Array => {
  const n = mv.mu.length;
  const at = (t: number): { w: Float64Array; f: number } => {
    const P = mv.cov.slice();
    for (let i = 0; i < n; i++) P[i * n + i] = P[i * n + i]! + 2 * (mv.gamma ?? 0) * t;
    const w = solveQp(
      budgetProblem(
        mv,
        P,
        mv.mu.map((v) => -t * v),
      ),
    ).x;
    return { w, f: quadForm(mv.cov, w, n) - targetVolatility ** 2 };
  };
  let a = { t: 0, ...at(0) };
  if (a.f > 1e-14)
    throw badInput(
      'target_volatility',
      `must be at least the minimum volatility ${Math.sqrt(a.f + targetVolatility ** 2).toFixed(6)}`,
    );
  let b = { t: 1, ...at(1) };
  while (b.f < 0) {
    const next = { t: b.t * 4, ...at(b.t * 4) };
    if (Math.abs(next.f - b.f) < 1e-15 * (1 + Math.abs(b.f)) || next.t > 1e9) return next.w; // target above the max-return portfolio
    a = b;
    b = next;
  }
  let side = 0;
  for (let it = 0; it < 200; it++) {
    const t = (a.t * b.f - b.t * a.f) / (b.f - a.f);
    const c = { t, ...at(t) };
    if (Math.abs(c.f) < 1e-15 || b.t - a.t < 1e-15 * b.t) return c.w;
    if (c.f < 0) {
      a = c;
      if (side === -1) b.f /= 2;
      side = -1;
    } else {
      b = c;
      if (side === 1) a.f /= 2;
      side = 1;
    }
  }
  return (Math.abs(a.f) < Math.abs(b.f) ? a : b).w;
};

/**
 * The efficient frontier as `points` portfolios from the minimum-volatility return to the highest attainable
 * return, each from `efficientReturn`.
 */
export const efficientFrontierCurve = (
  mv: MeanVariance,
  points = 30,
  riskFreeRate = 0.02,
): Array<Performance & { weights: Float64Array }> => {
  const rMin = dot(minVolatility(mv), mv.mu);
  // Stay a hair inside the top of the frontier, where the return constraint is degenerate with the bounds.
  const rMax = rMin + (maxAttainableReturn(mv) - rMin) * (1 - 1e-7);
  const out: Array<Performance & { weights: Float64Array }> = [];
  for (let k = 0; k < points; k++) {
    const target = rMin + ((rMax - rMin) * k) / Math.max(1, points - 1);
    const w = k === 0 ? minVolatility(mv) : efficientReturn(mv, target);
    out.push({ ...portfolioPerformance(w, mv.mu, mv.cov, riskFreeRate), weights: w });
  }
  return out;
};

/**
 * Highest attainable w'μ under the budget and bounds: a greedy fill of the best assets (exact LP optimum
 * without groups); with group limits, the utility solution with a negligible risk penalty.
 */
export const maxAttainableReturn = (mv: MeanVariance): number => {
  const n = mv.mu.length;
  const { lower, upper } = boundsOf(mv);
  if ((mv.groups ?? []).length === 0 && lower.every(Number.isFinite) && upper.every(Number.isFinite)) {
    const w = Float64Array.from(lower);
    let left = (mv.marketNeutral ? 0 : 1) - sum(lower);
    const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => mv.mu[b]! - mv.mu[a]!);
    for (const i of order) {
      const add = Math.min(upper[i]! - lower[i]!, Math.max(left, 0));
      w[i] = w[i]! + add;
      left -= add;
    }
    return dot(w, mv.mu);
  }
  const hi = solveQp(
    budgetProblem(
      mv,
      variancePart(mv, 1e-6),
      mv.mu.map((v) => -v),
    ),
  ).x;
  return dot(hi, mv.mu);
};

const sum = (a: Float64Array): number => a.reduce((s, v) => s + v, 0);
