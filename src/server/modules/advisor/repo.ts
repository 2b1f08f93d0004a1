import { and, asc, desc, eq, ne, sql } from 'drizzle-orm';
import type { Queryable } from '../../db/index.js';
import { advisorHandoffs, advisorMessages, advisorSessions, advisorTickets } from '../../db/schema.js';

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

/** Appends messages after the session's last one (sequence numbers continue). */
export const appendMessages = async (
  db: Queryable,
  customerId: number,
  sessionId: string,
  rows: readonly MessageInsert[],
  at: Date,
): Promise<void> => {
  const last = await db.orm
    .select({ seq: sql<number>`coalesce(max(${advisorMessages.seq}), 0)::int` })
    .from(advisorMessages)
    .where(and(eq(advisorMessages.customerId, customerId), eq(advisorMessages.sessionId, sessionId)));
  const start = Number(last[0]?.seq ?? 0);
  await db.orm.insert(advisorMessages).values(
    rows.map((r, k) => ({
      customerId,
      sessionId,
      seq: start + k + 1,
      role: r.role,
      text: r.text,
      reply: r.reply ?? null,
      annotations: r.annotations ?? null,
      error: r.error ?? null,
      at,
    })),
  );
};

export const listMessages = (db: Queryable, customerId: number, sessionId: string) =>
  db.orm
    .select()
    .from(advisorMessages)
    .where(and(eq(advisorMessages.customerId, customerId), eq(advisorMessages.sessionId, sessionId)))
    .orderBy(asc(advisorMessages.seq));

export const lastMessages = (db: Queryable, customerId: number, sessionId: string, n: number) =>
  db.orm
    .select({ role: advisorMessages.role, text: advisorMessages.text })
    .from(advisorMessages)
    .where(and(eq(advisorMessages.customerId, customerId), eq(advisorMessages.sessionId, sessionId)))
    .orderBy(desc(advisorMessages.seq))
    .limit(n);

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
