import { and, asc, eq, sql } from 'drizzle-orm';
import { inIds } from '../../db/conditions.js';
import type { Queryable } from '../../db/index.js';
import {
  alertTargets,
  customers as c,
  holdings as h,
  indexSeries,
  indices,
  nav,
  products as p,
  transactions as t,
} from '../../db/schema.js';

// What the advisory engines read: the shelf (products with fees and NAV histories, indices) once per business
// day, and per customer — one or many at once — the profile facts, holdings, transactions and targets.

/** Every product with the columns the advisory core uses (fee rates as decimal text). */
export const shelfRows = (db: Queryable) =>
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
      inceptionDate: p.inceptionDate,
      purchase: p.purchaseFeeRate,
      redemption: p.redemptionFeeRate,
      management: p.managementFeeRate,
      custody: p.custodyFeeRate,
      salesService: p.salesServiceFeeRate,
    })
    .from(p)
    .orderBy(asc(p.code));
export type ShelfRow = Awaited<ReturnType<typeof shelfRows>>[number];

/** Unit and adjusted NAV histories, one row per product as comma-separated text (fast on PGlite). */
export const navHistories = (db: Queryable) =>
  db.orm
    .select({
      code: nav.productCode,
      dates: sql<string>`string_agg(${nav.date}::text, ',' ORDER BY ${nav.date})`,
      units: sql<string>`string_agg(${nav.unit}::text, ',' ORDER BY ${nav.date})`,
      adjusted: sql<string>`string_agg(${nav.adjusted}::text, ',' ORDER BY ${nav.date})`,
    })
    .from(nav)
    .groupBy(nav.productCode);

/** Every index's closes, one row per index. */
export const indexHistories = (db: Queryable) =>
  db.orm
    .select({
      code: indices.code,
      name: indices.name,
      kind: indices.kind,
      dates: sql<string | null>`string_agg(${indexSeries.date}::text, ',' ORDER BY ${indexSeries.date})`,
      closes: sql<string | null>`string_agg(${indexSeries.close}::text, ',' ORDER BY ${indexSeries.date})`,
    })
    .from(indices)
    .leftJoin(indexSeries, eq(indexSeries.indexCode, indices.code))
    .groupBy(indices.code, indices.name, indices.kind)
    .orderBy(asc(indices.code));

/** What changes the shelf: the latest NAV date, the NAV row count and the product count. */
export const shelfStamp = async (db: Queryable): Promise<string> => {
  const r = await db.one<{ d: string | null; n: number; k: number }>(
    sql`SELECT (SELECT max(${nav.date})::text FROM ${nav}) AS d,
               (SELECT count(*)::int FROM ${nav}) AS n,
               (SELECT count(*)::int FROM ${p}) AS k`,
  );
  return `${r?.d ?? ''}|${r?.n ?? 0}|${r?.k ?? 0}`;
};

/** Profile facts of customers by id (no scope: the service checks scope before, the CLI reads directly). */
export const customerFacts = (db: Queryable, ids: readonly number[]) =>
  db.orm
    .select({
      id: c.id,
      birthDate: c.birthDate,
      riskLevel: c.riskLevel,
      riskAssessedAt: c.riskAssessedAt,
      lowestCategory: c.lowestCategory,
      professional: c.professional,
      annualIncomeFen: c.annualIncomeFen,
      aumFen: c.aumFen,
    })
    .from(c)
    .where(inIds(c.id, ids))
    .orderBy(asc(c.id));
export type CustomerFactsRow = Awaited<ReturnType<typeof customerFacts>>[number];

/** Customer ids in id order (the CLI's and the bench's batches). */
export const customerIds = async (db: Queryable, limit: number, offset = 0): Promise<number[]> =>
  (await db.orm.select({ id: c.id }).from(c).orderBy(asc(c.id)).limit(limit).offset(offset)).map((r) => r.id);

export const holdingsOf = (db: Queryable, ids: readonly number[]) =>
  db.orm
    .select({
      customerId: h.customerId,
      productCode: h.productCode,
      units: h.units,
      costFen: h.costFen,
      openedAt: h.openedAt,
    })
    .from(h)
    .where(inIds(h.customerId, ids))
    .orderBy(asc(h.customerId), asc(h.productCode));
export type HoldingFactsRow = Awaited<ReturnType<typeof holdingsOf>>[number];

export const transactionsOf = (db: Queryable, ids: readonly number[]) =>
  db.orm
    .select({
      customerId: t.customerId,
      productCode: t.productCode,
      type: t.type,
      tradeDate: t.tradeDate,
      amountFen: t.amountFen,
      units: t.units,
      nav: t.nav,
      feeFen: t.feeFen,
    })
    .from(t)
    .where(inIds(t.customerId, ids))
    .orderBy(asc(t.customerId), asc(t.tradeDate), asc(t.id));
export type TransactionFactsRow = Awaited<ReturnType<typeof transactionsOf>>[number];

export const targetsOf = (db: Queryable, ids: readonly number[]) =>
  db.orm
    .select({
      customerId: alertTargets.customerId,
      productCode: alertTargets.productCode,
      takeProfit: alertTargets.takeProfit,
      stopLoss: alertTargets.stopLoss,
      updatedAt: alertTargets.updatedAt,
    })
    .from(alertTargets)
    .where(inIds(alertTargets.customerId, ids));
export type TargetRow = Awaited<ReturnType<typeof targetsOf>>[number];

/** Sets both sides of a holding's targets (null clears a side). */
export const upsertTargets = async (
  db: Queryable,
  customerId: number,
  productCode: string,
  takeProfit: number | null,
  stopLoss: number | null,
  at: Date,
): Promise<void> => {
  const values = {
    customerId,
    productCode,
    takeProfit: takeProfit === null ? null : takeProfit.toFixed(4),
    stopLoss: stopLoss === null ? null : stopLoss.toFixed(4),
    updatedAt: at,
  };
  await db.orm
    .insert(alertTargets)
    .values(values)
    .onConflictDoUpdate({
      target: [alertTargets.customerId, alertTargets.productCode],
      set: { takeProfit: values.takeProfit, stopLoss: values.stopLoss, updatedAt: at },
    });
};

export const deleteTargets = async (
  db: Queryable,
  customerId: number,
  productCode: string,
): Promise<void> => {
  await db.orm
    .delete(alertTargets)
    .where(and(eq(alertTargets.customerId, customerId), eq(alertTargets.productCode, productCode)));
};
