import { sql } from 'drizzle-orm';
import type { SQL } from 'drizzle-orm';
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
  | 'assessment.submit'
  | 'assessment.refused'
  | 'assessment.confirm'
  | 'advice.recommendations'
  | 'alerts.targets_set'
  | 'alerts.targets_cleared'
  | 'intent.proposed'
  | 'intent.confirmed'
  | 'intent.edited'
  | 'card.created'
  | 'taxonomy.proposed'
  | 'copy.created'
  | 'copy.edited'
  | 'copy.submitted'
  | 'copy.approved'
  | 'copy.rejected'
  | 'copy.sent'
  | 'segment.save'
  | 'cdp.strategy.save'
  | 'cdp.policy.save'
  | 'segment.delete'
  | 'segment.export'
  | 'tag.set'
  | 'tag.remove'
  | 'customer.merge'
  | 'customer.unmerge'
  | 'advisor.assessment'
  | 'advisor.guard_refusal'
  | 'advisor.handoff'
  | 'events.ingest'
  | 'events.replay'
  | 'advisor.flows_publish'
  | 'advisor.flows_rollback'
  | 'advisor.review_label'
  | 'advisor.model_retrain'
  | 'advisor.kb_import'
  | 'advisor.kb_edit'
  | 'campaign.save'
  | 'campaign.launch'
  | 'campaign.end'
  | 'consent.recorded'
  | 'contact_preferences.set'
  | 'mot.rule_save'
  | 'mot.rule_switch'
  | 'lead.status'
  | 'lead.note'
  | 'insight.study_start'
  | 'insight.study_cancel'
  | 'insight.survey_import'
  | 'insight.review_schedule'
  | 'insight.review_ack'
  | 'insight.review_run';

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
 * Appends audit rows in one statement: one round trip per request whatever the number of rows (a page of PII
 * reads is one statement). Called in the request path before the data leaves, so a read that cannot be
 * recorded does not happen (docs/decisions/0005-typed-queries.md explains why it is not buffered).
 * The rows travel as one JSON parameter expanded by `jsonb_to_recordset` rather than as a multi-row builder
 * INSERT: the builder maps and numbers eight parameters per row in JavaScript on every request (≈ 1 ms of CPU for
 * a page of 50), the JSON is one string; the same statement on PGlite and PostgreSQL.
 */
export const writeAudit = async (
  db: Queryable,
  actor: AuditActor,
  requestId: string | null,
  entries: readonly AuditEntry[],
): Promise<void> => {
  if (entries.length === 0) return;
  const rows = JSON.stringify(
    entries.map((e) => ({
      action: e.action,
      target_kind: e.targetKind,
      target: e.target,
      customer_id: e.customerId,
      details: e.details,
    })),
  );
  await db.run(sql`
    insert into ${auditLog} (actor_kind, actor_id, action, target_kind, target, customer_id, request_id, details)
    select ${actor.kind}, ${actor.id}, r.action, r.target_kind, r.target, r.customer_id, ${requestId},
           coalesce(r.details, '{}'::jsonb)
    from jsonb_to_recordset(${rows}::jsonb)
      as r(action text, target_kind text, target text, customer_id bigint, details jsonb)`);
};

/**
 * The audit INSERT of a read, to run as a data-modifying CTE of the read's own statement (`WITH audit AS (…)
 * SELECT …`): `rows` is a SELECT of (actor_kind, actor_id, action, target_kind, target, customer_id, request_id,
 * details) over what the read selects. The rows are written by the statement that reads the data, atomically with
 * it, so a read that cannot be recorded does not happen — what `writeAudit` after the read guarantees — with one
 * statement per request instead of two (on PGlite every statement is a pass through the engine's queue).
 */
export const auditInsertOf = (rows: SQL): SQL =>
  sql`insert into ${auditLog} (actor_kind, actor_id, action, target_kind, target, customer_id, request_id, details) ${rows}`;
