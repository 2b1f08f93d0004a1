import { and, asc, desc, eq, like, lt, or, sql } from 'drizzle-orm';
import type { Placeholder, SQL } from 'drizzle-orm';
import type { CustomerListQuery } from '../../../contracts/customers.js';
import type { DataScope } from '../../auth/principal.js';
import { scopeCondition, scopeConditionWithPlaceholder, scopeValue } from '../../auth/principal.js';
import { inUnitOrChildren, pageWindow, prefixPattern, containsPattern } from '../../db/conditions.js';
import { compiledRows, jsonInt } from '../../db/index.js';
import type { Queryable } from '../../db/index.js';
import type { Rule } from '../../../core/segment/rule.js';
import type { AuditActor } from '../../auth/audit.js';
import { auditInsertOf } from '../../auth/audit.js';
import { compileRule } from '../segments/compile.js';
import type { CustomerSearch } from './search.js';
import { consents, customerIdentities, customers as c, orgUnits, staff } from '../../db/schema.js';

/**
 * The columns of a customer summary. `cutoff` is the oldest risk assessment still valid today under the
 * institution's policy (`assessmentCutoff` of core/suitability/validity.ts): older is expired, the same rule as
 * the suitability check.
 */
const summaryColumns = (cutoff: string | Placeholder) => ({
  id: c.id,
  name: c.name,
  gender: c.gender,
  birthDate: c.birthDate,
  phone: c.phone,
  city: c.city,
  cityTier: c.cityTier,
  segment: c.segment,
  aumFen: c.aumFen,
  riskLevel: c.riskLevel,
  riskAssessedAt: c.riskAssessedAt,
  assessmentExpired: sql<boolean>`${lt(c.riskAssessedAt, cutoff)}`,
  rmId: c.rmId,
  rmName: staff.displayName,
  orgUnitId: c.orgUnitId,
  orgUnitName: orgUnits.name,
});

const ORDER: Readonly<Record<CustomerListQuery['sort'], SQL[]>> = {
  aum_desc: [desc(c.aumFen), asc(c.id)],
  aum_asc: [asc(c.aumFen), asc(c.id)],
  name: [asc(c.name), asc(c.id)],
  id: [asc(c.id)],
};

/** The condition of a search (search.ts decides exact or partial by the caller's role). */
const searchCondition = (s: CustomerSearch | undefined): SQL | undefined => {
  if (s === undefined) return undefined;
  switch (s.kind) {
    case 'id_number':
      return eq(c.idNumber, s.value);
    case 'name':
      return s.match === 'exact' ? eq(c.name, s.value) : like(c.name, containsPattern(s.value));
    case 'phone': {
      const phone = s.match === 'exact' ? eq(c.phone, s.value) : like(c.phone, prefixPattern(s.value));
      return s.customerId === null ? phone : or(eq(c.id, s.customerId), phone);
    }
  }
};

/**
 * The list's attribute filters as a segment rule (core/segment), compiled by the segment compiler: the list and
 * the segment builder mean the same by "AUM ≥ 5万" or "risk level C3". Null when no filter is given.
 */
export const listFilterRule = (q: CustomerListQuery, cutoff: string): Rule | null => {
  const leaves: Rule[] = [];
  if (q.riskLevel !== undefined) leaves.push({ attr: 'risk_level', op: 'eq', value: q.riskLevel });
  if (q.segment !== undefined) leaves.push({ attr: 'segment', op: 'eq', value: q.segment });
  if (q.assessment === 'expired') leaves.push({ attr: 'risk_assessed_at', op: 'lt', value: cutoff });
  if (q.assessment === 'valid') leaves.push({ attr: 'risk_assessed_at', op: 'gte', value: cutoff });
  if (q.minAum !== undefined) leaves.push({ attr: 'aum', op: 'gte', value: q.minAum });
  if (q.maxAum !== undefined) leaves.push({ attr: 'aum', op: 'lte', value: q.maxAum });
  if (q.rmId !== undefined) leaves.push({ attr: 'rm_id', op: 'eq', value: q.rmId });
  return leaves.length === 0 ? null : { all: leaves };
};

/**
 * WHERE of the list: the caller's scope AND the search AND the compiled filter rule AND the org-tree filter (which,
 * like the scope, is a condition on the org_units reference table rather than a customer attribute).
 */
const listWhere = (
  scope: DataScope,
  q: CustomerListQuery,
  search: CustomerSearch | undefined,
  cutoff: string,
  asOf: Date,
): SQL | undefined => {
  const rule = listFilterRule(q, cutoff);
  return and(
    scopeCondition(scope),
    searchCondition(search),
    rule === null ? undefined : compileRule(rule, asOf),
    q.orgUnitId === undefined ? undefined : inUnitOrChildren(c.orgUnitId, q.orgUnitId),
  );
};

/** One customer of the list: the summary columns (`summaryColumns`). */
export type CustomerRow = Pick<
  typeof c.$inferSelect,
  | 'id'
  | 'name'
  | 'gender'
  | 'birthDate'
  | 'phone'
  | 'city'
  | 'cityTier'
  | 'segment'
  | 'aumFen'
  | 'riskLevel'
  | 'riskAssessedAt'
  | 'rmId'
  | 'orgUnitId'
> & { assessmentExpired: boolean; rmName: string | null; orgUnitName: string };

/** The same orders on the page's output columns (`p`), for the JSON array that keeps the page's order. */
const PAGE_ORDER: Readonly<Record<CustomerListQuery['sort'], SQL>> = {
  aum_desc: sql`p.aum_fen DESC, p.id`,
  aum_asc: sql`p.aum_fen, p.id`,
  name: sql`p.name, p.id`,
  id: sql`p.id`,
};

/**
 * What the list's statement writes to the audit log besides reading: a `pii.search` row when a search was made
 * (`searchKind`/`searchMatch`, never the searched value) and a `pii.read` row per listed customer when the caller
 * sees PII in clear (`clear`). Each value is a parameter or a placeholder.
 */
type ListAudit = {
  actorKind: unknown;
  actorId: unknown;
  requestId: unknown;
  clear: unknown;
  searchKind: unknown;
  searchMatch: unknown;
};

/** The details of a listed customer's `pii.read` row. */
export const LIST_PII_READ = { fields: ['name', 'phone'], via: 'customer_list' } as const;

/**
 * The page and the total in ONE statement that also writes the request's audit rows: the page and the count as
 * CTEs (the page materialised once, for the JSON array in its order and for the audit rows), and the audit INSERT
 * as a data-modifying CTE over them — the search row first, then a read row per customer in page order, as the
 * separate INSERT wrote them. One round trip, one pool checkout and one PGlite protocol exchange instead of three.
 */
const listStatement = (
  where: SQL,
  sort: CustomerListQuery['sort'],
  cutoff: unknown,
  limit: unknown,
  offset: unknown,
  audit: ListAudit,
) =>
  sql`WITH p AS (SELECT ${c.id} AS id, ${c.name} AS name, ${c.gender} AS gender, ${c.birthDate} AS birth_date,
         ${c.phone} AS phone, ${c.city} AS city, ${c.cityTier} AS city_tier, ${c.segment} AS segment,
         ${c.aumFen} AS aum_fen, ${c.riskLevel} AS risk_level, ${c.riskAssessedAt} AS risk_assessed_at,
         ${c.riskAssessedAt} < ${cutoff} AS assessment_expired, ${c.rmId} AS rm_id, ${staff.displayName} AS rm_name,
         ${c.orgUnitId} AS org_unit_id, ${orgUnits.name} AS org_unit_name
       FROM ${c} LEFT JOIN ${staff} ON ${staff.id} = ${c.rmId} INNER JOIN ${orgUnits} ON ${orgUnits.id} = ${c.orgUnitId}
       WHERE ${where} ORDER BY ${sql.join(ORDER[sort], sql`, `)} LIMIT ${limit} OFFSET ${offset}),
    t AS (SELECT count(*) AS n FROM ${c} WHERE ${where}),
    audit AS (${auditInsertOf(sql`SELECT ${audit.actorKind}::text, ${audit.actorId}::text, a.action, 'customer',
        a.customer_id::text, a.customer_id, ${audit.requestId}::text, a.details
      FROM (SELECT 0::bigint AS k, 'pii.search' AS action,
          CASE WHEN t.n = 1 AND (SELECT count(*) FROM p) = 1 THEN (SELECT p.id FROM p) END AS customer_id,
          jsonb_build_object('kind', ${audit.searchKind}::text, 'match', ${audit.searchMatch}::text, 'matched', t.n)
            AS details
        FROM t WHERE ${audit.searchKind}::text IS NOT NULL
        UNION ALL
        SELECT row_number() OVER (ORDER BY ${PAGE_ORDER[sort]}), 'pii.read', p.id, ${JSON.stringify(LIST_PII_READ)}::jsonb
        FROM p WHERE ${audit.clear}::boolean) a
      ORDER BY a.k`)})
  SELECT (SELECT n FROM t) AS total,
    (SELECT coalesce(json_agg(json_build_object('id', p.id, 'name', p.name, 'gender', p.gender,
        'birthDate', p.birth_date, 'phone', p.phone, 'city', p.city, 'cityTier', p.city_tier, 'segment', p.segment,
        'aumFen', p.aum_fen, 'riskLevel', p.risk_level, 'riskAssessedAt', p.risk_assessed_at,
        'assessmentExpired', p.assessment_expired, 'rmId', p.rm_id, 'rmName', p.rm_name, 'orgUnitId', p.org_unit_id,
        'orgUnitName', p.org_unit_name) ORDER BY ${PAGE_ORDER[sort]}), '[]'::json) FROM p) AS items`;

const rowOf = (r: Record<string, unknown>): CustomerRow => ({
  id: jsonInt(r.id),
  name: r.name as string,
  gender: r.gender as CustomerRow['gender'],
  birthDate: r.birthDate as string,
  phone: r.phone as string,
  city: r.city as string,
  cityTier: r.cityTier as number,
  segment: r.segment as CustomerRow['segment'],
  aumFen: jsonInt(r.aumFen),
  riskLevel: r.riskLevel as CustomerRow['riskLevel'],
  riskAssessedAt: r.riskAssessedAt as CustomerRow['riskAssessedAt'],
  assessmentExpired: r.assessmentExpired as boolean,
  rmId: r.rmId as number | null,
  rmName: r.rmName as string | null,
  orgUnitId: r.orgUnitId as string,
  orgUnitName: r.orgUnitName as string,
});

/** Who reads the list, in which request, and whether that read is of PII in clear (the audit rows it writes). */
export type ListReader = { actor: AuditActor; requestId: string; clear: boolean };

/**
 * One page of customers within the scope, and the total matching count, in one statement that also writes the
 * request's audit rows (`ListAudit`). The list as it opens (no search, no filter) is compiled once per scope kind
 * and order and only executed; a searched or filtered list is built per request.
 */
export const listCustomers = async (
  db: Queryable,
  scope: DataScope,
  q: CustomerListQuery,
  search: CustomerSearch | undefined,
  cutoff: string,
  asOf: Date,
  reader: ListReader,
): Promise<{ rows: CustomerRow[]; total: number }> => {
  const { limit, offset } = pageWindow(q);
  const plain = search === undefined && listFilterRule(q, cutoff) === null && q.orgUnitId === undefined;
  const audit = {
    actorKind: reader.actor.kind,
    actorId: reader.actor.id,
    requestId: reader.requestId,
    clear: reader.clear,
    searchKind: search?.kind ?? null,
    searchMatch: search?.match ?? null,
  };
  const placeholders = Object.fromEntries(
    Object.keys(audit).map((k) => [k, sql.placeholder(k)]),
  ) as unknown as ListAudit;
  const result = plain
    ? await compiledRows<{ total: number; items: unknown }>(
        db,
        `customer_list_${scope.kind}_${q.sort}`,
        () =>
          listStatement(
            scopeConditionWithPlaceholder(scope.kind),
            q.sort,
            sql.placeholder('cutoff'),
            sql.placeholder('limit'),
            sql.placeholder('offset'),
            placeholders,
          ),
        { scope: scopeValue(scope), cutoff, limit, offset, ...audit },
      )
    : await db.rows<{ total: number; items: unknown }>(
        listStatement(
          listWhere(scope, q, search, cutoff, asOf) ?? sql`true`,
          q.sort,
          cutoff,
          limit,
          offset,
          audit,
        ),
      );
  const r = result[0]!;
  return { rows: (r.items as Record<string, unknown>[]).map(rowOf), total: r.total };
};

/** The columns of one customer's profile: the summary and the full record (the 360 reads the same set). */
export const profileColumns = (cutoff: string | Placeholder) => ({
  ...summaryColumns(cutoff),
  idNumber: c.idNumber,
  province: c.province,
  county: c.county,
  occupation: c.occupation,
  education: c.education,
  annualIncomeFen: c.annualIncomeFen,
  lowestCategory: c.lowestCategory,
  professional: c.professional,
  payroll: c.payroll,
  elderly: c.elderly,
  carOwner: c.carOwner,
  onboardedAt: c.onboardedAt,
  status: c.status,
  tier: c.tier,
  grade: c.grade,
  lifecycle: c.lifecycle,
});

const detail = (db: Queryable, scope: DataScope, id: number, cutoff: string) =>
  db.orm
    .select({ ...profileColumns(cutoff), inScope: sql<boolean>`${scopeCondition(scope)}` })
    .from(c)
    .leftJoin(staff, eq(staff.id, c.rmId))
    .innerJoin(orgUnits, eq(orgUnits.id, c.orgUnitId))
    .where(eq(c.id, id));

export type CustomerDetailRow = Awaited<ReturnType<typeof detail>>[number];

/** One customer with a flag telling whether it lies in the caller's scope (null when it does not exist). */
export const findCustomer = async (
  db: Queryable,
  scope: DataScope,
  id: number,
  cutoff: string,
): Promise<CustomerDetailRow | null> => (await detail(db, scope, id, cutoff))[0] ?? null;

export const listIdentities = (db: Queryable, customerId: number) =>
  db.orm
    .select({
      channel: customerIdentities.channel,
      value: customerIdentities.value,
      verified: customerIdentities.verified,
      linkedAt: customerIdentities.linkedAt,
    })
    .from(customerIdentities)
    .where(eq(customerIdentities.customerId, customerId))
    .orderBy(asc(customerIdentities.channel), asc(customerIdentities.value));

export type IdentityRow = Awaited<ReturnType<typeof listIdentities>>[number];

export const listConsents = (db: Queryable, customerId: number) =>
  db.orm
    .select({
      purpose: consents.purpose,
      channel: consents.channel,
      granted: consents.granted,
      at: consents.at,
    })
    .from(consents)
    .where(eq(consents.customerId, customerId))
    .orderBy(asc(consents.purpose), asc(consents.channel));

export type ConsentRow = Awaited<ReturnType<typeof listConsents>>[number];
