import type { StaffRole } from '../../../contracts/common.js';
import type { OrgUnit, StaffMember } from '../../../contracts/org.js';
import type { Principal } from '../../auth/principal.js';
import type { AppDeps } from '../../http/deps.js';
import { listOrgUnits, listStaff } from './repo.js';

/** The org tree with staff and customer counts rolled up from outlets to branches to the head office. */
export const orgUnits = async (deps: AppDeps): Promise<{ items: OrgUnit[] }> => {
  const rows = await listOrgUnits(deps.db);
  const staff = new Map(rows.map((o) => [o.id, o.staffCount]));
  const customers = new Map(rows.map((o) => [o.id, o.customerCount]));
  // Rows come ordered HQ, branches, outlets: adding each unit to its parent from the deepest level up rolls
  // the counts up the whole tree.
  for (const o of [...rows].reverse()) {
    if (o.parentId === null) continue;
    staff.set(o.parentId, (staff.get(o.parentId) ?? 0) + (staff.get(o.id) ?? 0));
    customers.set(o.parentId, (customers.get(o.parentId) ?? 0) + (customers.get(o.id) ?? 0));
  }
  return {
    items: rows.map((o) => ({
      ...o,
      staffCount: staff.get(o.id) ?? 0,
      customerCount: customers.get(o.id) ?? 0,
    })),
  };
};

/** Staff directory; a branch manager sees the staff of their own branch only. */
export const staffDirectory = async (
  deps: AppDeps,
  p: Principal,
  q: { role?: StaffRole | undefined; orgUnitId?: string | undefined; page: number; pageSize: number },
): Promise<{ items: StaffMember[]; total: number }> => {
  const { rows, total } = await listStaff(deps.db, {
    ...q,
    branchId: p.role === 'branch_manager' ? p.branchId : null,
  });
  return { items: rows, total };
};
