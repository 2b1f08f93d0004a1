import { sql } from 'drizzle-orm';
import type { AnyColumn, SQL } from 'drizzle-orm';
import type { AttrSpec } from '../../../core/segment/attributes.js';
import { ATTRIBUTES, PRODUCT_RISKS } from '../../../core/segment/attributes.js';
import { businessDate, scaled, yuanToFenRounded } from '../../../core/segment/evaluate.js';
import type { AttrLeaf, Rule, Scalar } from '../../../core/segment/rule.js';
import { isAll, isAny, isAttr, isEvent, isHolds, isNot, isTag } from '../../../core/segment/rule.js';
import { customers as c, customerTags, events, holdings, navLatest, products } from '../../db/schema.js';

/**
 * The SQL back end of segment rules: a condition on the `customers` table (a Drizzle `SQL`, every value a
 * parameter) meaning exactly what core/segment/evaluate.ts decides in memory. Citus-compatible: the only
 * subqueries are sets of customer_id (holdings, customer_tags, events) joined on the distribution column, and
 * reference tables (products, nav_latest). Age and tenure compile to ranges of birth_date / onboarded_at, which
 * indexes can serve.
 */

const TRUE = sql`true`;
const FALSE = sql`false`;

const or = (parts: SQL[]): SQL => (parts.length === 0 ? FALSE : sql`(${sql.join(parts, sql` OR `)})`);
const and = (parts: SQL[]): SQL => (parts.length === 0 ? TRUE : sql`(${sql.join(parts, sql` AND `)})`);
const inList = (col: SQL | AnyColumn, values: readonly Scalar[]): SQL =>
  values.length === 0
    ? FALSE
    : sql`${col} IN (${sql.join(
        values.map((v) => sql`${v}`),
        sql`, `,
      )})`;

const pad = (n: number, w: number) => String(n).padStart(w, '0');
const daysIn = (y: number, m: number): number => new Date(Date.UTC(y, m, 0)).getUTCDate();

/**
 * The latest date d such that the completed months from d to `today` are at least `months`: `today` moved back
 * by `months`, its day clamped to the target month (so that 29 Feb falls back to 28 Feb).
 */
export const monthsBack = (today: string, months: number): string => {
  const y = Number(today.slice(0, 4));
  const m = Number(today.slice(5, 7));
  const d = Number(today.slice(8, 10));
  const idx = y * 12 + (m - 1) - months;
  const ty = Math.floor(idx / 12);
  const tm = idx - ty * 12 + 1;
  return `${pad(ty, 4)}-${pad(tm, 2)}-${pad(Math.min(d, daysIn(ty, tm)), 2)}`;
};

/** A comparison of "completed periods since `col`" (age in years, tenure in months) as date ranges on `col`. */
const periodCondition = (col: AnyColumn, unitMonths: number, today: string, leaf: AttrLeaf): SQL => {
  const bound = (n: number) => sql`${monthsBack(today, n * unitMonths)}::date`;
  const atLeast = (n: number) => sql`${col} <= ${bound(n)}`;
  const below = (n: number) => sql`${col} > ${bound(n)}`;
  const exactly = (n: number) => sql`(${col} > ${bound(n + 1)} AND ${col} <= ${bound(n)})`;
  const v = leaf.value as number;
  switch (leaf.op) {
    case 'eq':
      return exactly(v);
    case 'ne':
      return sql`NOT ${exactly(v)}`;
    case 'gte':
      return atLeast(v);
    case 'gt':
      return atLeast(v + 1);
    case 'lt':
      return below(v);
    case 'lte':
      return below(v + 1);
    case 'in':
      return or((leaf.value as number[]).map(exactly));
    case 'between': {
      const [lo, hi] = leaf.value as [number, number];
      return sql`(${col} > ${bound(hi + 1)} AND ${col} <= ${bound(lo)})`;
    }
  }
};

const holds = (op: AttrLeaf['op'], x: number, ref: number): boolean => {
  switch (op) {
    case 'eq':
    case 'in':
      return x === ref;
    case 'ne':
      return x !== ref;
    case 'lt':
      return x < ref;
    case 'lte':
      return x <= ref;
    case 'gt':
      return x > ref;
    case 'gte':
      return x >= ref;
    case 'between':
      return false;
  }
};

/** Ordinal and enum attributes compile to membership in the codes that satisfy the comparison. */
const codeCondition = (
  col: AnyColumn,
  spec: AttrSpec & { values: readonly string[] },
  leaf: AttrLeaf,
): SQL => {
  const codes = spec.values;
  const rank = (v: Scalar) => codes.indexOf(v as string);
  let keep: string[];
  if (leaf.op === 'in') {
    const wanted = new Set((leaf.value as Scalar[]).map(rank));
    keep = codes.filter((_, i) => wanted.has(i));
  } else if (leaf.op === 'between') {
    const [lo, hi] = (leaf.value as Scalar[]).map(rank) as [number, number];
    keep = codes.filter((_, i) => i >= lo && i <= hi);
  } else {
    const ref = rank(leaf.value as Scalar);
    keep = codes.filter((_, i) => holds(leaf.op, i, ref));
  }
  return inList(col, keep);
};

const COLUMNS = {
  aum: c.aumFen,
  risk_level: c.riskLevel,
  tier: c.tier,
  grade: c.grade,
  lifecycle: c.lifecycle,
  city_tier: c.cityTier,
  county: c.county,
  payroll: c.payroll,
  elderly: c.elderly,
  car_owner: c.carOwner,
  segment: c.segment,
  risk_assessed_at: c.riskAssessedAt,
  rm_id: c.rmId,
} as const;

const OP_SQL = { eq: sql`=`, ne: sql`<>`, lt: sql`<`, lte: sql`<=`, gt: sql`>`, gte: sql`>=` } as const;

const attrCondition = (leaf: AttrLeaf, today: string): SQL => {
  const spec = ATTRIBUTES[leaf.attr];
  if (leaf.attr === 'age') return periodCondition(c.birthDate, 12, today, leaf);
  if (leaf.attr === 'tenure_months') return periodCondition(c.onboardedAt, 1, today, leaf);
  const a = leaf.attr;
  const col = COLUMNS[a];
  if (spec.kind === 'ordinal' || spec.kind === 'enum') return codeCondition(col, spec, leaf);
  const value = (v: Scalar): SQL => {
    const s = scaled(leaf.attr, spec, v);
    return spec.kind === 'date' ? sql`${s}::date` : sql`${s}`;
  };
  let cond: SQL;
  if (leaf.op === 'in') cond = or((leaf.value as Scalar[]).map((v) => sql`${col} = ${value(v)}`));
  else if (leaf.op === 'between') {
    const [lo, hi] = leaf.value as [Scalar, Scalar];
    cond = sql`(${col} >= ${value(lo)} AND ${col} <= ${value(hi)})`;
  } else cond = sql`${col} ${OP_SQL[leaf.op]} ${value(leaf.value as Scalar)}`;
  // rm_id is the one nullable attribute: a missing value matches no comparison, and NOT of it is true.
  return a === 'rm_id' ? sql`(${col} IS NOT NULL AND ${cond})` : cond;
};

/**
 * The market value of a holding in fen: units × latest unit NAV (rounded to the fen), else its cost. `unit` is
 * the latest unit NAV of the holding's product (`nav_latest.unit` joined, or the scalar lookup by default).
 */
export const holdingValueFen = (
  unit: SQL = sql`(SELECT ${navLatest.unit} FROM ${navLatest} WHERE ${navLatest.productCode} = ${holdings.productCode})`,
): SQL<number> =>
  sql<number>`coalesce(round(${holdings.units} * ${unit}, 2) * 100, ${holdings.costFen})::bigint`;

/**
 * Holdings, tags and events compile to membership of customers.id in an uncorrelated set of customer ids
 * (`id IN (SELECT customer_id …)`): PostgreSQL joins it as a semi-join under AND and hashes it once under OR or
 * NOT, where a correlated EXISTS would be re-run for every customer. customer_id is never null, so NOT IN is
 * exact; the sets group or filter on customer_id, the distribution column (Citus pushes them down).
 */
const holdsCondition = (h: { product_type?: string; risk_level_gte?: string; min_value?: number }): SQL => {
  const product: SQL[] = [];
  if (h.product_type !== undefined) product.push(sql`${products.type} = ${h.product_type}`);
  if (h.risk_level_gte !== undefined) {
    const from = PRODUCT_RISKS.indexOf(h.risk_level_gte as (typeof PRODUCT_RISKS)[number]);
    product.push(inList(sql`${products.riskLevel}`, PRODUCT_RISKS.slice(from)));
  }
  // Product conditions become a set of product codes (a small hashed list) that filters holdings before any
  // value is computed. Every holding names a product (the inner join the evaluator's snapshots use).
  const parts: SQL[] = [
    sql`${holdings.productCode} IN (SELECT ${products.code} FROM ${products} WHERE ${and(product)})`,
  ];
  if (h.min_value === undefined)
    return sql`${c.id} IN (SELECT ${holdings.customerId} FROM ${holdings} WHERE ${and(parts)})`;
  // The latest NAV is joined from nav_latest (one row per product), not looked up per holding.
  parts.push(sql`${holdingValueFen(sql`${navLatest.unit}`)} >= ${yuanToFenRounded(h.min_value)}`);
  return sql`${c.id} IN (SELECT ${holdings.customerId} FROM ${holdings} LEFT JOIN ${navLatest} ON ${navLatest.productCode} = ${holdings.productCode} WHERE ${and(parts)})`;
};

/**
 * At least `minCount` events of `type` in (asOf − days, asOf]: the customers found by one index-only range scan
 * of events (type, at, customer_id), grouped by customer — instead of a count per customer.
 */
const eventCondition = (type: string, minCount: number, days: number, asOf: Date): SQL => {
  if (minCount <= 0) return TRUE;
  const from = new Date(asOf.getTime() - days * 86_400_000);
  const where = sql`${events.type} = ${type} AND ${events.at} > ${from.toISOString()}::timestamptz AND ${events.at} <= ${asOf.toISOString()}::timestamptz`;
  if (minCount === 1) return sql`${c.id} IN (SELECT ${events.customerId} FROM ${events} WHERE ${where})`;
  return sql`${c.id} IN (SELECT ${events.customerId} FROM ${events} WHERE ${where} GROUP BY ${events.customerId} HAVING count(*) >= ${minCount})`;
};

/** The condition of `rule` on the customers table at instant `asOf`. */
export const compileRule = (rule: Rule, asOf: Date): SQL => {
  const today = businessDate(asOf);
  const go = (r: Rule): SQL => {
    if (isAll(r)) return and(r.all.map(go));
    if (isAny(r)) return or(r.any.map(go));
    if (isNot(r)) return sql`(NOT ${go(r.not)})`;
    if (isAttr(r)) return attrCondition(r, today);
    if (isTag(r))
      return sql`${c.id} IN (SELECT ${customerTags.customerId} FROM ${customerTags} WHERE ${customerTags.tagKey} = ${r.tag})`;
    if (isEvent(r)) return eventCondition(r.event, r.min_count, r.days, asOf);
    if (isHolds(r)) return holdsCondition(r.holds);
    throw new Error('unreachable rule node');
  };
  return go(rule);
};
