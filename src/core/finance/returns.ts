import { badInput } from '../errors.js';
import type { Series } from './stats.js';

/** Sampling frequency of a return series; the annualisation factors are empyrical's. */
export type Period = 'daily' | 'weekly' | 'monthly' | 'quarterly' | 'yearly';

export const ANNUALIZATION: Readonly<Record<Period, number>> = {
  daily: 252,
  weekly: 52,
  monthly: 12,
  quarterly: 4,
  yearly: 1,
};

/** Periods per year: an explicit `annualization` wins over the period name (empyrical `annualization_factor`). */
export const annualizationFactor = (period: Period = 'daily', annualization?: number): number =>
  annualization ?? ANNUALIZATION[period];

/**
 * Simple returns r_t = NAV_t / NAV_{t−1} − 1 from a (dividend-adjusted, 累计/复权) NAV series. A missing NAV
 * gives NaN for the returns on either side of it, as pandas `pct_change(fill_method=None)` does; the result has
 * one element fewer than the input.
 */
export const returnsFromNav = (nav: Series): Float64Array => {
  const out = new Float64Array(Math.max(0, nav.length - 1));
  for (let i = 1; i < nav.length; i++) out[i - 1] = nav[i]! / nav[i - 1]! - 1;
  return out;
};

/** NAV path from returns: NAV_t = start · Π(1 + r) (NaN returns count as 0, as empyrical). */
export const navFromReturns = (returns: Series, start = 1): Float64Array => {
  const out = new Float64Array(returns.length);
  let acc = start;
  for (let i = 0; i < returns.length; i++) {
    const r = returns[i]!;
    acc *= 1 + (Number.isNaN(r) ? 0 : r);
    out[i] = acc;
  }
  return out;
};

/**
 * Cumulative returns Π(1 + r) − 1, or the wealth path start·Π(1 + r) when `startingValue` ≠ 0
 * (empyrical `cum_returns`; NaN returns are treated as 0).
 */
export const cumReturns = (returns: Series, startingValue = 0): Float64Array => {
  const path = navFromReturns(returns, 1);
  for (let i = 0; i < path.length; i++) {
    path[i] = startingValue === 0 ? path[i]! - 1 : path[i]! * startingValue;
  }
  return path;
};

/** Total compounded return over the whole series (empyrical `cum_returns_final`); NaN when empty. */
export const cumReturnsFinal = (returns: Series, startingValue = 0): number => {
  if (returns.length === 0) return NaN;
  const p = cumReturns(returns, startingValue);
  return p[p.length - 1]!;
};

/**
 * Compound annual growth rate (empyrical `annual_return` / `cagr`): (Π(1 + r))^(A / n) − 1 with A periods per
 * year and n the number of observations, missing ones included.
 */
export const annualReturn = (returns: Series, period: Period = 'daily', annualization?: number): number => {
  if (returns.length < 1) return NaN;
  const ending = cumReturnsFinal(returns, 1);
  const years = returns.length / annualizationFactor(period, annualization);
  return ending ** (1 / years) - 1;
};

/** Calendar bucket of an ISO date (YYYY-MM-DD) for `aggregateReturns`. */
export type Bucket = 'weekly' | 'monthly' | 'quarterly' | 'yearly';

const isoWeekKey = (date: string): string => {
  // ISO week: the week belongs to the year of its Thursday.
  const d = new Date(`${date.slice(0, 10)}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7) + 3);
  const year = d.getUTCFullYear();
  const week = Math.floor((d.getTime() - Date.UTC(year, 0, 1)) / 86_400_000 / 7) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
};

export const bucketKey = (date: string, to: Bucket): string => {
  if (!/^\d{4}-\d{2}-\d{2}/.test(date)) throw badInput('date', `"${date}" is not an ISO date (YYYY-MM-DD)`);
  const y = date.slice(0, 4);
  const m = Number(date.slice(5, 7));
  if (to === 'yearly') return y;
  if (to === 'monthly') return `${y}-${String(m).padStart(2, '0')}`;
  if (to === 'quarterly') return `${y}-Q${Math.ceil(m / 3)}`;
  return isoWeekKey(date);
};

/**
 * Compounded returns per calendar bucket (empyrical `aggregate_returns`): for each week / month / quarter /
 * year present, Π(1 + r) − 1 over the returns dated in it. Dates must be ascending.
 */
export const aggregateReturns = (
  dates: readonly string[],
  returns: Series,
  to: Bucket,
): Array<{ period: string; value: number }> => {
  const out: Array<{ period: string; value: number }> = [];
  let key = '';
  let acc = 1;
  for (let i = 0; i < returns.length; i++) {
    const k = bucketKey(dates[i] ?? '', to);
    if (k !== key) {
      if (key !== '') out.push({ period: key, value: acc - 1 });
      key = k;
      acc = 1;
    }
    const r = returns[i]!;
    acc *= 1 + (Number.isNaN(r) ? 0 : r);
  }
  if (key !== '') out.push({ period: key, value: acc - 1 });
  return out;
};
