import { drawdownSeries } from '../../finance/drawdown.js';
import { annualVolatility } from '../../finance/ratios.js';
import { annualReturn } from '../../finance/returns.js';
import type { ProductStats } from './product-ranking.js';

export type Backtest = {
  start: string;
  end: string;
  dates: string[];
  nav: number[];
  annual_return: number;
  volatility: number;
  max_drawdown: number;
};

/**
 * Constant-mix backtest of the proposal (rebalanced to its weights every day, a standard approximation of
 * periodic rebalancing): on the dates where every picked product has a return, r_p = Σ w_i r_i; money left
 * uninvested earns nothing. NAV starts at 1. Returns null with fewer than 20 common dates.
 */
export const backtestMix = (
  legs: ReadonlyArray<{ weight: number; stats: ProductStats }>,
): Backtest | null => {
  if (legs.length === 0) return null;
  const dates = [...legs[0]!.stats.returns.keys()]
    .filter((d) => legs.every((l) => l.stats.returns.has(d)))
    .sort();
  if (dates.length < 20) return null;
  const r = Float64Array.from(dates, (d) => legs.reduce((s, l) => s + l.weight * l.stats.returns.get(d)!, 0));
  const nav: number[] = [];
  let v = 1;
  for (const x of r) nav.push((v *= 1 + x));
  const dd = drawdownSeries(r);
  return {
    start: dates[0]!,
    end: dates[dates.length - 1]!,
    dates,
    nav,
    annual_return: annualReturn(r),
    volatility: annualVolatility(r),
    max_drawdown: Math.min(0, ...dd),
  };
};
