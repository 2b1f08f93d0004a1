import { normalQuantile } from '../../experiment/distributions.js';

export type EffectMethod =
  | 'difference'
  | 'regression'
  | 'ipw'
  | 'ipw-ht'
  | 'matching'
  | 'aipw'
  | 'dml'
  | 's-learner'
  | 't-learner'
  | 'x-learner'
  | 'r-learner'
  | 'dr-learner';

/** One effect estimate with its normal-approximation confidence interval. */
export type EffectResult = {
  method: EffectMethod;
  ate: number;
  se: number;
  ci_low: number;
  ci_high: number;
  att: number | null;
  att_se: number | null;
  n: number;
  n_treated: number;
  /** Per-row effect (meta-learners). */
  cate?: Float64Array;
};

export const Z95 = normalQuantile(0.975);

export const withCi = (
  method: EffectMethod,
  ate: number,
  se: number,
  extra: { att?: number | null; att_se?: number | null; n: number; n_treated: number; cate?: Float64Array },
): EffectResult => ({
  method,
  ate,
  se,
  ci_low: ate - Z95 * se,
  ci_high: ate + Z95 * se,
  att: extra.att ?? null,
  att_se: extra.att_se ?? null,
  n: extra.n,
  n_treated: extra.n_treated,
  ...(extra.cate ? { cate: extra.cate } : {}),
});

/** Standard error of a mean from an influence function: sd(φ)/√n. */
export const ifSe = (phi: ArrayLike<number>): number => {
  const n = phi.length;
  let m = 0;
  for (let i = 0; i < n; i++) m += phi[i]!;
  m /= n;
  let s = 0;
  for (let i = 0; i < n; i++) s += (phi[i]! - m) ** 2;
  return Math.sqrt(s / (n - 1) / n);
};
