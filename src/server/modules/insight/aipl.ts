import { sql } from 'drizzle-orm';
import type { SQL } from 'drizzle-orm';
import type {
  AiplFacts,
  AiplStage,
  AiplStepKey,
  AiplSummary,
  AiplWindows,
} from '../../../core/insight/aipl.js';
import {
  AIPL_STAGES,
  AIPL_WINDOWS,
  INTEREST_EVENT_TYPES,
  aiplAccumulator,
  aiplStage,
  aiplStep,
  stageIndex,
  summariseFlows,
} from '../../../core/insight/aipl.js';
import { AppError, badInput } from '../../../core/errors.js';
import type { Queryable } from '../../db/index.js';
import { compileRule } from '../segments/compile.js';
import { segmentRule } from '../segments/service.js';

/**
 * The AIPL dashboard on the platform's tables: every live customer's stage on two dates (point-in-time, the rules of
 * core/insight/aipl.ts), read in keyset batches of customer ids with SQL aggregates per batch (joins on
 * customer_id only), folded into 5 × 5 flow matrices overall and per channel, tier and lifecycle. The customers at
 * the start of the weakest step keep a few point-in-time features for the drivers (driver.ts).
 */
export const AIPL_CHANNELS = ['app', 'wechat', 'web', 'counter', 'none'] as const;
export type AiplChannel = (typeof AIPL_CHANNELS)[number];

export type AiplQuery = { from: string; to: string; segmentId?: number; channel?: AiplChannel };

/** Point-in-time features (as of the start date) of a customer at a step's start, for the drivers. */
export const DRIVER_FEATURES = [
  'age',
  'tenure_years',
  'city_tier',
  'risk_level',
  'rm_contact',
  'logins_30d',
  'page_views_30d',
  'searches_30d',
  'livestream_views_30d',
  'coupon_uses_30d',
  'advisor_chats_30d',
  'purchases_abandoned_30d',
  'purchase_days_365d',
  'invested_log10',
  'channel_app',
  'channel_wechat',
] as const;

/** Rows at the start of each step (label: reached the step's end stage by the end date). */
export type StepRows = Record<AiplStepKey, { x: number[][]; y: number[] }>;

export type AiplScan = {
  overall: number[][];
  groups: Record<'channel' | 'tier' | 'lifecycle', Map<string, number[][]>>;
  steps: StepRows;
};

type Raw = Record<string, unknown>;
const n = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));
const DAY_MS = 86_400_000;

/** The end of day D in China time (UTC+8) as an instant: events strictly before it belong to D or earlier. */
export const chinaDayEnd = (d: string): Date => new Date(Date.parse(`${d}T00:00:00+08:00`) + DAY_MS);

const validDate = (field: string, v: string): string => {
  const t = Date.parse(`${v}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v) || Number.isNaN(t) || new Date(t).toISOString().slice(0, 10) !== v)
    throw badInput(field, `expected a calendar date YYYY-MM-DD, got "${v}"`);
  return v;
};

/** Checks the two dates (valid, from before to); BAD_INPUT names the parameter. */
export const checkAiplDates = (q: Pick<AiplQuery, 'from' | 'to'>): void => {
  validDate('from', q.from);
  validDate('to', q.to);
  if (q.from >= q.to) throw badInput('to', `must be after from (${q.from}), got ${q.to}`);
};

const facts = (r: Raw, k: 1 | 2): AiplFacts => ({
  onboarded: r[`on${k}`] === true,
  events: n(r[`ev${k}`]),
  interestEvents: n(r[`int${k}`]),
  pageViews: n(r[`pv${k}`]),
  recentPurchaseDays: n(r[`rp${k}`]),
  yearPurchaseDays: n(r[`yp${k}`]),
  renewals: n(r[`rn${k}`]),
});

const features = (r: Raw): number[] => [
  n(r.age),
  n(r.tenure_years),
  n(r.city_tier),
  Number(String(r.risk_level).slice(1)),
  r.has_rm === true ? 1 : 0,
  n(r.logins1),
  n(r.pv1),
  n(r.searches1),
  n(r.live1),
  n(r.coupons1),
  n(r.chats1),
  n(r.abandoned1),
  n(r.yp1),
  Math.log10(1 + Math.max(0, n(r.net_invested_fen) / 100)),
  r.channel1 === 'app' ? 1 : 0,
  r.channel1 === 'wechat' ? 1 : 0,
];

/** One batch (customer ids in (lo, hi]): the facts at both dates, the groups, the features as of `from`. */
const batchSql = (q: AiplQuery, w: AiplWindows, where: SQL, lo: number, hi: number): SQL => {
  const c1 = chinaDayEnd(q.from);
  const c2 = chinaDayEnd(q.to);
  const a1 = new Date(c1.getTime() - w.activeDays * DAY_MS);
  const a2 = new Date(c2.getTime() - w.activeDays * DAY_MS);
  const ch2 = new Date(c2.getTime() - 180 * DAY_MS);
  const ch1 = new Date(c1.getTime() - 180 * DAY_MS);
  const evLo = new Date(Math.min(a1.getTime(), ch1.getTime()));
  const interest = sql.join(
    INTEREST_EVENT_TYPES.map((t) => sql`${t}`),
    sql`, `,
  );
  const d1 = sql`${q.from}::date`;
  const d2 = sql`${q.to}::date`;
  const in1 = sql`e.at >= ${a1.toISOString()}::timestamptz AND e.at < ${c1.toISOString()}::timestamptz`;
  const in2 = sql`e.at >= ${a2.toISOString()}::timestamptz AND e.at < ${c2.toISOString()}::timestamptz`;
  return sql`
    SELECT customers.id, customers.tier, customers.lifecycle, customers.onboarded_at <= ${d1} AS on1,
      customers.onboarded_at <= ${d2} AS on2, (${d1} - customers.birth_date) / 365.25 AS age,
      greatest(0, (${d1} - customers.onboarded_at) / 365.25) AS tenure_years, customers.city_tier,
      customers.risk_level, customers.rm_id IS NOT NULL AS has_rm, ev.*, pu.*, rn.*, tx.net_invested_fen
    FROM customers
    LEFT JOIN LATERAL (
      SELECT count(*) FILTER (WHERE ${in1}) AS ev1, count(*) FILTER (WHERE ${in2}) AS ev2,
        count(*) FILTER (WHERE ${in1} AND e.type IN (${interest})) AS int1,
        count(*) FILTER (WHERE ${in2} AND e.type IN (${interest})) AS int2,
        count(*) FILTER (WHERE ${in1} AND e.type = 'page_view') AS pv1,
        count(*) FILTER (WHERE ${in2} AND e.type = 'page_view') AS pv2,
        count(*) FILTER (WHERE ${in1} AND e.type = 'login') AS logins1,
        count(*) FILTER (WHERE ${in1} AND e.type = 'search') AS searches1,
        count(*) FILTER (WHERE ${in1} AND e.type = 'livestream_view') AS live1,
        count(*) FILTER (WHERE ${in1} AND e.type = 'coupon_use') AS coupons1,
        count(*) FILTER (WHERE ${in1} AND e.type = 'advisor_chat') AS chats1,
        count(*) FILTER (WHERE ${in1} AND e.type = 'purchase_abandoned') AS abandoned1,
        mode() WITHIN GROUP (ORDER BY e.channel)
          FILTER (WHERE e.at >= ${ch1.toISOString()}::timestamptz AND e.at < ${c1.toISOString()}::timestamptz) AS channel1,
        mode() WITHIN GROUP (ORDER BY e.channel) FILTER (WHERE e.at >= ${ch2.toISOString()}::timestamptz) AS channel2
      FROM events e
      WHERE e.customer_id = customers.id AND e.at >= ${evLo.toISOString()}::timestamptz
        AND e.at < ${c2.toISOString()}::timestamptz
    ) ev ON true
    LEFT JOIN LATERAL (
      SELECT count(DISTINCT p.day) FILTER (WHERE p.day > ${d1} - ${w.purchaseDays}::int AND p.day <= ${d1}) AS rp1,
        count(DISTINCT p.day) FILTER (WHERE p.day > ${d1} - ${w.loyaltyDays}::int AND p.day <= ${d1}) AS yp1,
        count(DISTINCT p.day) FILTER (WHERE p.day > ${d2} - ${w.purchaseDays}::int) AS rp2,
        count(DISTINCT p.day) FILTER (WHERE p.day > ${d2} - ${w.loyaltyDays}::int) AS yp2
      FROM (
        SELECT t.trade_date AS day FROM transactions t
        WHERE t.customer_id = customers.id AND t.type = 'purchase' AND t.trade_date <= ${d2}
          AND t.trade_date > ${d1} - ${w.loyaltyDays}::int
        UNION ALL
        SELECT s.start_date FROM advisory_subscriptions s
        WHERE s.customer_id = customers.id AND s.start_date <= ${d2} AND s.start_date > ${d1} - ${w.loyaltyDays}::int
      ) p
    ) pu ON true
    LEFT JOIN LATERAL (
      SELECT count(*) FILTER (WHERE s.end_date > ${d1} - ${w.loyaltyDays}::int AND s.end_date <= ${d1}) AS rn1,
        count(*) FILTER (WHERE s.end_date > ${d2} - ${w.loyaltyDays}::int) AS rn2
      FROM advisory_subscriptions s
      WHERE s.customer_id = customers.id AND s.renewed IS TRUE AND s.end_date <= ${d2}
    ) rn ON true
    LEFT JOIN LATERAL (
      SELECT coalesce(sum(CASE WHEN t.type = 'purchase' THEN t.amount_fen
        WHEN t.type IN ('redemption', 'maturity') THEN -t.amount_fen ELSE 0 END), 0) AS net_invested_fen
      FROM transactions t WHERE t.customer_id = customers.id AND t.trade_date <= ${d1}
    ) tx ON true
    WHERE customers.id > ${lo} AND customers.id <= ${hi} AND customers.merged_into IS NULL
      AND customers.onboarded_at <= ${d2} AND ${where}
    ORDER BY customers.id`;
};

const nextBatchEnd = async (db: Queryable, after: number, size: number): Promise<number | null> => {
  const r = await db.one<{ hi: unknown }>(
    sql`SELECT max(id) AS hi FROM (SELECT id FROM customers WHERE id > ${after} ORDER BY id LIMIT ${size}) b`,
  );
  return r?.hi === null || r?.hi === undefined ? null : Number(r.hi);
};

/** The WHERE of the optional saved segment (evaluated as of the end date); an unknown id is BAD_INPUT. */
const segmentFilter = async (db: Queryable, q: AiplQuery): Promise<SQL> => {
  if (q.segmentId === undefined) return sql`true`;
  try {
    return compileRule(await segmentRule(db, q.segmentId), chinaDayEnd(q.to));
  } catch (e) {
    if (e instanceof AppError && e.code === 'NOT_FOUND')
      throw badInput('segment', `no saved segment ${q.segmentId}; pick one from GET /api/segments`);
    throw e;
  }
};

/** Reads every customer of the query's population in batches and folds the stages into flow matrices. */
export const scanAipl = async (
  db: Queryable,
  q: AiplQuery,
  w: AiplWindows = AIPL_WINDOWS,
  batchSize = 2000,
): Promise<AiplScan> => {
  checkAiplDates(q);
  const where = await segmentFilter(db, q);
  const overall = aiplAccumulator();
  const groups = { channel: new Map(), tier: new Map(), lifecycle: new Map() } as Record<
    'channel' | 'tier' | 'lifecycle',
    Map<string, ReturnType<typeof aiplAccumulator>>
  >;
  const steps = {
    awareness_interest: { x: [], y: [] },
    interest_purchase: { x: [], y: [] },
    purchase_loyalty: { x: [], y: [] },
  } as StepRows;
  const add = (dim: 'channel' | 'tier' | 'lifecycle', key: string, a: AiplStage, b: AiplStage) => {
    let acc = groups[dim].get(key);
    if (acc === undefined) groups[dim].set(key, (acc = aiplAccumulator()));
    acc.add(a, b);
  };
  let last = 0;
  for (;;) {
    const hi = await nextBatchEnd(db, last, batchSize);
    if (hi === null) break;
    for (const r of await db.rows<Raw>(batchSql(q, w, where, last, hi))) {
      const channel = typeof r.channel2 === 'string' ? r.channel2 : 'none';
      if (q.channel !== undefined && channel !== q.channel) continue;
      const a = aiplStage(facts(r, 1), w);
      const b = aiplStage(facts(r, 2), w);
      overall.add(a, b);
      add('channel', channel, a, b);
      add('tier', String(r.tier), a, b);
      add('lifecycle', String(r.lifecycle), a, b);
      for (const [key, rows] of Object.entries(steps)) {
        const st = aiplStep(key as AiplStepKey);
        if (a !== st.from) continue;
        rows.x.push(features(r));
        rows.y.push(stageIndex(b) >= stageIndex(st.to) ? 1 : 0);
      }
    }
    last = hi;
  }
  const mats = (m: Map<string, ReturnType<typeof aiplAccumulator>>) =>
    new Map([...m].sort(([x], [y]) => x.localeCompare(y)).map(([k, acc]) => [k, acc.flows()] as const));
  return {
    overall: overall.flows(),
    groups: { channel: mats(groups.channel), tier: mats(groups.tier), lifecycle: mats(groups.lifecycle) },
    steps,
  };
};

export type BreakPoint = {
  dimension: 'channel' | 'tier' | 'lifecycle';
  group: string;
  population: number;
  steps: Array<{ step: AiplStepKey; at_from_start: number; advanced: number; period_rate: number | null }>;
  weakest: AiplStepKey | null;
};

/** Break points: every group's step rates and its weakest step (steps with fewer than `minBase` at start skipped). */
export const breakPoints = (scan: AiplScan, minBase = 5): BreakPoint[] =>
  (['channel', 'tier', 'lifecycle'] as const).flatMap((dimension) =>
    [...scan.groups[dimension]].map(([group, m]): BreakPoint => {
      const s: AiplSummary = summariseFlows(m, minBase);
      return {
        dimension,
        group,
        population: s.population,
        steps: s.conversion.map((c) => ({
          step: c.step,
          at_from_start: c.at_from_start,
          advanced: c.advanced,
          period_rate: c.period_rate,
        })),
        weakest: s.weakest,
      };
    }),
  );

export { AIPL_STAGES };
