import type { ProductDetail, ProductListQuery, ProductSummary } from '../../../contracts/products.js';
import { fenToYuan } from '../../../contracts/money.js';
import { AppError } from '../../../core/errors.js';
import type { AppDeps } from '../../http/deps.js';
import type { ProductRow } from './repo.js';
import type { ShelfRow } from './repo.js';
import { adjustedNavs, findProduct, indexSeries, listProducts, navSeries, shelfProducts } from './repo.js';
import { navPerformance } from './returns.js';

const summaryOf = (r: ProductRow): ProductSummary => ({
  code: r.code,
  name: r.name,
  type: r.type,
  riskLevel: r.risk_level,
  manager: r.manager,
  issuer: r.issuer,
  minPurchase: fenToYuan(r.min_purchase_fen),
  status: r.status,
  latestNav:
    r.nav_date !== null && r.nav_unit !== null && r.nav_acc !== null && r.nav_adj !== null
      ? { date: r.nav_date, unit: r.nav_unit, accumulated: r.nav_acc, adjusted: r.nav_adj }
      : null,
  // From the adjusted NAV, like every return in the product.
  return1y: r.nav_adj !== null && r.adj_1y !== null ? Number(r.nav_adj) / Number(r.adj_1y) - 1 : null,
});

export const searchProducts = async (deps: AppDeps, q: ProductListQuery) => {
  const { rows, total } = await listProducts(deps.db, q);
  return { items: rows.map(summaryOf), total };
};

/** Product page: terms, fees, the full NAV history and performance from the adjusted NAV. */
export const productDetail = async (deps: AppDeps, code: string): Promise<ProductDetail> => {
  const row = await findProduct(deps.db, code);
  if (row === null) throw new AppError('NOT_FOUND', `product ${code} not found`, { code });
  const nav = await navSeries(deps.db, code);
  const returns = navPerformance(
    nav.map((n) => n.date),
    Float64Array.from(nav, (n) => Number(n.adjusted)),
  );
  return {
    ...summaryOf(row),
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
