import { sql } from 'drizzle-orm';
import type { EnqueueOutcome, OutboundMessage } from '../../../core/engagement/message.js';
import {
  decideReach,
  DEFAULT_REACH_POLICY,
  eligibility,
  withOptOut,
  type ReachDecision,
  type ReachPolicy,
} from '../../../core/engagement/reach.js';
import { AppError, badInput } from '../../../core/errors.js';
import { guardOutbound } from '../../../core/guard/guard.js';
import type { GuardFinding, GuardProduct } from '../../../core/guard/types.js';
import type { Database } from '../../db/connection.js';
import type { Queryable } from '../../db/queryable.js';
import { outbox } from '../../db/schema.js';
import type { ChannelAdapters } from './adapters.js';
import {
  claimDue,
  existingByKey,
  loadContactState,
  loadProducts,
  loadRecipients,
  markRow,
  retryLater,
  type Recipient,
} from './repo.js';

const CHANNELS = new Set(['app', 'sms', 'wecom', 'email', 'chat']);
const PURPOSES = new Set(['marketing', 'service']);
const pairKey = (customerId: number, key: string) => `${customerId}\u0000${key}`;

const checkShape = (m: OutboundMessage, i: number): void => {
  const f = `messages[${i}]`;
  if (typeof m.key !== 'string' || m.key === '' || m.key.length > 200)
    throw badInput(`${f}.key`, 'expected a non-empty idempotency key of at most 200 characters');
  if (!Number.isSafeInteger(m.customerId)) throw badInput(`${f}.customerId`, 'expected a customer id');
  if (!CHANNELS.has(m.channel)) throw badInput(`${f}.channel`, 'expected app|sms|wecom|email|chat');
  if (!PURPOSES.has(m.purpose)) throw badInput(`${f}.purpose`, 'expected marketing|service');
  if (typeof m.body !== 'string' || m.body.trim() === '') throw badInput(`${f}.body`, 'expected the text');
  if (m.notBefore !== undefined && Number.isNaN(Date.parse(m.notBefore)))
    throw badInput(`${f}.notBefore`, 'expected an ISO-8601 instant');
};

/** The stable reason of a guard refusal: the first blocking finding's rule. */
const guardReason = (f: GuardFinding): string =>
  f.kind === 'compliance_violation' || f.kind === 'missing_text'
    ? `guard:${f.rule}`
    : f.kind === 'suitability'
      ? `guard:suitability:${f.product_code}`
      : `guard:${f.kind}`;

/**
 * The guard on the text as it will be sent and on the offered products: marketing texts carry their products'
 * disclosures and offer them (suitability must allow recommending); service texts reference holdings only.
 */
const guardMessage = (
  m: OutboundMessage,
  body: string,
  r: Recipient,
  shelf: Map<string, Omit<GuardProduct, 'role'>>,
  now: Date,
): string | null => {
  const role: GuardProduct['role'] = m.purpose === 'marketing' ? 'offer' : 'holding';
  const products: GuardProduct[] = (m.productCodes ?? []).map((c) => ({ ...shelf.get(c)!, role }));
  const types = m.purpose === 'marketing' ? [...new Set(products.map((p) => p.type))] : [];
  const texts = [m.title ?? '', body]
    .filter((t) => t !== '')
    .map((text, k) => ({ id: k === 0 && m.title ? 'title' : 'body', text, productTypes: types }));
  let g: ReturnType<typeof guardOutbound>;
  try {
    g = guardOutbound({ content: { texts, products }, customer: r.guard, now: now.toISOString() });
  } catch (e) {
    // Stored facts the guard cannot judge (an assessment dated after the send): nothing goes out unchecked.
    if (e instanceof AppError && e.code === 'BAD_INPUT') return 'guard:unverifiable';
    throw e;
  }
  const first = g.findings.find((f) => f.blocking);
  return g.allowed || first === undefined ? null : guardReason(first);
};

type OutboxInsert = {
  customer_id: number;
  key: string;
  channel: string;
  purpose: string;
  title: string | null;
  body: string;
  body_en: string | null;
  product_codes: string[];
  source_kind: string;
  source_ref: string;
  status: string;
  scheduled_at: string;
  reason: string | null;
};

const rowOf = (m: OutboundMessage, d: ReachDecision): OutboxInsert => ({
  customer_id: m.customerId,
  key: m.key,
  channel: m.channel,
  purpose: m.purpose,
  title: m.title ?? null,
  body: d.body,
  body_en: m.bodyEn ?? null,
  product_codes: [...(m.productCodes ?? [])],
  source_kind: m.source.kind,
  source_ref: m.source.ref,
  status: d.status,
  scheduled_at: new Date(d.scheduledAt).toISOString(),
  reason: d.reason,
});

/**
 * Stores the rows in one statement (one JSON parameter, not one per value: a batch of a few thousand messages
 * would otherwise be tens of thousands of bind values); a (customer, key) already stored is skipped.
 */
const insertRows = async (
  db: Queryable,
  rows: readonly OutboxInsert[],
  now: Date,
): Promise<{ id: number; customerId: number; key: string }[]> =>
  rows.length === 0
    ? []
    : (
        await db.rows<{ id: number; customer_id: number; key: string }>(sql`
          insert into ${outbox} (customer_id, key, channel, purpose, title, body, body_en, product_codes,
                                 source_kind, source_ref, status, scheduled_at, sent_at, reason, created_at)
          select r.customer_id, r.key, r.channel, r.purpose, r.title, r.body, r.body_en, r.product_codes,
                 r.source_kind, r.source_ref, r.status, r.scheduled_at, null, r.reason,
                 ${now.toISOString()}::timestamptz
            from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
              as r(customer_id bigint, key text, channel text, purpose text, title text, body text, body_en text,
                   product_codes jsonb, source_kind text, source_ref text, status text, scheduled_at timestamptz,
                   reason text)
          on conflict do nothing
          returning id, customer_id, key`)
      ).map((r) => ({ id: r.id, customerId: r.customer_id, key: r.key }));

/** What a producer (MOT, campaigns) hands its messages to: `enqueueMessages`, or a recorder in a unit test. */
export type Enqueue = (
  db: Queryable,
  msgs: readonly OutboundMessage[],
  now: Date,
) => Promise<EnqueueOutcome[]>;

/**
 * The one way to send something to a customer. Each message is guarded (compliance linter on the text as sent,
 * suitability on the offered products; a refusal is suppressed as `guard:<rule>`), then given its reach decision
 * (consent, do-not-contact, non-personalised, quiet hours, caps — counting the batch's earlier messages), then
 * stored once per (customer, key): a key already stored is reported as a duplicate and nothing is written.
 * Customer state is loaded for the whole batch at once. Unknown customers or products are refused (400) before
 * anything is written.
 */
export const enqueueMessages = async (
  db: Queryable,
  messages: readonly OutboundMessage[],
  now: Date,
  policy: ReachPolicy = DEFAULT_REACH_POLICY,
): Promise<EnqueueOutcome[]> => {
  messages.forEach(checkShape);
  const ids = [...new Set(messages.map((m) => m.customerId))];
  const codes = [...new Set(messages.flatMap((m) => m.productCodes ?? []))];
  const [recipients, shelf, existing] = await Promise.all([
    loadRecipients(db, ids, now),
    loadProducts(db, codes),
    existingByKey(db, messages),
  ]);
  messages.forEach((m, i) => {
    if (!recipients.has(m.customerId))
      throw badInput(`messages[${i}].customerId`, `no customer ${m.customerId}`);
    const unknown = (m.productCodes ?? []).find((c) => !shelf.has(c));
    if (unknown !== undefined) throw badInput(`messages[${i}].productCodes`, `no product "${unknown}"`);
  });
  const seen = new Set<string>();
  const planned: { m: OutboundMessage; d: ReachDecision }[] = [];
  for (const m of messages) {
    const k = pairKey(m.customerId, m.key);
    if (existing.has(k) || seen.has(k)) continue;
    seen.add(k);
    const r = recipients.get(m.customerId)!;
    const refused = guardMessage(m, withOptOut(m, policy), r, shelf, now);
    const d: ReachDecision =
      refused === null
        ? decideReach(m, r.reach, now, policy)
        : {
            status: 'suppressed',
            scheduledAt: now.toISOString(),
            reason: refused,
            body: withOptOut(m, policy),
          };
    if (d.status !== 'suppressed')
      recipients.set(m.customerId, {
        ...r,
        reach: {
          ...r.reach,
          recent: [...r.reach.recent, { channel: m.channel, purpose: m.purpose, at: d.scheduledAt }],
        },
      });
    planned.push({ m, d });
  }
  const inserted = await insertRows(
    db,
    planned.map((p) => rowOf(p.m, p.d)),
    now,
  );
  const fresh = new Map(inserted.map((r) => [pairKey(r.customerId, r.key), r.id]));
  const decided = new Map(planned.map((p) => [pairKey(p.m.customerId, p.m.key), p.d]));
  // A key another producer stored between our read and our insert: report what is stored.
  const raced = planned.filter((p) => !fresh.has(pairKey(p.m.customerId, p.m.key))).map((p) => p.m);
  const stored = raced.length === 0 ? existing : new Map([...existing, ...(await existingByKey(db, raced))]);
  const reported = new Set<string>();
  return messages.map((m) => {
    const k = pairKey(m.customerId, m.key);
    const id = fresh.get(k);
    const d = decided.get(k);
    if (id !== undefined && d !== undefined && !reported.has(k)) {
      reported.add(k);
      return {
        key: m.key,
        id,
        status: d.status,
        scheduledAt: d.scheduledAt,
        reason: d.reason,
        duplicate: false,
      };
    }
    const s = stored.get(k) ?? {
      id: fresh.get(k)!,
      status: d!.status,
      scheduledAt: new Date(d!.scheduledAt),
      reason: d!.reason,
    };
    return {
      key: m.key,
      id: s.id,
      status: s.status as EnqueueOutcome['status'],
      scheduledAt: s.scheduledAt.toISOString(),
      reason: s.reason,
      duplicate: true,
    };
  });
};

export type DispatchResult = { claimed: number; sent: number; suppressed: number; failed: number };

/**
 * Sends what is due: claims queued and deferred rows scheduled at or before `now` (SKIP LOCKED, so concurrent
 * dispatchers never share a row), re-checks consent, do-not-contact and the non-personalised choice as they stand
 * at send time (a withdrawal takes effect at once), sends through the channel's adapter and marks the row sent —
 * or suppressed with its reason. A failed delivery stays queued and is retried 5 minutes later. One transaction per
 * batch of `batchSize` rows, until nothing due is left.
 */
export const dispatchDue = async (
  db: Database,
  now: Date,
  adapters: ChannelAdapters,
  opts: { batchSize?: number; maxBatches?: number; policy?: ReachPolicy } = {},
): Promise<DispatchResult> => {
  const total: DispatchResult = { claimed: 0, sent: 0, suppressed: 0, failed: 0 };
  const policy = opts.policy ?? DEFAULT_REACH_POLICY;
  for (let b = 0; b < (opts.maxBatches ?? 100); b++) {
    const r = await db.transaction((tx) => dispatchBatch(tx, now, adapters, opts.batchSize ?? 200, policy));
    total.claimed += r.claimed;
    total.sent += r.sent;
    total.suppressed += r.suppressed;
    total.failed += r.failed;
    if (r.claimed < (opts.batchSize ?? 200)) break;
  }
  return total;
};

const RETRY_AFTER_MS = 5 * 60_000;

const dispatchBatch = async (
  tx: Queryable,
  now: Date,
  adapters: ChannelAdapters,
  limit: number,
  policy: ReachPolicy,
): Promise<DispatchResult> => {
  const rows = await claimDue(tx, now, limit);
  const out: DispatchResult = { claimed: rows.length, sent: 0, suppressed: 0, failed: 0 };
  const contact = await loadContactState(tx, [...new Set(rows.map((r) => r.customerId))]);
  for (const row of rows) {
    const state = { ...contact.get(row.customerId)!, recent: [] };
    const msg = { ...row, source: { kind: row.sourceKind, ref: row.sourceRef } };
    const refused = eligibility(msg, state, policy);
    const adapter = adapters[row.channel];
    const why = refused ?? (adapter === undefined ? 'no_adapter' : null);
    if (why !== null || adapter === undefined) {
      await markRow(tx, row, { status: 'suppressed', sentAt: null, reason: why });
      out.suppressed++;
      continue;
    }
    const res = await adapter
      .send(row, { db: tx, now })
      .catch((e: unknown) => ({ status: 'failed', detail: { error: String(e) } }) as const);
    if (res.status === 'failed') {
      // Retried on a later run, not again in this one: the row waits RETRY_AFTER_MS.
      await retryLater(tx, row, new Date(now.getTime() + RETRY_AFTER_MS));
      out.failed++;
      continue;
    }
    await markRow(tx, row, { status: 'sent', sentAt: now, reason: null });
    out.sent++;
  }
  return out;
};

/**
 * Links purchases to the message that prompted them: a purchase by the customer of a product named in a sent
 * message, traded from the message's day (Beijing time) to `windowDays` after it, is attributed to the latest
 * such message (last touch). A purchase is attributed once; rerunning adds only new ones (messages sent up to
 * `windowDays` + 31 days before `now` are scanned). Returns how many.
 */
export const attributeConversions = async (db: Queryable, now: Date, windowDays = 7): Promise<number> => {
  if (!Number.isInteger(windowDays) || windowDays < 0 || windowDays > 90)
    throw badInput('windowDays', 'expected a whole number of days from 0 to 90');
  // Messages whose window closed up to 30 days ago are still looked at, so a late or missed run loses nothing.
  const since = new Date(now.getTime() - (windowDays + 31) * 86_400_000);
  const rows = await db.rows<{ n: number }>(sql`
    WITH ins AS (
      INSERT INTO conversions (customer_id, transaction_id, outbox_id, product_code, amount_fen, at, attributed_at)
      SELECT DISTINCT ON (t.customer_id, t.id) t.customer_id, t.id, o.id, t.product_code, t.amount_fen,
             t.trade_date, ${now}::timestamptz
        FROM outbox o
        JOIN transactions t ON t.customer_id = o.customer_id
         AND o.product_codes @> jsonb_build_array(t.product_code)
       WHERE o.status = 'sent' AND o.sent_at >= ${since}::timestamptz AND o.sent_at <= ${now}::timestamptz
         AND t.type = 'purchase'
         AND t.trade_date >= (o.sent_at AT TIME ZONE 'Asia/Shanghai')::date
         AND t.trade_date <= (o.sent_at AT TIME ZONE 'Asia/Shanghai')::date + ${windowDays}::int
       ORDER BY t.customer_id, t.id, o.sent_at DESC, o.id DESC
      ON CONFLICT DO NOTHING
      RETURNING 1)
    SELECT count(*)::int AS n FROM ins`);
  return rows[0]?.n ?? 0;
};
