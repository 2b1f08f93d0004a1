import { and, asc, count, eq, sql } from 'drizzle-orm';
import type { StaffRole } from '../../../contracts/common.js';
import { inUnitOrChildren, pageWindow } from '../../db/conditions.js';
import type { Queryable } from '../../db/index.js';
import { customers, orgUnits, staff } from '../../db/schema.js';

// Computed columns of subqueries are referenced by their alias alone, so each alias is unique in the query.
/** Org units HQ first, then branches, then outlets, each with its own (not rolled-up) staff and customer counts. */
export const listOrgUnits = (db: Queryable) => {
  const staffPerUnit = db.orm
    .select({ unit: staff.orgUnitId, n: count().as('staff_n') })
    .from(staff)
    .groupBy(staff.orgUnitId)
    .as('sc');
  const customersPerUnit = db.orm
    .select({ unit: customers.orgUnitId, n: count().as('customer_n') })
    .from(customers)
    .groupBy(customers.orgUnitId)
    .as('cc');
  return db.orm
    .select({
      id: orgUnits.id,
      parentId: orgUnits.parentId,
      level: orgUnits.level,
      name: orgUnits.name,
      city: orgUnits.city,
      staffCount: sql<number>`coalesce(${staffPerUnit.n}, 0)`,
      customerCount: sql<number>`coalesce(${customersPerUnit.n}, 0)`,
    })
    .from(orgUnits)
    .leftJoin(staffPerUnit, eq(staffPerUnit.unit, orgUnits.id))
    .leftJoin(customersPerUnit, eq(customersPerUnit.unit, orgUnits.id))
    .orderBy(sql`CASE ${orgUnits.level} WHEN 'hq' THEN 0 WHEN 'branch' THEN 1 ELSE 2 END`, asc(orgUnits.id));
};

export type OrgUnitRow = Awaited<ReturnType<typeof listOrgUnits>>[number];

export type StaffFilter = {
  role?: StaffRole | undefined;
  orgUnitId?: string | undefined;
  /** Limit to one branch and its outlets (branch managers see their own branch). */
  branchId?: string | null;
  page: number;
  pageSize: number;
};

/** One page of the staff directory, ordered by role then username, and the total matching count. */
export const listStaff = async (db: Queryable, f: StaffFilter) => {
  const where = and(
    f.role === undefined ? undefined : eq(staff.role, f.role),
    f.orgUnitId === undefined ? undefined : inUnitOrChildren(staff.orgUnitId, f.orgUnitId),
    f.branchId === undefined || f.branchId === null
      ? undefined
      : inUnitOrChildren(staff.orgUnitId, f.branchId),
  );
  const { limit, offset } = pageWindow(f);
  const [rows, total] = await Promise.all([
    db.orm
      .select({
        id: staff.id,
        username: staff.username,
        displayName: staff.displayName,
        role: staff.role,
        orgUnitId: staff.orgUnitId,
        orgUnitName: orgUnits.name,
        active: staff.active,
        customerCount: db.orm.$count(customers, eq(customers.rmId, staff.id)),
      })
      .from(staff)
      .innerJoin(orgUnits, eq(orgUnits.id, staff.orgUnitId))
      .where(where)
      .orderBy(asc(staff.role), asc(staff.username))
      .limit(limit)
      .offset(offset),
    db.orm.$count(staff, where),
  ]);
  return { rows, total };
};

export type StaffRow = Awaited<ReturnType<typeof listStaff>>['rows'][number];
