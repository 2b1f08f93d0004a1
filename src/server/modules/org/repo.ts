import type { Queryable } from '../../db/index.js';

export type OrgUnitRow = {
  id: string;
  parent_id: string | null;
  level: 'hq' | 'branch' | 'outlet';
  name: string;
  city: string | null;
  staff_count: number;
  customer_count: number;
};

export const listOrgUnits = (db: Queryable): Promise<OrgUnitRow[]> =>
  db.query<OrgUnitRow>(
    `SELECT o.id, o.parent_id, o.level, o.name, o.city,
            (SELECT count(*)::int FROM staff s WHERE s.org_unit_id = o.id) AS staff_count,
            COALESCE(cc.n, 0)::int AS customer_count
       FROM org_units o
       LEFT JOIN (SELECT org_unit_id, count(*) AS n FROM customers GROUP BY org_unit_id) cc
         ON cc.org_unit_id = o.id
      ORDER BY CASE o.level WHEN 'hq' THEN 0 WHEN 'branch' THEN 1 ELSE 2 END, o.id`,
  );

export type StaffRow = {
  id: number;
  username: string;
  display_name: string;
  role: 'admin' | 'ops' | 'branch_manager' | 'rm' | 'auditor';
  org_unit_id: string;
  org_unit_name: string;
  active: boolean;
  customer_count: number;
};

export type StaffFilter = {
  role?: string | undefined;
  orgUnitId?: string | undefined;
  /** Limit to one branch and its outlets (branch managers see their own branch). */
  branchId?: string | null;
  page: number;
  pageSize: number;
};

export const listStaff = async (
  db: Queryable,
  f: StaffFilter,
): Promise<{ rows: StaffRow[]; total: number }> => {
  const params: unknown[] = [];
  const conds = ['TRUE'];
  const under = (id: string) => {
    params.push(id);
    return `s.org_unit_id IN (SELECT id FROM org_units WHERE id = $${params.length} OR parent_id = $${params.length})`;
  };
  if (f.role !== undefined) {
    params.push(f.role);
    conds.push(`s.role = $${params.length}`);
  }
  if (f.orgUnitId !== undefined) conds.push(under(f.orgUnitId));
  if (f.branchId !== undefined && f.branchId !== null) conds.push(under(f.branchId));
  const where = conds.join(' AND ');
  const [rows, count] = await Promise.all([
    db.query<StaffRow>(
      `SELECT s.id, s.username, s.display_name, s.role, s.org_unit_id, o.name AS org_unit_name, s.active,
              (SELECT count(*)::int FROM customers c WHERE c.rm_id = s.id) AS customer_count
         FROM staff s JOIN org_units o ON o.id = s.org_unit_id
        WHERE ${where}
        ORDER BY s.role, s.username
        LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, f.pageSize, (f.page - 1) * f.pageSize],
    ),
    db.query<{ n: number }>(`SELECT count(*)::int AS n FROM staff s WHERE ${where}`, params),
  ]);
  return { rows, total: count[0]?.n ?? 0 };
};
