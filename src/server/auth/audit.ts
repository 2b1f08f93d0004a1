import type { Queryable } from '../db/index.js';
import { auditLog } from '../db/schema.js';
import type { Principal } from './principal.js';

export type AuditAction =
  | 'auth.login'
  | 'auth.login_failed'
  | 'auth.logout'
  | 'pii.read'
  | 'pii.search'
  | 'customer.access_denied'
  | 'advice.proposal'
  | 'advisor.assessment'
  | 'advisor.guard_refusal'
  | 'advisor.handoff';

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
 * Appends audit rows in one multi-row INSERT: one round trip per request whatever the number of rows (a page of
 * PII reads is one statement). Called in the request path before the data leaves, so a read that cannot be
 * recorded does not happen (docs/decisions/0005-typed-queries.md explains why it is not buffered).
 */
export const writeAudit = async (
  db: Queryable,
  actor: AuditActor,
  requestId: string | null,
  entries: readonly AuditEntry[],
): Promise<void> => {
  if (entries.length === 0) return;
  await db.orm.insert(auditLog).values(
    entries.map((e) => ({
      actorKind: actor.kind,
      actorId: actor.id,
      action: e.action,
      targetKind: e.targetKind,
      target: e.target,
      customerId: e.customerId,
      requestId,
      details: e.details,
    })),
  );
};
