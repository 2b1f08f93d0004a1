import { returnsFromPrices, type Panel } from './prices.js';
import { covOfReturns, fixNonPsd, type CovMatrix } from './risk-models.js';

export type ShrinkageTarget = 'constant_variance' | 'single_factor' | 'constant_correlation';

/** Demeaned returns with missing values set to 0 first (as PyPortfolioOpt's `np.nan_to_num` does), T×n row-major. */
const demeaned = (r: Panel): { X: Float64Array; t: number; n: number } => {
  const n = r.cols.length;
  const t = r.cols[0]?.length ?? 0;
  const X = new Float64Array(t * n);
  for (let j = 0; j < n; j++) {
    const c = r.cols[j]!;
    let s = 0;
    for (let k = 0; k < t; k++) s += Number.isNaN(c[k]!) ? 0 : c[k]!;
    const m = s / t;
    for (let k = 0; k < t; k++) X[k * n + j] = (Number.isNaN(c[k]!) ? 0 : c[k]!) - m;
  }
  return { X, t, n };
};

/** A'B / t for T×n row-major A, B (n×n result). */
const crossProd = (A: Float64Array, B: Float64Array, t: number, n: number): Float64Array => {
  const out = new Float64Array(n * n);
  for (let k = 0; k < t; k++) {
    const o = k * n;
    for (let i = 0; i < n; i++) {
      const a = A[o + i]!;
      if (a === 0) continue;
      for (let j = 0; j < n; j++) out[i * n + j] = out[i * n + j]! + a * B[o + j]!;
    }
  }
  for (let i = 0; i < n * n; i++) out[i] = out[i]! / t;
  return out;
};

const sum = (a: Float64Array): number => a.reduce((s, v) => s + v, 0);

/**
 * Ledoit & Wolf (2004) shrinkage to μI, μ = mean variance, with the population (ddof 0) covariance
 * (scikit-learn `ledoit_wolf`, used by PyPortfolioOpt's default target).
 */
const constantVariance = (r: Panel): { cov: Float64Array; delta: number } => {
  const { X, t, n } = demeaned(r);
  const emp = crossProd(X, X, t, n);
  let trace = 0;
  for (let i = 0; i < n; i++) trace += emp[i * n + i]!;
  const mu = trace / n;
  const X2 = X.map((v) => v * v);
  const beta_ = sum(crossProd(X2, X2, t, n)) * t; // Σ (X2'X2) without the 1/t
  const delta_ = sum(emp.map((v) => v * v)); // Σ (X'X)² / t²
  const beta0 = (1 / (n * t)) * (beta_ / t - delta_);
  const delta = (delta_ - 2 * mu * trace + n * mu * mu) / n;
  const beta = Math.min(beta0, delta);
  const shrinkage = beta === 0 ? 0 : beta / delta;
  const cov = emp.map((v) => (1 - shrinkage) * v);
  for (let i = 0; i < n; i++) cov[i * n + i] = cov[i * n + i]! + shrinkage * mu;
  return { cov, delta: shrinkage };
};

/** Ledoit & Wolf (2003) shrinkage to the single-index (equal-weighted market) model, population moments. */
const singleFactor = (r: Panel): { cov: Float64Array; delta: number } => {
  const { X, t, n } = demeaned(r);
  const xm = new Float64Array(t);
  for (let k = 0; k < t; k++) {
    let s = 0;
    for (let j = 0; j < n; j++) s += X[k * n + j]!;
    xm[k] = s / n;
  }
  const sample = crossProd(X, X, t, n); // (t−1)/t · np.cov = population covariance (X already demeaned, xm mean 0)
  const betas = new Float64Array(n);
  let varmkt = 0;
  for (let k = 0; k < t; k++) varmkt += xm[k]! * xm[k]!;
  varmkt /= t;
  for (let j = 0; j < n; j++) {
    let s = 0;
    for (let k = 0; k < t; k++) s += X[k * n + j]! * xm[k]!;
    betas[j] = s / t;
  }
  const F = new Float64Array(n * n);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++)
      F[i * n + j] = i === j ? sample[i * n + i]! : (betas[i]! * betas[j]!) / varmkt;
  let c = 0;
  for (let i = 0; i < n * n; i++) c += (sample[i]! - F[i]!) ** 2;
  const Y = X.map((v) => v * v);
  const p = sum(crossProd(Y, Y, t, n)) - sum(sample.map((v) => v * v));
  let rdiag = sum(Y.map((v) => v * v)) / t;
  for (let i = 0; i < n; i++) rdiag -= sample[i * n + i]! ** 2;
  const Z = new Float64Array(t * n);
  for (let k = 0; k < t; k++) for (let j = 0; j < n; j++) Z[k * n + j] = X[k * n + j]! * xm[k]!;
  const yz = crossProd(Y, Z, t, n);
  const zz = crossProd(Z, Z, t, n);
  let roff1 = 0;
  let roff3 = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const v1 = yz[i * n + j]! - betas[i]! * sample[i * n + j]!;
      const v3 = zz[i * n + j]! - varmkt * sample[i * n + j]!;
      if (i !== j) {
        roff1 += (v1 * betas[j]!) / varmkt;
        roff3 += (v3 * betas[i]! * betas[j]!) / varmkt ** 2;
      }
    }
  }
  const rr = rdiag + 2 * roff1 - roff3;
  const delta = Math.max(0, Math.min(1, (p - rr) / c / t));
  return { cov: F.map((f, i) => delta * f + (1 - delta) * sample[i]!), delta };
};

/** Ledoit & Wolf (2003, "Honey, I shrunk…") shrinkage to the constant-correlation matrix. */
const constantCorrelation = (r: Panel): { cov: Float64Array; delta: number } => {
  const S = covOfReturns(r, 1).data;
  const { X, t, n } = demeaned(r);
  const sd = Float64Array.from({ length: n }, (_, i) => Math.sqrt(S[i * n + i]!));
  let rsum = 0;
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) rsum += S[i * n + j]! / (sd[i]! * sd[j]!);
  const rBar = (rsum - n) / (n * (n - 1));
  const F = new Float64Array(n * n);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) F[i * n + j] = i === j ? S[i * n + i]! : rBar * sd[i]! * sd[j]!;
  const Y = X.map((v) => v * v);
  const yy = crossProd(Y, Y, t, n);
  const xx = crossProd(X, X, t, n);
  const X3 = X.map((v) => v * v * v);
  const x3x = crossProd(X3, X, t, n);
  let piHat = 0;
  let piDiag = 0;
  let thetaSum = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const s = S[i * n + j]!;
      const pij = yy[i * n + j]! - 2 * xx[i * n + j]! * s + s * s;
      piHat += pij;
      if (i === j) {
        piDiag += pij;
        continue;
      }
      const theta = x3x[i * n + j]! - xx[i * n + i]! * s - xx[i * n + j]! * S[i * n + i]! + S[i * n + i]! * s;
      thetaSum += (sd[j]! / sd[i]!) * theta;
    }
  }
  const rho = piDiag + rBar * thetaSum;
  let gamma = 0;
  for (let i = 0; i < n * n; i++) gamma += (S[i]! - F[i]!) ** 2;
  const delta = Math.max(0, Math.min(1, (piHat - rho) / gamma / t));
  return { cov: F.map((f, i) => delta * f + (1 - delta) * S[i]!), delta };
};

/**
 * Ledoit–Wolf shrunk covariance of the daily returns, annualised by `frequency` (PyPortfolioOpt
 * `CovarianceShrinkage.ledoit_wolf`); also returns the shrinkage intensity δ ∈ [0, 1].
 */
export const ledoitWolf = (
  prices: Panel,
  target: ShrinkageTarget = 'constant_variance',
  frequency = 252,
): CovMatrix & { delta: number } => {
  const r = returnsFromPrices(prices);
  const res =
    target === 'single_factor'
      ? singleFactor(r)
      : target === 'constant_correlation'
        ? constantCorrelation(r)
        : constantVariance(r);
  const n = r.cols.length;
  const fixed = fixNonPsd({ assets: r.assets, n, data: res.cov.map((v) => v * frequency) });
  return { ...fixed, delta: res.delta };
};

/** Manual shrinkage (1 − δ)S + δ·(tr S / n)·I of the sample covariance (PyPortfolioOpt `shrunk_covariance`). */
export const shrunkCovariance = (prices: Panel, delta = 0.2, frequency = 252): CovMatrix => {
  const S = covOfReturns(returnsFromPrices(prices), 1);
  const { n, data } = S;
  let tr = 0;
  for (let i = 0; i < n; i++) tr += data[i * n + i]!;
  const out = data.map((v, k) => ((1 - delta) * v + (k % (n + 1) === 0 ? (delta * tr) / n : 0)) * frequency);
  return fixNonPsd({ assets: S.assets, n, data: out });
};
