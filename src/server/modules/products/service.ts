import type {
  ProductDetail,
  ProductListQuery,
  ProductReturns,
  ProductSummary,
} from '../../../contracts/products.js';
import { fenToYuan } from '../../../contracts/money.js';
import { AppError } from '../../../core/errors.js';
import type { TrailingKey } from '../../../core/finance/periods.js';
import { productFigures, type ProductFigures } from '../../../core/finance/product-figures.js';
import type { AppDeps } from '../../http/deps.js';
import { cachedProductList } from './page-cache.js';
import { effectiveStatus } from './status.js';
import { benchmarkName, benchmarkSources, compositeLevels, type CloseSeries } from './benchmark.js';
import type { ProductRow } from './repo.js';
import type { ShelfRow } from './repo.js';
import {
  adjustedNavs,
  findProduct,
  indexNames,
  indexSeries,
  listProducts,
  navSeries,
  shelfNavAsOf,
  shelfProducts,
} from './repo.js';

const summaryOf = (r: ProductRow, asOf: string | null): ProductSummary => ({
  code: r.code,
  name: r.name,
  type: r.type,
  riskLevel: r.risk_level,
  manager: r.manager,
  issuer: r.issuer,
  minPurchase: fenToYuan(r.min_purchase_fen),
  status: effectiveStatus(r, asOf),
  latestNav:
    r.nav_date !== null && r.nav_unit !== null && r.nav_acc !== null && r.nav_adj !== null
      ? { date: r.nav_date, unit: r.nav_unit, accumulated: r.nav_acc, adjusted: r.nav_adj }
      : null,
  // From the adjusted NAV, like every return in the product.
  return1y: r.nav_adj !== null && r.adj_1y !== null ? Number(r.nav_adj) / Number(r.adj_1y) - 1 : null,
});

/** One page of the shelf, cached per query while the shelf's stamp is unchanged (the same for every caller). */
export const searchProducts = (deps: AppDeps, q: ProductListQuery) =>
  cachedProductList(deps.db, q, async () => {
    const [{ rows, total }, asOf] = await Promise.all([listProducts(deps.db, q), shelfNavAsOf(deps.db)]);
    return { items: rows.map((r) => summaryOf(r, asOf)), total };
  });

/** JSON has no NaN: an undefined figure travels as null. */
const finite = (v: number | undefined): number | null => (v === undefined || !Number.isFinite(v) ? null : v);

const trailingOf = (t: Record<TrailingKey, number | null>) => ({
  m1: t['1m'],
  m3: t['3m'],
  m6: t['6m'],
  ytd: t.ytd,
  y1: t['1y'],
  y3: t['3y'],
  sinceStart: t.inception,
});

/** The API form of the product figures (the overview card). */
export const returnsOf = (f: ProductFigures, benchmark: string | null): ProductReturns => ({
  asOf: f.asOf,
  ...trailingOf(f.trailing),
  annualised: finite(f.metrics.annual_return),
  volatility: finite(f.metrics.annual_volatility),
  maxDrawdown: finite(f.metrics.max_drawdown),
  sharpe: finite(f.metrics.sharpe),
  benchmark:
    f.benchmark === null || benchmark === null
      ? null
      : {
          name: benchmark,
          ...trailingOf(f.benchmark.trailing),
          annualised: finite(f.benchmark.annualReturn),
        },
});

/** The product's own benchmark on `dates` (composite of its formula's indices), or null when none applies. */
export const benchmarkOn = async (
  deps: AppDeps,
  product: { benchmark: string; benchmark_index: string | null },
  dates: readonly string[],
): Promise<{ name: string; level: Float64Array } | null> => {
  const names = new Map((await indexNames(deps.db)).map((r) => [r.code, r.name]));
  const sources = benchmarkSources(product.benchmark, product.benchmark_index, names);
  if (sources === null) return null;
  const codes = [...new Set(sources.flatMap((s) => (s.kind === 'index' ? [s.code] : [])))];
  const series = new Map<string, CloseSeries>();
  for (const c of codes) series.set(c, await benchmarkSeries(deps, c));
  const level = compositeLevels(dates, sources, series);
  return level === null ? null : { name: benchmarkName(sources), level };
};

/** The series every product figure is computed from: adjusted NAV dates and values, and the benchmark on them. */
export const productSeries = async (deps: AppDeps, code: string) => {
  const row = await findProduct(deps.db, code);
  if (row === null) throw new AppError('NOT_FOUND', `product ${code} not found`, { code });
  const nav = await navSeries(deps.db, code);
  const dates = nav.map((n) => n.date);
  const adjusted = Float64Array.from(nav, (n) => Number(n.adjusted));
  const benchmark = await benchmarkOn(deps, row, dates);
  return { row, nav, dates, adjusted, benchmark };
};

/** Product page: terms, fees, the full NAV history and the product figures (`productFigures`). */
export const productDetail = async (deps: AppDeps, code: string): Promise<ProductDetail> => {
  const { row, nav, dates, adjusted, benchmark } = await productSeries(deps, code);
  const figures = productFigures({
    dates,
    nav: adjusted,
    ...(benchmark ? { benchmark: benchmark.level } : {}),
  });
  const returns = returnsOf(figures, benchmark?.name ?? null);
  return {
    ...summaryOf(row, await shelfNavAsOf(deps.db)),
    benchmark: row.benchmark,
    currency: row.currency,
    inceptionDate: row.inception_date,
    termDays: row.term_days,
    maturityDate: row.maturity_date,
    fees: {
      purchase: row.purchase_fee_rate,
      redemption: row.redemption_fee_rate,
      management: row.management_fee_rate,
      custody: row.custody_fee_rate,
      salesService: row.sales_service_fee_rate,
    },
    annualPrice: row.annual_price_fen === null ? null : fenToYuan(row.annual_price_fen),
    dividendPolicy: row.dividend_policy,
    description: row.description,
    returns,
    nav: nav.map((n) => ({
      date: n.date,
      unit: n.unit,
      accumulated: n.accumulated,
      adjusted: n.adjusted,
      dividend: n.dividend,
      income10k: n.income_10k,
      yield7d: n.yield_7d,
    })),
  };
};

/** A dated adjusted-NAV series (the only NAV analytics may use). */
export type AdjustedSeries = { code: string; dates: string[]; nav: Float64Array };

/** Adjusted NAV histories of the given products (all products when `codes` is null), keyed by code. */
export const adjustedNavHistories = async (
  deps: AppDeps,
  codes: readonly string[] | null,
): Promise<Map<string, AdjustedSeries>> => {
  const rows = await adjustedNavs(deps.db, codes);
  return new Map(
    rows.map((r) => [
      r.product_code,
      {
        code: r.product_code,
        dates: r.dates.split(','),
        nav: Float64Array.from(r.navs.split(','), Number),
      },
    ]),
  );
};

/** Close series of a benchmark index; empty when the index has no data. */
export const benchmarkSeries = async (
  deps: AppDeps,
  indexCode: string,
): Promise<{ dates: string[]; close: Float64Array }> => {
  const rows = await indexSeries(deps.db, indexCode);
  return { dates: rows.map((r) => r.date), close: Float64Array.from(rows, (r) => Number(r.close)) };
};

export type ShelfProduct = ShelfRow;

/** Every product with its type, rating, status and benchmark index (the shelf for allocation). */
export const productShelf = (deps: AppDeps): Promise<ShelfProduct[]> => shelfProducts(deps.db);

/** One product's shelf row or 404. */
export const shelfProduct = async (deps: AppDeps, code: string): Promise<ShelfProduct> => {
  const row = (await shelfProducts(deps.db)).find((r) => r.code === code);
  if (row === undefined) throw new AppError('NOT_FOUND', `product ${code} not found`, { code });
  return row;
};
