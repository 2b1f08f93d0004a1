import { badInput } from '../errors.js';
import { cholesky, choleskyInverse, choleskySolve } from '../linalg.js';

/** Survival analysis for renewal/churn timing: Kaplan–Meier and Cox proportional hazards. */

export type KaplanMeier = {
  /** Distinct event times, ascending. */
  times: Float64Array;
  /** Ŝ(t) just after each time. */
  survival: Float64Array;
  atRisk: Float64Array;
  events: Float64Array;
  /** Greenwood standard error of Ŝ(t). */
  se: Float64Array;
  /** Ŝ(t) for any t (step function, right-continuous). */
  at(t: number): number;
};

const checkSurv = (time: Float64Array, event: Float64Array): void => {
  if (time.length !== event.length)
    throw badInput('event', `has ${event.length} values, expected ${time.length}`);
  for (let i = 0; i < time.length; i++) {
    if (!Number.isFinite(time[i]!) || time[i]! < 0)
      throw badInput('time', `row ${i}: ${time[i]} is not a duration ≥ 0`);
    if (event[i] !== 0 && event[i] !== 1) throw badInput('event', `row ${i}: ${event[i]} is not 0/1`);
  }
};

/**
 * Kaplan–Meier product-limit estimator Ŝ(t) = Π_{tᵢ ≤ t} (1 − dᵢ/nᵢ) with Greenwood's variance
 * Ŝ² Σ dᵢ/(nᵢ(nᵢ − dᵢ)) (Kaplan & Meier 1958). event = 1 for an observed event, 0 for censoring.
 */
export const kaplanMeier = (time: Float64Array, event: Float64Array): KaplanMeier => {
  checkSurv(time, event);
  const idx = Int32Array.from({ length: time.length }, (_, i) => i).sort((a, b) => time[a]! - time[b]!);
  const times: number[] = [];
  const surv: number[] = [];
  const risk: number[] = [];
  const ev: number[] = [];
  const se: number[] = [];
  let atRisk = time.length;
  let s = 1;
  let green = 0;
  for (let k = 0; k < idx.length;) {
    const t = time[idx[k]!]!;
    let d = 0;
    let m = 0;
    for (; k < idx.length && time[idx[k]!] === t; k++, m++) d += event[idx[k]!]!;
    if (d > 0) {
      s *= 1 - d / atRisk;
      green += atRisk > d ? d / (atRisk * (atRisk - d)) : 0;
      times.push(t);
      surv.push(s);
      risk.push(atRisk);
      ev.push(d);
      se.push(s * Math.sqrt(green));
    }
    atRisk -= m;
  }
  const T = Float64Array.from(times);
  const S = Float64Array.from(surv);
  return {
    times: T,
    survival: S,
    atRisk: Float64Array.from(risk),
    events: Float64Array.from(ev),
    se: Float64Array.from(se),
    at: (t) => {
      let lo = 0;
      let hi = T.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (T[mid]! <= t) lo = mid + 1;
        else hi = mid;
      }
      return lo === 0 ? 1 : S[lo - 1]!;
    },
  };
};

export type CoxFit = {
  coef: Float64Array;
  se: Float64Array;
  logLik: number;
  iterations: number;
  converged: boolean;
};

/**
 * Cox proportional hazards by Newton–Raphson on the partial likelihood with Efron's tie correction
 * (Efron 1977; Therneau & Grambsch 2000 §3.3). X is row-major n×p without an intercept.
 */
export const fitCox = (
  x: Float64Array,
  n: number,
  p: number,
  time: Float64Array,
  event: Float64Array,
  opts: { maxIter?: number; tol?: number } = {},
): CoxFit => {
  checkSurv(time, event);
  if (x.length !== n * p || time.length !== n)
    throw badInput('X', `shape does not match ${n} rows × ${p} columns`);
  // Descending time: the risk set of a time is every row seen so far, plus its tied rows.
  const idx = Int32Array.from({ length: n }, (_, i) => i).sort((a, b) => time[b]! - time[a]!);
  const beta = new Float64Array(p);
  let ll = efron(x, p, time, event, idx, beta).ll;
  let iterations = 0;
  let converged = false;
  const maxIter = opts.maxIter ?? 50;
  for (; iterations < maxIter; iterations++) {
    const { grad, info } = efron(x, p, time, event, idx, beta);
    const l = cholesky(info, p);
    if (!l) throw badInput('X', 'information matrix is singular; drop collinear or constant columns');
    const step = choleskySolve(l, grad, p);
    let t = 1;
    let next = beta.map((b, j) => b + step[j]!);
    let nextLl = efron(x, p, time, event, idx, next).ll;
    while (nextLl < ll - 1e-12 * Math.abs(ll) && t > 1e-6) {
      t /= 2;
      next = beta.map((b, j) => b + t * step[j]!);
      nextLl = efron(x, p, time, event, idx, next).ll;
    }
    beta.set(next);
    const done = Math.abs(nextLl - ll) < (opts.tol ?? 1e-10) * (1 + Math.abs(ll));
    ll = nextLl;
    if (done) {
      converged = true;
      iterations++;
      break;
    }
  }
  const l = cholesky(efron(x, p, time, event, idx, beta).info, p);
  const inv = l ? choleskyInverse(l, p) : new Float64Array(p * p).fill(NaN);
  return {
    coef: beta,
    se: Float64Array.from({ length: p }, (_, j) => Math.sqrt(inv[j * p + j]!)),
    logLik: ll,
    iterations,
    converged,
  };
};

/** Efron partial log-likelihood, its gradient and the observed information at β. */
const efron = (
  x: Float64Array,
  p: number,
  time: Float64Array,
  event: Float64Array,
  idx: Int32Array,
  beta: Float64Array,
): { ll: number; grad: Float64Array; info: Float64Array } => {
  const n = idx.length;
  let s0 = 0;
  const s1 = new Float64Array(p);
  const s2 = new Float64Array(p * p);
  const grad = new Float64Array(p);
  const info = new Float64Array(p * p);
  let ll = 0;
  for (let k = 0; k < n;) {
    const t = time[idx[k]!]!;
    let d = 0;
    let e0 = 0;
    const e1 = new Float64Array(p);
    const e2 = new Float64Array(p * p);
    for (; k < n && time[idx[k]!] === t; k++) {
      const i = idx[k]!;
      let eta = 0;
      for (let j = 0; j < p; j++) eta += beta[j]! * x[i * p + j]!;
      const r = Math.exp(eta);
      s0 += r;
      for (let a = 0; a < p; a++) {
        const xa = x[i * p + a]!;
        s1[a] = s1[a]! + r * xa;
        for (let b = 0; b < p; b++) s2[a * p + b] = s2[a * p + b]! + r * xa * x[i * p + b]!;
      }
      if (event[i] === 1) {
        d++;
        ll += eta;
        e0 += r;
        for (let a = 0; a < p; a++) {
          const xa = x[i * p + a]!;
          grad[a] = grad[a]! + xa;
          e1[a] = e1[a]! + r * xa;
          for (let b = 0; b < p; b++) e2[a * p + b] = e2[a * p + b]! + r * xa * x[i * p + b]!;
        }
      }
    }
    for (let l = 0; l < d; l++) {
      const f = l / d;
      const den = s0 - f * e0;
      ll -= Math.log(den);
      for (let a = 0; a < p; a++) {
        const ma = (s1[a]! - f * e1[a]!) / den;
        grad[a] = grad[a]! - ma;
        for (let b = 0; b < p; b++) {
          const mb = (s1[b]! - f * e1[b]!) / den;
          info[a * p + b] = info[a * p + b]! + (s2[a * p + b]! - f * e2[a * p + b]!) / den - ma * mb;
        }
      }
    }
  }
  return { ll, grad, info };
};

/**
 * Population stability index Σ (aᵢ − eᵢ)·ln(aᵢ/eᵢ) over bins of the expected (baseline) distribution's
 * quantiles (Siddiqi 2006); shares floored at 1e-4 so empty bins stay finite. < 0.1 stable, 0.1–0.25 watch,
 * > 0.25 shifted (industry convention).
 */
export const psi = (expected: Float64Array, actual: Float64Array, bins = 10): number => {
  const e = expected.filter((v) => !Number.isNaN(v)).sort();
  if (e.length === 0 || actual.length === 0)
    throw badInput('expected', 'needs non-empty baseline and current samples');
  const edges: number[] = [];
  for (let b = 1; b < bins; b++) {
    const q = e[Math.min(e.length - 1, Math.floor((b * e.length) / bins))]!;
    if (edges.length === 0 || q > edges[edges.length - 1]!) edges.push(q);
  }
  const share = (v: Float64Array): Float64Array => {
    const c = new Float64Array(edges.length + 1);
    let m = 0;
    for (const x of v) {
      if (Number.isNaN(x)) continue;
      let b = 0;
      while (b < edges.length && x >= edges[b]!) b++;
      c[b] = c[b]! + 1;
      m++;
    }
    return c.map((k) => Math.max(k / m, 1e-4));
  };
  const se = share(e);
  const sa = share(actual);
  let out = 0;
  for (let b = 0; b < se.length; b++) out += (sa[b]! - se[b]!) * Math.log(sa[b]! / se[b]!);
  return out;
};
