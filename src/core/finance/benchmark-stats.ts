import { annualReturn, annualizationFactor, type Period } from './returns.js';
import { nanMean, nanStd, type Series } from './stats.js';
import type { Rate } from './ratios.js';

const minus = (x: Series, rate: Rate): Float64Array => {
  const out = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) out[i] = x[i]! - (typeof rate === 'number' ? rate : rate[i]!);
  return out;
};

/**
 * Beta cov(r, f) / var(f) as empyrical `beta_aligned`: population moments, the factor masked where the
 * returns are missing, and NaN when var(f) < 1e−30. Series must be date-aligned and of equal length.
 */
export const beta = (returns: Series, factor: Series, riskFree: Rate = 0): number => {
  const y = minus(returns, riskFree);
  const x = minus(factor, riskFree);
  for (let i = 0; i < x.length; i++) if (Number.isNaN(y[i]!)) x[i] = NaN;
  const mx = nanMean(x);
  const cov = new Float64Array(x.length);
  const vr = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) {
    const d = x[i]! - mx;
    cov[i] = d * y[i]!;
    vr[i] = d * d;
  }
  const v = nanMean(vr);
  return v < 1e-30 || Number.isNaN(v) ? NaN : nanMean(cov) / v;
};

/**
 * Jensen's alpha, compounded as empyrical: (1 + mean(r − rf − β(f − rf)))^A − 1 (not mean·A).
 */
export const alphaBeta = (
  returns: Series,
  factor: Series,
  riskFree: Rate = 0,
  period: Period = 'daily',
  annualization?: number,
): { alpha: number; beta: number } => {
  const b = beta(returns, factor, riskFree);
  const y = minus(returns, riskFree);
  const x = minus(factor, riskFree);
  const resid = new Float64Array(y.length);
  for (let i = 0; i < y.length; i++) resid[i] = y[i]! - b * x[i]!;
  const alpha = (nanMean(resid) + 1) ** annualizationFactor(period, annualization) - 1;
  return { alpha, beta: b };
};

/** Keeps the pairs where the factor is strictly positive ('up') or negative ('down'); NaN factors drop out. */
const conditional = (returns: Series, factor: Series, side: 'up' | 'down'): [Float64Array, Float64Array] => {
  const r: number[] = [];
  const f: number[] = [];
  for (let i = 0; i < factor.length; i++) {
    const v = factor[i]!;
    if ((side === 'up' && v > 0) || (side === 'down' && v < 0)) {
      r.push(returns[i]!);
      f.push(v);
    }
  }
  return [Float64Array.from(r), Float64Array.from(f)];
};

/** Alpha and beta on the periods when the benchmark rose (empyrical `up_alpha_beta`). */
export const upAlphaBeta = (
  returns: Series,
  factor: Series,
  riskFree: Rate = 0,
  period: Period = 'daily',
) => {
  const [r, f] = conditional(returns, factor, 'up');
  return alphaBeta(r, f, riskFree, period);
};

/** Alpha and beta on the periods when the benchmark fell (empyrical `down_alpha_beta`). */
export const downAlphaBeta = (
  returns: Series,
  factor: Series,
  riskFree: Rate = 0,
  period: Period = 'daily',
) => {
  const [r, f] = conditional(returns, factor, 'down');
  return alphaBeta(r, f, riskFree, period);
};

/** Capture ratio: annual return of the fund / annual return of the benchmark (empyrical `capture`). */
export const capture = (returns: Series, factor: Series, period: Period = 'daily'): number =>
  annualReturn(returns, period) / annualReturn(factor, period);

/** Up-market capture: `capture` on the periods with a positive benchmark return. */
export const upCapture = (returns: Series, factor: Series, period: Period = 'daily'): number => {
  const [r, f] = conditional(returns, factor, 'up');
  return capture(r, f, period);
};

/** Down-market capture: `capture` on the periods with a negative benchmark return (lower is better). */
export const downCapture = (returns: Series, factor: Series, period: Period = 'daily'): number => {
  const [r, f] = conditional(returns, factor, 'down');
  return capture(r, f, period);
};

/** Up capture / down capture (empyrical `up_down_capture`). */
export const upDownCapture = (returns: Series, factor: Series, period: Period = 'daily'): number =>
  upCapture(returns, factor, period) / downCapture(returns, factor, period);

/** Annualised tracking error: std(r − f, ddof 1)·√A. */
export const trackingError = (
  returns: Series,
  factor: Series,
  period: Period = 'daily',
  annualization?: number,
): number => nanStd(minus(returns, factor), 1) * Math.sqrt(annualizationFactor(period, annualization));

/** Information ratio: annualised mean active return / annualised tracking error. */
export const informationRatio = (
  returns: Series,
  factor: Series,
  period: Period = 'daily',
  annualization?: number,
): number => {
  const a = annualizationFactor(period, annualization);
  const active = minus(returns, factor);
  return (nanMean(active) * a) / (nanStd(active, 1) * Math.sqrt(a));
};

/** Share of periods with a positive return (or beating the benchmark when one is given). */
export const winRate = (returns: Series, factor?: Series): number => {
  let wins = 0;
  let n = 0;
  for (let i = 0; i < returns.length; i++) {
    const v = returns[i]! - (factor ? factor[i]! : 0);
    if (Number.isNaN(v)) continue;
    n++;
    if (v > 0) wins++;
  }
  return n === 0 ? NaN : wins / n;
};
