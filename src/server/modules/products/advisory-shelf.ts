import { asc, sql } from 'drizzle-orm';
import type { AdvisoryProduct } from '../../../core/advisory/product.js';
import type { Queryable } from '../../db/index.js';
import { nav, products as p } from '../../db/schema.js';
import type { AppDeps } from '../../http/deps.js';

/** Products with fee rates and both NAV series (unit and adjusted) as comma-separated text, one row a product. */
const shelfRows = (db: Queryable) =>
  db.orm
    .select({
      code: p.code,
      name: p.name,
      type: p.type,
      risk: p.riskLevel,
      issuer: p.issuer,
      manager: p.manager,
      benchmarkIndex: p.benchmarkIndex,
      termDays: p.termDays,
      maturityDate: p.maturityDate,
      status: p.status,
      minPurchaseFen: p.minPurchaseFen,
      purchase: p.purchaseFeeRate,
      redemption: p.redemptionFeeRate,
      management: p.managementFeeRate,
      custody: p.custodyFeeRate,
      salesService: p.salesServiceFeeRate,
      dates: sql<
        string | null
      >`(SELECT string_agg(${nav.date}::text, ',' ORDER BY ${nav.date}) FROM ${nav} WHERE ${nav.productCode} = ${p.code})`,
      units: sql<
        string | null
      >`(SELECT string_agg(${nav.unit}::text, ',' ORDER BY ${nav.date}) FROM ${nav} WHERE ${nav.productCode} = ${p.code})`,
      adjusted: sql<
        string | null
      >`(SELECT string_agg(${nav.adjusted}::text, ',' ORDER BY ${nav.date}) FROM ${nav} WHERE ${nav.productCode} = ${p.code})`,
    })
    .from(p)
    .orderBy(asc(p.code));

const latestNavDate = async (db: Queryable): Promise<string | null> =>
  (await db.orm.select({ d: sql<string | null>`max(${nav.date})::text` }).from(nav))[0]?.d ?? null;

type Shelf = { asOf: string; products: AdvisoryProduct[] };
let cache: { db: unknown; asOf: string; shelf: Promise<Shelf> } | null = null;

/**
 * The shelf as the advisory engines read it (core/advisory AdvisoryProduct: fee rates as numbers, unit and
 * adjusted NAV), valued on the latest NAV date. Shared by every customer: cached per database until a newer NAV
 * date appears.
 */
export const advisoryShelf = async (deps: AppDeps): Promise<Shelf> => {
  const asOf = (await latestNavDate(deps.db)) ?? '1970-01-01';
  if (cache !== null && cache.db === deps.db && cache.asOf === asOf) return cache.shelf;
  const shelf = shelfRows(deps.db).then((rows) => ({
    asOf,
    products: rows.map((r): AdvisoryProduct => {
      const dates = r.dates === null ? [] : r.dates.split(',');
      return {
        code: r.code,
        name: r.name,
        type: r.type,
        risk: r.risk,
        issuer: r.issuer,
        manager: r.manager,
        benchmarkIndex: r.benchmarkIndex,
        termDays: r.termDays,
        maturityDate: r.maturityDate,
        status: r.status,
        minPurchaseFen: Number(r.minPurchaseFen),
        fees: {
          purchase: Number(r.purchase),
          redemption: Number(r.redemption),
          management: Number(r.management),
          custody: Number(r.custody),
          salesService: Number(r.salesService),
        },
        nav: {
          dates,
          unit: r.units === null ? new Float64Array(0) : Float64Array.from(r.units.split(','), Number),
          adjusted:
            r.adjusted === null ? new Float64Array(0) : Float64Array.from(r.adjusted.split(','), Number),
        },
      };
    }),
  }));
  cache = { db: deps.db, asOf, shelf };
  shelf.catch(() => {
    cache = null;
  });
  return shelf;
};
