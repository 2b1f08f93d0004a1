import { and, asc, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { ArmTotals } from '../../../core/engagement/campaign-results.js';
import type { CampaignDefinition } from '../../../core/engagement/campaign.js';
import type { EnqueueOutcome } from '../../../core/engagement/message.js';
import type { Queryable } from '../../db/index.js';
import {
  campaignAssignments as ca,
  campaignConversions as cc,
  campaignExposures as cx,
  campaigns,
  customers,
  products,
} from '../../db/schema.js';

export type CampaignRow = typeof campaigns.$inferSelect;

export const findCampaign = async (db: Queryable, id: number): Promise<CampaignRow | null> =>
  (await db.orm.select().from(campaigns).where(eq(campaigns.id, id)))[0] ?? null;

export const findCampaignByKey = async (db: Queryable, key: string): Promise<CampaignRow | null> =>
  (await db.orm.select().from(campaigns).where(eq(campaigns.key, key)))[0] ?? null;

export const listCampaignRows = (db: Queryable): Promise<CampaignRow[]> =>
  db.orm.select().from(campaigns).orderBy(desc(campaigns.id)).limit(500);

/** Product type of each known code among `codes` (products is a reference table). */
export const productTypes = async (db: Queryable, codes: readonly string[]) =>
  codes.length === 0
    ? []
    : db.orm
        .select({ code: products.code, type: products.type })
        .from(products)
        .where(inArray(products.code, [...codes]));

/** Inserts a batch of assignments; an existing (customer, campaign) row is kept. Returns the newly assigned ids. */
export const insertAssignments = async (
  db: Queryable,
  campaignId: number,
  rows: readonly { customerId: number; arm: string }[],
  now: Date,
): Promise<number[]> =>
  rows.length === 0
    ? []
    : (
        await db.orm
          .insert(ca)
          .values(rows.map((r) => ({ ...r, campaignId, assignedAt: now })))
          .onConflictDoNothing()
          .returning({ customerId: ca.customerId })
      ).map((r) => r.customerId);

/** Records each customer's purchases in [from, to) (business dates) as the CUPED covariate of their assignment. */
export const setPrePurchases = async (
  db: Queryable,
  campaignId: number,
  customerIds: readonly number[],
  from: string,
  to: string,
): Promise<void> => {
  if (customerIds.length === 0) return;
  await db.orm
    .update(ca)
    .set({
      prePurchases: sql`(SELECT count(*)::int FROM transactions t
        WHERE t.customer_id = campaign_assignments.customer_id AND t.type = 'purchase'
          AND t.trade_date >= ${from}::date AND t.trade_date < ${to}::date)`,
    })
    .where(and(eq(ca.campaignId, campaignId), inArray(ca.customerId, [...customerIds])));
};

/** The customers among `ids` whose message outcome is already recorded (they are never handed over again). */
export const exposedAmong = async (db: Queryable, campaignId: number, ids: readonly number[]) =>
  ids.length === 0
    ? new Set<number>()
    : new Set(
        (
          await db.orm
            .select({ id: cx.customerId })
            .from(cx)
            .where(and(eq(cx.campaignId, campaignId), inArray(cx.customerId, [...ids])))
        ).map((r) => r.id),
      );

/** Records the outbox's outcome of each message (first outcome wins: a retry does not rewrite history). */
export const insertExposures = async (
  db: Queryable,
  campaignId: number,
  rows: readonly { customerId: number; arm: string; outcome: EnqueueOutcome }[],
  now: Date,
): Promise<void> => {
  if (rows.length === 0) return;
  await db.orm
    .insert(cx)
    .values(
      rows.map(({ customerId, arm, outcome: o }) => ({
        customerId,
        campaignId,
        arm,
        outboxKey: o.key,
        outboxId: o.id,
        status: o.status,
        reason: o.reason,
        scheduledAt: new Date(o.scheduledAt),
        recordedAt: now,
      })),
    )
    .onConflictDoNothing();
};

/** The conversions query of a definition: per assigned customer, the qualifying activity inside the window. */
const conversionSelect = (id: number, d: CampaignDefinition, offered: readonly string[], now: Date) => {
  const w = d.windowDays;
  if (d.conversion.kind === 'event')
    return sql`SELECT a.customer_id, a.campaign_id, a.arm,
        min(((e.at AT TIME ZONE 'UTC') + interval '8 hours')::date) AS day, count(*)::int AS n, 0::bigint AS amount
      FROM campaign_assignments a JOIN events e ON e.customer_id = a.customer_id
      WHERE a.campaign_id = ${id} AND e.type = ${d.conversion.eventType}
        AND e.at >= a.assigned_at AND e.at < a.assigned_at + ${w} * interval '1 day' AND e.at <= ${now}
      GROUP BY a.customer_id, a.campaign_id, a.arm`;
  const start = sql`((a.assigned_at AT TIME ZONE 'UTC') + interval '8 hours')::date`;
  const productFilter =
    d.conversion.kind === 'offered_products'
      ? sql`AND t.product_code IN (${sql.join(
          offered.map((c) => sql`${c}`),
          sql`, `,
        )})`
      : sql``;
  return sql`SELECT a.customer_id, a.campaign_id, a.arm, min(t.trade_date) AS day, count(*)::int AS n,
      sum(t.amount_fen)::bigint AS amount
    FROM campaign_assignments a JOIN transactions t ON t.customer_id = a.customer_id
    WHERE a.campaign_id = ${id} AND t.type = 'purchase'
      AND t.trade_date >= ${start} AND t.trade_date < ${start} + ${w}::int
      AND t.trade_date <= ((${now}::timestamptz AT TIME ZONE 'UTC') + interval '8 hours')::date
      ${productFilter}
    GROUP BY a.customer_id, a.campaign_id, a.arm`;
};

/**
 * Recomputes a campaign's conversions from transactions (or events) in each customer's window, in one statement
 * inside the database (no customer list is held in memory, whatever the target size). Call in a transaction.
 */
export const replaceConversions = async (
  db: Queryable,
  id: number,
  d: CampaignDefinition,
  offered: readonly string[],
  now: Date,
): Promise<void> => {
  await db.orm.delete(cc).where(eq(cc.campaignId, id));
  await db.run(sql`INSERT INTO campaign_conversions
      (customer_id, campaign_id, arm, converted_on, conversions, amount_fen, measured_at)
    SELECT q.customer_id, q.campaign_id, q.arm, q.day, q.n, q.amount, ${now}
    FROM (${conversionSelect(id, d, offered, now)}) q`);
  await db.orm.update(campaigns).set({ measuredAt: now }).where(eq(campaigns.id, id));
};

/** Per-arm sufficient statistics (intention to treat) computed in the database. */
export const armTotals = async (db: Queryable, id: number): Promise<ArmTotals[]> => {
  const rows = await db.rows<{
    arm: string;
    assigned: number;
    exposures: number;
    suppressed: number;
    conversions: number;
    pre_sum: number;
    pre_sq: number;
    conv_pre: number;
  }>(sql`SELECT a.arm, count(*)::int AS assigned,
      count(x.customer_id) FILTER (WHERE x.status <> 'suppressed')::int AS exposures,
      count(x.customer_id) FILTER (WHERE x.status = 'suppressed')::int AS suppressed,
      count(v.customer_id)::int AS conversions,
      coalesce(sum(a.pre_purchases), 0)::float8 AS pre_sum,
      coalesce(sum(a.pre_purchases * a.pre_purchases), 0)::float8 AS pre_sq,
      coalesce(sum(a.pre_purchases) FILTER (WHERE v.customer_id IS NOT NULL), 0)::float8 AS conv_pre
    FROM campaign_assignments a
    LEFT JOIN campaign_conversions v ON v.customer_id = a.customer_id AND v.campaign_id = a.campaign_id
    LEFT JOIN campaign_exposures x ON x.customer_id = a.customer_id AND x.campaign_id = a.campaign_id
    WHERE a.campaign_id = ${id}
    GROUP BY a.arm`);
  return rows.map((r) => ({
    arm: r.arm,
    assigned: r.assigned,
    exposures: r.exposures,
    suppressed: r.suppressed,
    conversions: r.conversions,
    preSum: r.pre_sum,
    preSumSquares: r.pre_sq,
    convertedPreSum: r.conv_pre,
  }));
};

export const suppressionReasons = (db: Queryable, id: number) =>
  db.orm
    .select({
      arm: cx.arm,
      reason: sql<string>`coalesce(${cx.reason}, '')`,
      count: sql<number>`count(*)::int`,
    })
    .from(cx)
    .where(and(eq(cx.campaignId, id), eq(cx.status, 'suppressed')))
    .groupBy(cx.arm, cx.reason)
    .orderBy(asc(cx.arm));

export const dailyConversions = (db: Queryable, id: number) =>
  db.orm
    .select({ arm: cc.arm, day: cc.convertedOn, n: sql<number>`count(*)::int` })
    .from(cc)
    .where(eq(cc.campaignId, id))
    .groupBy(cc.arm, cc.convertedOn)
    .orderBy(asc(cc.convertedOn));

/** Of `ids`, the customers that exist and are not merged into another (a list target's live members). */
export const liveCustomers = async (db: Queryable, ids: readonly number[]): Promise<number[]> =>
  ids.length === 0
    ? []
    : (
        await db.orm
          .select({ id: customers.id })
          .from(customers)
          .where(and(inArray(customers.id, [...ids]), isNull(customers.mergedInto)))
          .orderBy(asc(customers.id))
      ).map((r) => r.id);

/** Every assigned customer of a campaign with its arm and whether it converted (as last measured). */
export const assignmentOutcomes = (db: Queryable, id: number) =>
  db.rows<{ customer_id: number; arm: string; converted: boolean }>(sql`
    SELECT a.customer_id::int AS customer_id, a.arm, (v.customer_id IS NOT NULL) AS converted
    FROM campaign_assignments a
    LEFT JOIN campaign_conversions v ON v.customer_id = a.customer_id AND v.campaign_id = a.campaign_id
    WHERE a.campaign_id = ${id}
    ORDER BY a.customer_id`);
