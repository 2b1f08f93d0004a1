import { and, asc, eq, gte, lt, or, sql, type SQL } from 'drizzle-orm';
import { AppError, badInput } from '../../../core/errors.js';
import type { Principal } from '../../auth/principal.js';
import { inUnitOrChildren } from '../../db/conditions.js';
import type { Database, Queryable } from '../../db/index.js';
import { leadNotes, leads, orgUnits, staff, type LeadStatus } from '../../db/schema.js';

/**
 * RM leads (issue 14): the workbench list in the caller's scope (RM → own leads, branch manager → the branch's
 * and those escalated to them, operations/admin/audit → all), status changes new → contacted → won/lost (lost
 * needs a reason), follow-up notes, and the escalation of leads past their SLA to the branch manager, once.
 */
export type LeadView = {
  id: number;
  customer_id: number;
  rule: string;
  rule_version: number;
  status: LeadStatus;
  lost_reason: string | null;
  rm_id: number | null;
  org_unit_id: string;
  due_at: string;
  sla: 'ok' | 'due_soon' | 'overdue' | 'closed';
  escalated_at: string | null;
  escalated_to: number | null;
  script: string;
  script_en: string;
  created_at: string;
  closed_at: string | null;
  notes: { id: number; author_id: number; text: string; created_at: string }[];
};

export type LeadFilter = { status?: LeadStatus; from?: string; to?: string; rmId?: number; limit?: number };

/** The leads a caller may see. */
const scopeOf = (p: Principal): SQL => {
  switch (p.role) {
    case 'rm':
      return eq(leads.rmId, p.staffId ?? -1);
    case 'branch_manager':
      return p.branchId === null
        ? sql`false`
        : (or(inUnitOrChildren(leads.orgUnitId, p.branchId), eq(leads.escalatedTo, p.staffId ?? -1)) ??
            sql`false`);
    case 'admin':
    case 'ops':
    case 'auditor':
      return sql`true`;
    default:
      return sql`false`;
  }
};

const DUE_SOON_MS = 4 * 3_600_000;

const slaOf = (status: LeadStatus, due: Date, now: Date): LeadView['sla'] =>
  status === 'won' || status === 'lost'
    ? 'closed'
    : due.getTime() < now.getTime()
      ? 'overdue'
      : due.getTime() - now.getTime() <= DUE_SOON_MS
        ? 'due_soon'
        : 'ok';

type LeadRow = typeof leads.$inferSelect;

const viewOf = (r: LeadRow, notes: LeadView['notes'], now: Date): LeadView => ({
  id: r.id,
  customer_id: r.customerId,
  rule: r.ruleKey,
  rule_version: r.ruleVersion,
  status: r.status,
  lost_reason: r.lostReason,
  rm_id: r.rmId,
  org_unit_id: r.orgUnitId,
  due_at: r.dueAt.toISOString(),
  sla: slaOf(r.status, r.dueAt, now),
  escalated_at: r.escalatedAt?.toISOString() ?? null,
  escalated_to: r.escalatedTo,
  script: r.script,
  script_en: r.scriptEn,
  created_at: r.createdAt.toISOString(),
  closed_at: r.closedAt?.toISOString() ?? null,
  notes,
});

const notesOf = async (db: Queryable, rows: readonly LeadRow[]): Promise<Map<number, LeadView['notes']>> => {
  const out = new Map<number, LeadView['notes']>();
  if (rows.length === 0) return out;
  const pairs = JSON.stringify(rows.map((r) => ({ customer_id: r.customerId, lead_id: r.id })));
  const notes = await db.rows<{
    id: number;
    lead_id: number;
    author_id: number;
    text: string;
    created_at: Date;
  }>(sql`
    select n.id, n.lead_id, n.author_id, n.text, n.created_at
      from jsonb_to_recordset(${pairs}::jsonb) as r(customer_id bigint, lead_id bigint)
      join ${leadNotes} n on n.customer_id = r.customer_id and n.lead_id = r.lead_id
     order by n.id`);
  for (const n of notes)
    out.set(n.lead_id, [
      ...(out.get(n.lead_id) ?? []),
      { id: n.id, author_id: n.author_id, text: n.text, created_at: n.created_at.toISOString() },
    ]);
  return out;
};

/** Leads in scope, soonest due first; `from`/`to` filter on the creation day (YYYY-MM-DD, China time). */
export const listLeads = async (db: Queryable, scope: SQL, f: LeadFilter, now: Date): Promise<LeadView[]> => {
  const day = (d: string) => new Date(`${d}T00:00:00+08:00`);
  const rows = await db.orm
    .select()
    .from(leads)
    .where(
      and(
        scope,
        f.status === undefined ? undefined : eq(leads.status, f.status),
        f.rmId === undefined ? undefined : eq(leads.rmId, f.rmId),
        f.from === undefined ? undefined : gte(leads.createdAt, day(f.from)),
        f.to === undefined ? undefined : lt(leads.createdAt, new Date(day(f.to).getTime() + 86_400_000)),
      ),
    )
    .orderBy(asc(leads.dueAt), asc(leads.id))
    .limit(f.limit ?? 200);
  const notes = await notesOf(db, rows);
  return rows.map((r) => viewOf(r, notes.get(r.id) ?? [], now));
};

/** The workbench list of a caller. */
export const leadsOf = (db: Queryable, p: Principal, f: LeadFilter, now: Date): Promise<LeadView[]> =>
  listLeads(db, scopeOf(p), f, now);

/** One lead in the caller's scope, or 404 (a lead outside the scope is not revealed). */
const leadInScope = async (db: Queryable, p: Principal, id: number): Promise<LeadRow> => {
  const [row] = await db.orm
    .select()
    .from(leads)
    .where(and(eq(leads.id, id), scopeOf(p)));
  if (row === undefined) throw new AppError('NOT_FOUND', `lead ${id} not found`, { field: 'id' });
  return row;
};

const NEXT: Readonly<Record<LeadStatus, readonly LeadStatus[]>> = {
  new: ['contacted', 'won', 'lost'],
  contacted: ['won', 'lost'],
  won: [],
  lost: [],
};

/** Moves a lead on (new → contacted → won/lost); lost needs a reason. Returns the lead before and after. */
export const updateLeadStatus = async (
  db: Database,
  p: Principal,
  id: number,
  body: { status: LeadStatus; lost_reason?: string | undefined },
  now: Date,
): Promise<{ before: LeadStatus; lead: LeadView }> =>
  db.transaction(async (tx) => {
    const row = await leadInScope(tx, p, id);
    if (!NEXT[row.status].includes(body.status))
      throw new AppError(
        'CONFLICT',
        `lead ${id} is ${row.status}; it can move to ${NEXT[row.status].join(', ') || 'nothing (closed)'}`,
        { field: 'status', status: row.status },
      );
    const reason = body.lost_reason?.trim();
    if (body.status === 'lost' && (reason === undefined || reason === ''))
      throw badInput('lost_reason', 'a lost lead needs a reason, e.g. "已在他行购买"');
    const closed = body.status === 'won' || body.status === 'lost';
    const [after] = await tx.orm
      .update(leads)
      .set({
        status: body.status,
        lostReason: body.status === 'lost' ? reason! : null,
        closedAt: closed ? now : null,
      })
      .where(and(eq(leads.customerId, row.customerId), eq(leads.id, id)))
      .returning();
    const notes = await notesOf(tx, [after!]);
    return { before: row.status, lead: viewOf(after!, notes.get(id) ?? [], now) };
  });

/** Adds a follow-up note to a lead in the caller's scope. */
export const addLeadNote = async (
  db: Database,
  p: Principal,
  id: number,
  text: string,
  now: Date,
): Promise<{ id: number; lead_id: number; customer_id: number; text: string; created_at: string }> => {
  if (p.staffId === null) throw new AppError('FORBIDDEN', 'notes are written by staff');
  const row = await leadInScope(db, p, id);
  const [n] = await db.orm
    .insert(leadNotes)
    .values({ customerId: row.customerId, leadId: id, authorId: p.staffId, text, createdAt: now })
    .returning();
  return {
    id: n!.id,
    lead_id: id,
    customer_id: row.customerId,
    text: n!.text,
    created_at: now.toISOString(),
  };
};

/**
 * Escalates new leads past their due time to the branch manager of the lead's outlet (the manager of its
 * parent branch), once: `escalated_at` is set and never again. Returns how many were escalated.
 */
export const escalateOverdue = async (db: Queryable, now: Date): Promise<number> => {
  const rows = await db.rows<{ id: number }>(sql`
    with bm as (
      select distinct on (o.id) o.id as unit, s.id as staff_id
        from ${orgUnits} o
        join ${staff} s on s.role = 'branch_manager' and s.active and (s.org_unit_id = o.parent_id or s.org_unit_id = o.id)
       order by o.id, s.id
    )
    update ${leads} l set escalated_at = ${now.toISOString()}::timestamptz, escalated_to = bm.staff_id
      from bm
     where bm.unit = l.org_unit_id and l.status = 'new' and l.escalated_at is null
       and l.due_at < ${now.toISOString()}::timestamptz
    returning l.id`);
  return rows.length;
};
