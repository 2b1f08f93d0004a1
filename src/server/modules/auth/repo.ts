import { and, asc, desc, eq, ne, sql } from 'drizzle-orm';
import type { Queryable } from '../../db/index.js';
import { customerIdentities, customers, staff } from '../../db/schema.js';

const credentials = (db: Queryable, account: string) =>
  db.orm
    .select({
      id: staff.id,
      username: staff.username,
      passwordHash: staff.passwordHash,
      displayName: staff.displayName,
      role: staff.role,
      active: staff.active,
    })
    .from(staff)
    // Login names compare case-insensitively: the caller passes the normalised (lower-case) account.
    .where(eq(sql`lower(${staff.username})`, account))
    .orderBy(asc(staff.id))
    .limit(1);

export type StaffCredentials = Awaited<ReturnType<typeof credentials>>[number];

/** The staff member whose login name is `account` (normalised: see auth/throttle.ts), or null. */
export const findStaffByUsername = async (db: Queryable, account: string): Promise<StaffCredentials | null> =>
  (await credentials(db, account))[0] ?? null;

/** ONE-ID lookup of a customer by a phone identity (the customer login of the app channel); verified first. */
export const findCustomerIdByPhone = async (db: Queryable, phone: string): Promise<number | null> => {
  const rows = await db.orm
    .select({ customerId: customerIdentities.customerId })
    .from(customerIdentities)
    .innerJoin(customers, eq(customers.id, customerIdentities.customerId))
    .where(
      and(
        eq(customerIdentities.channel, 'phone'),
        eq(customerIdentities.value, phone),
        ne(customers.status, 'closed'),
      ),
    )
    .orderBy(desc(customerIdentities.verified), asc(customerIdentities.customerId))
    .limit(1);
  return rows[0]?.customerId ?? null;
};
