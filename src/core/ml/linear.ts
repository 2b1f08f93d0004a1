import { badInput } from '../errors.js';
import { cholesky, choleskyInverse, choleskySolve } from '../linalg.js';
import { qrLeastSquares } from './linalg.js';

/**
 * Linear models on row-major design matrices (X: Float64Array of n·p, row i at X[i·p … i·p+p)).
 * With `intercept` (default true) coefficient 0 is the intercept and coefficient j+1 belongs to column j.
 */

export type OlsOptions = { weights?: Float64Array; intercept?: boolean };

export type OlsFit = {
  intercept: boolean;
  /** Coefficients (intercept first when fitted). */
  coef: Float64Array;
  /** Classical standard errors √(σ̂² (XᵀWX)⁻¹)ⱼⱼ, σ̂² = Σwᵢeᵢ² / (n − k). */
  se: Float64Array;
  /** Heteroskedasticity-robust HC1 standard errors (White 1980, with n/(n − k)). */
  seRobust: Float64Array;
  sigma2: number;
  df: number;
  r2: number;
  n: number;
};

/** Design matrix with an optional leading column of ones, rows scaled by s (√w for weighted fits). */
const design = (
  x: Float64Array,
  n: number,
  p: number,
  intercept: boolean,
  scale?: Float64Array,
): { a: Float64Array; k: number } => {
  const k = p + (intercept ? 1 : 0);
  const a = new Float64Array(n * k);
  for (let i = 0; i < n; i++) {
    const s = scale ? scale[i]! : 1;
    let o = i * k;
    if (intercept) a[o++] = s;
    for (let j = 0; j < p; j++) a[o + j] = s * x[i * p + j]!;
  }
  return { a, k };
};

const checkShapes = (x: Float64Array, n: number, p: number, y: Float64Array, w?: Float64Array): void => {
  if (x.length !== n * p) throw badInput('X', `has ${x.length} values, expected n·p = ${n * p}`);
  if (y.length !== n) throw badInput('y', `has ${y.length} values, expected n = ${n}`);
  if (w && w.length !== n) throw badInput('weights', `has ${w.length} values, expected n = ${n}`);
  for (let i = 0; i < x.length; i++) {
    if (!Number.isFinite(x[i]!)) throw badInput('X', `value at row ${Math.floor(i / p)} is not finite`);
  }
};

/**
 * Ordinary (or weighted) least squares β = argmin Σ wᵢ (yᵢ − xᵢβ)², solved by Householder QR.
 * Reference: Greene, Econometric Analysis, ch. 4; HC1 from MacKinnon & White (1985).
 */
export const fitOls = (
  x: Float64Array,
  n: number,
  p: number,
  y: Float64Array,
  opts: OlsOptions = {},
): OlsFit => {
  const intercept = opts.intercept ?? true;
  const w = opts.weights;
  checkShapes(x, n, p, y, w);
  const sw = w ? Float64Array.from(w, (v) => Math.sqrt(Math.max(v, 0))) : undefined;
  const { a, k } = design(x, n, p, intercept, sw);
  if (n <= k) throw badInput('X', `needs more rows (${n}) than coefficients (${k})`);
  const b = sw ? Float64Array.from(y, (v, i) => v * sw[i]!) : y;
  const ls = qrLeastSquares(a, n, k, b);
  if (!ls) throw badInput('X', 'columns are collinear (rank deficient); drop a redundant column');
  const df = n - k;
  const sigma2 = ls.rss / df;
  const se = new Float64Array(k);
  for (let j = 0; j < k; j++) se[j] = Math.sqrt(sigma2 * ls.xtxInv[j * k + j]!);
  // HC1 sandwich: (AᵀA)⁻¹ Aᵀ diag(ẽ²) A (AᵀA)⁻¹, with ẽ the √w-scaled residuals.
  const meat = new Float64Array(k * k);
  let sst = 0;
  let ybar = 0;
  let wsum = 0;
  for (let i = 0; i < n; i++) {
    const wi = w ? w[i]! : 1;
    ybar += wi * y[i]!;
    wsum += wi;
  }
  ybar /= wsum;
  for (let i = 0; i < n; i++) {
    let fit = 0;
    for (let j = 0; j < k; j++) fit += a[i * k + j]! * ls.beta[j]!;
    const e2 = (b[i]! - fit) ** 2;
    for (let r = 0; r < k; r++) {
      const ar = a[i * k + r]! * e2;
      for (let c = r; c < k; c++) meat[r * k + c] = meat[r * k + c]! + ar * a[i * k + c]!;
    }
    sst += (w ? w[i]! : 1) * (y[i]! - ybar) ** 2;
  }
  const seRobust = sandwichSe(ls.xtxInv, meat, k, n / df);
  const r2 = intercept ? 1 - ls.rss / sst : 1 - ls.rss / sumSq(b);
  return { intercept, coef: ls.beta, se, seRobust, sigma2, df, r2, n };
};

const sumSq = (v: Float64Array): number => v.reduce((s, x) => s + x * x, 0);

/** √diag(B M B)·√scale with M given by its upper triangle (row-major k×k). */
const sandwichSe = (bread: Float64Array, meatUpper: Float64Array, k: number, scale: number): Float64Array => {
  const m = new Float64Array(k * k);
  for (let r = 0; r < k; r++) {
    for (let c = r; c < k; c++) {
      m[r * k + c] = meatUpper[r * k + c]!;
      m[c * k + r] = meatUpper[r * k + c]!;
    }
  }
  const out = new Float64Array(k);
  for (let j = 0; j < k; j++) {
    let s = 0;
    for (let r = 0; r < k; r++) {
      let t = 0;
      for (let c = 0; c < k; c++) t += m[r * k + c]! * bread[c * k + j]!;
      s += bread[j * k + r]! * t;
    }
    out[j] = Math.sqrt(Math.max(s, 0) * scale);
  }
  return out;
};

/** Linear predictor xᵢβ (+ intercept) for each row of X. */
export const linearPredict = (
  coef: Float64Array,
  intercept: boolean,
  x: Float64Array,
  n: number,
): Float64Array => {
  const p = coef.length - (intercept ? 1 : 0);
  const out = new Float64Array(n);
  const off = intercept ? 1 : 0;
  for (let i = 0; i < n; i++) {
    let s = intercept ? coef[0]! : 0;
    for (let j = 0; j < p; j++) s += coef[off + j]! * x[i * p + j]!;
    out[i] = s;
  }
  return out;
};

export type LogisticOptions = {
  weights?: Float64Array;
  intercept?: boolean;
  /** L2 penalty λ on the slopes (not the intercept): objective −Σwᵢℓᵢ + λ/2‖β‖². sklearn's C = 1/λ. */
  l2?: number;
  maxIter?: number;
  /** Convergence when the largest Newton step component is below tol. */
  tol?: number;
};

export type LogisticFit = {
  intercept: boolean;
  coef: Float64Array;
  /** √diag of the inverse penalised observed information (XᵀWX + λI)⁻¹. */
  se: Float64Array;
  logLik: number;
  iterations: number;
  converged: boolean;
};

/** Numerically stable σ(z) = 1/(1+e^{−z}). */
export const sigmoid = (z: number): number => {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
};

/** log(1 + e^z) without overflow. */
const softplus = (z: number): number => (z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z)));

/**
 * Logistic regression by iteratively reweighted least squares (Newton–Raphson on the penalised
 * log-likelihood, McCullagh & Nelder 1989 §4.4) with step halving so that the objective never increases.
 * y must be 0/1 (fractions in [0, 1] are accepted as soft labels).
 */
export const fitLogistic = (
  x: Float64Array,
  n: number,
  p: number,
  y: Float64Array,
  opts: LogisticOptions = {},
): LogisticFit => {
  const intercept = opts.intercept ?? true;
  const w = opts.weights;
  const lambda = opts.l2 ?? 0;
  const maxIter = opts.maxIter ?? 100;
  const tol = opts.tol ?? 1e-10;
  checkShapes(x, n, p, y, w);
  for (let i = 0; i < n; i++) {
    if (!(y[i]! >= 0 && y[i]! <= 1)) throw badInput('y', `row ${i}: ${y[i]} is not a 0/1 label`);
  }
  const { a, k } = design(x, n, p, intercept);
  const beta = new Float64Array(k);
  const penStart = intercept ? 1 : 0;
  const objective = (b: Float64Array): number => {
    const eta = linearPredict(b, false, a, n);
    let nll = 0;
    for (let i = 0; i < n; i++) nll += (w ? w[i]! : 1) * (softplus(eta[i]!) - y[i]! * eta[i]!);
    let pen = 0;
    for (let j = penStart; j < k; j++) pen += b[j]! ** 2;
    return nll + 0.5 * lambda * pen;
  };
  let obj = objective(beta);
  let iterations = 0;
  let converged = false;
  let hess: Float64Array = new Float64Array(k * k);
  for (; iterations < maxIter; iterations++) {
    const { h, g } = gradHess(a, n, k, y, w, beta, lambda, penStart);
    hess = h;
    const l = cholesky(h, k) ?? cholesky(ridge(h, k, 1e-8), k);
    if (!l)
      throw badInput('X', 'information matrix is singular; drop collinear columns or set an L2 penalty');
    const step = choleskySolve(l, g, k);
    let t = 1;
    let next = beta.map((b, j) => b + step[j]!);
    let nextObj = objective(next);
    while (nextObj > obj + 1e-12 * Math.abs(obj) && t > 1e-8) {
      t /= 2;
      next = beta.map((b, j) => b + t * step[j]!);
      nextObj = objective(next);
    }
    let maxStep = 0;
    for (let j = 0; j < k; j++) maxStep = Math.max(maxStep, Math.abs(next[j]! - beta[j]!));
    beta.set(next);
    obj = nextObj;
    if (maxStep < tol || t <= 1e-8) {
      converged = maxStep < tol || t <= 1e-8;
      iterations++;
      hess = gradHess(a, n, k, y, w, beta, lambda, penStart).h;
      break;
    }
  }
  const l = cholesky(hess, k) ?? cholesky(ridge(hess, k, 1e-8), k);
  const inv = l ? choleskyInverse(l, k) : new Float64Array(k * k).fill(NaN);
  const se = new Float64Array(k);
  for (let j = 0; j < k; j++) se[j] = Math.sqrt(inv[j * k + j]!);
  let pen = 0;
  for (let j = penStart; j < k; j++) pen += beta[j]! ** 2;
  return { intercept, coef: beta, se, logLik: -(obj - 0.5 * lambda * pen), iterations, converged };
};

const ridge = (h: Float64Array, k: number, eps: number): Float64Array => {
  const out = Float64Array.from(h);
  let scale = 0;
  for (let j = 0; j < k; j++) scale = Math.max(scale, h[j * k + j]!);
  for (let j = 0; j < k; j++) out[j * k + j] = out[j * k + j]! + eps * (scale || 1);
  return out;
};

/** Gradient of the penalised log-likelihood and the (positive-definite) information XᵀWX + λI. */
const gradHess = (
  a: Float64Array,
  n: number,
  k: number,
  y: Float64Array,
  w: Float64Array | undefined,
  beta: Float64Array,
  lambda: number,
  penStart: number,
): { h: Float64Array; g: Float64Array } => {
  const h = new Float64Array(k * k);
  const g = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    const o = i * k;
    let eta = 0;
    for (let j = 0; j < k; j++) eta += a[o + j]! * beta[j]!;
    const mu = sigmoid(eta);
    const wi = w ? w[i]! : 1;
    const r = wi * (y[i]! - mu);
    const v = wi * mu * (1 - mu);
    for (let r0 = 0; r0 < k; r0++) {
      const ar = a[o + r0]!;
      g[r0] = g[r0]! + ar * r;
      const av = ar * v;
      for (let c = r0; c < k; c++) h[r0 * k + c] = h[r0 * k + c]! + av * a[o + c]!;
    }
  }
  for (let r0 = 0; r0 < k; r0++) for (let c = 0; c < r0; c++) h[r0 * k + c] = h[c * k + r0]!;
  for (let j = penStart; j < k; j++) {
    h[j * k + j] = h[j * k + j]! + lambda;
    g[j] = g[j]! - lambda * beta[j]!;
  }
  return { h, g };
};
