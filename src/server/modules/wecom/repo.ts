import { and, eq, isNull, lt } from 'drizzle-orm';
import type { Queryable } from '../../db/index.js';
import { staff, wecomCallbackNonces as nonces } from '../../db/schema.js';

/**
 * Storage of the WeCom callback: the nonces seen (replay protection with the reply kept for WeCom's own
 * retries) and the staff member a WeCom user id belongs to (the WeCom user id is the Caiban username).
 */
export type Claim = { kind: 'new' } | { kind: 'seen'; sameSignature: boolean; reply: string | null };

const NONCE_KEPT_MS = 24 * 3600 * 1000;

const sameCallback = (nonce: string, timestamp: number) =>
  and(eq(nonces.nonce, nonce), eq(nonces.timestamp, timestamp));

/** Records (nonce, timestamp) if new; otherwise tells whether it is the same callback and what was replied. */
export const claimNonce = async (
  db: Queryable,
  c: { nonce: string; timestamp: number; signature: string; now: Date },
): Promise<Claim> => {
  await db.orm.delete(nonces).where(lt(nonces.receivedAt, new Date(c.now.getTime() - NONCE_KEPT_MS)));
  const inserted = await db.orm
    .insert(nonces)
    .values({ nonce: c.nonce, timestamp: c.timestamp, signature: c.signature, receivedAt: c.now })
    .onConflictDoNothing({ target: [nonces.nonce, nonces.timestamp] })
    .returning({ nonce: nonces.nonce });
  if (inserted.length > 0) return { kind: 'new' };
  const [row] = await db.orm
    .select({ signature: nonces.signature, reply: nonces.reply })
    .from(nonces)
    .where(sameCallback(c.nonce, c.timestamp));
  return { kind: 'seen', sameSignature: row?.signature === c.signature, reply: row?.reply ?? null };
};

export const saveReply = async (
  db: Queryable,
  nonce: string,
  timestamp: number,
  reply: string,
): Promise<void> => {
  await db.orm.update(nonces).set({ reply }).where(sameCallback(nonce, timestamp));
};

/** Forgets a claim whose handling failed, so that WeCom's retry can be handled. */
export const releaseNonce = async (db: Queryable, nonce: string, timestamp: number): Promise<void> => {
  await db.orm.delete(nonces).where(and(sameCallback(nonce, timestamp), isNull(nonces.reply)));
};

export const staffByWecomId = async (db: Queryable, userId: string) => {
  const [row] = await db.orm
    .select({ id: staff.id, username: staff.username, displayName: staff.displayName, role: staff.role })
    .from(staff)
    .where(and(eq(staff.username, userId), eq(staff.active, true)));
  return row ?? null;
};

export type StaffByWecom = NonNullable<Awaited<ReturnType<typeof staffByWecomId>>>;
