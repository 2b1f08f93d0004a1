import { maxDrawdown } from '../finance/drawdown.js';
import { annualVolatility, sharpeRatio } from '../finance/ratios.js';
import type { AssetClass } from '../portfolio/allocation/types.js';
import type { ProductType } from '../product-types.js';
import { addDays, assertAscending, lastIndexOnOrBefore } from './days.js';
import { annualCost, type AdvisoryProduct } from './product.js';
import { assetClassOf, liquidityOf, type LiquidityClass } from './shelf.js';
import { badInput } from '../errors.js';

/** What the engines need about one product on the as-of day, computed once for the whole shelf. */
export type ProductFacts = {
  readonly product: AdvisoryProduct;
  readonly assetClass: AssetClass | null;
  readonly liquidity: LiquidityClass;
  readonly annualCost: number;
  /** Last NAV on or before asOf (index into product.nav), −1 when none. */
  readonly lastIndex: number;
  readonly lastNavDate: string | null;
  readonly lastUnit: number | null;
  /** Daily returns of the adjusted NAV in the window (dates of their end day). */
  readonly returnDates: readonly string[];
  readonly returns: Float64Array;
  /** Return over the year to asOf (calendar), null with less history. */
  readonly return1y: number | null;
  readonly volatility: number | null;
  readonly maxDrawdown: number | null;
  readonly sharpe: number | null;
  /** Current drawdown from the highest adjusted NAV in the window (≤ 0) and the peak's date. */
  readonly drawdown: number | null;
  readonly peakDate: string | null;
  /** Mid-rank percentile (0–100, higher = better) of return1y among the same type; null with few peers. */
  readonly peerPercentile: number | null;
};

export type CategoryFacts = {
  readonly type: ProductType;
  readonly codes: readonly string[];
  readonly medianCost: number | null;
  readonly medianReturn1y: number | null;
};

export type ShelfContext = {
  readonly asOf: string;
  readonly products: ReadonlyMap<string, ProductFacts>;
  readonly categories: ReadonlyMap<ProductType, CategoryFacts>;
  readonly options: ShelfOptions;
};

export type ShelfOptions = {
  /** Daily returns used for volatility, drawdown and correlation (default 250 ≈ one trading year). */
  readonly windowObservations: number;
  /** Years over which purchase/redemption fees are spread in the annual cost (default 3). */
  readonly holdingYears: number;
  /** Fewest products in a category for medians and percentiles (default 3). */
  readonly minPeers: number;
};

export const DEFAULT_SHELF_OPTIONS: ShelfOptions = { windowObservations: 250, holdingYears: 3, minPeers: 3 };

/** Median of finite values (null when none). */
export const median = (xs: readonly number[]): number | null => {
  const v = xs.filter(Number.isFinite).sort((a, b) => a - b);
  if (v.length === 0) return null;
  const m = v.length >> 1;
  return v.length % 2 === 1 ? v[m]! : (v[m - 1]! + v[m]!) / 2;
};

/** Mid-rank percentile of `x` among `peers` (which include it): 100 × (below + ½ · ties excluding itself) / (n − 1). */
export const peerPercentile = (x: number, peers: readonly number[]): number | null => {
  if (peers.length < 2) return null;
  let below = 0;
  let ties = -1;
  for (const p of peers) {
    if (p < x) below++;
    else if (p === x) ties++;
  }
  return (100 * (below + 0.5 * Math.max(0, ties))) / (peers.length - 1);
};

const yearAgo = (asOf: string): string =>
  `${Number(asOf.slice(0, 4)) - 1}${asOf.slice(4)}`.replace('-02-29', '-02-28');

const windowFacts = (p: AdvisoryProduct, asOf: string, o: ShelfOptions) => {
  const { dates, adjusted } = p.nav;
  const last = lastIndexOnOrBefore(dates, asOf);
  const first = Math.max(1, last - o.windowObservations + 1);
  const returnDates: string[] = [];
  const returns: number[] = [];
  let peak = -Infinity;
  let peakDate: string | null = null;
  for (let i = first - 1; i <= last; i++) {
    const v = adjusted[i]!;
    if (v > peak) {
      peak = v;
      peakDate = dates[i]!;
    }
    if (i >= first) {
      returnDates.push(dates[i]!);
      returns.push(v / adjusted[i - 1]! - 1);
    }
  }
  const base = lastIndexOnOrBefore(dates, yearAgo(asOf));
  const enough = returns.length >= 20;
  return {
    last,
    returnDates,
    returns: Float64Array.from(returns),
    return1y: base >= 0 && last > base ? adjusted[last]! / adjusted[base]! - 1 : null,
    volatility: enough ? annualVolatility(returns) : null,
    maxDrawdown: enough ? maxDrawdown(returns) : null,
    sharpe: enough ? sharpeRatio(returns) : null,
    drawdown: last >= 0 ? adjusted[last]! / peak - 1 : null,
    peakDate: last >= 0 ? peakDate : null,
  };
};

const validateProduct = (p: AdvisoryProduct, k: number): void => {
  const f = `products[${k}]`;
  const n = p.nav.dates.length;
  if (p.nav.unit.length !== n || p.nav.adjusted.length !== n)
    throw badInput(`${f}.nav`, `${p.code}: dates, unit and adjusted must have the same length`);
  assertAscending(p.nav.dates, `${f}.nav.dates`);
  for (let i = 0; i < n; i++) {
    if (!(p.nav.adjusted[i]! > 0) || !(p.nav.unit[i]! > 0))
      throw badInput(`${f}.nav.adjusted[${i}]`, `${p.code}: NAV must be positive`);
  }
};

/**
 * The shelf as of one day: per product its class, liquidity, annual cost and one-year window statistics
 * (empyrical conventions on daily returns of the adjusted NAV), per type the median cost and 1-year return,
 * and each product's percentile among its type. Built once a day and shared by every customer's check-up,
 * recommendations, alerts and attributions (the per-customer work stays small).
 */
export const buildShelfContext = (
  products: readonly AdvisoryProduct[],
  asOf: string,
  options: Partial<ShelfOptions> = {},
): ShelfContext => {
  addDays(asOf, 0, 'asOf');
  const o = { ...DEFAULT_SHELF_OPTIONS, ...options };
  const facts = new Map<string, ProductFacts>();
  const byType = new Map<ProductType, AdvisoryProduct[]>();
  products.forEach((p, k) => {
    validateProduct(p, k);
    if (facts.has(p.code)) throw badInput(`products[${k}].code`, `duplicate product ${p.code}`);
    const w = windowFacts(p, asOf, o);
    facts.set(p.code, {
      product: p,
      assetClass: assetClassOf(p.type, p.risk),
      liquidity: liquidityOf(p.type, p.termDays),
      annualCost: annualCost(p.fees, o.holdingYears),
      lastIndex: w.last,
      lastNavDate: w.last >= 0 ? p.nav.dates[w.last]! : null,
      lastUnit: w.last >= 0 ? p.nav.unit[w.last]! : null,
      returnDates: w.returnDates,
      returns: w.returns,
      return1y: w.return1y,
      volatility: w.volatility,
      maxDrawdown: w.maxDrawdown,
      sharpe: w.sharpe,
      drawdown: w.drawdown,
      peakDate: w.peakDate,
      peerPercentile: null,
    });
    byType.set(p.type, [...(byType.get(p.type) ?? []), p]);
  });
  const categories = new Map<ProductType, CategoryFacts>();
  for (const [type, list] of byType) {
    const codes = list.map((p) => p.code);
    const r1y = codes.map((c) => facts.get(c)!.return1y).filter((v): v is number => v !== null);
    const enough = codes.length >= o.minPeers;
    categories.set(type, {
      type,
      codes,
      medianCost: enough ? median(codes.map((c) => facts.get(c)!.annualCost)) : null,
      medianReturn1y: r1y.length >= o.minPeers ? median(r1y) : null,
    });
    if (r1y.length < o.minPeers) continue;
    for (const c of codes) {
      const f = facts.get(c)!;
      if (f.return1y !== null) facts.set(c, { ...f, peerPercentile: peerPercentile(f.return1y, r1y) });
    }
  }
  return { asOf, products: facts, categories, options: o };
};

/** Facts of one product or a clear error naming the code (a holding of a product missing from the shelf). */
export const factsOf = (ctx: ShelfContext, code: string, field: string): ProductFacts => {
  const f = ctx.products.get(code);
  if (f === undefined) throw badInput(field, `product ${code} is not on the shelf given`);
  return f;
};
