import type { Queryable } from '../db/index.js';
import type { Principal } from './principal.js';

export type AuditAction =
  | 'auth.login'
  | 'auth.login_failed'
  | 'auth.logout'
  | 'pii.read'
  | 'customer.access_denied'
  | 'advice.proposal';

export type AuditEntry = {
  action: AuditAction;
  targetKind: string | null;
  target: string | null;
  customerId: number | null;
  details: Record<string, unknown>;
};

export type AuditActor = { kind: 'staff' | 'customer' | 'system'; id: string };

export const actorOf = (p: Principal): AuditActor => ({ kind: p.kind, id: p.id });

/**
 * Appends audit rows in one multi-row INSERT (one round trip for a whole page of PII reads). Called in the
 * request path before the data leaves, so a read that cannot be recorded does not happen.
 */
export const writeAudit = async (
  db: Queryable,
  actor: AuditActor,
  requestId: string | null,
  entries: readonly AuditEntry[],
): Promise<void> => {
  if (entries.length === 0) return;
  const params: unknown[] = [];
  const tuples = entries.map((e) => {
    const base = params.length;
    params.push(
      actor.kind,
      actor.id,
      e.action,
      e.targetKind,
      e.target,
      e.customerId,
      requestId,
      JSON.stringify(e.details),
    );
    const ph = Array.from({ length: 8 }, (_, i) => `$${base + i + 1}`);
    return `(now(), ${ph.slice(0, 7).join(', ')}, ${ph[7]}::jsonb)`;
  });
  await db.query(
    `INSERT INTO audit_log (at, actor_kind, actor_id, action, target_kind, target, customer_id, request_id, details)
     VALUES ${tuples.join(', ')}`,
    params,
  );
};
