import type { Attribute, AttrSpec } from './attributes.js';
import { ATTRIBUTES, PRODUCT_RISKS } from './attributes.js';
import type { AttrLeaf, Rule, Scalar } from './rule.js';
import { isAll, isAny, isAttr, isEvent, isHolds, isNot, isTag } from './rule.js';

/**
 * The in-memory back end of segment rules: whether one customer matches, from a snapshot of the customer with
 * its tags, events and holdings. It must agree with the SQL compiler (server/modules/segments/compile.ts) on
 * every rule and customer; the property suite checks that on PGlite and PostgreSQL. Definitions both follow:
 * - the as-of date is the China business date of `asOf` (UTC+8); age and tenure are completed years / months
 *   on that date (a month is complete when the day of month is reached);
 * - money compares in fen: a value in yuan is rounded to the fen;
 * - an event counts when asOf − days × 24 h < at ≤ asOf;
 * - a holding's value is its market value in fen as the loader computed it (units × latest NAV, else cost);
 * - a comparison with a missing value (a customer without RM) is false, and so is its negation's operand:
 *   `ne` is the negation of `eq`, `not` negates the whole (two-valued logic).
 */
export type HoldingSnapshot = { productType: string; productRisk: string; valueFen: number };
export type EventSnapshot = { type: string; at: Date };

export type CustomerSnapshot = {
  id: number;
  birthDate: string;
  aumFen: number;
  riskLevel: string;
  tier: string;
  grade: string;
  lifecycle: string;
  cityTier: number;
  county: boolean;
  payroll: boolean;
  elderly: boolean;
  carOwner: boolean;
  onboardedAt: string;
  segment: string;
  riskAssessedAt: string;
  rmId: number | null;
  tags: readonly string[];
  events: readonly EventSnapshot[];
  holdings: readonly HoldingSnapshot[];
};

/** The business date (YYYY-MM-DD) in China, UTC+8, of an instant. */
export const businessDate = (at: Date): string =>
  new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 10);

const ymd = (d: string): [number, number, number] => [
  Number(d.slice(0, 4)),
  Number(d.slice(5, 7)),
  Number(d.slice(8, 10)),
];

/** Completed years from `from` to `to` (age on `to`). */
export const completedYears = (from: string, to: string): number => {
  const [y1, m1, d1] = ymd(from);
  const [y2, m2, d2] = ymd(to);
  return y2 - y1 - (m2 * 100 + d2 < m1 * 100 + d1 ? 1 : 0);
};

/** Completed months from `from` to `to` (negative when `to` is earlier). */
export const completedMonths = (from: string, to: string): number => {
  const [y1, m1, d1] = ymd(from);
  const [y2, m2, d2] = ymd(to);
  return (y2 - y1) * 12 + (m2 - m1) - (d2 < d1 ? 1 : 0);
};

/** Yuan → fen as the compiler sends it. */
export const yuanToFenRounded = (yuan: number): number => Math.round(yuan * 100);

/** The attribute's value for a customer, on the scale comparisons use (ordinal → rank, aum → fen). */
const valueOf = (c: CustomerSnapshot, a: Attribute, today: string): Scalar | null => {
  switch (a) {
    case 'age':
      return completedYears(c.birthDate, today);
    case 'aum':
      return c.aumFen;
    case 'risk_level':
      return c.riskLevel;
    case 'tier':
      return c.tier;
    case 'grade':
      return c.grade;
    case 'lifecycle':
      return c.lifecycle;
    case 'city_tier':
      return c.cityTier;
    case 'county':
      return c.county;
    case 'payroll':
      return c.payroll;
    case 'elderly':
      return c.elderly;
    case 'car_owner':
      return c.carOwner;
    case 'tenure_months':
      return completedMonths(c.onboardedAt, today);
    case 'segment':
      return c.segment;
    case 'risk_assessed_at':
      return c.riskAssessedAt;
    case 'rm_id':
      return c.rmId;
  }
};

/** A rule value on the comparison scale of its attribute (rank for ordinals, fen for aum). */
export const scaled = (a: Attribute, spec: AttrSpec, v: Scalar): Scalar => {
  if (spec.kind === 'ordinal' || spec.kind === 'enum') return spec.values.indexOf(v as string);
  if (a === 'aum') return yuanToFenRounded(v as number);
  return v;
};

const cmp = (x: Scalar, y: Scalar): number => (x < y ? -1 : x > y ? 1 : 0);

const matchAttr = (leaf: AttrLeaf, c: CustomerSnapshot, today: string): boolean => {
  const spec = ATTRIBUTES[leaf.attr];
  const raw = valueOf(c, leaf.attr, today);
  if (raw === null) return false;
  const coded = spec.kind === 'ordinal' || spec.kind === 'enum';
  const x = coded ? (spec.values as readonly string[]).indexOf(raw as string) : raw;
  // A stored code outside the attribute's list (never written by the platform) matches no comparison.
  if (coded && x === -1) return false;
  const s = (v: Scalar) => scaled(leaf.attr, spec, v);
  switch (leaf.op) {
    case 'eq':
      return x === s(leaf.value as Scalar);
    case 'ne':
      return x !== s(leaf.value as Scalar);
    case 'lt':
      return cmp(x, s(leaf.value as Scalar)) < 0;
    case 'lte':
      return cmp(x, s(leaf.value as Scalar)) <= 0;
    case 'gt':
      return cmp(x, s(leaf.value as Scalar)) > 0;
    case 'gte':
      return cmp(x, s(leaf.value as Scalar)) >= 0;
    case 'in':
      return (leaf.value as Scalar[]).some((v) => s(v) === x);
    case 'between': {
      const [lo, hi] = leaf.value as [Scalar, Scalar];
      return cmp(x, s(lo)) >= 0 && cmp(x, s(hi)) <= 0;
    }
  }
};

/** Whether customer `c` matches `rule` at instant `asOf`. */
export const evaluateRule = (rule: Rule, c: CustomerSnapshot, asOf: Date): boolean => {
  const today = businessDate(asOf);
  const go = (r: Rule): boolean => {
    if (isAll(r)) return r.all.every(go);
    if (isAny(r)) return r.any.some(go);
    if (isNot(r)) return !go(r.not);
    if (isAttr(r)) return matchAttr(r, c, today);
    if (isTag(r)) return c.tags.includes(r.tag);
    if (isEvent(r)) {
      const to = asOf.getTime();
      const from = to - r.days * 86_400_000;
      let n = 0;
      for (const e of c.events)
        if (e.type === r.event && e.at.getTime() > from && e.at.getTime() <= to) n += 1;
      return n >= r.min_count;
    }
    if (isHolds(r)) {
      const { product_type: type, risk_level_gte: risk, min_value: min } = r.holds;
      const minRank = risk === undefined ? -1 : PRODUCT_RISKS.indexOf(risk);
      const minFen = min === undefined ? null : yuanToFenRounded(min);
      return c.holdings.some(
        (h) =>
          (type === undefined || h.productType === type) &&
          (minRank < 0 ||
            PRODUCT_RISKS.indexOf(h.productRisk as (typeof PRODUCT_RISKS)[number]) >= minRank) &&
          (minFen === null || h.valueFen >= minFen),
      );
    }
    throw new Error('unreachable rule node');
  };
  return go(rule);
};
