import { yuanOfFen } from './money.js';
import { ageOn } from './suitability/dates.js';

/** One paid-advisory subscription year with the traits of its customer (numerics as decimal strings). */
export type SubscriptionFact = {
  subscriptionId: number;
  customerId: number;
  productCode: string;
  startDate: string;
  endDate: string;
  birthDate: string;
  gender: string;
  cityTier: number;
  county: boolean;
  riskLevel: string;
  segment: string;
  aumFen: number;
  listPriceFen: number;
  discountRate: string;
  couponUsed: boolean;
  livestreamViews: number;
  maxLivestreamAudience: number;
  livestream2000: boolean;
  sessionsPerMonth: string;
  engagement: string;
  priceSensitivity: string;
  portfolioReturn: string;
  status: string;
  renewed: boolean | null;
};

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

const toExportRow = (r: SubscriptionFact): SubscriptionExportCell[] => {
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

/** The export table of subscription facts, in their order. */
export const subscriptionTable = (facts: readonly SubscriptionFact[]): SubscriptionExport => ({
  columns: [...SUBSCRIPTION_EXPORT_COLUMNS],
  rows: facts.map(toExportRow),
});
