import { maxDrawdown } from '../../finance/drawdown.js';
import { annualVolatility, calmarRatio, sharpeRatio } from '../../finance/ratios.js';
import { annualReturn } from '../../finance/returns.js';
import { pairwiseCorrelation } from '../../finance/stats.js';
import type { AssetClass, Product, ProductRiskLevel, InvestorLevel } from './types.js';

export type ProductStats = {
  annual_return: number;
  volatility: number;
  max_drawdown: number;
  sharpe: number;
  calmar: number;
  /** Daily returns in the window, keyed by date (for correlation and backtests). */
  returns: Map<string, number>;
  observations: number;
};

/** R-level number (R3 → 3) and C-level number (C3 → 3). */
export const riskNumber = (r: ProductRiskLevel | InvestorLevel): number => Number(r.slice(1));

/** Suitability: a product may be proposed only when its risk rating does not exceed the level. */
export const isSuitable = (p: Product, level: InvestorLevel): boolean =>
  riskNumber(p.risk) <= riskNumber(level);

/** ISO date `years` before `asOf`. */
export const yearsBefore = (asOf: string, years: number): string =>
  `${Number(asOf.slice(0, 4)) - years}${asOf.slice(4, 10)}`;

/**
 * Window statistics of one product from its NAV (dates in (start, asOf]): annualised return, volatility,
 * Sharpe (rf 0), max drawdown and Calmar — empyrical conventions on daily returns.
 */
export const productStats = (p: Product, asOf: string, years: number): ProductStats | null => {
  const start = yearsBefore(asOf, years);
  const returns = new Map<string, number>();
  const series: number[] = [];
  let prev = NaN;
  for (let i = 0; i < p.dates.length; i++) {
    const d = p.dates[i]!;
    if (d > asOf) break;
    const v = p.nav[i]!;
    if (!Number.isFinite(v)) continue;
    if (d >= start && Number.isFinite(prev)) {
      const r = v / prev - 1;
      returns.set(d, r);
      series.push(r);
    }
    prev = v;
  }
  if (series.length < 60) return null;
  return {
    annual_return: annualReturn(series),
    volatility: annualVolatility(series),
    max_drawdown: maxDrawdown(series),
    sharpe: sharpeRatio(series),
    calmar: calmarRatio(series),
    returns,
    observations: series.length,
  };
};

/** Rank position (0 = best) of each value, higher is better; NaN ranks last; ties keep input order. */
const ranks = (values: number[]): number[] => {
  const order = values
    .map((_, i) => i)
    .sort((a, b) => {
      const va = Number.isFinite(values[a]!) ? values[a]! : -Infinity;
      const vb = Number.isFinite(values[b]!) ? values[b]! : -Infinity;
      return vb - va || a - b;
    });
  const out = new Array<number>(values.length);
  order.forEach((i, r) => (out[i] = r));
  return out;
};

export type Ranked = { product: Product; stats: ProductStats; score: number };

/**
 * Quality ranking inside one asset class: 50% Sharpe, 30% Calmar, 20% shallow drawdown (rank-based so
 * one outlier cannot dominate). Only suitable products with at least 60 observations take part; ties break
 * by product code, so the same shelf always ranks the same way.
 */
export const rankClass = (
  products: readonly Product[],
  assetClass: AssetClass,
  level: InvestorLevel,
  asOf: string,
  years: number,
): Ranked[] => {
  const pool = products
    .filter((p) => p.assetClass === assetClass && isSuitable(p, level))
    .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0))
    .map((product) => ({ product, stats: productStats(product, asOf, years) }))
    .filter((x): x is { product: Product; stats: ProductStats } => x.stats !== null);
  const rs = ranks(pool.map((x) => x.stats.sharpe));
  const rc = ranks(pool.map((x) => x.stats.calmar));
  const rd = ranks(pool.map((x) => x.stats.max_drawdown));
  return pool
    .map((x, i) => ({ ...x, score: -(0.5 * rs[i]! + 0.3 * rc[i]! + 0.2 * rd[i]!) }))
    .sort((a, b) => b.score - a.score || (a.product.code < b.product.code ? -1 : 1));
};

/** Correlation of two products' daily returns on their common dates. */
export const returnCorrelation = (a: ProductStats, b: ProductStats): number => {
  const x: number[] = [];
  const y: number[] = [];
  for (const [d, r] of a.returns) {
    const s = b.returns.get(d);
    if (s !== undefined) {
      x.push(r);
      y.push(s);
    }
  }
  return x.length < 20 ? NaN : pairwiseCorrelation(x, y);
};
