import { and, desc, eq, sql } from 'drizzle-orm';
import { pageWindow } from '../../db/conditions.js';
import type { Queryable } from '../../db/index.js';
import { auditLog, staff } from '../../db/schema.js';

export type AuditFilter = {
  customerId?: number | undefined;
  actorId?: string | undefined;
  action?: string | undefined;
  page: number;
  pageSize: number;
};

/** One page of the audit log, newest first, with the username of staff actors, and the total matching count. */
export const listAudit = async (db: Queryable, f: AuditFilter) => {
  const where = and(
    f.customerId === undefined ? undefined : eq(auditLog.customerId, f.customerId),
    f.actorId === undefined ? undefined : eq(auditLog.actorId, f.actorId),
    f.action === undefined ? undefined : eq(auditLog.action, f.action),
  );
  const { limit, offset } = pageWindow(f);
  const [rows, total] = await Promise.all([
    db.orm
      .select({
        id: auditLog.id,
        at: auditLog.at,
        actorKind: auditLog.actorKind,
        actorId: auditLog.actorId,
        actorName: staff.username,
        action: auditLog.action,
        targetKind: auditLog.targetKind,
        target: auditLog.target,
        customerId: auditLog.customerId,
        requestId: auditLog.requestId,
        details: auditLog.details,
      })
      .from(auditLog)
      .leftJoin(staff, and(eq(auditLog.actorKind, 'staff'), sql`${staff.id}::text = ${auditLog.actorId}`))
      .where(where)
      .orderBy(desc(auditLog.id))
      .limit(limit)
      .offset(offset),
    db.orm.$count(auditLog, where),
  ]);
  return { rows, total };
};

export type AuditRowDb = Awaited<ReturnType<typeof listAudit>>['rows'][number];
