import { and, eq, gte, inArray, sql } from 'drizzle-orm';
import type { GuardCustomer, GuardProduct } from '../../../core/guard/types.js';
import type { ReachState, RecentMessage } from '../../../core/engagement/reach.js';
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

/**
 * Everything the enqueue decision needs for a batch of customers, in four queries: the customers' suitability
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
  const [rows, contact, recent] = await Promise.all([
    db.orm
      .select()
      .from(customers)
      .where(inArray(customers.id, [...ids])),
    loadContactState(db, ids),
    db.orm
      .select({
        customerId: outbox.customerId,
        channel: outbox.channel,
        purpose: outbox.purpose,
        scheduledAt: outbox.scheduledAt,
        sentAt: outbox.sentAt,
      })
      .from(outbox)
      .where(
        and(
          inArray(outbox.customerId, [...ids]),
          inArray(outbox.status, ['queued', 'deferred', 'sent']),
          gte(outbox.scheduledAt, since),
        ),
      ),
  ]);
  const today = new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
  for (const r of rows) {
    const mine: RecentMessage[] = recent
      .filter((m) => m.customerId === r.id)
      .map((m) => ({
        channel: m.channel,
        purpose: m.purpose,
        at: (m.sentAt ?? m.scheduledAt).toISOString(),
      }));
    const c = contact.get(r.id)!;
    out.set(r.id, {
      guard: {
        level: r.riskLevel,
        assessedAt: r.riskAssessedAt,
        channel: 'bank',
        lowestCategory: r.lowestCategory,
        professional: r.professional,
        age: ageOn(r.birthDate, today),
      },
      reach: { ...c, recent: mine },
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

/** Rows already stored under these (customer, key) pairs. */
export const existingByKey = async (
  db: Queryable,
  pairs: readonly { customerId: number; key: string }[],
): Promise<Map<string, { id: number; status: string; scheduledAt: Date; reason: string | null }>> => {
  const out = new Map<string, { id: number; status: string; scheduledAt: Date; reason: string | null }>();
  if (pairs.length === 0) return out;
  const ids = [...new Set(pairs.map((p) => p.customerId))];
  const keys = [...new Set(pairs.map((p) => p.key))];
  const rows = await db.orm
    .select({
      customerId: outbox.customerId,
      key: outbox.key,
      id: outbox.id,
      status: outbox.status,
      scheduledAt: outbox.scheduledAt,
      reason: outbox.reason,
    })
    .from(outbox)
    .where(and(inArray(outbox.customerId, ids), inArray(outbox.key, keys)));
  for (const r of rows) out.set(`${r.customerId}\u0000${r.key}`, r);
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
