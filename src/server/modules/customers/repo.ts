import { and, asc, desc, eq, like, lt, or, sql } from 'drizzle-orm';
import type { SQL } from 'drizzle-orm';
import type { CustomerListQuery } from '../../../contracts/customers.js';
import type { DataScope } from '../../auth/principal.js';
import { scopeCondition } from '../../auth/principal.js';
import { inUnitOrChildren, pageWindow, prefixPattern, containsPattern } from '../../db/conditions.js';
import type { Queryable } from '../../db/index.js';
import type { Rule } from '../../../core/segment/rule.js';
import { compileRule } from '../segments/compile.js';
import type { CustomerSearch } from './search.js';
import { consents, customerIdentities, customers as c, orgUnits, staff } from '../../db/schema.js';

/**
 * The columns of a customer summary. `cutoff` is the oldest risk assessment still valid today under the
 * institution's policy (`assessmentCutoff` of core/suitability/validity.ts): older is expired, the same rule as
 * the suitability check.
 */
const summaryColumns = (cutoff: string) => ({
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

const summaries = (db: Queryable, cutoff: string) =>
  db.orm
    .select(summaryColumns(cutoff))
    .from(c)
    .leftJoin(staff, eq(staff.id, c.rmId))
    .innerJoin(orgUnits, eq(orgUnits.id, c.orgUnitId));

export type CustomerRow = Awaited<ReturnType<typeof summaries>>[number];

/** One page of customers within the scope, and the total matching count. */
export const listCustomers = async (
  db: Queryable,
  scope: DataScope,
  q: CustomerListQuery,
  search: CustomerSearch | undefined,
  cutoff: string,
  asOf: Date,
): Promise<{ rows: CustomerRow[]; total: number }> => {
  const where = listWhere(scope, q, search, cutoff, asOf);
  const { limit, offset } = pageWindow(q);
  const [rows, total] = await Promise.all([
    summaries(db, cutoff)
      .where(where)
      .orderBy(...ORDER[q.sort])
      .limit(limit)
      .offset(offset),
    db.orm.$count(c, where),
  ]);
  return { rows, total };
};

const detail = (db: Queryable, scope: DataScope, id: number, cutoff: string) =>
  db.orm
    .select({
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
      inScope: sql<boolean>`${scopeCondition(scope)}`,
    })
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
