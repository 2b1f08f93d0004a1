import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import { followUpsOf, type InboxFollowUp } from '../../../core/dialogue/inbox.js';
import { AppError } from '../../../core/errors.js';
import type { Principal } from '../../auth/principal.js';
import { advisorInbox } from '../../db/schema.js';
import type { AppDeps } from '../../http/deps.js';
import { customerAlerts } from '../advisory/service.js';

const customerOf = (p: Principal): number => {
  if (p.kind !== 'customer' || p.customerId === null)
    throw new AppError('FORBIDDEN', 'the advisor inbox is the customer’s own');
  return p.customerId;
};

export type InboxItem = {
  id: string;
  kind: string;
  product_code: string | null;
  text: string;
  text_en: string;
  quick_replies: InboxFollowUp[];
  created_at: string;
  read: boolean;
};

/**
 * Stores today's alerts of the customer (NAV swings, take-profit / stop-loss triggers, drawdowns, maturities,
 * assessment expiry) as proactive chat messages with their one-tap follow-ups. The alert id is the idempotency
 * key (`ON CONFLICT DO NOTHING`), so running it again — on every read, or from a schedule — never duplicates a
 * message nor resets its read state.
 */
export const syncInbox = async (
  deps: AppDeps,
  p: Principal,
  customerId: number,
  requestId: string,
): Promise<number> => {
  // The advisory service passes every alert text with its disclosures through the outbound guard (and fails
  // rather than answer a refused one); the message is stored with those disclosures.
  const alerts = await customerAlerts(deps, p, customerId, undefined, requestId);
  const now = deps.now();
  const rows = alerts.items.map((a) => ({
    customerId,
    id: a.id,
    kind: a.type,
    productCode: a.product_code,
    text: `${a.message}${alerts.disclosure}`,
    textEn: `${a.message_en}${alerts.disclosure_en === '' ? '' : ` ${alerts.disclosure_en}`}`,
    quickReplies: followUpsOf(a.type),
    createdAt: now,
  }));
  if (rows.length === 0) return 0;
  const out = await deps.db.orm
    .insert(advisorInbox)
    .values(rows)
    .onConflictDoNothing()
    .returning({ id: advisorInbox.id });
  return out.length;
};

/** The customer's proactive messages, newest first (after bringing in today's alerts), and the unread count. */
export const listInbox = async (deps: AppDeps, p: Principal, requestId: string) => {
  const customerId = customerOf(p);
  await syncInbox(deps, p, customerId, requestId);
  const rows = await deps.db.orm
    .select()
    .from(advisorInbox)
    .where(eq(advisorInbox.customerId, customerId))
    .orderBy(desc(advisorInbox.createdAt), advisorInbox.id)
    .limit(50);
  const items: InboxItem[] = rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    product_code: r.productCode,
    text: r.text,
    text_en: r.textEn,
    quick_replies: r.quickReplies as InboxFollowUp[],
    created_at: r.createdAt.toISOString(),
    read: r.readAt !== null,
  }));
  return { unread: items.filter((i) => !i.read).length, items };
};

/** Marks one message read (idempotent: the first read time stays). */
export const readInbox = async (deps: AppDeps, p: Principal, id: string) => {
  const customerId = customerOf(p);
  const hit = await deps.db.orm
    .update(advisorInbox)
    .set({ readAt: sql`coalesce(${advisorInbox.readAt}, ${deps.now()})` })
    .where(and(eq(advisorInbox.customerId, customerId), eq(advisorInbox.id, id)))
    .returning({ id: advisorInbox.id });
  if (hit.length === 0)
    throw new AppError('NOT_FOUND', `inbox message ${id} not found; list them with GET /api/advisor/inbox`);
  return { id, read: true };
};

export const unreadCount = async (deps: AppDeps, customerId: number) =>
  (
    await deps.db.orm
      .select({ n: sql<number>`count(*)::int` })
      .from(advisorInbox)
      .where(and(eq(advisorInbox.customerId, customerId), isNull(advisorInbox.readAt)))
  )[0]?.n ?? 0;
