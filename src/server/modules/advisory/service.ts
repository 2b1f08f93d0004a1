import { buildBankContext, DEMO_DEFAULTS, generateBundle, validateDemoOptions } from '../../../demo/bank.js';
import { AppError } from '../../../core/errors.js';
import { yuanOfFen } from '../../../core/money.js';
import { ageOn } from '../../../core/suitability/dates.js';
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

const flag = (b: boolean): number => (b ? 1 : 0);

const toExportRow = (r: SubscriptionFactRow): SubscriptionExportCell[] => {
  const listYuan = yuanOfFen(r.listPriceFen);
  const discount = Number(r.discountRate);
  return [
    String(r.subscriptionId),
    String(r.customerId),
    r.productCode,
    r.startDate,
    r.endDate,
    ageOn(r.birthDate, r.startDate),
    r.gender,
    r.cityTier,
    flag(r.county),
    r.riskLevel,
    r.segment,
    yuanOfFen(r.aumFen),
    Number(r.engagement),
    Number(r.priceSensitivity),
    listYuan,
    discount,
    Math.round(listYuan * (1 - discount) * 100) / 100,
    flag(r.couponUsed),
    r.livestreamViews,
    r.maxLivestreamAudience,
    flag(r.livestream2000),
    Number(r.sessionsPerMonth),
    Number(r.portfolioReturn),
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
        subscriptionId: s.id,
        customerId: c.id,
        productCode: s.productCode,
        startDate: s.startDate,
        endDate: s.endDate,
        birthDate: c.birthDate,
        gender: c.gender,
        cityTier: c.cityTier,
        county: c.county,
        riskLevel: c.riskLevel,
        segment: c.segment,
        aumFen: c.aumFen,
        listPriceFen: s.priceFen,
        discountRate: String(s.discountRate),
        couponUsed: s.couponUsed,
        livestreamViews: s.livestreamViews,
        maxLivestreamAudience: s.maxLivestreamAudience,
        livestream2000: s.livestream2000,
        sessionsPerMonth: String(s.sessionsPerMonth),
        engagement: String(s.engagement),
        priceSensitivity: String(s.priceSensitivity),
        portfolioReturn: String(s.portfolioReturn),
        status: s.status,
        renewed: s.renewed,
      });
  }
  return asExport(facts);
};
