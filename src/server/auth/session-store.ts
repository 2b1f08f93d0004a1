import { and, eq, gt, lt, sql } from 'drizzle-orm';
import { prepared, type Orm, type Queryable } from '../db/index.js';
import { customers, orgUnits, sessions, staff } from '../db/schema.js';
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
  await db.orm.insert(sessions).values({
    tokenHash: s.tokenHash,
    userKind: s.userKind,
    userId: s.userId,
    expiresAt: s.expiresAt,
    ip: s.ip,
    userAgent: s.userAgent?.slice(0, 300) ?? null,
  });
};

export const deleteSession = async (db: Queryable, tokenHash: string): Promise<void> => {
  await db.orm.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
};

/** Removes expired sessions (called at start-up; cheap thanks to the expires_at index). */
export const purgeExpiredSessions = async (db: Queryable, now: Date): Promise<void> => {
  await db.orm.delete(sessions).where(lt(sessions.expiresAt, now));
};

/** The session and its user in one statement, compiled once per connection (it runs on every request). */
const sessionQuery = (orm: Orm) =>
  orm
    .select({
      userKind: sessions.userKind,
      userId: sessions.userId,
      staffId: staff.id,
      username: staff.username,
      staffName: staff.displayName,
      role: staff.role,
      orgUnitId: staff.orgUnitId,
      orgLevel: orgUnits.level,
      orgParent: orgUnits.parentId,
      active: staff.active,
      customerId: customers.id,
      customerName: customers.name,
      customerOrg: customers.orgUnitId,
    })
    .from(sessions)
    .leftJoin(staff, and(eq(sessions.userKind, 'staff'), eq(staff.id, sql`${sessions.userId}::bigint`)))
    .leftJoin(orgUnits, eq(orgUnits.id, staff.orgUnitId))
    .leftJoin(
      customers,
      and(eq(sessions.userKind, 'customer'), eq(customers.id, sql`${sessions.userId}::bigint`)),
    )
    .where(
      and(
        eq(sessions.tokenHash, sql.placeholder('tokenHash')),
        gt(sessions.expiresAt, sql.placeholder('now')),
      ),
    )
    .prepare('session_principal');

/**
 * Resolves a live session to its principal in one round trip; null when the session is unknown, expired,
 * or its user was deactivated or removed.
 */
export const findPrincipal = async (
  db: Queryable,
  tokenHash: string,
  now: Date,
): Promise<Principal | null> => {
  const query = prepared(db.orm, 'session_principal', sessionQuery);
  const r = (await query.execute({ tokenHash, now }))[0];
  if (r === undefined) return null;
  if (r.userKind === 'staff') {
    if (r.staffId === null || r.role === null || r.active !== true) return null;
    return {
      kind: 'staff',
      id: r.userId,
      role: r.role,
      displayName: r.staffName ?? r.username ?? r.userId,
      username: r.username,
      orgUnitId: r.orgUnitId,
      branchId: branchOf(r.orgLevel, r.orgUnitId, r.orgParent),
      staffId: r.staffId,
      customerId: null,
      sessionHash: tokenHash,
    };
  }
  if (r.customerId === null) return null;
  return {
    kind: 'customer',
    id: r.userId,
    role: 'customer',
    displayName: r.customerName ?? r.userId,
    username: null,
    orgUnitId: r.customerOrg,
    branchId: null,
    staffId: null,
    customerId: r.customerId,
    sessionHash: tokenHash,
  };
};

const branchOf = (
  level: 'hq' | 'branch' | 'outlet' | null,
  unit: string | null,
  parent: string | null,
): string | null => (level === 'branch' ? unit : level === 'outlet' ? parent : null);
