import { and, asc, desc, eq, ne, sql } from 'drizzle-orm';
import type { Queryable } from '../../db/index.js';
import {
  advisorHandoffs,
  advisorMessages,
  advisorSessions,
  advisorTickets,
  customers,
} from '../../db/schema.js';

export const insertSession = (db: Queryable, customerId: number, id: string, state: unknown, at: Date) =>
  db.orm.insert(advisorSessions).values({ customerId, id, state, turns: 0, createdAt: at, updatedAt: at });

/** A session of this customer (null for an unknown id or another customer's session). */
export const findSession = async (db: Queryable, customerId: number, id: string) =>
  (
    await db.orm
      .select()
      .from(advisorSessions)
      .where(and(eq(advisorSessions.customerId, customerId), eq(advisorSessions.id, id)))
  )[0] ?? null;

export const saveSession = (
  db: Queryable,
  customerId: number,
  id: string,
  state: unknown,
  turns: number,
  at: Date,
) =>
  db.orm
    .update(advisorSessions)
    .set({ state, turns, updatedAt: at })
    .where(and(eq(advisorSessions.customerId, customerId), eq(advisorSessions.id, id)));

export type MessageInsert = {
  role: 'customer' | 'advisor' | 'rm' | 'system';
  text: string;
  reply?: unknown;
  annotations?: unknown;
  error?: string | null;
};

/**
 * The INSERT of messages after the session's last one (sequence numbers continue from max(seq) read in the same
 * statement). The rows travel as one JSON parameter expanded by `jsonb_to_recordset` (as the audit writer does).
 */
const insertMessages = (customerId: number, sessionId: string, rows: readonly MessageInsert[], at: Date) => {
  const json = JSON.stringify(
    rows.map((r, k) => ({
      k: k + 1,
      role: r.role,
      text: r.text,
      reply: r.reply ?? null,
      annotations: r.annotations ?? null,
      error: r.error ?? null,
    })),
  );
  const m = advisorMessages;
  return sql`insert into ${m} (customer_id, session_id, seq, role, text, reply, annotations, error, at)
    select ${customerId}::bigint, ${sessionId}::text,
           coalesce((select max(${m.seq}) from ${m}
                     where ${m.customerId} = ${customerId}::bigint and ${m.sessionId} = ${sessionId}::text), 0) + r.k,
           r.role, r.text, r.reply, r.annotations, r.error, ${at.toISOString()}::timestamptz
    from jsonb_to_recordset(${json}::jsonb)
      as r(k int, role text, text text, reply jsonb, annotations jsonb, error text)`;
};

/** Appends messages after the session's last one (sequence numbers continue), in one statement. */
export const appendMessages = async (
  db: Queryable,
  customerId: number,
  sessionId: string,
  rows: readonly MessageInsert[],
  at: Date,
): Promise<void> => {
  await db.run(insertMessages(customerId, sessionId, rows, at));
};

/**
 * A finished turn in one statement: its messages appended (as `appendMessages`) and the session's new state and
 * turn count stored — one round trip instead of three, atomic as one statement is.
 */
export const recordTurn = async (
  db: Queryable,
  customerId: number,
  sessionId: string,
  rows: readonly MessageInsert[],
  turn: { state: unknown; turns: number },
  at: Date,
): Promise<void> => {
  const s = advisorSessions;
  await db.run(sql`with appended as (${insertMessages(customerId, sessionId, rows, at)})
    update ${s} set state = ${JSON.stringify(turn.state)}::jsonb, turns = ${turn.turns}::int,
                    updated_at = ${at.toISOString()}::timestamptz
    where ${s.customerId} = ${customerId}::bigint and ${s.id} = ${sessionId}::text`);
};

/**
 * What a turn reads, in one statement: the session of this customer (null for an unknown id or another
 * customer's session), the customer's facts, the last `n` messages (newest first) and the latest hand-off.
 */
export const turnContext = async (db: Queryable, customerId: number, sessionId: string, n: number) => {
  const s = advisorSessions;
  const m = advisorMessages;
  const h = advisorHandoffs;
  const rows = await db.orm
    .select({
      state: s.state,
      turns: s.turns,
      customer: {
        name: customers.name,
        riskLevel: customers.riskLevel,
        riskAssessedAt: customers.riskAssessedAt,
        lowestCategory: customers.lowestCategory,
        professional: customers.professional,
        birthDate: customers.birthDate,
        segment: customers.segment,
        elderly: customers.elderly,
        payroll: customers.payroll,
        cityTier: customers.cityTier,
        county: customers.county,
        annualIncomeFen: customers.annualIncomeFen,
        aumFen: customers.aumFen,
        rmId: customers.rmId,
        orgUnitId: customers.orgUnitId,
      },
      history: sql<{ role: string; text: string }[]>`(
        select coalesce(jsonb_agg(jsonb_build_object('role', x.role, 'text', x.text) order by x.seq desc), '[]'::jsonb)
        from (select ${m.role} as role, ${m.text} as text, ${m.seq} as seq from ${m}
              where ${m.customerId} = ${s.customerId} and ${m.sessionId} = ${s.id}
              order by ${m.seq} desc limit ${n}) x)`,
      handoff: sql<{ id: string; status: 'open' | 'active' | 'closed' } | null>`(
        select jsonb_build_object('id', ${h.id}, 'status', ${h.status}) from ${h}
        where ${h.customerId} = ${s.customerId} and ${h.sessionId} = ${s.id}
        order by ${h.createdAt} desc limit 1)`,
    })
    .from(s)
    .innerJoin(customers, eq(customers.id, s.customerId))
    .where(and(eq(s.customerId, customerId), eq(s.id, sessionId)));
  return rows[0] ?? null;
};

export const listMessages = (db: Queryable, customerId: number, sessionId: string) =>
  db.orm
    .select()
    .from(advisorMessages)
    .where(and(eq(advisorMessages.customerId, customerId), eq(advisorMessages.sessionId, sessionId)))
    .orderBy(asc(advisorMessages.seq));

export const insertHandoff = (
  db: Queryable,
  row: {
    customerId: number;
    id: string;
    sessionId: string;
    rmId: number | null;
    reason: string;
    summary: unknown;
    at: Date;
  },
) =>
  db.orm.insert(advisorHandoffs).values({
    customerId: row.customerId,
    id: row.id,
    sessionId: row.sessionId,
    rmId: row.rmId,
    reason: row.reason as 'request',
    status: 'open',
    summary: row.summary,
    createdAt: row.at,
  });

export const latestHandoff = async (db: Queryable, customerId: number, sessionId: string) =>
  (
    await db.orm
      .select({ id: advisorHandoffs.id, status: advisorHandoffs.status })
      .from(advisorHandoffs)
      .where(and(eq(advisorHandoffs.customerId, customerId), eq(advisorHandoffs.sessionId, sessionId)))
      .orderBy(desc(advisorHandoffs.createdAt))
      .limit(1)
  )[0] ?? null;

export const handoffsOfRm = (db: Queryable, rmId: number) =>
  db.orm
    .select()
    .from(advisorHandoffs)
    .where(and(eq(advisorHandoffs.rmId, rmId), ne(advisorHandoffs.status, 'closed')))
    .orderBy(asc(advisorHandoffs.createdAt));

export const findHandoff = async (db: Queryable, id: string) =>
  (await db.orm.select().from(advisorHandoffs).where(eq(advisorHandoffs.id, id)))[0] ?? null;

export const setHandoffStatus = (
  db: Queryable,
  customerId: number,
  id: string,
  status: 'active' | 'closed',
  at: Date,
) =>
  db.orm
    .update(advisorHandoffs)
    .set(status === 'closed' ? { status, closedAt: at } : { status })
    .where(and(eq(advisorHandoffs.customerId, customerId), eq(advisorHandoffs.id, id)));

export const insertTicket = (
  db: Queryable,
  customerId: number,
  id: string,
  sessionId: string,
  text: string,
  at: Date,
) => db.orm.insert(advisorTickets).values({ customerId, id, sessionId, text, createdAt: at });
