import { buildBankContext, DEMO_DEFAULTS, generateBundle, validateDemoOptions } from '../../../demo/bank.js';
import { AppError } from '../../../core/errors.js';
import type { Database } from '../../db/index.js';
import { isMigrated } from '../../db/index.js';
import type { SubscriptionFactRow } from './repo.js';
import { listSubscriptionFacts } from './repo.js';

/**
 * The analyst's subscription table (one row per paid-advisory subscription year): customer traits, exposure and
 * the renewal outcome — the columns a driver analysis of renewal needs (docs/demo-data.md, docs/causal.md).
 * 0/1 flags instead of true/false so that every tool reads them as numbers; `renewed` is empty while a year
 * is still running.
 */
export const SUBSCRIPTION_EXPORT_COLUMNS = [
  'subscription_id',
  'customer_id',
  'product_code',
  'start_date',
  'end_date',
  'age',
  'gender',
  'city_tier',
  'county',
  'risk_level',
  'segment',
  'aum_yuan',
  'engagement',
  'price_sensitivity',
  'list_price_yuan',
  'discount_rate',
  'price_paid_yuan',
  'coupon_used',
  'livestream_views',
  'max_livestream_audience',
  'livestream_2000',
  'sessions_per_month',
  'portfolio_return',
  'status',
  'renewed',
] as const;

export type SubscriptionExportCell = string | number;
export type SubscriptionExport = { columns: string[]; rows: SubscriptionExportCell[][] };

/** Completed years between two ISO dates (age at `on` of someone born on `birth`). */
export const ageOn = (birth: string, on: string): number => {
  const years = Number(on.slice(0, 4)) - Number(birth.slice(0, 4));
  return on.slice(5) < birth.slice(5) ? years - 1 : years;
};

const flag = (b: boolean): number => (b ? 1 : 0);
/** Fen → yuan with exactly two decimals, through integer arithmetic (no binary rounding of money). */
const yuan = (fen: string): number => Number(BigInt(fen) / 100n) + Number(BigInt(fen) % 100n) / 100;

const toExportRow = (r: SubscriptionFactRow): SubscriptionExportCell[] => {
  const listYuan = yuan(r.list_price_fen);
  const discount = Number(r.discount_rate);
  return [
    r.subscription_id,
    r.customer_id,
    r.product_code,
    r.start_date,
    r.end_date,
    ageOn(r.birth_date, r.start_date),
    r.gender,
    r.city_tier,
    flag(r.county),
    r.risk_level,
    r.segment,
    yuan(r.aum_fen),
    Number(r.engagement),
    Number(r.price_sensitivity),
    listYuan,
    discount,
    Math.round(listYuan * (1 - discount) * 100) / 100,
    flag(r.coupon_used),
    r.livestream_views,
    r.max_livestream_audience,
    flag(r.livestream_2000),
    Number(r.sessions_per_month),
    Number(r.portfolio_return),
    r.status,
    r.renewed === null ? '' : flag(r.renewed),
  ];
};

const asExport = (facts: readonly SubscriptionFactRow[]): SubscriptionExport => ({
  columns: [...SUBSCRIPTION_EXPORT_COLUMNS],
  rows: facts.map(toExportRow),
});

/**
 * The subscription table read from the seeded database (what a bank's analyst would export). An empty or
 * unmigrated database is an error that says how to fill it, not an empty file.
 */
export const exportSubscriptions = async (db: Database): Promise<SubscriptionExport> => {
  const fill = 'seed the demo bank first (`caiban demo seed`, or `caiban start` on first run)';
  if (!(await isMigrated(db))) throw new AppError('NOT_FOUND', `the database has no Caiban tables: ${fill}`);
  const facts = await listSubscriptionFacts(db);
  if (facts.length === 0)
    throw new AppError('NOT_FOUND', `the database holds no paid-advisory subscriptions: ${fill}`);
  return asExport(facts);
};

/**
 * The same table computed straight from the deterministic generator, without a database: identical to
 * `exportSubscriptions` on a bank seeded with the same options (a test checks this), and much faster.
 */
export const exportGeneratedSubscriptions = (
  opts: { customers?: number; seed?: number; asOf?: string } = {},
): SubscriptionExport => {
  const customers = opts.customers ?? DEMO_DEFAULTS.customers;
  const seed = opts.seed ?? DEMO_DEFAULTS.seed;
  const asOf = opts.asOf ?? DEMO_DEFAULTS.asOf;
  validateDemoOptions({ customers, seed, asOf });
  const ctx = buildBankContext(seed, asOf);
  const facts: SubscriptionFactRow[] = [];
  for (let i = 0; i < customers; i++) {
    const { customer: c, subscriptions } = generateBundle(ctx, i);
    for (const s of subscriptions)
      facts.push({
        subscription_id: String(s.id),
        customer_id: String(c.id),
        product_code: s.productCode,
        start_date: s.startDate,
        end_date: s.endDate,
        birth_date: c.birthDate,
        gender: c.gender,
        city_tier: c.cityTier,
        county: c.county,
        risk_level: c.riskLevel,
        segment: c.segment,
        aum_fen: String(c.aumFen),
        list_price_fen: String(s.priceFen),
        discount_rate: String(s.discountRate),
        coupon_used: s.couponUsed,
        livestream_views: s.livestreamViews,
        max_livestream_audience: s.maxLivestreamAudience,
        livestream_2000: s.livestream2000,
        sessions_per_month: String(s.sessionsPerMonth),
        engagement: String(s.engagement),
        price_sensitivity: String(s.priceSensitivity),
        portfolio_return: String(s.portfolioReturn),
        status: s.status,
        renewed: s.renewed,
      });
  }
  return asExport(facts);
};
