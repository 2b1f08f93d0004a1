import { and, asc, eq, gt, sql } from 'drizzle-orm';
import type { Queryable } from '../../db/index.js';
import { customerInsights, customerIntents, products, rmCards } from '../../db/schema.js';

export type IntentRow = typeof customerIntents.$inferSelect;
export type NewIntent = Omit<typeof customerIntents.$inferInsert, 'id' | 'createdAt' | 'updatedAt'>;

export const insertInsight = async (
  db: Queryable,
  row: { customerId: number; messages: unknown[]; insight: Record<string, unknown>; createdBy: number },
): Promise<number> => {
  const [r] = await db.orm.insert(customerInsights).values(row).returning({ id: customerInsights.id });
  return r!.id;
};

export const insertIntents = async (db: Queryable, rows: readonly NewIntent[]): Promise<IntentRow[]> =>
  rows.length === 0
    ? []
    : db.orm
        .insert(customerIntents)
        .values([...rows])
        .returning();

export const listIntents = (db: Queryable, customerId: number): Promise<IntentRow[]> =>
  db.orm
    .select()
    .from(customerIntents)
    .where(eq(customerIntents.customerId, customerId))
    .orderBy(asc(customerIntents.id));

export const findIntent = async (
  db: Queryable,
  customerId: number,
  id: number,
): Promise<IntentRow | null> => {
  const [r] = await db.orm
    .select()
    .from(customerIntents)
    .where(and(eq(customerIntents.customerId, customerId), eq(customerIntents.id, id)));
  return r ?? null;
};

export const updateIntent = async (
  db: Queryable,
  customerId: number,
  id: number,
  set: Partial<typeof customerIntents.$inferInsert>,
): Promise<IntentRow> => {
  const [r] = await db.orm
    .update(customerIntents)
    .set({ ...set, updatedAt: sql`now()` })
    .where(and(eq(customerIntents.customerId, customerId), eq(customerIntents.id, id)))
    .returning();
  return r!;
};

/** Key facts of every product (fees, term, benchmark) for the card builder. */
export const productFacts = (db: Queryable) =>
  db.orm
    .select({
      code: products.code,
      name: products.name,
      type: products.type,
      risk: products.riskLevel,
      minPurchaseFen: products.minPurchaseFen,
      termDays: products.termDays,
      benchmark: products.benchmark,
      purchase: products.purchaseFeeRate,
      redemption: products.redemptionFeeRate,
      management: products.managementFeeRate,
      custody: products.custodyFeeRate,
      salesService: products.salesServiceFeeRate,
    })
    .from(products)
    .orderBy(asc(products.code));

export const insertCard = (db: Queryable, row: typeof rmCards.$inferInsert) =>
  db.orm.insert(rmCards).values(row);

export const findCard = async (db: Queryable, token: string, now: Date) => {
  const [r] = await db.orm
    .select({ card: rmCards.card, expiresAt: rmCards.expiresAt })
    .from(rmCards)
    .where(and(eq(rmCards.token, token), gt(rmCards.expiresAt, now)));
  return r ?? null;
};
