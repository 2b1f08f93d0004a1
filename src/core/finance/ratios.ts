import { maxDrawdown, rolling } from './drawdown.js';
import { annualReturn, annualizationFactor, type Period } from './returns.js';
import { dropNaN, nanMean, nanStd, percentile, subtract, type Series } from './stats.js';

/** A per-period rate: a constant or a series aligned with the returns. */
export type Rate = number | Series;

/** r − rf (empyrical `_adjust_returns`; a zero constant leaves the series untouched). */
const adjust = (returns: Series, rate: Rate): Float64Array =>
  typeof rate === 'number' && rate === 0 ? Float64Array.from(returns) : subtract(returns, rate);

/** Annualised volatility σ·√A with σ the sample standard deviation (ddof 1) ignoring NaN; NaN for n < 2. */
export const annualVolatility = (
  returns: Series,
  period: Period = 'daily',
  annualization?: number,
): number => {
  if (returns.length < 2) return NaN;
  return nanStd(returns, 1) * Math.sqrt(annualizationFactor(period, annualization));
};

/**
 * Sharpe ratio, mean(r − rf) / std(r − rf, ddof 1) · √A (empyrical `sharpe_ratio`; rf per period).
 * NaN for fewer than 2 returns; ±Infinity when the excess return is constant and non-zero.
 */
export const sharpeRatio = (
  returns: Series,
  riskFree: Rate = 0,
  period: Period = 'daily',
  annualization?: number,
): number => {
  if (returns.length < 2) return NaN;
  const adj = dropNaN(adjust(returns, riskFree));
  return (nanMean(adj) / nanStd(adj, 1)) * Math.sqrt(annualizationFactor(period, annualization));
};

/**
 * Downside deviation √(mean(min(r − required, 0)²)) · √A, averaging over every non-missing observation
 * (empyrical `downside_risk`; Sortino & van der Meer 1991).
 */
export const downsideRisk = (
  returns: Series,
  required: Rate = 0,
  period: Period = 'daily',
  annualization?: number,
): number => {
  if (returns.length < 1) return NaN;
  const d = adjust(returns, required);
  for (let i = 0; i < d.length; i++) {
    const v = d[i]!;
    d[i] = Number.isNaN(v) ? NaN : v < 0 ? v * v : 0;
  }
  return Math.sqrt(nanMean(d)) * Math.sqrt(annualizationFactor(period, annualization));
};

/** Sortino ratio, mean(r − required)·A / downside risk (empyrical `sortino_ratio`). */
export const sortinoRatio = (
  returns: Series,
  required: Rate = 0,
  period: Period = 'daily',
  annualization?: number,
): number => {
  if (returns.length < 2) return NaN;
  const a = annualizationFactor(period, annualization);
  const avg = nanMean(adjust(returns, required)) * a;
  return avg / downsideRisk(returns, required, period, annualization);
};

/** Calmar ratio, annual return / |max drawdown|; NaN without a drawdown (empyrical `calmar_ratio`). */
export const calmarRatio = (returns: Series, period: Period = 'daily', annualization?: number): number => {
  const mdd = maxDrawdown(returns);
  if (!(mdd < 0)) return NaN;
  const v = annualReturn(returns, period, annualization) / Math.abs(mdd);
  return Number.isFinite(v) ? v : NaN;
};

/**
 * Omega ratio (Keating & Shadwick 2002) as empyrical: threshold τ = (1 + required)^(1/A) − 1 per period;
 * Σ(r − rf − τ)⁺ / Σ(r − rf − τ)⁻; NaN when nothing falls below the threshold.
 */
export const omegaRatio = (
  returns: Series,
  riskFree: Rate = 0,
  requiredReturn = 0,
  annualization = 252,
): number => {
  if (returns.length < 2) return NaN;
  let threshold: number;
  if (annualization === 1) threshold = requiredReturn;
  else if (requiredReturn <= -1) return NaN;
  else threshold = (1 + requiredReturn) ** (1 / annualization) - 1;
  const d = adjust(returns, riskFree);
  let up = 0;
  let down = 0;
  for (let i = 0; i < d.length; i++) {
    const v = d[i]! - threshold;
    if (v > 0) up += v;
    else if (v < 0) down -= v;
  }
  return down > 0 ? up / down : NaN;
};

/** Tail ratio |95th percentile| / |5th percentile| of the returns (empyrical `tail_ratio`). */
export const tailRatio = (returns: Series): number => {
  if (returns.length < 1) return NaN;
  const r = dropNaN(returns);
  if (r.length < 1) return NaN;
  return Math.abs(percentile(r, 95)) / Math.abs(percentile(r, 5));
};

/** Historical value at risk: the `cutoff` quantile of the returns, linear interpolation (empyrical). */
export const valueAtRisk = (returns: Series, cutoff = 0.05): number => percentile(returns, 100 * cutoff);

/**
 * Conditional VaR (expected shortfall) as empyrical: mean of the k + 1 smallest returns with
 * k = ⌊(n − 1)·cutoff⌋.
 */
export const conditionalValueAtRisk = (returns: Series, cutoff = 0.05): number => {
  const r = Float64Array.from(dropNaN(returns)).sort();
  if (r.length === 0) return NaN;
  const k = Math.floor((r.length - 1) * cutoff);
  let s = 0;
  for (let i = 0; i <= k; i++) s += r[i]!;
  return s / (k + 1);
};

/** Mean active return / tracking error, not annualised (empyrical `excess_sharpe`). */
export const excessSharpe = (returns: Series, factor: Rate): number => {
  if (returns.length < 2) return NaN;
  const active = adjust(returns, factor);
  const te = nanStd(active, 1);
  return nanMean(active) / (Number.isNaN(te) ? 0 : te);
};

/**
 * R² of a linear fit of cumulative log returns on time (empyrical `stability_of_timeseries`): how steady
 * the growth is, 1 = a straight line.
 */
export const stabilityOfTimeseries = (returns: Series): number => {
  if (returns.length < 2) return NaN;
  const r = dropNaN(returns);
  const n = r.length;
  const y = new Float64Array(n);
  let acc = 0;
  for (let i = 0; i < n; i++) y[i] = acc += Math.log1p(r[i]!);
  const mx = (n - 1) / 2;
  const my = nanMean(y);
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (i - mx) * (y[i]! - my);
    sxx += (i - mx) ** 2;
    syy += (y[i]! - my) ** 2;
  }
  return (sxy * sxy) / (sxx * syy);
};

/** Rolling Sharpe over full trailing windows (empyrical `roll_sharpe_ratio`). */
export const rollingSharpe = (
  returns: Series,
  window: number,
  riskFree = 0,
  period: Period = 'daily',
): Float64Array => rolling(returns, window, (w) => sharpeRatio(w, riskFree, period));
