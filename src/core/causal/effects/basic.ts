import { AppError } from '../../errors.js';
import { fitOls } from '../../ml/index.js';
import type { CausalData } from './data.js';
import { countTreated } from './data.js';
import type { EffectResult } from './result.js';
import { ifSe, withCi } from './result.js';

/** Difference in means Ȳ₁ − Ȳ₀ with the unequal-variance (Neyman) standard error √(s₁²/n₁ + s₀²/n₀). */
export const differenceInMeans = (d: CausalData): EffectResult => {
  let s1 = 0;
  let s0 = 0;
  let n1 = 0;
  for (let i = 0; i < d.n; i++) {
    if (d.t[i] === 1) {
      s1 += d.y[i]!;
      n1++;
    } else s0 += d.y[i]!;
  }
  const n0 = d.n - n1;
  const m1 = s1 / n1;
  const m0 = s0 / n0;
  let v1 = 0;
  let v0 = 0;
  for (let i = 0; i < d.n; i++) {
    if (d.t[i] === 1) v1 += (d.y[i]! - m1) ** 2;
    else v0 += (d.y[i]! - m0) ** 2;
  }
  const se = Math.sqrt(v1 / (n1 - 1) / n1 + v0 / (n0 - 1) / n0);
  return withCi('difference', m1 - m0, se, { att: m1 - m0, att_se: se, n: d.n, n_treated: n1 });
};

/**
 * Regression adjustment: OLS of y on [1, t, X]; the effect is the coefficient of t (constant-effect model),
 * with the heteroskedasticity-robust HC1 standard error.
 */
export const regressionAdjustment = (d: CausalData): EffectResult => {
  const x = new Float64Array(d.n * (d.p + 1));
  for (let i = 0; i < d.n; i++) {
    x[i * (d.p + 1)] = d.t[i]!;
    x.set(d.x.subarray(i * d.p, (i + 1) * d.p), i * (d.p + 1) + 1);
  }
  const fit = fitOls(x, d.n, d.p + 1, d.y);
  const ate = fit.coef[1]!;
  const se = fit.seRobust[1]!;
  return withCi('regression', ate, se, { att: ate, att_se: se, n: d.n, n_treated: countTreated(d.t) });
};

/**
 * Inverse propensity weighting. Horvitz–Thompson: mean(t·y/e − (1−t)·y/(1−e)). Normalised (Hájek): weighted
 * means with weights normalised to sum to one in each arm. ATT weights controls by e/(1−e). SEs from the
 * influence functions with the propensity treated as known (Lunceford & Davidian 2004, eqs. 4–5).
 */
export const ipw = (d: CausalData, e: Float64Array, normalised: boolean): EffectResult => {
  const n = d.n;
  let a1 = 0;
  let b1 = 0;
  let a0 = 0;
  let b0 = 0;
  let attA0 = 0;
  let attB0 = 0;
  let n1 = 0;
  let sumY1 = 0;
  for (let i = 0; i < n; i++) {
    const t = d.t[i]!;
    const y = d.y[i]!;
    const ei = e[i]!;
    a1 += (t * y) / ei;
    b1 += t / ei;
    a0 += ((1 - t) * y) / (1 - ei);
    b0 += (1 - t) / (1 - ei);
    attA0 += ((1 - t) * y * ei) / (1 - ei);
    attB0 += ((1 - t) * ei) / (1 - ei);
    n1 += t;
    sumY1 += t * y;
  }
  const mu1 = normalised ? a1 / b1 : a1 / n;
  const mu0 = normalised ? a0 / b0 : a0 / n;
  const phi = new Float64Array(n);
  const psi = new Float64Array(n);
  const y1 = sumY1 / n1;
  const y0att = normalised ? attA0 / attB0 : attA0 / n1;
  for (let i = 0; i < n; i++) {
    const t = d.t[i]!;
    const y = d.y[i]!;
    const ei = e[i]!;
    phi[i] = normalised
      ? (t * (y - mu1)) / ei / (b1 / n) - ((1 - t) * (y - mu0)) / (1 - ei) / (b0 / n)
      : (t * y) / ei - ((1 - t) * y) / (1 - ei);
    const r0 = ((1 - t) * ei) / (1 - ei);
    psi[i] = ((t * (y - y1)) / n1 - (r0 * (y - y0att)) / (normalised ? attB0 : n1)) * n;
  }
  return withCi(normalised ? 'ipw' : 'ipw-ht', mu1 - mu0, ifSe(phi, d.clusters), {
    att: y1 - y0att,
    att_se: ifSe(psi, d.clusters),
    n,
    n_treated: n1,
  });
};

const nearest = (sortedE: Float64Array, sortedIdx: Uint32Array, v: number, skip = -1): number => {
  let lo = 0;
  let hi = sortedE.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sortedE[mid]! < v) lo = mid + 1;
    else hi = mid;
  }
  let best = -1;
  let dist = Infinity;
  for (let k = Math.max(0, lo - 2); k < Math.min(sortedE.length, lo + 2); k++) {
    if (sortedIdx[k] === skip) continue;
    const dd = Math.abs(sortedE[k]! - v);
    if (dd < dist) {
      dist = dd;
      best = sortedIdx[k]!;
    }
  }
  return best;
};

const armIndex = (d: CausalData, e: Float64Array, arm: number) => {
  const rows = [...d.t.keys()].filter((i) => d.t[i] === arm).sort((a, b) => e[a]! - e[b]! || a - b);
  return { idx: Uint32Array.from(rows), e: Float64Array.from(rows, (i) => e[i]!) };
};

/**
 * One-to-one nearest-neighbour matching on the propensity score, with replacement. ATT averages
 * y_i − y_{m(i)} over the treated, ATC over the controls, ATE weights both. Variance by Abadie & Imbens
 * (2006, Thm 7) with K(i) = times row i is used as a match and σ²(X_i) from its nearest same-arm neighbour.
 */
export const propensityMatching = (d: CausalData, e: Float64Array): EffectResult => {
  const arms = [armIndex(d, e, 0), armIndex(d, e, 1)];
  if (arms[0]!.idx.length < 2 || arms[1]!.idx.length < 2) {
    throw new AppError('INSUFFICIENT_EVIDENCE', 'matching needs at least two treated and two control rows');
  }
  const imputed = new Float64Array(d.n); // the counterfactual outcome of each row
  const k = new Float64Array(d.n);
  const sigma2 = new Float64Array(d.n);
  for (let i = 0; i < d.n; i++) {
    const own = d.t[i] === 1 ? 1 : 0;
    const other = arms[1 - own]!;
    const j = nearest(other.e, other.idx, e[i]!);
    imputed[i] = d.y[j]!;
    k[j] = k[j]! + 1;
    const same = arms[own]!;
    const l = nearest(same.e, same.idx, e[i]!, i);
    sigma2[i] = 0.5 * (d.y[i]! - d.y[l]!) ** 2;
  }
  let att = 0;
  let atc = 0;
  let n1 = 0;
  for (let i = 0; i < d.n; i++) {
    if (d.t[i] === 1) {
      att += d.y[i]! - imputed[i]!;
      n1++;
    } else atc += imputed[i]! - d.y[i]!;
  }
  const ate = (att + atc) / d.n;
  att /= n1;
  let vAte = 0;
  let vAtt = 0;
  for (let i = 0; i < d.n; i++) {
    const tau = d.t[i] === 1 ? d.y[i]! - imputed[i]! : imputed[i]! - d.y[i]!;
    vAte += (tau - ate) ** 2 + (k[i]! ** 2 + k[i]!) * sigma2[i]!;
    if (d.t[i] === 1) vAtt += (tau - att) ** 2;
    else vAtt += k[i]! * (k[i]! - 1) * sigma2[i]!;
  }
  return withCi('matching', ate, Math.sqrt(vAte) / d.n, {
    att,
    att_se: Math.sqrt(vAtt) / n1,
    n: d.n,
    n_treated: n1,
  });
};
