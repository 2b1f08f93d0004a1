import type { Queryable } from '../../db/index.js';

/**
 * Storage of the WeCom callback: the nonces seen (replay protection with the reply kept for WeCom's own
 * retries) and the staff member a WeCom user id belongs to (the WeCom user id is the Caiban username).
 */
export type Claim = { kind: 'new' } | { kind: 'seen'; sameSignature: boolean; reply: string | null };

/** Records (nonce, timestamp) if new; otherwise tells whether it is the same callback and what was replied. */
export const claimNonce = async (
  db: Queryable,
  c: { nonce: string; timestamp: number; signature: string; now: Date },
): Promise<Claim> => {
  await db.query(`DELETE FROM wecom_callback_nonces WHERE received_at < $1`, [
    new Date(c.now.getTime() - 24 * 3600 * 1000),
  ]);
  const inserted = await db.query<{ nonce: string }>(
    `INSERT INTO wecom_callback_nonces (nonce, timestamp, signature, received_at) VALUES ($1, $2, $3, $4)
     ON CONFLICT (nonce, timestamp) DO NOTHING RETURNING nonce`,
    [c.nonce, c.timestamp, c.signature, c.now],
  );
  if (inserted.length > 0) return { kind: 'new' };
  const rows = await db.query<{ signature: string; reply: string | null }>(
    `SELECT signature, reply FROM wecom_callback_nonces WHERE nonce = $1 AND timestamp = $2`,
    [c.nonce, c.timestamp],
  );
  const row = rows[0];
  return { kind: 'seen', sameSignature: row?.signature === c.signature, reply: row?.reply ?? null };
};

export const saveReply = async (
  db: Queryable,
  nonce: string,
  timestamp: number,
  reply: string,
): Promise<void> => {
  await db.query(`UPDATE wecom_callback_nonces SET reply = $3 WHERE nonce = $1 AND timestamp = $2`, [
    nonce,
    timestamp,
    reply,
  ]);
};

/** Forgets a claim whose handling failed, so that WeCom's retry can be handled. */
export const releaseNonce = async (db: Queryable, nonce: string, timestamp: number): Promise<void> => {
  await db.query(`DELETE FROM wecom_callback_nonces WHERE nonce = $1 AND timestamp = $2 AND reply IS NULL`, [
    nonce,
    timestamp,
  ]);
};

export type StaffByWecom = { id: number; username: string; displayName: string; role: string };

export const staffByWecomId = async (db: Queryable, userId: string): Promise<StaffByWecom | null> => {
  const rows = await db.query<{ id: number; username: string; display_name: string; role: string }>(
    `SELECT id, username, display_name, role FROM staff WHERE username = $1 AND active`,
    [userId],
  );
  const r = rows[0];
  return r === undefined
    ? null
    : { id: r.id, username: r.username, displayName: r.display_name, role: r.role };
};
