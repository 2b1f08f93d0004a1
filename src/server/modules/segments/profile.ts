import { and, count, countDistinct, eq, sql } from 'drizzle-orm';
import type { SegmentProfile } from '../../../contracts/cdp.js';
import { parseRule } from '../../../core/segment/rule.js';
import { businessDate } from '../../../core/segment/evaluate.js';
import type { Principal } from '../../auth/principal.js';
import { scopeOf } from '../../auth/principal.js';
import { customers as c, holdings, products } from '../../db/schema.js';
import type { AppDeps } from '../../http/deps.js';
import { monthsBack } from './compile.js';
import { segmentWhere } from './repo.js';

/** Age bands of the profile chart: [label, lowest age, highest age]. */
const AGE_BANDS = [
  ['<30', 0, 29],
  ['30-44', 30, 44],
  ['45-59', 45, 59],
  ['60+', 60, 200],
] as const;

/** A segment's profile in the caller's scope: tier, age band, risk level, product types held. */
export const segmentProfile = async (
  deps: AppDeps,
  p: Principal,
  input: unknown,
): Promise<SegmentProfile> => {
  const rule = parseRule(input);
  const started = performance.now();
  const asOf = deps.now();
  const today = businessDate(asOf);
  const where = segmentWhere(scopeOf(p), rule, asOf);
  // Age in completed years, as the rules count it: born on or before today − N years.
  const band = sql<string>`CASE ${sql.join(
    AGE_BANDS.map(
      ([label, lo, hi]) =>
        sql`WHEN ${c.birthDate} <= ${monthsBack(today, lo * 12)}::date AND ${c.birthDate} > ${monthsBack(today, (hi + 1) * 12)}::date THEN ${label}`,
    ),
    sql` `,
  )} ELSE '?' END`;
  const [tier, age, risk, types] = await Promise.all([
    deps.db.orm.select({ key: c.tier, count: count() }).from(c).where(where).groupBy(c.tier),
    deps.db.orm
      .select({ key: band, count: count() })
      .from(c)
      .where(where)
      .groupBy(sql`1`),
    deps.db.orm.select({ key: c.riskLevel, count: count() }).from(c).where(where).groupBy(c.riskLevel),
    deps.db.orm
      .select({ key: products.type, count: countDistinct(holdings.customerId) })
      .from(holdings)
      .innerJoin(products, eq(products.code, holdings.productCode))
      .innerJoin(c, and(eq(c.id, holdings.customerId), where))
      .groupBy(products.type),
  ]);
  const order = (xs: { key: string; count: number }[], keys: readonly string[]) =>
    keys.map((k) => ({ key: k, count: xs.find((x) => x.key === k)?.count ?? 0 }));
  const byCount = (xs: { key: string; count: number }[]) => [...xs].sort((a, b) => b.count - a.count);
  return {
    count: tier.reduce((a, x) => a + x.count, 0),
    tier: order(tier, ['mass', 'potential', 'affluent', 'private']),
    ageBand: order(
      age,
      AGE_BANDS.map((b) => b[0]),
    ),
    riskLevel: order(risk, ['C1', 'C2', 'C3', 'C4', 'C5']),
    productTypes: byCount(types),
    ms: Math.round(performance.now() - started),
  };
};
