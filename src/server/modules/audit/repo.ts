import type { Queryable } from '../../db/index.js';

export type AuditRowDb = {
  id: number;
  at: Date;
  actor_kind: string;
  actor_id: string;
  actor_name: string | null;
  action: string;
  target_kind: string | null;
  target: string | null;
  customer_id: number | null;
  request_id: string | null;
  details: Record<string, unknown>;
};

export type AuditFilter = {
  customerId?: number | undefined;
  actorId?: string | undefined;
  action?: string | undefined;
  page: number;
  pageSize: number;
};

export const listAudit = async (
  db: Queryable,
  f: AuditFilter,
): Promise<{ rows: AuditRowDb[]; total: number }> => {
  const params: unknown[] = [];
  const conds = ['TRUE'];
  const eq = (col: string, v: unknown) => {
    params.push(v);
    conds.push(`a.${col} = $${params.length}`);
  };
  if (f.customerId !== undefined) eq('customer_id', f.customerId);
  if (f.actorId !== undefined) eq('actor_id', f.actorId);
  if (f.action !== undefined) eq('action', f.action);
  const where = conds.join(' AND ');
  const [rows, count] = await Promise.all([
    db.query<AuditRowDb>(
      `SELECT a.id, a.at, a.actor_kind, a.actor_id, s.username AS actor_name, a.action, a.target_kind, a.target,
              a.customer_id, a.request_id, a.details
         FROM audit_log a
         LEFT JOIN staff s ON a.actor_kind = 'staff' AND s.id::text = a.actor_id
        WHERE ${where} ORDER BY a.id DESC
        LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, f.pageSize, (f.page - 1) * f.pageSize],
    ),
    db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log a WHERE ${where}`, params),
  ]);
  return { rows, total: count[0]?.n ?? 0 };
};
