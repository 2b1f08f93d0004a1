import { sql } from 'drizzle-orm';
import type { SQL } from 'drizzle-orm';
import { AppError, badInput } from '../../../core/errors.js';
import type { DecisionRow, InsightDataset } from '../../../core/insight/dataset.js';
import { datasetCollector } from '../../../core/insight/dataset.js';
import type { Outcome } from '../../../core/insight/factors.js';
import type { Queryable } from '../../db/index.js';

/**
 * Point-in-time dataset builder: one row per decision with every factor as of the decision date D, streamed in
 * batches of customer ids (keyset on customers.id) so that a million-customer bank is read as SQL aggregates per
 * batch, never as whole tables. Every aggregate is filtered to rows dated on or before D (events before the end
 * of day D in China, UTC+8; transactions traded on or before D); joins are on customer_id only (Citus).
 */
export type DatasetOptions = {
  outcome: Outcome;
  asOf: string;
  /**
   * decided: rows whose outcome is known by asOf (training); scoring: running subscriptions as of asOf; survey:
   * one row per survey response dated on or before asOf, D = the response date, joined with the customer's
   * latest subscription year started by D (no outcome).
   */
  population?: 'decided' | 'scoring' | 'survey';
  batchSize?: number;
  /** Restrict to these customers (leakage test, per-customer recompute). */
  customerIds?: readonly number[];
  /** Also read the latent demo columns (engagement, price_sensitivity) for the oracle comparison. */
  oracle?: boolean;
};

type Raw = Record<string, unknown>;

const num = (v: unknown): number => (v === null || v === undefined ? Number.NaN : Number(v));

/** Decisions of the renewal family: a subscription year ending at D (decided) or running at asOf (scoring). */
const decisionsSql = (o: DatasetOptions, lo: number, hi: number): SQL => {
  const scoring = o.population === 'scoring';
  const who =
    o.customerIds && o.customerIds.length > 0
      ? sql`AND s.customer_id IN (${sql.join(
          o.customerIds.map((id) => sql`${id}`),
          sql`, `,
        )})`
      : sql``;
  if (o.population === 'survey') return surveyDecisionsSql(o, lo, hi, who);
  const which = scoring
    ? sql`s.start_date <= ${o.asOf}::date AND s.end_date > ${o.asOf}::date`
    : sql`s.renewed IS NOT NULL AND s.end_date <= ${o.asOf}::date`;
  const d = scoring ? sql`${o.asOf}::date` : sql`s.end_date`;
  return sql`
    SELECT s.customer_id, s.id AS decision_id, ${d} AS d,
      ((${d} + 1)::timestamp - interval '8 hours') AT TIME ZONE 'UTC' AS cut,
      s.price_fen, s.discount_rate, s.coupon_used, s.livestream_views, s.max_livestream_audience,
      s.sessions_per_month, s.portfolio_return, s.renewed, s.engagement, s.price_sensitivity
    FROM advisory_subscriptions s
    WHERE s.customer_id > ${lo} AND s.customer_id <= ${hi} AND ${which} ${who}`;
};

/**
 * Survey responses as decisions (X-data fusion): D = the response date. The subscription-year columns (coupon,
 * live stream, sessions, return) describe the year the response falls in (the table has no finer dating);
 * events and transactions are cut at D like every decision.
 */
const surveyDecisionsSql = (o: DatasetOptions, lo: number, hi: number, who: SQL): SQL => sql`
  SELECT r.customer_id, r.id AS decision_id, r.response_date AS d,
    ((r.response_date + 1)::timestamp - interval '8 hours') AT TIME ZONE 'UTC' AS cut,
    s.price_fen, s.discount_rate, s.coupon_used, s.livestream_views, s.max_livestream_audience,
    s.sessions_per_month, s.portfolio_return, NULL::boolean AS renewed, s.engagement, s.price_sensitivity
  FROM survey_responses r
  JOIN LATERAL (
    SELECT * FROM advisory_subscriptions s
    WHERE s.customer_id = r.customer_id AND s.start_date <= r.response_date ${who}
    ORDER BY s.start_date DESC LIMIT 1
  ) s ON true
  WHERE r.customer_id > ${lo} AND r.customer_id <= ${hi} AND r.response_date <= ${o.asOf}::date`;

const renewalSql = (o: DatasetOptions, lo: number, hi: number): SQL => sql`
  WITH dec AS (${decisionsSql(o, lo, hi)})
  SELECT dec.customer_id, dec.decision_id, dec.d::text AS d, dec.price_fen, dec.discount_rate, dec.coupon_used,
    dec.livestream_views, dec.max_livestream_audience, dec.sessions_per_month, dec.portfolio_return, dec.renewed,
    dec.engagement AS oracle_engagement, dec.price_sensitivity AS oracle_price_sensitivity,
    (dec.d - c.birth_date) / 365.25 AS age, c.gender, c.city_tier, c.county, c.risk_level,
    (dec.d - c.onboarded_at) / 365.25 AS tenure_years, c.rm_id IS NOT NULL AS has_rm,
    ev.logins, ev.page_views, ev.searches, tx.trades_365d, tx.net_invested_fen,
    au.app_opens, au.fee_page_views
  FROM dec
  JOIN customers c ON c.id = dec.customer_id
  LEFT JOIN LATERAL (
    SELECT count(*) FILTER (WHERE e.type = 'login') AS logins,
      count(*) FILTER (WHERE e.type = 'page_view') AS page_views,
      count(*) FILTER (WHERE e.type = 'search') AS searches
    FROM events e
    WHERE e.customer_id = dec.customer_id AND e.at < dec.cut AND e.at >= dec.cut - interval '180 days'
  ) ev ON true
  LEFT JOIN LATERAL (
    SELECT count(*) FILTER (WHERE t.trade_date > dec.d - 365) AS trades_365d,
      coalesce(sum(CASE WHEN t.type = 'purchase' THEN t.amount_fen
        WHEN t.type IN ('redemption', 'maturity') THEN -t.amount_fen ELSE 0 END), 0) AS net_invested_fen
    FROM transactions t
    WHERE t.customer_id = dec.customer_id AND t.trade_date <= dec.d
  ) tx ON true
  LEFT JOIN LATERAL (
    -- The monthly rollup: the 12 calendar months that ended on or before D (a month is known once it has ended).
    SELECT coalesce(sum(u.app_opens), 0) AS app_opens, coalesce(sum(u.fee_page_views), 0) AS fee_page_views
    FROM app_usage_monthly u
    WHERE u.customer_id = dec.customer_id AND u.month < date_trunc('month', (dec.d + 1)::timestamp)::date
      AND u.month >= (date_trunc('month', (dec.d + 1)::timestamp) - interval '12 months')::date
  ) au ON true
  ORDER BY dec.customer_id, dec.decision_id`;

/** Factor values of one renewal-family row (see FACTORS for the definitions). */
const renewalValues = (r: Raw): Record<string, number> => {
  const priceYuan = num(r.price_fen) / 100;
  const invested = Math.max(0, num(r.net_invested_fen) / 100);
  return {
    age: num(r.age),
    gender_male: r.gender === 'M' ? 1 : 0,
    city_tier: num(r.city_tier),
    county: r.county ? 1 : 0,
    risk_level: Number(String(r.risk_level).slice(1)),
    tenure_years: num(r.tenure_years),
    invested_log10: Math.log10(1 + invested),
    trades_365d: num(r.trades_365d),
    logins_180d: num(r.logins),
    page_views_180d: num(r.page_views),
    searches_180d: num(r.searches),
    app_opens_12m: num(r.app_opens),
    fee_view_share_12m: num(r.fee_page_views) / Math.max(1, num(r.app_opens)),
    livestream_views: num(r.livestream_views),
    list_price_yuan: priceYuan,
    portfolio_return: num(r.portfolio_return),
    coupon: r.coupon_used ? 1 : 0,
    livestream_audience_2000: num(r.max_livestream_audience) >= 2000 ? 1 : 0,
    sessions_per_month: num(r.sessions_per_month),
    price: priceYuan / 100,
    renewal_discount: num(r.discount_rate),
    rm_contact: r.has_rm ? 1 : 0,
  };
};

const outcomeOf = (o: DatasetOptions, r: Raw): number => {
  if (o.population !== undefined && o.population !== 'decided') return Number.NaN;
  if (r.renewed === null || r.renewed === undefined) return Number.NaN;
  const renewed = r.renewed === true ? 1 : 0;
  return o.outcome === 'unsubscribe' ? 1 - renewed : renewed;
};

/** Rows of one batch of customers (ids in (lo, hi]). */
export const datasetBatch = async (
  db: Queryable,
  o: DatasetOptions,
  lo: number,
  hi: number,
): Promise<DecisionRow[]> => {
  const rows = await db.rows<Raw>(renewalSql(o, lo, hi));
  return rows.map((r) => ({
    customerId: num(r.customer_id),
    decisionId: num(r.decision_id),
    date: String(r.d),
    values: renewalValues(r),
    y: outcomeOf(o, r),
    ...(o.oracle
      ? {
          oracle: {
            engagement: num(r.oracle_engagement),
            price_sensitivity: num(r.oracle_price_sensitivity),
          },
        }
      : {}),
  }));
};

const nextBatchEnd = async (db: Queryable, after: number, size: number): Promise<number | null> => {
  const r = await db.one<{ hi: unknown }>(
    sql`SELECT max(id) AS hi FROM (SELECT id FROM customers WHERE id > ${after} ORDER BY id LIMIT ${size}) b`,
  );
  return r?.hi === null || r?.hi === undefined ? null : Number(r.hi);
};

/** Refuses an outcome or date the builder cannot serve (BAD_INPUT naming the field). */
export const checkDatasetOptions = (o: Pick<DatasetOptions, 'outcome' | 'asOf'>): void => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(o.asOf) || Number.isNaN(Date.parse(o.asOf)))
    throw badInput('as_of', `expected a date YYYY-MM-DD, got "${o.asOf}"`);
  if (o.outcome === 'complaint')
    throw badInput('outcome', 'no complaint records exist in this database yet; use renewal or unsubscribe');
  if (o.outcome === 'first_subscription')
    throw badInput('outcome', 'first_subscription studies are not built yet; use renewal or unsubscribe');
};

/**
 * Builds the decision dataset for an outcome as of `asOf`, batch by batch; `onBatch` reports progress
 * (customers read so far). Throws INSUFFICIENT_EVIDENCE when the population is empty.
 */
export const buildDataset = async (
  db: Queryable,
  o: DatasetOptions,
  onBatch?: (customersRead: number) => void,
): Promise<InsightDataset> => {
  checkDatasetOptions(o);
  const size = o.batchSize ?? 2000;
  const out = datasetCollector();
  let last = 0;
  let read = 0;
  for (;;) {
    const hi = await nextBatchEnd(db, last, size);
    if (hi === null) break;
    for (const r of await datasetBatch(db, o, last, hi)) out.add(r);
    read += size;
    onBatch?.(read);
    last = hi;
  }
  const d = out.finish();
  if (d.n === 0)
    throw new AppError('INSUFFICIENT_EVIDENCE', `no ${o.outcome} decisions on or before ${o.asOf}`, {
      field: 'as_of',
    });
  return d;
};
