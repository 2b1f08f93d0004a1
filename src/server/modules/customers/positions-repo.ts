import { and, desc, eq, sql } from 'drizzle-orm';
import type { EventType } from '../../db/schema.js';
import type { Queryable } from '../../db/index.js';
import { events, holdings, nav, products, transactions } from '../../db/schema.js';

/**
 * Holdings valued at the latest published unit NAV of each product (the lateral subquery reads one row of
 * the nav primary-key index per product). `marketValue` is units × latest unit NAV rounded to the fen in exact
 * numeric arithmetic (decimal text), null without NAV.
 */
export const listHoldings = (db: Queryable, customerId: number) => {
  const latest = db.orm
    .select({ date: nav.date, unit: nav.unit })
    .from(nav)
    .where(eq(nav.productCode, holdings.productCode))
    .orderBy(desc(nav.date))
    .limit(1)
    .as('n');
  const marketValue = sql<string | null>`round(${holdings.units} * ${latest.unit}, 2)`;
  return db.orm
    .select({
      productCode: holdings.productCode,
      productName: products.name,
      productType: products.type,
      productRisk: products.riskLevel,
      units: holdings.units,
      costFen: holdings.costFen,
      openedAt: holdings.openedAt,
      navDate: latest.date,
      navUnit: latest.unit,
      marketValue,
    })
    .from(holdings)
    .innerJoin(products, eq(products.code, holdings.productCode))
    .leftJoinLateral(latest, sql`true`)
    .where(eq(holdings.customerId, customerId))
    .orderBy(sql`${marketValue} DESC NULLS LAST`, holdings.productCode);
};

export type HoldingRow = Awaited<ReturnType<typeof listHoldings>>[number];

export const listTransactions = (db: Queryable, customerId: number, limit: number, offset: number) =>
  db.orm
    .select({
      id: transactions.id,
      productCode: transactions.productCode,
      productName: products.name,
      type: transactions.type,
      tradeDate: transactions.tradeDate,
      amountFen: transactions.amountFen,
      units: transactions.units,
      nav: transactions.nav,
      feeFen: transactions.feeFen,
      channel: transactions.channel,
    })
    .from(transactions)
    .innerJoin(products, eq(products.code, transactions.productCode))
    .where(eq(transactions.customerId, customerId))
    .orderBy(desc(transactions.tradeDate), desc(transactions.id))
    .limit(limit)
    .offset(offset);

export type TransactionRow = Awaited<ReturnType<typeof listTransactions>>[number];

export const countTransactions = (db: Queryable, customerId: number): Promise<number> =>
  db.orm.$count(transactions, eq(transactions.customerId, customerId));

/** Events of one customer, of one type when `type` is given (an unknown type matches nothing). */
const eventsWhere = (customerId: number, type: string | null) =>
  and(eq(events.customerId, customerId), type === null ? undefined : eq(events.type, type as EventType));

export const listEvents = (
  db: Queryable,
  customerId: number,
  type: string | null,
  limit: number,
  offset: number,
) =>
  db.orm
    .select({
      id: events.id,
      at: events.at,
      type: events.type,
      channel: events.channel,
      payload: events.payload,
    })
    .from(events)
    .where(eventsWhere(customerId, type))
    .orderBy(desc(events.at), desc(events.id))
    .limit(limit)
    .offset(offset);

export type EventRow = Awaited<ReturnType<typeof listEvents>>[number];

export const countEvents = (db: Queryable, customerId: number, type: string | null): Promise<number> =>
  db.orm.$count(events, eventsWhere(customerId, type));
