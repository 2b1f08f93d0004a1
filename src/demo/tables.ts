import type { BankContext, CustomerBundle } from './bank.js';
import { CopyBuffer, fix2, fix4 } from './copy-text.js';

/** COPY buffers of the customer-owned tables (column order = the order of the values pushed below). */
export const customerBuffers = () => ({
  customers: new CopyBuffer('customers', [
    'id',
    'name',
    'gender',
    'birth_date',
    'id_number',
    'phone',
    'province',
    'city',
    'city_tier',
    'county',
    'occupation',
    'education',
    'annual_income_fen',
    'aum_fen',
    'segment',
    'rm_id',
    'org_unit_id',
    'risk_level',
    'risk_assessed_at',
    'lowest_category',
    'professional',
    'payroll',
    'elderly',
    'car_owner',
    'onboarded_at',
    'status',
  ]),
  identities: new CopyBuffer('customer_identities', [
    'customer_id',
    'channel',
    'value',
    'verified',
    'linked_at',
  ]),
  consents: new CopyBuffer('consents', ['customer_id', 'purpose', 'channel', 'granted', 'at', 'text_shown']),
  holdings: new CopyBuffer('holdings', ['customer_id', 'product_code', 'units', 'cost_fen', 'opened_at']),
  transactions: new CopyBuffer('transactions', [
    'customer_id',
    'id',
    'product_code',
    'type',
    'trade_date',
    'amount_fen',
    'units',
    'nav',
    'fee_fen',
    'channel',
  ]),
  events: new CopyBuffer('events', ['customer_id', 'id', 'at', 'type', 'channel', 'payload']),
  appUsage: new CopyBuffer('app_usage_monthly', ['customer_id', 'month', 'app_opens', 'fee_page_views']),
  subscriptions: new CopyBuffer('advisory_subscriptions', [
    'customer_id',
    'id',
    'product_code',
    'start_date',
    'end_date',
    'price_fen',
    'discount_rate',
    'coupon_used',
    'livestream_views',
    'max_livestream_audience',
    'livestream_2000',
    'sessions_per_month',
    'engagement',
    'price_sensitivity',
    'portfolio_return',
    'status',
    'renewed',
  ]),
});

export type CustomerBuffers = ReturnType<typeof customerBuffers>;

export const pushBundle = (b: CustomerBundle, t: CustomerBuffers): void => {
  const c = b.customer;
  t.customers.push([
    c.id,
    c.name,
    c.gender,
    c.birthDate,
    c.idNumber,
    c.phone,
    c.province,
    c.city,
    c.cityTier,
    c.county,
    c.occupation,
    c.education,
    c.annualIncomeFen,
    c.aumFen,
    c.segment,
    c.rmId,
    c.orgUnitId,
    c.riskLevel,
    c.riskAssessedAt,
    c.lowestCategory,
    c.professional,
    c.payroll,
    c.elderly,
    c.carOwner,
    c.onboardedAt,
    c.status,
  ]);
  for (const i of b.identities) t.identities.push([i.customerId, i.channel, i.value, i.verified, i.linkedAt]);
  for (const x of b.consents)
    t.consents.push([x.customerId, x.purpose, x.channel, x.granted, x.at, x.textShown]);
  for (const h of b.holdings)
    t.holdings.push([h.customerId, h.productCode, fix2(h.units), h.costFen, h.openedAt]);
  for (const x of b.transactions) {
    t.transactions.push([
      x.customerId,
      x.id,
      x.productCode,
      x.type,
      x.tradeDate,
      x.amountFen,
      fix2(x.units),
      fix4(x.nav),
      x.feeFen,
      x.channel,
    ]);
  }
  for (const e of b.events) t.events.push([e.customerId, e.id, e.at, e.type, e.channel, e.payload]);
  for (const u of b.appUsage) t.appUsage.push([u.customerId, u.month, u.appOpens, u.feePageViews]);
  for (const s of b.subscriptions) {
    t.subscriptions.push([
      s.customerId,
      s.id,
      s.productCode,
      s.startDate,
      s.endDate,
      s.priceFen,
      fix4(s.discountRate),
      s.couponUsed,
      s.livestreamViews,
      s.maxLivestreamAudience,
      s.livestream2000,
      fix2(s.sessionsPerMonth),
      fix4(s.engagement),
      fix4(s.priceSensitivity),
      fix4(s.portfolioReturn),
      s.status,
      s.renewed,
    ]);
  }
};

/** COPY buffers of the reference tables (org, staff, shelf, NAV, indices). */
export const referenceBuffers = (ctx: BankContext, passwordHash: string, createdAt: string): CopyBuffer[] => {
  const org = new CopyBuffer('org_units', ['id', 'parent_id', 'level', 'name', 'city']);
  for (const u of ctx.org.units) org.push([u.id, u.parentId, u.level, u.name, u.city]);
  const staff = new CopyBuffer('staff', [
    'id',
    'username',
    'password_hash',
    'display_name',
    'role',
    'org_unit_id',
    'active',
    'created_at',
  ]);
  for (const s of ctx.org.staff)
    staff.push([s.id, s.username, passwordHash, s.displayName, s.role, s.orgUnitId, true, createdAt]);
  const products = new CopyBuffer('products', [
    'code',
    'name',
    'type',
    'risk_level',
    'issuer',
    'manager',
    'benchmark',
    'benchmark_index',
    'currency',
    'inception_date',
    'term_days',
    'maturity_date',
    'min_purchase_fen',
    'purchase_fee_rate',
    'redemption_fee_rate',
    'management_fee_rate',
    'custody_fee_rate',
    'sales_service_fee_rate',
    'annual_price_fen',
    'dividend_policy',
    'status',
    'description',
  ]);
  for (const p of ctx.products) {
    products.push([
      p.code,
      p.name,
      p.type,
      p.riskLevel,
      p.issuer,
      p.manager,
      p.benchmark,
      p.benchmarkIndex,
      'CNY',
      p.inceptionDate,
      p.termDays,
      p.maturityDate,
      p.minPurchaseFen,
      p.purchaseFeeRate,
      p.redemptionFeeRate,
      p.managementFeeRate,
      p.custodyFeeRate,
      p.salesServiceFeeRate,
      p.annualPriceFen,
      p.dividendPolicy,
      p.status,
      p.description,
    ]);
  }
  const nav = new CopyBuffer('nav', [
    'product_code',
    'date',
    'unit',
    'accumulated',
    'adjusted',
    'dividend',
    'income_10k',
    'yield_7d',
  ]);
  for (const s of ctx.nav.values()) {
    for (let k = 0; k < s.dates.length; k++) {
      nav.push([
        s.code,
        s.dates[k]!,
        fix4(s.unit[k]!),
        fix4(s.accumulated[k]!),
        fix4(s.adjusted[k]!),
        fix4(s.dividend[k]!),
        s.income10k === null ? null : fix4(s.income10k[k]!),
        s.yield7d === null ? null : fix4(s.yield7d[k]!),
      ]);
    }
  }
  const indices = new CopyBuffer('indices', ['code', 'name', 'kind']);
  const series = new CopyBuffer('index_series', ['index_code', 'date', 'close']);
  for (const { index, series: s } of ctx.indices) {
    indices.push([index.code, index.name, index.kind]);
    for (let k = 0; k < s.dates.length; k++) series.push([index.code, s.dates[k]!, fix4(s.close[k]!)]);
  }
  return [org, staff, products, nav, indices, series];
};
