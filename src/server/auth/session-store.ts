import type { Role } from '../../contracts/common.js';
import type { Queryable } from '../db/index.js';
import type { Principal } from './principal.js';

export type NewSession = {
  tokenHash: string;
  userKind: 'staff' | 'customer';
  userId: string;
  expiresAt: Date;
  ip: string | null;
  userAgent: string | null;
};

/** Sessions live in the database (not in process memory) so any API node can serve any request. */
export const insertSession = async (db: Queryable, s: NewSession): Promise<void> => {
  await db.query(
    `INSERT INTO sessions (token_hash, user_kind, user_id, created_at, expires_at, ip, user_agent)
     VALUES ($1, $2, $3, now(), $4, $5, $6)`,
    [s.tokenHash, s.userKind, s.userId, s.expiresAt, s.ip, s.userAgent?.slice(0, 300) ?? null],
  );
};

export const deleteSession = async (db: Queryable, tokenHash: string): Promise<void> => {
  await db.query('DELETE FROM sessions WHERE token_hash = $1', [tokenHash]);
};

/** Removes expired sessions (called at start-up; cheap thanks to the expires_at index). */
export const purgeExpiredSessions = async (db: Queryable, now: Date): Promise<void> => {
  await db.query('DELETE FROM sessions WHERE expires_at < $1', [now]);
};

type SessionRow = {
  user_kind: 'staff' | 'customer';
  user_id: string;
  staff_id: number | null;
  username: string | null;
  staff_name: string | null;
  role: Role | null;
  org_unit_id: string | null;
  org_level: 'hq' | 'branch' | 'outlet' | null;
  org_parent: string | null;
  active: boolean | null;
  customer_id: number | null;
  customer_name: string | null;
  customer_org: string | null;
};

/**
 * Resolves a live session to its principal in one round trip; null when the session is unknown, expired,
 * or its user was deactivated or removed.
 */
export const findPrincipal = async (
  db: Queryable,
  tokenHash: string,
  now: Date,
): Promise<Principal | null> => {
  const rows = await db.query<SessionRow>(
    `SELECT s.user_kind, s.user_id,
            st.id AS staff_id, st.username, st.display_name AS staff_name, st.role, st.org_unit_id,
            o.level AS org_level, o.parent_id AS org_parent, st.active,
            c.id AS customer_id, c.name AS customer_name, c.org_unit_id AS customer_org
       FROM sessions s
       LEFT JOIN staff st ON s.user_kind = 'staff' AND st.id = s.user_id::bigint
       LEFT JOIN org_units o ON o.id = st.org_unit_id
       LEFT JOIN customers c ON s.user_kind = 'customer' AND c.id = s.user_id::bigint
      WHERE s.token_hash = $1 AND s.expires_at > $2`,
    [tokenHash, now],
  );
  const r = rows[0];
  if (r === undefined) return null;
  if (r.user_kind === 'staff') {
    if (r.staff_id === null || r.role === null || r.active !== true) return null;
    return {
      kind: 'staff',
      id: r.user_id,
      role: r.role,
      displayName: r.staff_name ?? r.username ?? r.user_id,
      username: r.username,
      orgUnitId: r.org_unit_id,
      branchId: branchOf(r.org_level, r.org_unit_id, r.org_parent),
      staffId: r.staff_id,
      customerId: null,
      sessionHash: tokenHash,
    };
  }
  if (r.customer_id === null) return null;
  return {
    kind: 'customer',
    id: r.user_id,
    role: 'customer',
    displayName: r.customer_name ?? r.user_id,
    username: null,
    orgUnitId: r.customer_org,
    branchId: null,
    staffId: null,
    customerId: r.customer_id,
    sessionHash: tokenHash,
  };
};

const branchOf = (
  level: 'hq' | 'branch' | 'outlet' | null,
  unit: string | null,
  parent: string | null,
): string | null => (level === 'branch' ? unit : level === 'outlet' ? parent : null);
