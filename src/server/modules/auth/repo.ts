import type { Role } from '../../../contracts/common.js';
import type { Queryable } from '../../db/index.js';

export type StaffCredentials = {
  id: number;
  username: string;
  passwordHash: string;
  displayName: string;
  role: Exclude<Role, 'customer'>;
  active: boolean;
};

export const findStaffByUsername = async (
  db: Queryable,
  username: string,
): Promise<StaffCredentials | null> => {
  const rows = await db.query<{
    id: number;
    username: string;
    password_hash: string;
    display_name: string;
    role: Exclude<Role, 'customer'>;
    active: boolean;
  }>('SELECT id, username, password_hash, display_name, role, active FROM staff WHERE username = $1', [
    username,
  ]);
  const r = rows[0];
  return r === undefined
    ? null
    : {
        id: r.id,
        username: r.username,
        passwordHash: r.password_hash,
        displayName: r.display_name,
        role: r.role,
        active: r.active,
      };
};

/** ONE-ID lookup of a customer by a verified phone identity (the customer login of the app channel). */
export const findCustomerIdByPhone = async (db: Queryable, phone: string): Promise<number | null> => {
  const rows = await db.query<{ customer_id: number }>(
    `SELECT i.customer_id FROM customer_identities i
       JOIN customers c ON c.id = i.customer_id
      WHERE i.channel = 'phone' AND i.value = $1 AND c.status <> 'closed'
      ORDER BY i.verified DESC, i.customer_id LIMIT 1`,
    [phone],
  );
  return rows[0]?.customer_id ?? null;
};
