import { badInput } from '../errors.js';
import { inverse, matVec, solve } from './linalg.js';

/**
 * Market-implied risk aversion δ = (E[r_m]·F − rf) / (Var(r_m)·F) from market prices (PyPortfolioOpt
 * `market_implied_risk_aversion`; sample variance, ddof 1).
 */
export const marketImpliedRiskAversion = (
  marketPrices: ArrayLike<number>,
  riskFreeRate = 0.02,
  frequency = 252,
): number => {
  const r: number[] = [];
  for (let t = 1; t < marketPrices.length; t++) {
    const v = marketPrices[t]! / marketPrices[t - 1]! - 1;
    if (Number.isFinite(v)) r.push(v);
  }
  const m = r.reduce((a, b) => a + b, 0) / r.length;
  const v = r.reduce((a, b) => a + (b - m) ** 2, 0) / (r.length - 1);
  return (m * frequency - riskFreeRate) / (v * frequency);
};

/** Equilibrium (CAPM reverse-optimised) returns π = δ Σ w_mkt + rf with w_mkt ∝ market caps (He & Litterman 1999). */
export const marketImpliedPriorReturns = (
  marketCaps: ArrayLike<number>,
  riskAversion: number,
  cov: Float64Array,
  riskFreeRate = 0.02,
): Float64Array => {
  const total = Array.from(marketCaps).reduce((a, b) => a + b, 0);
  const w = Float64Array.from(marketCaps, (c) => c / total);
  return matVec(cov, w, w.length).map((v) => riskAversion * v + riskFreeRate);
};

/** K views: P (K×n row-major) picks portfolios, Q their expected returns; relative views have +/− entries. */
export type Views = { P: Float64Array; Q: Float64Array };

/** Builds P and Q from absolute views {asset index: expected return}. */
export const absoluteViews = (n: number, views: ReadonlyArray<{ asset: number; value: number }>): Views => {
  const P = new Float64Array(views.length * n);
  views.forEach((v, k) => (P[k * n + v.asset] = 1));
  return { P, Q: Float64Array.from(views, (v) => v.value) };
};

const pSigmaPt = (P: Float64Array, cov: Float64Array, n: number, k: number): Float64Array => {
  const out = new Float64Array(k * k);
  for (let a = 0; a < k; a++) {
    const sp = matVec(cov, P.subarray(a * n, a * n + n), n);
    for (let b = 0; b < k; b++) {
      let s = 0;
      for (let i = 0; i < n; i++) s += P[b * n + i]! * sp[i]!;
      out[b * k + a] = s;
    }
  }
  return out;
};

/** He–Litterman default uncertainty Ω = diag(τ P Σ P'). */
export const defaultOmega = (cov: Float64Array, views: Views, tau = 0.05): Float64Array => {
  const k = views.Q.length;
  const n = Math.round(Math.sqrt(cov.length));
  const m = pSigmaPt(views.P, cov, n, k);
  const out = new Float64Array(k * k);
  for (let a = 0; a < k; a++) out[a * k + a] = tau * m[a * k + a]!;
  return out;
};

/**
 * Idzorek (2005) Ω from confidences c ∈ [0, 1] per view, in Walters' closed form
 * ω_k = τ·((1 − c)/c)·p_k Σ p_k'; c = 0 gives 1e6 (the view is ignored), c = 1 gives 0 (the view is certain).
 */
export const idzorekOmega = (
  cov: Float64Array,
  views: Views,
  confidences: ArrayLike<number>,
  tau = 0.05,
): Float64Array => {
  const k = views.Q.length;
  const n = Math.round(Math.sqrt(cov.length));
  const m = pSigmaPt(views.P, cov, n, k);
  const out = new Float64Array(k * k);
  for (let a = 0; a < k; a++) {
    const c = confidences[a]!;
    if (!(c >= 0 && c <= 1)) throw badInput(`view_confidences[${a}]`, 'must be between 0 and 1');
    out[a * k + a] = c === 0 ? 1e6 : tau * ((1 - c) / c) * m[a * k + a]!;
  }
  return out;
};

/**
 * Black–Litterman posterior (Black & Litterman 1992; Walters 2014 notation):
 *   μ_BL = π + τΣP'(PτΣP' + Ω)⁻¹(Q − Pπ),   Σ_BL = Σ + τΣ − τΣP'(PτΣP' + Ω)⁻¹PτΣ.
 * The second form of Σ_BL avoids inverting Ω, so certain views (Ω = 0) work.
 */
export const blackLitterman = (input: {
  cov: Float64Array;
  pi: Float64Array;
  views: Views;
  omega?: Float64Array;
  tau?: number;
}): { posteriorReturns: Float64Array; posteriorCov: Float64Array } => {
  const { cov, pi, views } = input;
  const tau = input.tau ?? 0.05;
  const n = pi.length;
  const k = views.Q.length;
  const omega = input.omega ?? defaultOmega(cov, views, tau);
  // τΣP' (n×k)
  const tsp = new Float64Array(n * k);
  for (let a = 0; a < k; a++) {
    const col = matVec(cov, views.P.subarray(a * n, a * n + n), n);
    for (let i = 0; i < n; i++) tsp[i * k + a] = tau * col[i]!;
  }
  const A = pSigmaPt(views.P, cov, n, k).map((v, i) => tau * v + omega[i]!);
  const resid = Float64Array.from(views.Q, (q, a) => {
    let s = 0;
    for (let i = 0; i < n; i++) s += views.P[a * n + i]! * pi[i]!;
    return q - s;
  });
  const sol = solve(A, resid, k);
  const Ainv = inverse(A, k);
  if (!sol || !Ainv) throw badInput('views', 'the views are linearly dependent; remove duplicated views');
  const posteriorReturns = Float64Array.from(pi, (p, i) => {
    let s = 0;
    for (let a = 0; a < k; a++) s += tsp[i * k + a]! * sol[a]!;
    return p + s;
  });
  const posteriorCov = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let a = 0; a < k; a++)
        for (let c = 0; c < k; c++) s += tsp[i * k + a]! * Ainv[a * k + c]! * tsp[j * k + c]!;
      posteriorCov[i * n + j] = (1 + tau) * cov[i * n + j]! - s;
    }
  }
  return { posteriorReturns, posteriorCov };
};

/** Unconstrained optimal weights (δΣ)⁻¹μ normalised to sum to 1 (PyPortfolioOpt `bl_weights`). */
export const blWeights = (cov: Float64Array, returns: Float64Array, riskAversion = 1): Float64Array => {
  const n = returns.length;
  const raw = solve(
    cov.map((v) => riskAversion * v),
    returns,
    n,
  );
  if (!raw) throw badInput('cov', 'covariance matrix is singular');
  const s = raw.reduce((a, b) => a + b, 0);
  return raw.map((v) => v / s);
};
