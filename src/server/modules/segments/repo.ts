import { and, asc, count, gt, sql } from 'drizzle-orm';
import type { SQL } from 'drizzle-orm';
import type { Rule } from '../../../core/segment/rule.js';
import { completedYears, businessDate } from '../../../core/segment/evaluate.js';
import type { DataScope } from '../../auth/principal.js';
import { scopeCondition } from '../../auth/principal.js';
import type { Database, Queryable } from '../../db/index.js';
import { customers as c } from '../../db/schema.js';
import { compileRule } from './compile.js';

/** The WHERE of a segment within a scope: the scope, live customers only (not merged away), and the rule. */
export const segmentWhere = (scope: DataScope, rule: Rule, asOf: Date): SQL =>
  and(scopeCondition(scope), sql`${c.mergedInto} IS NULL`, compileRule(rule, asOf))!;

/**
 * The number of customers matching `where`. Event rules group a window of events by customer (hundreds of
 * thousands of groups at scale): the count runs in its own transaction with a work_mem that keeps that hash
 * in memory instead of spilling it to disk.
 */
export const countSegment = async (db: Database, where: SQL): Promise<number> =>
  db.transaction(async (tx) => {
    await tx.run(sql`SELECT set_config('work_mem', ${COUNT_WORK_MEM}, true)`);
    const [r] = await tx.orm.select({ n: count() }).from(c).where(where);
    return r?.n ?? 0;
  });

const COUNT_WORK_MEM = '64MB';

export const sampleSegment = async (db: Queryable, where: SQL, n: number): Promise<number[]> =>
  n === 0
    ? []
    : (await db.orm.select({ id: c.id }).from(c).where(where).orderBy(asc(c.id)).limit(n)).map((r) => r.id);

/** The columns of an export row (no names, phones or ID numbers: a segment export is not a PII export). */
export const EXPORT_COLUMNS = [
  'customer_id',
  'tier',
  'grade',
  'lifecycle',
  'aum',
  'age',
  'risk_level',
  'city',
  'city_tier',
  'county',
  'rm_id',
  'org_unit_id',
] as const;

export type ExportRow = (string | number | boolean | null)[];

/**
 * Matching customers in id order, one keyset page at a time (memory stays bounded whatever the segment size).
 */
export async function* segmentRows(
  db: Queryable,
  where: SQL,
  asOf: Date,
  pageSize = 5000,
): AsyncGenerator<ExportRow[]> {
  const today = businessDate(asOf);
  let after = 0;
  for (;;) {
    const rows = await db.orm
      .select({
        id: c.id,
        tier: c.tier,
        grade: c.grade,
        lifecycle: c.lifecycle,
        aumFen: c.aumFen,
        birthDate: c.birthDate,
        riskLevel: c.riskLevel,
        city: c.city,
        cityTier: c.cityTier,
        county: c.county,
        rmId: c.rmId,
        orgUnitId: c.orgUnitId,
      })
      .from(c)
      .where(and(where, gt(c.id, after)))
      .orderBy(asc(c.id))
      .limit(pageSize);
    if (rows.length === 0) return;
    yield rows.map((r) => [
      r.id,
      r.tier,
      r.grade,
      r.lifecycle,
      (r.aumFen / 100).toFixed(2),
      completedYears(r.birthDate, today),
      r.riskLevel,
      r.city,
      r.cityTier,
      r.county,
      r.rmId,
      r.orgUnitId,
    ]);
    after = rows[rows.length - 1]!.id;
    if (rows.length < pageSize) return;
  }
}
