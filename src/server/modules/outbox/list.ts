import { and, desc, eq, sql, type SQL } from 'drizzle-orm';
import { reasonGroup, reasonLabel } from '../../../core/engagement/reach-reasons.js';
import { scopeCondition, type DataScope } from '../../auth/principal.js';
import type { Queryable } from '../../db/queryable.js';
import { customers, outbox } from '../../db/schema.js';

export type OutboxFilter = {
  readonly customerId?: number | undefined;
  readonly status?: 'queued' | 'deferred' | 'sent' | 'suppressed' | undefined;
  readonly channel?: 'app' | 'sms' | 'wecom' | 'email' | 'chat' | undefined;
  /** A reason code, or a group (`no_consent`, `guard`, `cap:day`): rows whose reason starts with it. */
  readonly reason?: string | undefined;
  readonly limit?: number | undefined;
};

/** One outbox row as the API and the CLI show it (the contract fields first, then what the console shows). */
export type OutboxItem = {
  id: number;
  customer_id: number;
  channel: string;
  purpose: string;
  status: string;
  scheduled_at: string;
  reason: string | null;
  reason_label: { zh: string; en: string } | null;
  title: string | null;
  body: string;
  source: { kind: string; ref: string };
  key: string;
  product_codes: string[];
  sent_at: string | null;
  created_at: string;
};

const where = (scope: DataScope, f: OutboxFilter): SQL | undefined =>
  and(
    scopeCondition(scope),
    f.customerId === undefined ? undefined : eq(outbox.customerId, f.customerId),
    f.status === undefined ? undefined : eq(outbox.status, f.status),
    f.channel === undefined ? undefined : eq(outbox.channel, f.channel),
    f.reason === undefined
      ? undefined
      : sql`(${outbox.reason} = ${f.reason} OR ${outbox.reason} LIKE ${`${f.reason.replace(/[%_\\]/g, '\\$&')}:%`})`,
  );

/** The outbox rows the scope may see, newest first (what `GET /api/outbox` and `caiban outbox list` print). */
export const listOutbox = async (db: Queryable, scope: DataScope, f: OutboxFilter): Promise<OutboxItem[]> => {
  const rows = await db.orm
    .select({ o: outbox })
    .from(outbox)
    .innerJoin(customers, eq(customers.id, outbox.customerId))
    .where(where(scope, f))
    .orderBy(desc(outbox.createdAt), desc(outbox.id))
    .limit(f.limit ?? 100);
  return rows.map(({ o }) => ({
    id: o.id,
    customer_id: o.customerId,
    channel: o.channel,
    purpose: o.purpose,
    status: o.status,
    scheduled_at: o.scheduledAt.toISOString(),
    reason: o.reason,
    reason_label: o.reason === null ? null : reasonLabel(o.reason),
    title: o.title,
    body: o.body,
    source: { kind: o.sourceKind, ref: o.sourceRef },
    key: o.key,
    product_codes: o.productCodes,
    sent_at: o.sentAt?.toISOString() ?? null,
    created_at: o.createdAt.toISOString(),
  }));
};

export type OutboxStats = {
  by_status: Record<string, number>;
  by_reason: { reason: string; label: { zh: string; en: string }; count: number }[];
};

/** Counts per status and per reason group over the scope (the console's summary and reason chart). */
export const outboxStats = async (db: Queryable, scope: DataScope, f: OutboxFilter): Promise<OutboxStats> => {
  const rows = await db.orm
    .select({ status: outbox.status, reason: outbox.reason, n: sql<number>`count(*)::int` })
    .from(outbox)
    .innerJoin(customers, eq(customers.id, outbox.customerId))
    .where(where(scope, { ...f, status: undefined, reason: undefined }))
    .groupBy(outbox.status, outbox.reason);
  const byStatus: Record<string, number> = { queued: 0, deferred: 0, sent: 0, suppressed: 0 };
  const byReason = new Map<string, number>();
  for (const r of rows) {
    byStatus[r.status] = (byStatus[r.status] ?? 0) + r.n;
    if (r.reason !== null)
      byReason.set(reasonGroup(r.reason), (byReason.get(reasonGroup(r.reason)) ?? 0) + r.n);
  }
  return {
    by_status: byStatus,
    by_reason: [...byReason]
      .map(([reason, count]) => ({ reason, label: groupLabel(reason), count }))
      .sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason)),
  };
};

const groupLabel = (group: string): { zh: string; en: string } =>
  group === 'no_consent'
    ? { zh: '未获营销授权', en: 'No marketing consent' }
    : group === 'guard'
      ? { zh: '合规/适当性拦截', en: 'Refused by the outbound guard' }
      : reasonLabel(group);
