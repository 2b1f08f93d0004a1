import { and, asc, desc, eq, inArray, like, or, sql } from 'drizzle-orm';
import type { ProductListQuery } from '../../../contracts/products.js';
import { containsPattern, pageWindow } from '../../db/conditions.js';
import type { Queryable } from '../../db/index.js';
import { indexSeries as indexSeriesTable, indices, nav, products as p } from '../../db/schema.js';

// Rows keep the snake_case keys the service maps from (the columns and their types come from schema.ts).

/** A product with its latest NAV and the adjusted NAV one year before it (for the one-year return). */
const productsWithNav = (db: Queryable) => {
  const latest = db.orm
    .select({ date: nav.date, unit: nav.unit, accumulated: nav.accumulated, adjusted: nav.adjusted })
    .from(nav)
    .where(eq(nav.productCode, p.code))
    .orderBy(desc(nav.date))
    .limit(1)
    .as('n');
  // Adjusted NAV on the last date on or before one year before the latest NAV date.
  const yearAgo = db.orm
    .select({ adjusted1y: sql<string>`${nav.adjusted}`.as('adj_1y') })
    .from(nav)
    .where(and(eq(nav.productCode, p.code), sql`${nav.date} <= (${latest.date} - interval '1 year')::date`))
    .orderBy(desc(nav.date))
    .limit(1)
    .as('b');
  return db.orm
    .select({
      code: p.code,
      name: p.name,
      type: p.type,
      risk_level: p.riskLevel,
      issuer: p.issuer,
      manager: p.manager,
      benchmark: p.benchmark,
      benchmark_index: p.benchmarkIndex,
      currency: p.currency,
      inception_date: p.inceptionDate,
      term_days: p.termDays,
      maturity_date: p.maturityDate,
      min_purchase_fen: p.minPurchaseFen,
      purchase_fee_rate: p.purchaseFeeRate,
      redemption_fee_rate: p.redemptionFeeRate,
      management_fee_rate: p.managementFeeRate,
      custody_fee_rate: p.custodyFeeRate,
      sales_service_fee_rate: p.salesServiceFeeRate,
      annual_price_fen: p.annualPriceFen,
      dividend_policy: p.dividendPolicy,
      status: p.status,
      description: p.description,
      nav_date: latest.date,
      nav_unit: latest.unit,
      nav_acc: latest.accumulated,
      nav_adj: latest.adjusted,
      adj_1y: yearAgo.adjusted1y,
    })
    .from(p)
    .leftJoinLateral(latest, sql`true`)
    .leftJoinLateral(yearAgo, sql`true`);
};

export type ProductRow = Awaited<ReturnType<typeof productsWithNav>>[number];

/** One page of the shelf (type, rating, code order) filtered by text, type and rating, and the total count. */
export const listProducts = async (db: Queryable, q: ProductListQuery) => {
  const text = q.q === undefined || q.q === '' ? undefined : containsPattern(q.q);
  const where = and(
    text === undefined ? undefined : or(like(p.name, text), like(p.code, text), like(p.manager, text)),
    q.type === undefined ? undefined : eq(p.type, q.type),
    q.risk === undefined ? undefined : eq(p.riskLevel, q.risk),
  );
  const { limit, offset } = pageWindow(q);
  const [rows, total] = await Promise.all([
    productsWithNav(db)
      .where(where)
      .orderBy(asc(p.type), asc(p.riskLevel), asc(p.code))
      .limit(limit)
      .offset(offset),
    db.orm.$count(p, where),
  ]);
  return { rows, total };
};

/**
 * The shelf's as-of date: the latest NAV date of any product (null on an empty shelf). Taken per product on the
 * (product_code, date) key, one index probe each, rather than max(date) over the whole NAV table (no index leads
 * with date, so that scans every NAV row on every product list and page).
 */
export const shelfNavAsOf = async (db: Queryable): Promise<string | null> =>
  (
    await db.one<{ d: string | null }>(
      sql`select max(x.d)::text as d
          from (select (select max(${nav.date}) from ${nav} where ${nav.productCode} = ${p.code}) as d from ${p}) x`,
    )
  )?.d ?? null;

export const findProduct = async (db: Queryable, code: string): Promise<ProductRow | null> =>
  (await productsWithNav(db).where(eq(p.code, code)))[0] ?? null;

export const navSeries = (db: Queryable, code: string) =>
  db.orm
    .select({
      date: nav.date,
      unit: nav.unit,
      accumulated: nav.accumulated,
      adjusted: nav.adjusted,
      dividend: nav.dividend,
      income_10k: nav.income10k,
      yield_7d: nav.yield7d,
    })
    .from(nav)
    .where(eq(nav.productCode, code))
    .orderBy(asc(nav.date));

export type NavRow = Awaited<ReturnType<typeof navSeries>>[number];

/**
 * Adjusted NAV histories of several products (all when `codes` is null), one row per product with the dates
 * and values as comma-separated text: ~50,000 NAV rows as 65 rows is about 5× faster to fetch on PGlite.
 */
export const adjustedNavs = (db: Queryable, codes: readonly string[] | null) =>
  db.orm
    .select({
      product_code: nav.productCode,
      dates: sql<string>`string_agg(${nav.date}::text, ',' ORDER BY ${nav.date})`,
      navs: sql<string>`string_agg(${nav.adjusted}::text, ',' ORDER BY ${nav.date})`,
    })
    .from(nav)
    .where(codes === null ? undefined : inArray(nav.productCode, [...codes]))
    .groupBy(nav.productCode)
    .orderBy(asc(nav.productCode));

export type AdjustedNavRow = Awaited<ReturnType<typeof adjustedNavs>>[number];

/** Close series of a benchmark index (synthetic in the demo), ascending. */
export const indexSeries = (db: Queryable, code: string) =>
  db.orm
    .select({ date: indexSeriesTable.date, close: indexSeriesTable.close })
    .from(indexSeriesTable)
    .where(eq(indexSeriesTable.indexCode, code))
    .orderBy(asc(indexSeriesTable.date));

export type IndexRow = Awaited<ReturnType<typeof indexSeries>>[number];

/** Code and name of every benchmark index. */
export const indexNames = (db: Queryable) =>
  db.orm.select({ code: indices.code, name: indices.name }).from(indices).orderBy(asc(indices.code));

export const shelfProducts = (db: Queryable) =>
  db.orm
    .select({
      code: p.code,
      name: p.name,
      type: p.type,
      risk_level: p.riskLevel,
      status: p.status,
      min_purchase_fen: p.minPurchaseFen,
      benchmark_index: p.benchmarkIndex,
      maturity_date: p.maturityDate,
    })
    .from(p)
    .orderBy(asc(p.code));

export type ShelfRow = Awaited<ReturnType<typeof shelfProducts>>[number];
