import { asc, count, eq, isNull, sql } from 'drizzle-orm';
import type { SQL } from 'drizzle-orm';
import { gradeOf, lifecycleOf, tierOf, valueScore } from '../../../core/cdp/classify.js';
import type { CdpPolicy } from '../../../core/cdp/policy.js';
import { DEFAULT_CDP_POLICY } from '../../../core/cdp/policy.js';
import { parseCdpPolicyEdit } from '../../../core/cdp/policy-edit.js';
import { businessDate, completedMonths } from '../../../core/segment/evaluate.js';
import { eventDaysOf, parseRule } from '../../../core/segment/rule.js';
import type { Queryable } from '../../db/index.js';
import {
  cdpPolicies,
  customers as c,
  customerTagHistory,
  customerTags,
  eventReceipts,
  events,
  holdings,
  products,
  segments,
  tagDefinitions,
  transactions,
} from '../../db/schema.js';
import type { TagSource } from '../../db/schema.js';
import { compileRule } from '../segments/compile.js';

export type RefreshResult = {
  customers: number;
  tiers: Record<string, number>;
  grades: Record<string, number>;
  lifecycles: Record<string, number>;
  groups: number;
  tags: { set: number; removed: number };
  ms: number;
};

type Facts = {
  id: number;
  aum_fen: number;
  onboarded_at: string;
  payroll: boolean;
  status: string;
  types: number;
  last_event: Date | null;
  last_trade: string | null;
  purchases_12m: number;
  net_out: number;
  transfer_out: boolean;
};

const DAY = 86_400_000;

/** The facts the classifiers read, for one keyset page of customers (every subquery on customer_id). */
const factsPage = (db: Queryable, after: number, limit: number, asOf: Date, flowDays: number) => {
  const today = businessDate(asOf);
  const yearAgo = businessDate(new Date(asOf.getTime() - 365 * DAY));
  const flowFrom = businessDate(new Date(asOf.getTime() - flowDays * DAY));
  const flowInstant = new Date(asOf.getTime() - flowDays * DAY).toISOString();
  const at = asOf.toISOString();
  return db.rows<Facts>(sql`
    SELECT ${c.id} AS id, ${c.aumFen} AS aum_fen, ${c.onboardedAt} AS onboarded_at, ${c.payroll} AS payroll,
      ${c.status} AS status,
      (SELECT count(DISTINCT ${products.type}) FROM ${holdings} JOIN ${products} ON ${products.code} = ${holdings.productCode}
        WHERE ${holdings.customerId} = ${c.id})::int AS types,
      (SELECT max(${events.at}) FROM ${events} WHERE ${events.customerId} = ${c.id} AND ${events.at} <= ${at}::timestamptz) AS last_event,
      (SELECT max(${transactions.tradeDate}) FROM ${transactions}
        WHERE ${transactions.customerId} = ${c.id} AND ${transactions.tradeDate} <= ${today}::date) AS last_trade,
      (SELECT coalesce(sum(${transactions.amountFen}), 0) FROM ${transactions}
        WHERE ${transactions.customerId} = ${c.id} AND ${transactions.type} = 'purchase'
          AND ${transactions.tradeDate} > ${yearAgo}::date AND ${transactions.tradeDate} <= ${today}::date)::bigint AS purchases_12m,
      (SELECT coalesce(sum(CASE WHEN ${transactions.type} = 'redemption' THEN ${transactions.amountFen}
                                WHEN ${transactions.type} = 'purchase' THEN -${transactions.amountFen} ELSE 0 END), 0)
        FROM ${transactions} WHERE ${transactions.customerId} = ${c.id}
          AND ${transactions.tradeDate} > ${flowFrom}::date AND ${transactions.tradeDate} <= ${today}::date)::bigint AS net_out,
      EXISTS (SELECT 1 FROM ${events} WHERE ${events.customerId} = ${c.id} AND ${events.type} = 'large_transfer_out'
        AND ${events.at} > ${flowInstant}::timestamptz AND ${events.at} <= ${at}::timestamptz) AS transfer_out
    FROM ${c} WHERE ${c.id} > ${after} ORDER BY ${c.id} LIMIT ${limit}`);
};

export type Classified = { id: number; tier: string; grade: string; lifecycle: string; score: number };

/** Tier, grade and lifecycle of one customer from its facts (pure core functions). */
export const classify = (f: Facts, asOf: Date, policy: CdpPolicy): Classified => {
  const today = businessDate(asOf);
  const tenureMonths = completedMonths(f.onboarded_at, today);
  const tier = tierOf(f.aum_fen, policy);
  const score = valueScore(
    {
      aumFen: f.aum_fen,
      productTypes: f.types,
      tenureMonths,
      payroll: f.payroll,
      purchases12mFen: Number(f.purchases_12m),
    },
    policy.weights,
  );
  const lastTrade = f.last_trade === null ? null : Date.parse(`${f.last_trade}T00:00:00+08:00`);
  const lastEvent = f.last_event === null ? null : new Date(f.last_event).getTime();
  const last = Math.max(lastTrade ?? -Infinity, lastEvent ?? -Infinity);
  const lifecycle = lifecycleOf(
    {
      tenureMonths,
      tier,
      productTypes: f.types,
      daysSinceActivity: Number.isFinite(last) ? Math.floor((asOf.getTime() - last) / DAY) : null,
      netOutflowFen: Number(f.net_out),
      aumFen: f.aum_fen,
      largeTransferOut: f.transfer_out,
      dormantFlag: f.status === 'dormant',
    },
    policy,
  );
  return { id: f.id, tier, grade: gradeOf(score, policy), lifecycle, score };
};

const writeClassified = async (db: Queryable, rows: Classified[], asOf: Date): Promise<void> => {
  if (rows.length === 0) return;
  const values = sql.join(
    rows.map(
      (r) => sql`(${r.id}::bigint, ${r.tier}, ${r.grade}, ${r.lifecycle}, ${r.score.toFixed(2)}::numeric)`,
    ),
    sql`, `,
  );
  await db.run(sql`UPDATE ${c} SET tier = v.tier, grade = v.grade, lifecycle = v.lifecycle, value_score = v.score,
    cdp_refreshed_at = ${asOf.toISOString()}::timestamptz
    FROM (VALUES ${values}) AS v(id, tier, grade, lifecycle, score) WHERE ${c.id} = v.id`);
};

/** The built-in groups of the policy, saved as segments of kind "group" (kept in step with the policy). */
export const ensureGroups = async (db: Queryable, policy: CdpPolicy, now: Date): Promise<number> => {
  for (const g of policy.groups) {
    parseRule(g.rule, `group ${g.key}`);
    await db.orm
      .insert(segments)
      .values({ key: g.key, name: g.name, kind: 'group', rule: g.rule, createdAt: now, updatedAt: now })
      .onConflictDoUpdate({
        target: segments.key,
        set: { name: g.name, rule: g.rule, kind: 'group', updatedAt: now },
      });
  }
  return policy.groups.length;
};

/**
 * Brings the tags of one source-managed definition in line with a condition: customers matching it and lacking
 * the tag get it, customers holding it (from this source) and no longer matching lose it; every change leaves a
 * history row with the previous value. Set-based (two statements each way), so it runs on every customer at once.
 */
export const syncTag = async (
  db: Queryable,
  key: string,
  source: TagSource,
  condition: SQL,
  asOf: Date,
  by: string,
  score: SQL | null = null,
  scope: SQL = sql`TRUE`,
): Promise<{ set: number; removed: number }> => {
  const at = asOf.toISOString();
  const has = sql`EXISTS (SELECT 1 FROM ${customerTags} WHERE ${customerTags.customerId} = ${c.id} AND ${customerTags.tagKey} = ${key})`;
  const scoreSql = score ?? sql`NULL`;
  const added = await db.rows<{ n: number }>(sql`WITH added AS (
      INSERT INTO ${customerTags} (customer_id, tag_key, source, score, set_at, set_by)
      SELECT ${c.id}, ${key}, ${source}, ${scoreSql}, ${at}::timestamptz, ${by} FROM ${c}
      WHERE ${c.mergedInto} IS NULL AND ${scope} AND ${condition} AND NOT ${has}
      RETURNING customer_id)
    INSERT INTO ${customerTagHistory} (customer_id, tag_key, action, source, previous, at, by)
      SELECT customer_id, ${key}, 'set', ${source}, NULL, ${at}::timestamptz, ${by} FROM added
    RETURNING 1 AS n`);
  const gone = await db.rows<{ n: number }>(sql`WITH gone AS (
      DELETE FROM ${customerTags} t USING ${c}
      WHERE t.customer_id = ${c.id} AND t.tag_key = ${key} AND t.source = ${source}
        AND ${scope} AND NOT (${c.mergedInto} IS NULL AND ${condition})
      RETURNING t.customer_id, t.source, t.score, t.set_at, t.set_by)
    INSERT INTO ${customerTagHistory} (customer_id, tag_key, action, source, previous, at, by)
      SELECT customer_id, ${key}, 'removed', ${source},
        jsonb_build_object('source', source, 'score', score, 'set_at', set_at, 'set_by', set_by), ${at}::timestamptz, ${by}
      FROM gone
    RETURNING 1 AS n`);
  return { set: added.length, removed: gone.length };
};

/** Recomputes rule- and model-based tags from the catalogue. */
export const refreshTags = async (db: Queryable, asOf: Date): Promise<{ set: number; removed: number }> => {
  const defs = await db.orm.select().from(tagDefinitions).orderBy(asc(tagDefinitions.key));
  const total = { set: 0, removed: 0 };
  for (const d of defs) {
    let r: { set: number; removed: number } | null = null;
    if (d.kind === 'rule' && d.rule !== null) {
      const rule = parseRule(d.rule, `tag ${d.key} rule`);
      r = await syncTag(db, d.key, 'rule', compileRule(rule, asOf), asOf, 'cdp.refresh');
    } else if (d.kind === 'model' && d.score === 'value_score' && d.threshold !== null) {
      r = await syncTag(
        db,
        d.key,
        'model',
        sql`${c.valueScore} >= ${d.threshold}::numeric`,
        asOf,
        'cdp.refresh',
        sql`${c.valueScore}`,
      );
    }
    if (r !== null) {
      total.set += r.set;
      total.removed += r.removed;
    }
  }
  return total;
};

/**
 * Tags "on events": the rule-based tags whose rule counts events, recomputed for the given customers (the
 * `tags.on-events` job passes those whose events arrived in the last minutes); the hourly refresh covers the rest.
 */
export const refreshEventTags = async (
  db: Queryable,
  customerIds: readonly number[],
  asOf: Date,
): Promise<{ set: number; removed: number }> => {
  const total = { set: 0, removed: 0 };
  if (customerIds.length === 0) return total;
  const defs = await db.orm.select().from(tagDefinitions).where(eq(tagDefinitions.kind, 'rule'));
  const scope = sql`${c.id} IN (SELECT jsonb_array_elements_text(${JSON.stringify(customerIds)}::jsonb)::bigint)`;
  for (const d of defs) {
    if (d.rule === null) continue;
    const rule = parseRule(d.rule, `tag ${d.key} rule`);
    if (eventDaysOf(rule) === 0) continue;
    const r = await syncTag(db, d.key, 'rule', compileRule(rule, asOf), asOf, 'events', null, scope);
    total.set += r.set;
    total.removed += r.removed;
  }
  return total;
};

/** Customers with events received in the `minutes` before `now` (ingestion's receipts). */
export const recentEventCustomers = async (db: Queryable, now: Date, minutes: number): Promise<number[]> =>
  (
    await db.rows<{ id: number }>(sql`
      SELECT DISTINCT customer_id AS id FROM ${eventReceipts}
       WHERE customer_id IS NOT NULL
         AND received_at > ${now.toISOString()}::timestamptz - make_interval(mins => ${minutes})
         AND received_at <= ${now.toISOString()}::timestamptz`)
  ).map((r) => Number(r.id));

/** The built-in tag catalogue (inserted when missing; an operator's own definitions are kept). */
export const DEFAULT_TAGS = [
  {
    key: 'high_value_elderly',
    name: '高净值老年客户',
    kind: 'rule' as const,
    rule: {
      all: [
        { attr: 'age', op: 'gte', value: 60 },
        { attr: 'aum', op: 'gte', value: 500_000 },
      ],
    },
    description: '60岁以上且 AUM ≥ 50万',
  },
  {
    key: 'active_app_user',
    name: 'App 活跃',
    kind: 'rule' as const,
    rule: { event: 'login', min_count: 4, days: 30 },
    description: '近30天登录 ≥ 4 次',
  },
  {
    key: 'equity_holder',
    name: '持有权益类',
    kind: 'rule' as const,
    rule: { any: [{ holds: { product_type: 'equity' } }, { holds: { product_type: 'index' } }] },
    description: '持有股票型或指数基金',
  },
  {
    key: 'high_contribution',
    name: '高价值贡献',
    kind: 'model' as const,
    score: 'value_score',
    threshold: '70',
    description: '价值贡献分 ≥ 70',
  },
  { key: 'vip_care', name: '重点关怀', kind: 'manual' as const, description: '客户经理手工标注' },
];

export const ensureDefaultTags = async (db: Queryable, now: Date): Promise<void> => {
  for (const t of DEFAULT_TAGS)
    await db.orm
      .insert(tagDefinitions)
      .values({ ...t, createdAt: now })
      .onConflictDoNothing();
};

/**
 * Recomputes 三分体系 and lifecycle for every live customer (a keyset page at a time), keeps the built-in groups
 * and tag catalogue in step, and recomputes rule- and model-based tags. `caiban cdp refresh` and the demo seeding
 * call it.
 */
/** The policy operations stored (cdp_policies 'current': tiers, grades, weights over the defaults), else the default. */
export const storedCdpPolicy = async (db: Queryable): Promise<CdpPolicy> => {
  const [r] = await db.orm.select().from(cdpPolicies).where(eq(cdpPolicies.key, 'current'));
  if (r === undefined) return DEFAULT_CDP_POLICY;
  return { ...DEFAULT_CDP_POLICY, ...parseCdpPolicyEdit(r.policy) };
};

export const refreshCdp = async (
  db: Queryable,
  opts: { asOf: Date; policy?: CdpPolicy; pageSize?: number },
): Promise<RefreshResult> => {
  const started = performance.now();
  const policy = opts.policy ?? (await storedCdpPolicy(db));
  const pageSize = opts.pageSize ?? 5000;
  let after = 0;
  let n = 0;
  for (;;) {
    const page = await factsPage(db, after, pageSize, opts.asOf, policy.lifecycle.flowDays);
    if (page.length === 0) break;
    await writeClassified(
      db,
      page.map((f) => classify(f, opts.asOf, policy)),
      opts.asOf,
    );
    n += page.length;
    after = page[page.length - 1]!.id;
    if (page.length < pageSize) break;
  }
  const groups = await ensureGroups(db, policy, opts.asOf);
  await ensureDefaultTags(db, opts.asOf);
  const tags = await refreshTags(db, opts.asOf);
  const tally = async (col: typeof c.tier | typeof c.grade | typeof c.lifecycle) => {
    const rows = await db.orm
      .select({ k: col, n: count() })
      .from(c)
      .where(isNull(c.mergedInto))
      .groupBy(col)
      .orderBy(col);
    return Object.fromEntries(rows.map((r) => [r.k, r.n]));
  };
  return {
    customers: n,
    tiers: await tally(c.tier),
    grades: await tally(c.grade),
    lifecycles: await tally(c.lifecycle),
    groups,
    tags,
    ms: Math.round(performance.now() - started),
  };
};
