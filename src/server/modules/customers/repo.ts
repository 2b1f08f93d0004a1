import type { CustomerListQuery } from '../../../contracts/customers.js';
import type { DataScope } from '../../auth/principal.js';
import { scopeCondition } from '../../auth/principal.js';
import type { Queryable } from '../../db/index.js';

export type CustomerRow = {
  id: number;
  name: string;
  gender: 'M' | 'F';
  birth_date: string;
  phone: string;
  city: string;
  city_tier: number;
  segment: string;
  aum_fen: number;
  risk_level: string;
  risk_assessed_at: string;
  assessment_expired: boolean;
  rm_id: number | null;
  rm_name: string | null;
  org_unit_id: string;
  org_unit_name: string;
};

export type CustomerDetailRow = CustomerRow & {
  id_number: string;
  province: string;
  county: boolean;
  occupation: string;
  education: string;
  annual_income_fen: number;
  lowest_category: boolean;
  professional: boolean;
  payroll: boolean;
  elderly: boolean;
  car_owner: boolean;
  onboarded_at: string;
  status: string;
  in_scope: boolean;
};

const SUMMARY_COLUMNS = `c.id, c.name, c.gender, c.birth_date, c.phone, c.city, c.city_tier, c.segment, c.aum_fen,
  c.risk_level, c.risk_assessed_at,
  (c.risk_assessed_at + interval '12 months')::date < $1::date AS assessment_expired,
  c.rm_id, s.display_name AS rm_name, c.org_unit_id, o.name AS org_unit_name`;

const ORDER: Readonly<Record<CustomerListQuery['sort'], string>> = {
  aum_desc: 'c.aum_fen DESC, c.id',
  aum_asc: 'c.aum_fen ASC, c.id',
  name: 'c.name, c.id',
  id: 'c.id',
};

const escapeLike = (s: string): string => s.replace(/[\\%_]/g, (ch) => `\\${ch}`);

/** WHERE clause of the list: the caller's scope AND the filters. `$1` is the reference date. */
const listWhere = (scope: DataScope, q: CustomerListQuery, today: string) => {
  const params: unknown[] = [today];
  // $1 is typed here so that the count query, which may not otherwise use it, can still be prepared.
  const conds: string[] = ['$1::date IS NOT NULL'];
  const add = (sql: (n: number) => string, ...values: unknown[]) => {
    conds.push(sql(params.length + 1));
    params.push(...values);
  };
  const sc = scopeCondition(scope, 'c', 2);
  conds.push(sc.sql);
  params.push(...sc.params);
  if (q.q !== undefined && q.q !== '') {
    const text = q.q;
    if (/^\d{1,18}$/.test(text)) {
      add((n) => `(c.id = $${n}::bigint OR c.phone LIKE $${n + 1})`, text, `${text}%`);
    } else {
      add((n) => `c.name LIKE $${n}`, `%${escapeLike(text)}%`);
    }
  }
  if (q.riskLevel !== undefined) add((n) => `c.risk_level = $${n}`, q.riskLevel);
  if (q.segment !== undefined) add((n) => `c.segment = $${n}`, q.segment);
  if (q.assessment === 'expired') conds.push(`(c.risk_assessed_at + interval '12 months')::date < $1::date`);
  if (q.assessment === 'valid') conds.push(`(c.risk_assessed_at + interval '12 months')::date >= $1::date`);
  if (q.minAum !== undefined) add((n) => `c.aum_fen >= $${n}`, Math.round(q.minAum * 100));
  if (q.maxAum !== undefined) add((n) => `c.aum_fen <= $${n}`, Math.round(q.maxAum * 100));
  if (q.rmId !== undefined) add((n) => `c.rm_id = $${n}`, q.rmId);
  if (q.orgUnitId !== undefined)
    add(
      (n) => `c.org_unit_id IN (SELECT id FROM org_units WHERE id = $${n} OR parent_id = $${n})`,
      q.orgUnitId,
    );
  return { where: conds.join(' AND '), params };
};

/** One page of customers within the scope, and the total matching count. */
export const listCustomers = async (
  db: Queryable,
  scope: DataScope,
  q: CustomerListQuery,
  today: string,
): Promise<{ rows: CustomerRow[]; total: number }> => {
  const { where, params } = listWhere(scope, q, today);
  const n = params.length;
  const [rows, count] = await Promise.all([
    db.query<CustomerRow>(
      `SELECT ${SUMMARY_COLUMNS}
         FROM customers c
         LEFT JOIN staff s ON s.id = c.rm_id
         JOIN org_units o ON o.id = c.org_unit_id
        WHERE ${where}
        ORDER BY ${ORDER[q.sort]}
        LIMIT $${n + 1} OFFSET $${n + 2}`,
      [...params, q.pageSize, (q.page - 1) * q.pageSize],
    ),
    db.query<{ total: number }>(`SELECT count(*)::int AS total FROM customers c WHERE ${where}`, params),
  ]);
  return { rows, total: count[0]?.total ?? 0 };
};

/** One customer with a flag telling whether it lies in the caller's scope (null when it does not exist). */
export const findCustomer = async (
  db: Queryable,
  scope: DataScope,
  id: number,
  today: string,
): Promise<CustomerDetailRow | null> => {
  const sc = scopeCondition(scope, 'c', 3);
  const rows = await db.query<CustomerDetailRow>(
    `SELECT ${SUMMARY_COLUMNS}, c.id_number, c.province, c.county, c.occupation, c.education,
            c.annual_income_fen, c.lowest_category, c.professional, c.payroll, c.elderly, c.car_owner,
            c.onboarded_at, c.status, (${sc.sql}) AS in_scope
       FROM customers c
       LEFT JOIN staff s ON s.id = c.rm_id
       JOIN org_units o ON o.id = c.org_unit_id
      WHERE c.id = $2`,
    [today, id, ...sc.params],
  );
  return rows[0] ?? null;
};

export type IdentityRow = { channel: string; value: string; verified: boolean; linked_at: Date };

export const listIdentities = (db: Queryable, customerId: number): Promise<IdentityRow[]> =>
  db.query<IdentityRow>(
    `SELECT channel, value, verified, linked_at FROM customer_identities
      WHERE customer_id = $1 ORDER BY channel, value`,
    [customerId],
  );

export type ConsentRow = { purpose: string; channel: string; granted: boolean; at: Date };

export const listConsents = (db: Queryable, customerId: number): Promise<ConsentRow[]> =>
  db.query<ConsentRow>(
    'SELECT purpose, channel, granted, at FROM consents WHERE customer_id = $1 ORDER BY purpose, channel',
    [customerId],
  );
