import { nanStd } from '../../finance/stats.js';
import { addDays, lastIndexOnOrBefore } from '../days.js';
import type { ProductFacts } from '../shelf-context.js';
import type { AlertPolicy, HoldingTargets } from './types.js';

export type NavSwing = {
  readonly navDate: string;
  readonly change: number;
  /** The product's daily volatility over the prior window (ddof 1). */
  readonly sigma: number;
  /** change / σ. */
  readonly zScore: number;
  readonly trigger: 'sigma' | 'fixed';
};

/**
 * A daily NAV move out of the ordinary on the latest NAV on or before `date`: |r| ≥ k·σ and |r| ≥ minMove, or
 * |r| ≥ fixedMove, with σ the sample standard deviation of the `window` daily returns before that day. Null
 * when the NAV is stale (older than `staleDays`) or the history is shorter than the window.
 */
export const detectNavSwing = (
  f: ProductFacts,
  date: string,
  p: AlertPolicy['navSwing'],
): NavSwing | null => {
  const { dates, adjusted } = f.product.nav;
  const last = lastIndexOnOrBefore(dates, date);
  if (last < p.window + 1 || dates[last]! < addDays(date, -p.staleDays)) return null;
  const r = adjusted[last]! / adjusted[last - 1]! - 1;
  const prior = new Float64Array(p.window);
  for (let j = 0; j < p.window; j++) {
    const i = last - p.window + j;
    prior[j] = adjusted[i]! / adjusted[i - 1]! - 1;
  }
  const sigma = nanStd(prior);
  const bySigma = sigma > 0 && Math.abs(r) >= p.k * sigma && Math.abs(r) >= p.minMove;
  const byFixed = Math.abs(r) >= p.fixedMove;
  if (!bySigma && !byFixed) return null;
  return {
    navDate: dates[last]!,
    change: r,
    sigma,
    zScore: sigma > 0 ? r / sigma : Infinity,
    trigger: bySigma ? 'sigma' : 'fixed',
  };
};

/**
 * Suggested take-profit and stop-loss levels for a holding from its own volatility: ±multiples of the
 * six-month volatility σ_annual·√½, clamped to the policy's ranges; none for calm products (money funds,
 * short bonds) where a target says nothing.
 */
export const suggestTargets = (
  f: ProductFacts,
  p: AlertPolicy['suggested'],
): Required<HoldingTargets> | null => {
  const vol = f.volatility;
  if (vol === null || vol < p.minVolatility) return null;
  const half = vol * Math.SQRT1_2;
  const clamp = (x: number, [lo, hi]: readonly [number, number]) => Math.min(hi, Math.max(lo, x));
  return {
    takeProfit: clamp(p.takeProfitSigmas * half, p.takeProfitRange),
    stopLoss: clamp(-p.stopLossSigmas * half, p.stopLossRange),
  };
};

/** Drawdown of the adjusted NAV from its highest point since `since` (the holding's opening) to `date`. */
export const drawdownSince = (
  f: ProductFacts,
  since: string,
  date: string,
): { drawdown: number; peakDate: string } | null => {
  const { dates, adjusted } = f.product.nav;
  const last = lastIndexOnOrBefore(dates, date);
  const first = Math.max(0, lastIndexOnOrBefore(dates, since));
  if (last < 0 || first > last) return null;
  let peak = -Infinity;
  let peakDate = dates[first]!;
  for (let i = first; i <= last; i++) {
    if (adjusted[i]! > peak) {
      peak = adjusted[i]!;
      peakDate = dates[i]!;
    }
  }
  return { drawdown: adjusted[last]! / peak - 1, peakDate };
};
