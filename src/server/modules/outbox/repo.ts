import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { GuardCustomer, GuardProduct } from '../../../core/guard/types.js';
import type { ConsentState, ReachState, RecentMessage } from '../../../core/engagement/reach.js';
import { ageOn } from '../../../core/suitability/dates.js';
import type { Queryable } from '../../db/queryable.js';
import { consents, contactPreferences, customers, outbox, products } from '../../db/schema.js';

/** One customer as the outbound path sees them: suitability facts for the guard and the reach state. */
export type Recipient = { readonly guard: GuardCustomer; readonly reach: ReachState };

const DAY = 86_400_000;

/** Consents and contact preferences of `ids`, by customer (the part of the reach state re-checked at send time). */
export const loadContactState = async (
  db: Queryable,
  ids: readonly number[],
): Promise<Map<number, Omit<ReachState, 'recent'>>> => {
  const out = new Map<number, Omit<ReachState, 'recent'>>();
  if (ids.length === 0) return out;
  const [cons, prefs] = await Promise.all([
    db.orm
      .select()
      .from(consents)
      .where(inArray(consents.customerId, [...ids])),
    db.orm
      .select()
      .from(contactPreferences)
      .where(inArray(contactPreferences.customerId, [...ids])),
  ]);
  for (const id of ids) {
    const p = prefs.find((x) => x.customerId === id);
    out.set(id, {
      consents: cons
        .filter((c) => c.customerId === id)
        .map((c) => ({ purpose: c.purpose, channel: c.channel, granted: c.granted, at: c.at.toISOString() })),
      doNotContact: p?.doNotContact ?? false,
      nonPersonalised: p?.nonPersonalised ?? false,
    });
  }
  return out;
};

/** `ids` as a subquery of one JSON parameter (one bind value however many ids). */
const idSet = (ids: readonly number[]) =>
  sql`(select (jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb))::bigint)`;

/** Milliseconds since the epoch, truncated as the driver truncates a timestamptz to a Date. */
const epochMs = (col: SQL) => sql`floor(extract(epoch from ${col}) * 1000)::float8`;

/**
 * Everything the enqueue decision needs for a batch of customers, in one statement: the customers' suitability
 * facts, consents, contact preferences, and the messages that count against the caps (queued, deferred or sent,
 * scheduled from the start of the week of `now` on: a week never starts more than 8 days before).
 */
export const loadRecipients = async (
  db: Queryable,
  ids: readonly number[],
  now: Date,
): Promise<Map<number, Recipient>> => {
  const out = new Map<number, Recipient>();
  if (ids.length === 0) return out;
  const since = new Date(now.getTime() - 8 * DAY);
  const rows = await db.rows<{
    id: number;
    risk_level: GuardCustomer['level'];
    risk_assessed_at: string;
    lowest_category: boolean;
    professional: boolean;
    birth_date: string;
    do_not_contact: boolean | null;
    non_personalised: boolean | null;
    consents: { purpose: string; channel: string; granted: boolean; at: number }[];
    recent: { channel: string; purpose: string; at: number }[];
  }>(sql`
    select c.id, c.risk_level, c.risk_assessed_at, c.lowest_category, c.professional, c.birth_date,
           p.do_not_contact, p.non_personalised,
           coalesce((select jsonb_agg(jsonb_build_object('purpose', k.purpose, 'channel', k.channel,
                                                         'granted', k.granted, 'at', ${epochMs(sql`k.at`)}))
                       from ${consents} k where k.customer_id = c.id), '[]'::jsonb) as consents,
           coalesce((select jsonb_agg(jsonb_build_object('channel', o.channel, 'purpose', o.purpose,
                                                         'at', ${epochMs(sql`coalesce(o.sent_at, o.scheduled_at)`)}))
                       from ${outbox} o
                      where o.customer_id = c.id and o.status in ('queued', 'deferred', 'sent')
                        and o.scheduled_at >= ${since.toISOString()}::timestamptz), '[]'::jsonb) as recent
      from ${customers} c left join ${contactPreferences} p on p.customer_id = c.id
     where c.id in ${idSet(ids)}`);
  const today = new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
  for (const r of rows) {
    out.set(r.id, {
      guard: {
        level: r.risk_level,
        assessedAt: r.risk_assessed_at,
        channel: 'bank',
        lowestCategory: r.lowest_category,
        professional: r.professional,
        age: ageOn(r.birth_date, today),
      },
      reach: {
        consents: r.consents.map((k) => ({
          purpose: k.purpose as ConsentState['purpose'],
          channel: k.channel as ConsentState['channel'],
          granted: k.granted,
          at: new Date(k.at).toISOString(),
        })),
        doNotContact: r.do_not_contact ?? false,
        nonPersonalised: r.non_personalised ?? false,
        recent: r.recent.map((m): RecentMessage => ({
          channel: m.channel as RecentMessage['channel'],
          purpose: m.purpose as RecentMessage['purpose'],
          at: new Date(m.at).toISOString(),
        })),
      },
    });
  }
  return out;
};

/** The shelf facts of `codes` the guard checks suitability on. */
export const loadProducts = async (
  db: Queryable,
  codes: readonly string[],
): Promise<Map<string, Omit<GuardProduct, 'role'>>> => {
  if (codes.length === 0) return new Map();
  const rows = await db.orm
    .select({
      code: products.code,
      risk: products.riskLevel,
      type: products.type,
      termDays: products.termDays,
    })
    .from(products)
    .where(inArray(products.code, [...codes]));
  return new Map(
    rows.map((p) => [
      p.code,
      {
        code: p.code,
        risk: p.risk,
        type: p.type,
        ...(p.termDays === null ? {} : { termMonths: Math.round(p.termDays / 30) }),
      },
    ]),
  );
};

/**
 * Rows already stored under these (customer, key) pairs: the pairs as one JSON parameter joined on the unique
 * (customer_id, key) index (binding every id and key of a batch of thousands cost more to build than to run).
 */
export const existingByKey = async (
  db: Queryable,
  pairs: readonly { customerId: number; key: string }[],
): Promise<Map<string, { id: number; status: string; scheduledAt: Date; reason: string | null }>> => {
  const out = new Map<string, { id: number; status: string; scheduledAt: Date; reason: string | null }>();
  if (pairs.length === 0) return out;
  const wanted = JSON.stringify(pairs.map((p) => ({ customer_id: p.customerId, key: p.key })));
  const rows = await db.rows<{
    customer_id: number;
    key: string;
    id: number;
    status: string;
    scheduled_at: Date;
    reason: string | null;
  }>(sql`
    select o.customer_id, o.key, o.id, o.status, o.scheduled_at, o.reason
      from ${outbox} o
      join jsonb_to_recordset(${wanted}::jsonb) as w(customer_id bigint, key text)
        on o.customer_id = w.customer_id and o.key = w.key`);
  for (const r of rows)
    out.set(`${r.customer_id}\u0000${r.key}`, {
      id: r.id,
      status: r.status,
      scheduledAt: r.scheduled_at,
      reason: r.reason,
    });
  return out;
};

export type OutboxRow = typeof outbox.$inferSelect;

/**
 * Claims up to `limit` due rows (queued or deferred, scheduled at or before `now`) for this transaction:
 * `FOR UPDATE SKIP LOCKED` hands rows another dispatcher holds to nobody else, so no row is sent twice.
 */
export const claimDue = async (tx: Queryable, now: Date, limit: number): Promise<OutboxRow[]> =>
  tx.orm
    .select()
    .from(outbox)
    .where(and(inArray(outbox.status, ['queued', 'deferred']), sql`${outbox.scheduledAt} <= ${now}`))
    .orderBy(outbox.scheduledAt, outbox.id)
    .limit(limit)
    .for('update', { skipLocked: true });

/** Records the outcome of one claimed row. */
export const markRow = async (
  tx: Queryable,
  row: { customerId: number; id: number },
  set: { status: 'sent' | 'suppressed'; sentAt: Date | null; reason: string | null },
): Promise<void> => {
  await tx.orm
    .update(outbox)
    .set(set)
    .where(and(eq(outbox.customerId, row.customerId), eq(outbox.id, row.id)));
};

/** Moves a row whose delivery failed to `at`, still queued (the next run after `at` tries again). */
export const retryLater = async (
  tx: Queryable,
  row: { customerId: number; id: number },
  at: Date,
): Promise<void> => {
  await tx.orm
    .update(outbox)
    .set({ scheduledAt: at })
    .where(and(eq(outbox.customerId, row.customerId), eq(outbox.id, row.id)));
};
