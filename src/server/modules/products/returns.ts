import type { ProductReturns } from '../../../contracts/products.js';

/** `date` (YYYY-MM-DD) minus `months` calendar months, clamped to the last day of the target month. */
export const monthsBefore = (date: string, months: number): string => {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) - months;
  const ty = Math.floor(total / 12);
  const tm = total - ty * 12;
  const last = new Date(Date.UTC(ty, tm + 1, 0)).getUTCDate();
  return `${ty}-${String(tm + 1).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
};

/** Index of the last date ≤ `target` in ascending `dates`, or -1. */
const lastOnOrBefore = (dates: readonly string[], target: string): number => {
  let lo = 0;
  let hi = dates.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (dates[mid]! <= target) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
};

const daysBetween = (a: string, b: string): number => (Date.parse(b) - Date.parse(a)) / 86_400_000;

/**
 * Performance of a NAV series. Pass the DIVIDEND-ADJUSTED NAV: with dividends the unit NAV drops on the
 * ex-date, so returns from it understate performance (AMAC performance-presentation rules use NAV with
 * dividends reinvested).
 * - period return over N months: adj[end] / adj[s] − 1, s = last NAV date ≤ end − N months; null when the
 *   series starts after that date;
 * - annualised: (adj[end] / adj[0])^(365 / calendar days) − 1;
 * - volatility: sample standard deviation of daily simple returns × √252 (empyrical convention);
 * - max drawdown: min over t of adj[t] / max(adj[0..t]) − 1 (≤ 0).
 */
export const navPerformance = (dates: readonly string[], adjusted: Float64Array): ProductReturns => {
  const n = dates.length;
  const empty = { asOf: null, m1: null, m3: null, m6: null, y1: null, sinceStart: null, annualised: null };
  if (n === 0) return { ...empty, volatility: null, maxDrawdown: null };
  const end = dates[n - 1]!;
  const last = adjusted[n - 1]!;
  const over = (months: number): number | null => {
    const i = lastOnOrBefore(dates, monthsBefore(end, months));
    return i < 0 ? null : last / adjusted[i]! - 1;
  };
  const sinceStart = last / adjusted[0]! - 1;
  const days = daysBetween(dates[0]!, end);
  let peak = adjusted[0]!;
  let maxDd = 0;
  let mean = 0;
  let m2 = 0;
  for (let i = 1; i < n; i++) {
    const v = adjusted[i]!;
    peak = Math.max(peak, v);
    maxDd = Math.min(maxDd, v / peak - 1);
    // Welford's running variance of daily returns.
    const r = v / adjusted[i - 1]! - 1;
    const delta = r - mean;
    mean += delta / i;
    m2 += delta * (r - mean);
  }
  return {
    asOf: end,
    m1: over(1),
    m3: over(3),
    m6: over(6),
    y1: over(12),
    sinceStart: n > 1 ? sinceStart : null,
    annualised: days >= 30 ? Math.pow(1 + sinceStart, 365 / days) - 1 : null,
    volatility: n > 2 ? Math.sqrt(m2 / (n - 2)) * Math.sqrt(252) : null,
    maxDrawdown: n > 1 ? maxDd : null,
  };
};
