import { eq, or, sql } from 'drizzle-orm';
import type { SQL } from 'drizzle-orm';
import type { Role } from '../../contracts/common.js';
import type { SessionUser } from '../../contracts/auth.js';
import { AppError } from '../../core/errors.js';
import { inUnitOrChildren } from '../db/conditions.js';
import { customers, orgUnits } from '../db/schema.js';

/** The authenticated caller of one request. */
export type Principal = {
  kind: 'staff' | 'customer';
  /** Staff id or customer id, as text (the sessions table keys both kinds the same way). */
  id: string;
  role: Role;
  displayName: string;
  username: string | null;
  orgUnitId: string | null;
  /** The branch a branch manager runs (their own unit, or the parent of their outlet). */
  branchId: string | null;
  staffId: number | null;
  customerId: number | null;
  sessionHash: string;
};

/**
 * Which customers a caller may see (ARCHITECTURE.md): RM → own customers, branch manager → the customers of
 * the branch's outlets, ops/admin/auditor → all, customer → self.
 */
export type DataScope =
  | { kind: 'all' }
  | { kind: 'rm'; staffId: number }
  | { kind: 'branch'; branchId: string }
  | { kind: 'self'; customerId: number };

export const scopeOf = (p: Principal): DataScope => {
  switch (p.role) {
    case 'admin':
    case 'ops':
    case 'auditor':
      return { kind: 'all' };
    case 'rm':
      if (p.staffId === null) throw new AppError('FORBIDDEN', 'RM session without a staff id');
      return { kind: 'rm', staffId: p.staffId };
    case 'branch_manager':
      if (p.branchId === null) throw new AppError('FORBIDDEN', 'branch manager without a branch');
      return { kind: 'branch', branchId: p.branchId };
    case 'customer':
      if (p.customerId === null) throw new AppError('FORBIDDEN', 'customer session without a customer id');
      return { kind: 'self', customerId: p.customerId };
  }
};

/**
 * The condition of a scope on the customers table (a Drizzle `SQL` to combine with `and(…)`). The branch form
 * reads only the org_units reference table, so it stays valid on Citus.
 */
export const scopeCondition = (scope: DataScope): SQL => {
  switch (scope.kind) {
    case 'all':
      return sql`true`;
    case 'rm':
      return eq(customers.rmId, scope.staffId);
    case 'branch':
      return inUnitOrChildren(customers.orgUnitId, scope.branchId);
    case 'self':
      return eq(customers.id, scope.customerId);
  }
};

/**
 * The same condition with the scope's value as `sql.placeholder('scope')` (`scopeValue`), so one compiled statement
 * per scope kind serves every caller of that kind.
 */
export const scopeConditionWithPlaceholder = (kind: DataScope['kind']): SQL => {
  const value = sql.placeholder('scope');
  switch (kind) {
    case 'all':
      return sql`true`;
    case 'rm':
      return eq(customers.rmId, value);
    case 'branch':
      return sql`${customers.orgUnitId} IN (SELECT ${orgUnits.id} FROM ${orgUnits} WHERE ${or(eq(orgUnits.id, value), eq(orgUnits.parentId, value))})`;
    case 'self':
      return eq(customers.id, value);
  }
};

/** The value `scopeConditionWithPlaceholder` takes as its `scope` placeholder. */
export const scopeValue = (scope: DataScope): string | number | null => {
  switch (scope.kind) {
    case 'all':
      return null;
    case 'rm':
      return scope.staffId;
    case 'branch':
      return scope.branchId;
    case 'self':
      return scope.customerId;
  }
};

/**
 * Roles that see names, phones and ID numbers in clear: the RM who serves the customer and the customer
 * themselves. Everyone else (branch managers, operations, admin, audit) sees masked values.
 */
export const seesClearPii = (role: Role): boolean => role === 'rm' || role === 'customer';

export const sessionUserOf = (p: Principal): SessionUser => ({
  id: p.id,
  role: p.role,
  kind: p.kind,
  displayName: p.displayName,
  username: p.username,
  orgUnitId: p.orgUnitId,
  customerId: p.customerId,
});
