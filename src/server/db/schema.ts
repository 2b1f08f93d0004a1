import { sql } from 'drizzle-orm';
import type { Channel, InvestorLevel, ProductRiskLevel } from '../../core/suitability/types.js';
import {
  bigint,
  boolean,
  date,
  foreignKey,
  index,
  integer,
  jsonb,
  numeric,
  pgSequence,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import type { EventType } from '../../core/event-types.js';
import type { FlowSetDocument } from '../../core/dialogue/flow-set.js';
import type { ProductType } from '../../core/product-types.js';
import type { Grade, Lifecycle, Tier } from '../../core/segment/attributes.js';

/*
 * The Caiban data model (docs/data-model.md). Conventions:
 * - snake_case names; money in integer fen (bigint, "_fen"), NAV numeric(12,4), units numeric(18,2);
 *   rates numeric; never float columns for money.
 * - Every customer-owned table carries customer_id and has it first in its primary key: it is the Citus
 *   distribution column. Reference tables (org, staff, products, NAV, indices) are small and replicated.
 * - No foreign key between customer-owned tables and no cross-customer key, so that bulk COPY stays fast and
 *   the tables can be distributed; consistency of those tables is proved by tests of the writers.
 */

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const fen = (name: string) => bigint(name, { mode: 'number' });

// ---------------------------------------------------------------- reference tables (Citus: reference)

/** Organisation tree: one HQ → branches → outlets (网点). */
export const orgUnits = pgTable(
  'org_units',
  {
    id: text('id').primaryKey(),
    parentId: text('parent_id'),
    level: text('level').$type<'hq' | 'branch' | 'outlet'>().notNull(),
    name: text('name').notNull(),
    city: text('city'),
  },
  (t) => [
    foreignKey({ columns: [t.parentId], foreignColumns: [t.id] }),
    index('org_units_parent_idx').on(t.parentId),
  ],
);

export type StaffRole = 'admin' | 'ops' | 'branch_manager' | 'rm' | 'auditor';

export const staff = pgTable(
  'staff',
  {
    id: integer('id').primaryKey(),
    username: text('username').notNull().unique(),
    passwordHash: text('password_hash').notNull(),
    displayName: text('display_name').notNull(),
    role: text('role').$type<StaffRole>().notNull(),
    orgUnitId: text('org_unit_id')
      .notNull()
      .references(() => orgUnits.id),
    active: boolean('active').notNull().default(true),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [index('staff_org_idx').on(t.orgUnitId)],
);

export type { ProductType };

export const products = pgTable('products', {
  code: text('code').primaryKey(),
  name: text('name').notNull(),
  type: text('type').$type<ProductType>().notNull(),
  riskLevel: text('risk_level').$type<ProductRiskLevel>().notNull(),
  issuer: text('issuer').notNull(),
  manager: text('manager').notNull(),
  benchmark: text('benchmark').notNull(),
  benchmarkIndex: text('benchmark_index'),
  currency: text('currency').notNull().default('CNY'),
  inceptionDate: date('inception_date', { mode: 'string' }).notNull(),
  /** Closed-end term in days (bank WM, insurance, advisory service period); null when open-ended. */
  termDays: integer('term_days'),
  maturityDate: date('maturity_date', { mode: 'string' }),
  minPurchaseFen: fen('min_purchase_fen').notNull(),
  purchaseFeeRate: numeric('purchase_fee_rate', { precision: 6, scale: 4 }).notNull(),
  redemptionFeeRate: numeric('redemption_fee_rate', { precision: 6, scale: 4 }).notNull(),
  managementFeeRate: numeric('management_fee_rate', { precision: 6, scale: 4 }).notNull(),
  custodyFeeRate: numeric('custody_fee_rate', { precision: 6, scale: 4 }).notNull(),
  salesServiceFeeRate: numeric('sales_service_fee_rate', { precision: 6, scale: 4 }).notNull(),
  /** Annual price of a paid advisory service, in fen; null for other products. */
  annualPriceFen: fen('annual_price_fen'),
  dividendPolicy: text('dividend_policy').$type<'cash' | 'reinvest' | 'none'>().notNull(),
  status: text('status').$type<'open' | 'closed' | 'matured'>().notNull(),
  description: text('description').notNull(),
});

/**
 * Daily NAV. unit = published unit NAV; accumulated = unit + cumulative dividends per unit; adjusted = NAV with
 * dividends reinvested (the series returns must be computed from). Money-market funds keep unit = 1 and
 * publish per-10k income (万份收益, yuan) and the 7-day annualised yield (7日年化, percent).
 */
export const nav = pgTable(
  'nav',
  {
    productCode: text('product_code')
      .notNull()
      .references(() => products.code),
    date: date('date', { mode: 'string' }).notNull(),
    unit: numeric('unit', { precision: 12, scale: 4 }).notNull(),
    accumulated: numeric('accumulated', { precision: 12, scale: 4 }).notNull(),
    adjusted: numeric('adjusted', { precision: 12, scale: 4 }).notNull(),
    dividend: numeric('dividend', { precision: 12, scale: 4 }).notNull().default('0'),
    income10k: numeric('income_10k', { precision: 12, scale: 4 }),
    yield7d: numeric('yield_7d', { precision: 8, scale: 4 }),
  },
  (t) => [primaryKey({ columns: [t.productCode, t.date] })],
);

/**
 * The latest unit NAV of each product (a reference table derived from `nav`): rewritten wherever NAVs are
 * written (the demo seeder, loaders) by `refreshLatestNav` (server/db/nav-latest.ts). Segment rules value
 * holdings with it.
 */
export const navLatest = pgTable('nav_latest', {
  productCode: text('product_code').primaryKey(),
  date: date('date', { mode: 'string' }).notNull(),
  unit: numeric('unit', { precision: 12, scale: 4 }).notNull(),
});

export const indices = pgTable('indices', {
  code: text('code').primaryKey(),
  name: text('name').notNull(),
  kind: text('kind').$type<'equity' | 'bond' | 'money' | 'overseas'>().notNull(),
});

export const indexSeries = pgTable(
  'index_series',
  {
    indexCode: text('index_code')
      .notNull()
      .references(() => indices.code),
    date: date('date', { mode: 'string' }).notNull(),
    close: numeric('close', { precision: 14, scale: 4 }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.indexCode, t.date] })],
);

// ---------------------------------------------------------------- customer-owned (Citus: distributed by customer_id)

export const customers = pgTable(
  'customers',
  {
    id: bigint('id', { mode: 'number' }).primaryKey(),
    name: text('name').notNull(),
    gender: text('gender').$type<'M' | 'F'>().notNull(),
    birthDate: date('birth_date', { mode: 'string' }).notNull(),
    /** Fictitious resident ID number (invalid check digit on purpose: it can never be a real person's). */
    idNumber: text('id_number').notNull(),
    phone: text('phone').notNull(),
    province: text('province').notNull(),
    city: text('city').notNull(),
    cityTier: smallint('city_tier').notNull(),
    county: boolean('county').notNull(),
    occupation: text('occupation').notNull(),
    education: text('education').notNull(),
    annualIncomeFen: fen('annual_income_fen').notNull(),
    aumFen: fen('aum_fen').notNull(),
    segment: text('segment').$type<'mass' | 'affluent' | 'wealth' | 'private'>().notNull(),
    rmId: integer('rm_id').references(() => staff.id),
    orgUnitId: text('org_unit_id')
      .notNull()
      .references(() => orgUnits.id),
    riskLevel: text('risk_level').$type<InvestorLevel>().notNull(),
    riskAssessedAt: date('risk_assessed_at', { mode: 'string' }).notNull(),
    lowestCategory: boolean('lowest_category').notNull(),
    professional: boolean('professional').notNull(),
    payroll: boolean('payroll').notNull(),
    elderly: boolean('elderly').notNull(),
    carOwner: boolean('car_owner').notNull(),
    onboardedAt: date('onboarded_at', { mode: 'string' }).notNull(),
    status: text('status').$type<'active' | 'dormant' | 'closed'>().notNull(),
    /** 三分体系 (issue 13, computed by the CDP refresh): AUM tier, value grade, lifecycle stage. */
    tier: text('tier').$type<Tier>().notNull().default('mass'),
    grade: text('grade').$type<Grade>().notNull().default('V1'),
    lifecycle: text('lifecycle').$type<Lifecycle>().notNull().default('growth'),
    /** Value-contribution score behind the grade. */
    valueScore: numeric('value_score', { precision: 10, scale: 2 }).notNull().default('0'),
    cdpRefreshedAt: ts('cdp_refreshed_at'),
    /** ONE-ID: the customer this record was merged into (null while it stands on its own). */
    mergedInto: bigint('merged_into', { mode: 'number' }),
  },
  (t) => [
    index('customers_rm_idx').on(t.rmId),
    index('customers_org_idx').on(t.orgUnitId),
    index('customers_name_idx').on(t.name),
    index('customers_tier_idx').on(t.tier),
    index('customers_aum_idx').on(t.aumFen),
    index('customers_birth_idx').on(t.birthDate),
  ],
);

export type IdentityChannel =
  'phone' | 'app' | 'wechat_unionid' | 'wechat_openid' | 'ecif' | 'wecom_external';

/** ONE-ID: every channel identity of a customer. Lookup by (channel, value) uses a non-unique index because
 * Citus allows unique constraints only when they contain the distribution column. */
export const customerIdentities = pgTable(
  'customer_identities',
  {
    customerId: bigint('customer_id', { mode: 'number' }).notNull(),
    channel: text('channel').$type<IdentityChannel>().notNull(),
    value: text('value').notNull(),
    verified: boolean('verified').notNull(),
    linkedAt: ts('linked_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.customerId, t.channel, t.value] }),
    index('customer_identities_lookup_idx').on(t.channel, t.value),
  ],
);

export const consents = pgTable(
  'consents',
  {
    customerId: bigint('customer_id', { mode: 'number' }).notNull(),
    purpose: text('purpose').$type<'marketing' | 'profiling' | 'ai_advice' | 'data_sharing'>().notNull(),
    channel: text('channel').$type<'sms' | 'app_push' | 'wechat' | 'phone_call' | 'email'>().notNull(),
    granted: boolean('granted').notNull(),
    at: ts('at').notNull(),
    textShown: text('text_shown').notNull(),
  },
  (t) => [primaryKey({ columns: [t.customerId, t.purpose, t.channel] })],
);

export const holdings = pgTable(
  'holdings',
  {
    customerId: bigint('customer_id', { mode: 'number' }).notNull(),
    productCode: text('product_code').notNull(),
    units: numeric('units', { precision: 18, scale: 2 }).notNull(),
    /** Total cost paid for the units held, fees included, in fen. */
    costFen: fen('cost_fen').notNull(),
    openedAt: date('opened_at', { mode: 'string' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.customerId, t.productCode] })],
);

export type TransactionType = 'purchase' | 'redemption' | 'dividend' | 'maturity';

export const transactions = pgTable(
  'transactions',
  {
    customerId: bigint('customer_id', { mode: 'number' }).notNull(),
    id: bigint('id', { mode: 'number' }).notNull(),
    productCode: text('product_code').notNull(),
    type: text('type').$type<TransactionType>().notNull(),
    tradeDate: date('trade_date', { mode: 'string' }).notNull(),
    /** Cash amount in fen: paid for a purchase (fee included), received for a redemption/dividend/maturity. */
    amountFen: fen('amount_fen').notNull(),
    units: numeric('units', { precision: 18, scale: 2 }).notNull(),
    nav: numeric('nav', { precision: 12, scale: 4 }).notNull(),
    feeFen: fen('fee_fen').notNull(),
    channel: text('channel').$type<'app' | 'counter' | 'wechat' | 'rm'>().notNull(),
  },
  (t) => [primaryKey({ columns: [t.customerId, t.id] }), index('transactions_product_idx').on(t.productCode)],
);

export type { EventType };

/** Append-only behaviour events (Citus: distributed by customer_id; range-partition by `at` past one server). */
export const events = pgTable(
  'events',
  {
    customerId: bigint('customer_id', { mode: 'number' }).notNull(),
    id: bigint('id', { mode: 'number' }).notNull(),
    at: ts('at').notNull(),
    type: text('type').$type<EventType>().notNull(),
    channel: text('channel').$type<'app' | 'wechat' | 'web' | 'counter'>().notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
  },
  // (type, at, customer_id): "events of a type in a window" is an index-only range scan (segment event rules).
  (t) => [
    primaryKey({ columns: [t.customerId, t.id] }),
    index('events_type_at_customer_idx').on(t.type, t.at, t.customerId),
  ],
);

/**
 * Paid-advisory subscriptions with the variables of the planted causal model (docs/demo-data.md):
 * treatments coupon_used / livestream_2000 / sessions_per_month, confounder engagement, effect modifier
 * price_sensitivity, outcome renewed.
 */
export const advisorySubscriptions = pgTable(
  'advisory_subscriptions',
  {
    customerId: bigint('customer_id', { mode: 'number' }).notNull(),
    id: bigint('id', { mode: 'number' }).notNull(),
    productCode: text('product_code').notNull(),
    startDate: date('start_date', { mode: 'string' }).notNull(),
    endDate: date('end_date', { mode: 'string' }).notNull(),
    priceFen: fen('price_fen').notNull(),
    discountRate: numeric('discount_rate', { precision: 5, scale: 4 }).notNull(),
    couponUsed: boolean('coupon_used').notNull(),
    livestreamViews: smallint('livestream_views').notNull(),
    maxLivestreamAudience: integer('max_livestream_audience').notNull(),
    livestream2000: boolean('livestream_2000').notNull(),
    sessionsPerMonth: numeric('sessions_per_month', { precision: 6, scale: 2 }).notNull(),
    engagement: numeric('engagement', { precision: 6, scale: 4 }).notNull(),
    priceSensitivity: numeric('price_sensitivity', { precision: 6, scale: 4 }).notNull(),
    portfolioReturn: numeric('portfolio_return', { precision: 8, scale: 4 }).notNull(),
    status: text('status').$type<'active' | 'renewed' | 'cancelled'>().notNull(),
    renewed: boolean('renewed'),
  },
  (t) => [primaryKey({ columns: [t.customerId, t.id] })],
);

/**
 * The app's monthly usage rollup (migration 0029): one row per customer and calendar month with any use (app opens,
 * views of fee and discount pages); raw events are kept 180 days, this aggregate longer. `month` = its first day.
 */
export const appUsageMonthly = pgTable(
  'app_usage_monthly',
  {
    customerId: bigint('customer_id', { mode: 'number' }).notNull(),
    month: date('month', { mode: 'string' }).notNull(),
    appOpens: integer('app_opens').notNull(),
    feePageViews: integer('fee_page_views').notNull(),
  },
  (t) => [primaryKey({ columns: [t.customerId, t.month] })],
);

/**
 * Risk assessments (风险测评) as taken: answers, score, level and the questionnaire version (migration 0006).
 * `status`: effective (the level on the customer record), pending (a changed level the customer has not yet
 * confirmed), superseded (a pending one replaced by a later assessment). Every row counts for the NFRA
 * frequency rule, whatever its status.
 */
export const riskAssessments = pgTable(
  'risk_assessments',
  {
    customerId: bigint('customer_id', { mode: 'number' }).notNull(),
    id: bigint('id', { mode: 'number' }).notNull().generatedAlwaysAsIdentity(),
    /** Business date in China (UTC+8): the day the frequency rule and the validity count from. */
    takenOn: date('taken_on', { mode: 'string' }).notNull(),
    takenAt: ts('taken_at').notNull(),
    questionnaireId: text('questionnaire_id').notNull(),
    questionnaireVersion: text('questionnaire_version').notNull(),
    channel: text('channel').$type<Channel>().notNull(),
    answers: jsonb('answers').$type<Record<string, string | string[]>>().notNull(),
    score: integer('score').notNull(),
    maxScore: integer('max_score').notNull(),
    level: text('level').$type<InvestorLevel>().notNull(),
    levelFromScore: text('level_from_score').$type<InvestorLevel>().notNull(),
    lowestCategory: boolean('lowest_category').notNull(),
    cappedBy: jsonb('capped_by').$type<string[]>().notNull(),
    horizonMonths: integer('horizon_months'),
    experience: jsonb('experience').$type<string[]>().notNull(),
    previousLevel: text('previous_level').$type<InvestorLevel>(),
    levelChange: text('level_change').$type<'first' | 'up' | 'down' | 'same'>().notNull(),
    status: text('status').$type<'effective' | 'pending' | 'superseded'>().notNull(),
    /** Last day the assessment is valid (same day `validityMonths[channel]` later, clamped). */
    validUntil: date('valid_until', { mode: 'string' }).notNull(),
    confirmedAt: ts('confirmed_at'),
    policyVersion: text('policy_version').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.customerId, t.id] }),
    index('risk_assessments_customer_taken_idx').on(t.customerId, t.takenOn),
  ],
);

// ---------------------------------------------------------------- platform state

export const sessions = pgTable(
  'sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    userKind: text('user_kind').$type<'staff' | 'customer'>().notNull(),
    userId: text('user_id').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
    expiresAt: ts('expires_at').notNull(),
    lastSeenAt: ts('last_seen_at'),
    ip: text('ip'),
    userAgent: text('user_agent'),
  },
  (t) => [index('sessions_user_idx').on(t.userKind, t.userId), index('sessions_expires_idx').on(t.expiresAt)],
);

export const auditLog = pgTable(
  'audit_log',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    at: ts('at').notNull().defaultNow(),
    actorKind: text('actor_kind').$type<'staff' | 'customer' | 'system'>().notNull(),
    actorId: text('actor_id').notNull(),
    action: text('action').notNull(),
    targetKind: text('target_kind'),
    target: text('target'),
    customerId: bigint('customer_id', { mode: 'number' }),
    requestId: text('request_id'),
    details: jsonb('details')
      .$type<Record<string, unknown>>()
      .notNull()
      .default(sql`'{}'::jsonb`),
  },
  (t) => [
    index('audit_log_at_idx').on(t.at),
    index('audit_log_actor_idx').on(t.actorKind, t.actorId),
    index('audit_log_customer_idx').on(t.customerId),
  ],
);

/** Key-value state of the installation (e.g. which demo bank was seeded). */
export const appMeta = pgTable('app_meta', {
  key: text('key').primaryKey(),
  value: jsonb('value').$type<unknown>().notNull(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

/**
 * WeCom callbacks seen (replay protection, issue 16): one row per (nonce, timestamp) within the accepted
 * window, with the reply sent so that WeCom's own retries of the same callback get the same answer and a
 * replayed callback never runs twice. Rows older than a day are purged.
 */
export const wecomCallbackNonces = pgTable(
  'wecom_callback_nonces',
  {
    nonce: text('nonce').notNull(),
    timestamp: bigint('timestamp', { mode: 'number' }).notNull(),
    signature: text('signature').notNull(),
    receivedAt: ts('received_at').notNull(),
    reply: text('reply'),
  },
  (t) => [
    primaryKey({ columns: [t.nonce, t.timestamp] }),
    index('wecom_callback_nonces_received_idx').on(t.receivedAt),
  ],
);

/**
 * Customer login one-time codes (issue 9), one row per phone: the HMAC of the live code (null once used or
 * burned), its expiry, and the phone's budget for the current hour — codes sent and codes tried, counted
 * here rather than per IP so that spreading attempts over many addresses buys nothing. Rows of phones idle
 * for a day are purged.
 */
export const otpCodes = pgTable(
  'otp_codes',
  {
    phone: text('phone').primaryKey(),
    codeHash: text('code_hash'),
    expiresAt: ts('expires_at').notNull(),
    windowStart: ts('window_start').notNull(),
    sends: integer('sends').notNull(),
    codeAttempts: integer('code_attempts').notNull(),
    windowAttempts: integer('window_attempts').notNull(),
  },
  (t) => [index('otp_codes_window_idx').on(t.windowStart)],
);

/**
 * Customer-set take-profit / stop-loss targets on a holding's return since purchase (issue 11, alerts), as
 * fractions (0.2 = +20 %, −0.1 = −10 %); a null side has no target (the alert engine suggests one from the
 * product's volatility). Customer-owned: customer_id first in the key.
 */
export const alertTargets = pgTable(
  'alert_targets',
  {
    customerId: bigint('customer_id', { mode: 'number' }).notNull(),
    productCode: text('product_code').notNull(),
    takeProfit: numeric('take_profit', { precision: 8, scale: 4 }),
    stopLoss: numeric('stop_loss', { precision: 8, scale: 4 }),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.customerId, t.productCode] })],
);

// ---------------------------------------------------------------- RM assistant (issue 16)

/** A transcript an RM analysed for a customer, with the insight the classical engine returned. */
export const customerInsights = pgTable(
  'customer_insights',
  {
    customerId: bigint('customer_id', { mode: 'number' }).notNull(),
    id: bigint('id', { mode: 'number' }).generatedAlwaysAsIdentity().notNull(),
    messages: jsonb('messages').$type<unknown[]>().notNull(),
    insight: jsonb('insight').$type<Record<string, unknown>>().notNull(),
    createdBy: bigint('created_by', { mode: 'number' }).notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.customerId, t.id] })],
);

/**
 * Per-money investment intents (心理账户) on the customer 360: proposed by the conversation extractor (or entered
 * by the RM), then confirmed or edited by the RM. Amount in fen.
 */
export const customerIntents = pgTable(
  'customer_intents',
  {
    customerId: bigint('customer_id', { mode: 'number' }).notNull(),
    id: bigint('id', { mode: 'number' }).generatedAlwaysAsIdentity().notNull(),
    insightId: bigint('insight_id', { mode: 'number' }),
    purpose: text('purpose').notNull(),
    amountFen: fen('amount_fen').notNull(),
    horizonMonths: integer('horizon_months'),
    liquidity: text('liquidity').$type<'high' | 'medium' | 'low'>(),
    riskAppetite: text('risk_appetite').$type<'conservative' | 'moderate' | 'aggressive'>(),
    constraints: jsonb('constraints').$type<string[]>().notNull(),
    evidence: jsonb('evidence').$type<string[]>().notNull(),
    source: text('source').$type<'conversation' | 'rm'>().notNull(),
    status: text('status').$type<'proposed' | 'confirmed' | 'edited'>().notNull(),
    createdBy: bigint('created_by', { mode: 'number' }).notNull(),
    confirmedBy: bigint('confirmed_by', { mode: 'number' }),
    confirmedAt: ts('confirmed_at'),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.customerId, t.id] })],
);

/** Recommendation cards shared by link: the customer-facing card only (no staff data), until it expires. */
export const rmCards = pgTable(
  'rm_cards',
  {
    customerId: bigint('customer_id', { mode: 'number' }).notNull(),
    token: text('token').notNull(),
    intentId: bigint('intent_id', { mode: 'number' }).notNull(),
    card: jsonb('card').$type<Record<string, unknown>>().notNull(),
    createdBy: bigint('created_by', { mode: 'number' }).notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
    expiresAt: ts('expires_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.customerId, t.token] }), index('rm_cards_token_idx').on(t.token)],
);

// ---------------------------------------------------------------- marketing copy and libraries (issue 16)

/** A piece of marketing copy for one segment × product × channel; its texts are the versions. */
export const copies = pgTable('copies', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  segment: text('segment').notNull(),
  productCode: text('product_code').notNull(),
  channel: text('channel').$type<'sms' | 'wechat' | 'app_push'>().notNull(),
  aiGenerated: boolean('ai_generated').notNull(),
  createdBy: bigint('created_by', { mode: 'number' }).notNull(),
  createdAt: ts('created_at').notNull().defaultNow(),
});

/** Versions of a copy under maker/checker: the text, the linter's findings, the maker and the checker. */
export const copyVersions = pgTable(
  'copy_versions',
  {
    copyId: bigint('copy_id', { mode: 'number' }).notNull(),
    version: integer('version').notNull(),
    text: text('text').notNull(),
    /** The linter's review: `{ findings, suggestedText }`. */
    findings: jsonb('findings').$type<Record<string, unknown>>().notNull(),
    blocking: integer('blocking').notNull(),
    status: text('status').$type<'draft' | 'submitted' | 'approved' | 'rejected'>().notNull(),
    makerId: bigint('maker_id', { mode: 'number' }).notNull(),
    checkerId: bigint('checker_id', { mode: 'number' }),
    submittedAt: ts('submitted_at'),
    decidedAt: ts('decided_at'),
    decisionNote: text('decision_note'),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.copyId, t.version] }), index('copy_versions_status_idx').on(t.status)],
);

/** Approved copy queued for one customer (the channel gateways read it); nothing else reaches this table. */
export const copyOutbox = pgTable(
  'copy_outbox',
  {
    customerId: bigint('customer_id', { mode: 'number' }).notNull(),
    id: bigint('id', { mode: 'number' }).generatedAlwaysAsIdentity().notNull(),
    copyId: bigint('copy_id', { mode: 'number' }).notNull(),
    version: integer('version').notNull(),
    channel: text('channel').notNull(),
    text: text('text').notNull(),
    sentBy: bigint('sent_by', { mode: 'number' }).notNull(),
    queuedAt: ts('queued_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.customerId, t.id] })],
);

/** 素材库/活动库/话术库/知识库: tagged scripts, materials, campaigns and knowledge, searchable by text and tag. */
export const contentLibrary = pgTable(
  'content_library',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    kind: text('kind').$type<'script' | 'material' | 'campaign' | 'knowledge'>().notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    tags: jsonb('tags').$type<string[]>().notNull(),
    createdBy: bigint('created_by', { mode: 'number' }).notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('content_library_kind_idx').on(t.kind)],
);

// ---------------------------------------------------------------- customer data platform (issue 13)

/** Saved segments: a rule tree (core/segment/rule.ts). `key` names the built-in groups (payroll, elderly …). */
export const segments = pgTable(
  'segments',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    key: text('key').unique(),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    kind: text('kind').$type<'custom' | 'group'>().notNull().default('custom'),
    rule: jsonb('rule').$type<unknown>().notNull(),
    /** The staff member who saved it (no foreign key: the demo bank replaces staff rows). */
    ownerStaffId: integer('owner_staff_id'),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
    /** Refresh schedule (five-field cron, China time; core/schedule/cron.ts); null = not refreshed on a schedule. */
    refreshCron: text('refresh_cron'),
  },
  (t) => [index('segments_owner_idx').on(t.ownerStaffId)],
);

export type TagSource = 'rule' | 'model' | 'manual' | 'conversation';

/** The tag catalogue (reference table): how each tag is set. */
export const tagDefinitions = pgTable('tag_definitions', {
  key: text('key').primaryKey(),
  name: text('name').notNull(),
  kind: text('kind').$type<TagSource>().notNull(),
  /** The segment rule of a rule-based tag. */
  rule: jsonb('rule').$type<unknown>(),
  /** The score a model-based tag thresholds (e.g. `value_score`). */
  score: text('score'),
  threshold: numeric('threshold', { precision: 10, scale: 4 }),
  description: text('description').notNull().default(''),
  createdAt: ts('created_at').notNull(),
});

/** The tags a customer has now (one row per tag). */
export const customerTags = pgTable(
  'customer_tags',
  {
    customerId: bigint('customer_id', { mode: 'number' }).notNull(),
    tagKey: text('tag_key').notNull(),
    source: text('source').$type<TagSource>().notNull(),
    score: numeric('score', { precision: 10, scale: 4 }),
    setAt: ts('set_at').notNull(),
    setBy: text('set_by').notNull(),
    reason: text('reason'),
  },
  (t) => [primaryKey({ columns: [t.customerId, t.tagKey] }), index('customer_tags_key_idx').on(t.tagKey)],
);

/** Every change of a customer's tags: when, by what, and the previous value. */
export const customerTagHistory = pgTable(
  'customer_tag_history',
  {
    customerId: bigint('customer_id', { mode: 'number' }).notNull(),
    id: bigint('id', { mode: 'number' }).notNull().generatedAlwaysAsIdentity(),
    tagKey: text('tag_key').notNull(),
    action: text('action').$type<'set' | 'removed'>().notNull(),
    source: text('source').$type<TagSource>().notNull(),
    previous: jsonb('previous').$type<Record<string, unknown> | null>(),
    at: ts('at').notNull(),
    by: text('by').notNull(),
    reason: text('reason'),
  },
  (t) => [primaryKey({ columns: [t.customerId, t.id] })],
);

/** ONE-ID merges: `merged_customer_id` folded into `customer_id`, with what was moved (to undo it). */
export const customerMerges = pgTable(
  'customer_merges',
  {
    customerId: bigint('customer_id', { mode: 'number' }).notNull(),
    id: bigint('id', { mode: 'number' }).notNull().generatedAlwaysAsIdentity(),
    mergedCustomerId: bigint('merged_customer_id', { mode: 'number' }).notNull(),
    rule: text('rule').notNull(),
    status: text('status').$type<'merged' | 'unmerged'>().notNull(),
    moved: jsonb('moved').$type<Record<string, unknown>>().notNull(),
    at: ts('at').notNull(),
    by: text('by').notNull(),
    reason: text('reason'),
    unmergedAt: ts('unmerged_at'),
    unmergedBy: text('unmerged_by'),
  },
  (t) => [primaryKey({ columns: [t.customerId, t.id] })],
);

// ---------------------------------------------------------------- AI advisor (issue 12; customer-owned)

/**
 * One advisor conversation of a customer: the dialogue state (plain JSON: active flow, interrupted flows,
 * remembered slots) travels with the row so that any node serves the next turn.
 */
export const advisorSessions = pgTable(
  'advisor_sessions',
  {
    customerId: bigint('customer_id', { mode: 'number' }).notNull(),
    id: text('id').notNull(),
    state: jsonb('state').notNull(),
    turns: integer('turns').notNull().default(0),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.customerId, t.id] }), index('advisor_sessions_id_idx').on(t.id)],
);

/**
 * Messages of a session in order: the customer's, the advisor's (with the reply object and the turn's
 * annotations: intent, slots, flow, tools, guard findings, latency) and the RM's during a hand-off. `error`
 * records a tool failure behind a fallback reply.
 */
export const advisorMessages = pgTable(
  'advisor_messages',
  {
    customerId: bigint('customer_id', { mode: 'number' }).notNull(),
    sessionId: text('session_id').notNull(),
    seq: integer('seq').notNull(),
    role: text('role').$type<'customer' | 'advisor' | 'rm' | 'system'>().notNull(),
    text: text('text').notNull(),
    reply: jsonb('reply'),
    annotations: jsonb('annotations'),
    error: text('error'),
    at: ts('at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.customerId, t.sessionId, t.seq] })],
);

/** Hand-offs to the customer's RM with the advisor's summary; open → active (RM replied) → closed. */
export const advisorHandoffs = pgTable(
  'advisor_handoffs',
  {
    customerId: bigint('customer_id', { mode: 'number' }).notNull(),
    id: text('id').notNull(),
    sessionId: text('session_id').notNull(),
    rmId: integer('rm_id'),
    reason: text('reason')
      .$type<'request' | 'complaint' | 'misunderstanding' | 'negative_sentiment'>()
      .notNull(),
    status: text('status').$type<'open' | 'active' | 'closed'>().notNull(),
    summary: jsonb('summary').notNull(),
    createdAt: ts('created_at').notNull(),
    closedAt: ts('closed_at'),
  },
  (t) => [
    primaryKey({ columns: [t.customerId, t.id] }),
    index('advisor_handoffs_rm_idx').on(t.rmId, t.status),
    index('advisor_handoffs_id_idx').on(t.id),
  ],
);

/**
 * The customer's proactive inbox in the chat: messages pushed by alerts (NAV swings, take-profit / stop-loss
 * triggers, drawdowns, maturities, assessment expiry), keyed by the alert's idempotency id so a re-run never
 * duplicates one, with the one-tap follow-ups (quick replies that start the matching flow) and read state.
 */
export const advisorInbox = pgTable(
  'advisor_inbox',
  {
    customerId: bigint('customer_id', { mode: 'number' }).notNull(),
    id: text('id').notNull(),
    kind: text('kind').notNull(),
    productCode: text('product_code'),
    text: text('text').notNull(),
    textEn: text('text_en').notNull(),
    quickReplies: jsonb('quick_replies').notNull(),
    createdAt: ts('created_at').notNull(),
    readAt: ts('read_at'),
  },
  (t) => [
    primaryKey({ columns: [t.customerId, t.id] }),
    index('advisor_inbox_unread_idx').on(t.customerId, t.readAt),
  ],
);

/** Complaint tickets captured by the advisor, and take-profit / stop-loss targets a customer set in chat. */
export const advisorTickets = pgTable(
  'advisor_tickets',
  {
    customerId: bigint('customer_id', { mode: 'number' }).notNull(),
    id: text('id').notNull(),
    sessionId: text('session_id').notNull(),
    text: text('text').notNull(),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.customerId, t.id] })],
);

// ---------------------------------------------------------------- event ingestion (issue 14)

/** Ingested behaviour events draw their ids from this sequence (above any bulk-loaded id). */
export const eventsIngestIdSeq = pgSequence('events_ingest_id_seq', { startWith: 1_000_000_000_000 });

/**
 * The idempotency ledger of ingestion: one row per event key ever accepted (a repeated key is a duplicate and is
 * never processed twice). Insert-only: what the engagement rules have not evaluated yet is in `event_queue`.
 */
export const eventReceipts = pgTable('event_receipts', {
  key: text('key').primaryKey(),
  type: text('type').notNull(),
  customerId: bigint('customer_id', { mode: 'number' }),
  eventId: bigint('event_id', { mode: 'number' }),
  occurredAt: ts('occurred_at').notNull(),
  receivedAt: ts('received_at').notNull(),
});

/**
 * The MOT engine's work queue: one narrow row per receipt not yet evaluated, written with the receipt. The engine
 * claims rows by deleting them (oldest `seq` first, FOR UPDATE SKIP LOCKED) in its batch's transaction, so an
 * evaluated receipt is one no longer here; a delete writes no new row version nor index entry.
 */
export const eventQueue = pgTable('event_queue', {
  seq: bigint('seq', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  key: text('key').notNull(),
  type: text('type').notNull(),
  customerId: bigint('customer_id', { mode: 'number' }),
  eventId: bigint('event_id', { mode: 'number' }),
  receivedAt: ts('received_at').notNull(),
});

/** Events about the market rather than one customer (index moves). */
export const marketEvents = pgTable('market_events', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  key: text('key').notNull(),
  type: text('type').notNull(),
  occurredAt: ts('occurred_at').notNull(),
  payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
  receivedAt: ts('received_at').notNull(),
});

/** Every rejected event with its reason (nothing is dropped silently); replay re-ingests the raw text. */
export const eventDeadLetters = pgTable(
  'event_dead_letters',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    receivedAt: ts('received_at').notNull(),
    source: text('source').$type<'api' | 'cli' | 'replay'>().notNull(),
    /** Index of the event in its batch (the line, 0-based, of a file). */
    position: integer('position').notNull(),
    raw: text('raw').notNull(),
    error: text('error').notNull(),
    replayedAt: ts('replayed_at'),
    replayError: text('replay_error'),
  },
  (t) => [
    index('event_dead_letters_open_idx')
      .on(t.receivedAt)
      .where(sql`${t.replayedAt} IS NULL`),
  ],
);
// ---------------------------------------------------------------- advisor operations (issue 12, migration 0015)

/** The flow-set draft an org unit is editing (one a unit; published drafts are removed). */
export const advisorFlowDrafts = pgTable('advisor_flow_drafts', {
  orgUnitId: text('org_unit_id').primaryKey(),
  document: jsonb('document').$type<FlowSetDocument>().notNull(),
  updatedBy: text('updated_by').notNull(),
  updatedAt: ts('updated_at').notNull(),
});

/**
 * Published flow sets per org unit, append-only: a rollback publishes an earlier version's document again as a
 * new version (`action` rollback, `source_version`), so the unit's current set is its highest version.
 */
export const advisorFlowVersions = pgTable(
  'advisor_flow_versions',
  {
    orgUnitId: text('org_unit_id').notNull(),
    version: integer('version').notNull(),
    document: jsonb('document').$type<FlowSetDocument>().notNull(),
    action: text('action').$type<'publish' | 'rollback'>().notNull(),
    sourceVersion: integer('source_version'),
    publishedBy: text('published_by').notNull(),
    publishedAt: ts('published_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgUnitId, t.version] })],
);

/**
 * One counter per cached artefact (`flows`, `model`, `kb`), bumped in the transaction that changes it: every server
 * process reads these two rows with the turn and reloads only when a number moved.
 */
export const advisorOpsGenerations = pgTable('advisor_ops_generations', {
  key: text('key').$type<'flows' | 'model' | 'kb'>().primaryKey(),
  generation: bigint('generation', { mode: 'number' }).notNull().default(0),
});

/** Messages for ops review: low confidence, not understood, or corrected by an RM; labelled to an intent or KB item. */
export const advisorReviewItems = pgTable(
  'advisor_review_items',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    customerId: bigint('customer_id', { mode: 'number' }),
    sessionId: text('session_id'),
    seq: integer('seq'),
    text: text('text').notNull(),
    reason: text('reason').$type<'low_confidence' | 'unanswered' | 'corrected'>().notNull(),
    intent: text('intent'),
    confidence: numeric('confidence', { precision: 6, scale: 4 }),
    suggested: text('suggested'),
    status: text('status').$type<'open' | 'labelled' | 'dismissed'>().notNull().default('open'),
    labelKind: text('label_kind').$type<'intent' | 'kb'>(),
    label: text('label'),
    labelledBy: text('labelled_by'),
    labelledAt: ts('labelled_at'),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('advisor_review_items_message_idx').on(t.sessionId, t.seq, t.reason),
    index('advisor_review_items_status_idx').on(t.status, t.id),
  ],
);

/** Retrained intent models (serialised, intent-model-json.ts); the highest version serves. */
export const advisorIntentModels = pgTable('advisor_intent_models', {
  version: integer('version').primaryKey(),
  model: jsonb('model').notNull(),
  examples: integer('examples').notNull(),
  labelled: integer('labelled').notNull(),
  trainedBy: text('trained_by').notNull(),
  trainedAt: ts('trained_at').notNull(),
});

/**
 * The knowledge base as edited by operations: each import, edit or review label stores the whole item list as
 * the next version (a few hundred items); the highest version serves, none = the starter KB of the code.
 */
export const advisorKbVersions = pgTable('advisor_kb_versions', {
  version: integer('version').primaryKey(),
  items: jsonb('items').notNull(),
  action: text('action').$type<'import' | 'edit' | 'label'>().notNull(),
  changedBy: text('changed_by').notNull(),
  changedAt: ts('changed_at').notNull(),
});

/** The AARRR × lifecycle strategy matrix: the strategy text operations write per cell. */
export const cdpStrategyCells = pgTable(
  'cdp_strategy_cells',
  {
    stage: text('stage').notNull(),
    lifecycle: text('lifecycle').notNull(),
    text: text('text').notNull(),
    updatedAt: ts('updated_at').notNull(),
    updatedBy: text('updated_by').notNull(),
  },
  (t) => [primaryKey({ columns: [t.stage, t.lifecycle] })],
);

/** The stored CDP policy (tier bands, grade bands and weights); key 'current'. Absent: the code default. */
export const cdpPolicies = pgTable('cdp_policies', {
  key: text('key').primaryKey(),
  policy: jsonb('policy').$type<unknown>().notNull(),
  version: integer('version').notNull(),
  updatedAt: ts('updated_at').notNull(),
  updatedBy: text('updated_by').notNull(),
});

// ---------------------------------------------------------------- durable jobs (issue 14)

/**
 * The count history of scheduled segment refreshes (the console's trend). One row per segment and firing
 * (`scheduled_for`, or the instant of a manual run): the unique key makes a retried or doubly delivered job
 * write once.
 */
export const segmentRefreshes = pgTable(
  'segment_refreshes',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    segmentId: bigint('segment_id', { mode: 'number' }).notNull(),
    scheduledFor: ts('scheduled_for').notNull(),
    at: ts('at').notNull(),
    count: integer('count').notNull(),
    ms: integer('ms').notNull(),
    trigger: text('trigger').$type<'schedule' | 'manual'>().notNull(),
  },
  (t) => [
    uniqueIndex('segment_refreshes_segment_scheduled_idx').on(t.segmentId, t.scheduledFor),
    index('segment_refreshes_segment_at_idx').on(t.segmentId, t.at),
  ],
);

// ---------------------------------------------------------------- campaigns and experiments (issue 14, migration 0022)

export type CampaignStatus = 'draft' | 'running' | 'ended';

/** A campaign: its validated definition (core/engagement/campaign.ts) and lifecycle; `key` seeds the assignment hash. */
export const campaigns = pgTable('campaigns', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  key: text('key').notNull().unique(),
  name: text('name').notNull(),
  definition: jsonb('definition').$type<unknown>().notNull(),
  status: text('status').$type<CampaignStatus>().notNull().default('draft'),
  createdBy: text('created_by').notNull(),
  createdAt: ts('created_at').notNull(),
  updatedBy: text('updated_by').notNull(),
  updatedAt: ts('updated_at').notNull(),
  launchedAt: ts('launched_at'),
  endedAt: ts('ended_at'),
  measuredAt: ts('measured_at'),
});

/** Who is in which arm (one row per customer and campaign, ever); `pre_purchases` is the CUPED covariate. */
export const campaignAssignments = pgTable(
  'campaign_assignments',
  {
    customerId: bigint('customer_id', { mode: 'number' }).notNull(),
    campaignId: bigint('campaign_id', { mode: 'number' }).notNull(),
    arm: text('arm').notNull(),
    assignedAt: ts('assigned_at').notNull(),
    prePurchases: integer('pre_purchases').notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.customerId, t.campaignId] }),
    index('campaign_assignments_campaign_idx').on(t.campaignId, t.arm),
  ],
);

/** What the outbox did with a treated customer's message (a suppressed one is recorded with why, not exposed). */
export const campaignExposures = pgTable(
  'campaign_exposures',
  {
    customerId: bigint('customer_id', { mode: 'number' }).notNull(),
    campaignId: bigint('campaign_id', { mode: 'number' }).notNull(),
    arm: text('arm').notNull(),
    outboxKey: text('outbox_key').notNull(),
    outboxId: bigint('outbox_id', { mode: 'number' }),
    status: text('status').$type<'queued' | 'deferred' | 'sent' | 'suppressed'>().notNull(),
    reason: text('reason'),
    scheduledAt: ts('scheduled_at'),
    recordedAt: ts('recorded_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.customerId, t.campaignId] }),
    index('campaign_exposures_campaign_idx').on(t.campaignId, t.arm, t.status),
  ],
);

/** Measured conversions (recomputed by each measurement): the first converting day in the window, count, amount. */
export const campaignConversions = pgTable(
  'campaign_conversions',
  {
    customerId: bigint('customer_id', { mode: 'number' }).notNull(),
    campaignId: bigint('campaign_id', { mode: 'number' }).notNull(),
    arm: text('arm').notNull(),
    convertedOn: date('converted_on', { mode: 'string' }).notNull(),
    conversions: integer('conversions').notNull(),
    amountFen: fen('amount_fen').notNull(),
    measuredAt: ts('measured_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.customerId, t.campaignId] }),
    index('campaign_conversions_campaign_idx').on(t.campaignId, t.arm, t.convertedOn),
  ],
);

// ---------------------------------------------------------------- reach and outbox (issue 14 item 4, migration 0020)

/**
 * The one outbound queue: every message to a customer, with its reach decision. One row per (customer, key), so a
 * retried producer never duplicates a message; `reason` is set on every deferred or suppressed row.
 */
export const outbox = pgTable(
  'outbox',
  {
    customerId: bigint('customer_id', { mode: 'number' }).notNull(),
    id: bigint('id', { mode: 'number' }).generatedAlwaysAsIdentity().notNull(),
    key: text('key').notNull(),
    channel: text('channel').$type<'app' | 'sms' | 'wecom' | 'email' | 'chat'>().notNull(),
    purpose: text('purpose').$type<'marketing' | 'service'>().notNull(),
    title: text('title'),
    body: text('body').notNull(),
    bodyEn: text('body_en'),
    productCodes: jsonb('product_codes').$type<string[]>().notNull(),
    sourceKind: text('source_kind').$type<'mot' | 'campaign' | 'alert' | 'manual'>().notNull(),
    sourceRef: text('source_ref').notNull(),
    status: text('status').$type<'queued' | 'deferred' | 'sent' | 'suppressed'>().notNull(),
    scheduledAt: ts('scheduled_at').notNull(),
    sentAt: ts('sent_at'),
    reason: text('reason'),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.customerId, t.id] }),
    uniqueIndex('outbox_customer_key_idx').on(t.customerId, t.key),
    index('outbox_due_idx')
      .on(t.scheduledAt)
      .where(sql`${t.status} IN ('queued', 'deferred')`),
    index('outbox_customer_scheduled_idx').on(t.customerId, t.scheduledAt),
    index('outbox_created_idx').on(t.createdAt),
  ],
);

/** The consent ledger: every grant and withdrawal with the text shown, when and by whom (`consents` = current). */
export const consentEvents = pgTable(
  'consent_events',
  {
    customerId: bigint('customer_id', { mode: 'number' }).notNull(),
    id: bigint('id', { mode: 'number' }).generatedAlwaysAsIdentity().notNull(),
    purpose: text('purpose').$type<'marketing' | 'profiling' | 'ai_advice' | 'data_sharing'>().notNull(),
    channel: text('channel').$type<'sms' | 'app_push' | 'wechat' | 'phone_call' | 'email'>().notNull(),
    granted: boolean('granted').notNull(),
    textShown: text('text_shown').notNull(),
    at: ts('at').notNull(),
    /** `staff:<username>` or `customer`. */
    by: text('by').notNull(),
  },
  (t) => [primaryKey({ columns: [t.customerId, t.id] })],
);

/** Do-not-contact and the non-personalised marketing choice (absent row = neither). */
export const contactPreferences = pgTable('contact_preferences', {
  customerId: bigint('customer_id', { mode: 'number' }).primaryKey(),
  doNotContact: boolean('do_not_contact').notNull(),
  nonPersonalised: boolean('non_personalised').notNull(),
  updatedAt: ts('updated_at').notNull(),
  updatedBy: text('updated_by').notNull(),
});

/** What a channel adapter did with one outbox row (the log provider, or a bank's gateway). */
export const channelDeliveries = pgTable(
  'channel_deliveries',
  {
    customerId: bigint('customer_id', { mode: 'number' }).notNull(),
    id: bigint('id', { mode: 'number' }).generatedAlwaysAsIdentity().notNull(),
    outboxId: bigint('outbox_id', { mode: 'number' }).notNull(),
    channel: text('channel').notNull(),
    provider: text('provider').notNull(),
    status: text('status').$type<'delivered' | 'failed'>().notNull(),
    detail: jsonb('detail').$type<Record<string, unknown>>().notNull(),
    at: ts('at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.customerId, t.id] })],
);

/** A purchase attributed to the last sent message that named its product (one message per purchase). */
export const conversions = pgTable(
  'conversions',
  {
    customerId: bigint('customer_id', { mode: 'number' }).notNull(),
    transactionId: bigint('transaction_id', { mode: 'number' }).notNull(),
    outboxId: bigint('outbox_id', { mode: 'number' }).notNull(),
    productCode: text('product_code').notNull(),
    amountFen: fen('amount_fen').notNull(),
    at: date('at', { mode: 'string' }).notNull(),
    attributedAt: ts('attributed_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.customerId, t.transactionId] }),
    index('conversions_outbox_idx').on(t.customerId, t.outboxId),
  ],
);

// ---------------------------------------------------------------- MOT rules and leads (issue 14, migration 0021)

/** Every saved version of a MOT rule (append-only); the highest version of a key serves, none = the built-in. */
export const motRules = pgTable(
  'mot_rules',
  {
    key: text('key').notNull(),
    version: integer('version').notNull(),
    definition: jsonb('definition').$type<Record<string, unknown>>().notNull(),
    enabled: boolean('enabled').notNull(),
    updatedAt: ts('updated_at').notNull(),
    updatedBy: text('updated_by').notNull(),
  },
  (t) => [primaryKey({ columns: [t.key, t.version] })],
);

/** A rule switched on or off for an org unit (a branch covers its outlets); no row = on. */
export const motRuleSwitches = pgTable(
  'mot_rule_switches',
  {
    ruleKey: text('rule_key').notNull(),
    orgUnitId: text('org_unit_id').notNull(),
    enabled: boolean('enabled').notNull(),
    updatedAt: ts('updated_at').notNull(),
    updatedBy: text('updated_by').notNull(),
  },
  (t) => [primaryKey({ columns: [t.ruleKey, t.orgUnitId] })],
);

/**
 * The firing ledger: one row per rule × customer × dedupe bucket (the key decides, so a retry or a second worker
 * never fires twice); the lead it made and what the outbox did with its message (for the rule statistics).
 */
export const motFirings = pgTable(
  'mot_firings',
  {
    customerId: bigint('customer_id', { mode: 'number' }).notNull(),
    dedupeKey: text('dedupe_key').notNull(),
    ruleKey: text('rule_key').notNull(),
    ruleVersion: integer('rule_version').notNull(),
    triggerKind: text('trigger_kind').$type<'event' | 'scan' | 'market'>().notNull(),
    firedAt: ts('fired_at').notNull(),
    leadId: bigint('lead_id', { mode: 'number' }),
    messageKey: text('message_key'),
    messageStatus: text('message_status'),
    messageReason: text('message_reason'),
  },
  (t) => [
    primaryKey({ columns: [t.customerId, t.dedupeKey] }),
    index('mot_firings_rule_day_idx').on(t.ruleKey, t.firedAt),
  ],
);

export type LeadStatus = 'new' | 'contacted' | 'won' | 'lost';

/** RM leads from MOT rules: one per customer × dedupe key (UNIQUE), assigned to an RM with an SLA. */
export const leads = pgTable(
  'leads',
  {
    customerId: bigint('customer_id', { mode: 'number' }).notNull(),
    id: bigint('id', { mode: 'number' }).notNull().generatedAlwaysAsIdentity(),
    ruleKey: text('rule_key').notNull(),
    ruleVersion: integer('rule_version').notNull(),
    dedupeKey: text('dedupe_key').notNull(),
    status: text('status').$type<LeadStatus>().notNull().default('new'),
    lostReason: text('lost_reason'),
    rmId: integer('rm_id'),
    orgUnitId: text('org_unit_id').notNull(),
    script: text('script').notNull(),
    scriptEn: text('script_en').notNull(),
    dueAt: ts('due_at').notNull(),
    escalatedAt: ts('escalated_at'),
    escalatedTo: integer('escalated_to'),
    createdAt: ts('created_at').notNull(),
    closedAt: ts('closed_at'),
  },
  (t) => [
    primaryKey({ columns: [t.customerId, t.id] }),
    uniqueIndex('leads_customer_dedupe_idx').on(t.customerId, t.dedupeKey),
    index('leads_rm_status_idx').on(t.rmId, t.status, t.dueAt),
    index('leads_org_status_idx').on(t.orgUnitId, t.status, t.dueAt),
    index('leads_id_idx').on(t.id),
  ],
);

/** Follow-up notes on a lead. */
export const leadNotes = pgTable(
  'lead_notes',
  {
    customerId: bigint('customer_id', { mode: 'number' }).notNull(),
    id: bigint('id', { mode: 'number' }).notNull().generatedAlwaysAsIdentity(),
    leadId: bigint('lead_id', { mode: 'number' }).notNull(),
    authorId: integer('author_id').notNull(),
    text: text('text').notNull(),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.customerId, t.id] }),
    index('lead_notes_lead_idx').on(t.customerId, t.leadId),
  ],
);

/**
 * Insight studies (issue 15): what was asked (outcome, params), how far the run is (status, progress, stage) and
 * the stored result; a study is re-run by creating a new one with the same params. Not customer-owned (a
 * reference table under Citus).
 */
export const insightStudies = pgTable(
  'insight_studies',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    outcome: text('outcome').notNull(),
    params: jsonb('params').$type<Record<string, unknown>>().notNull(),
    status: text('status').$type<'queued' | 'running' | 'done' | 'failed' | 'cancelled'>().notNull(),
    progress: numeric('progress', { precision: 5, scale: 4 }).notNull().default('0'),
    stage: text('stage'),
    result: jsonb('result').$type<Record<string, unknown>>(),
    error: jsonb('error').$type<Record<string, unknown>>(),
    createdAt: ts('created_at').notNull(),
    createdBy: text('created_by').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [index('insight_studies_created_idx').on(t.createdAt)],
);

/**
 * Survey responses (X-data, issue 15 item 5): NPS 0–10, CSAT items (csat_* → 1–5 or null), the comment with its
 * sentiment and topic tags (lexicon or LLM: `tagger`), and the import batch. One response per customer and date.
 * Customer-owned (distributed by customer_id under Citus).
 */
export const surveyResponses = pgTable(
  'survey_responses',
  {
    customerId: bigint('customer_id', { mode: 'number' }).notNull(),
    id: bigint('id', { mode: 'number' }).notNull().generatedAlwaysAsIdentity(),
    responseDate: date('response_date', { mode: 'string' }).notNull(),
    nps: smallint('nps').notNull(),
    csat: jsonb('csat').$type<Record<string, number | null>>().notNull(),
    comment: text('comment').notNull(),
    sentiment: text('sentiment').$type<'positive' | 'neutral' | 'negative'>().notNull(),
    sentimentScore: numeric('sentiment_score', { precision: 8, scale: 3 }).notNull(),
    topics: jsonb('topics').$type<Array<{ topic: string; sentiment: string }>>().notNull(),
    tagger: text('tagger').$type<'lexicon' | 'llm'>().notNull(),
    batchId: text('batch_id').notNull(),
    importedAt: ts('imported_at').notNull(),
    importedBy: text('imported_by').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.customerId, t.id] }),
    uniqueIndex('survey_responses_customer_date_idx').on(t.customerId, t.responseDate),
    index('survey_responses_batch_idx').on(t.batchId),
  ],
);

/**
 * Periodic review of insight studies (issue 15, migration 0026): the review schedule of a saved study (five-field
 * cron, China time) and every review run — the new run's study, the previous run it was compared with, the
 * comparison (PSI drift, changed drivers), this run's factor profiles for the next review, and the alert raised
 * for operations. One review per study and firing (`insight_reviews_firing_idx`). Reference tables under Citus.
 */
export const insightReviewSchedules = pgTable('insight_review_schedules', {
  studyId: bigint('study_id', { mode: 'number' })
    .primaryKey()
    .references(() => insightStudies.id),
  cron: text('cron').notNull(),
  enabled: boolean('enabled').notNull().default(true),
  createdBy: text('created_by').notNull(),
  createdAt: ts('created_at').notNull(),
  updatedAt: ts('updated_at').notNull(),
});

export const insightReviews = pgTable(
  'insight_reviews',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    studyId: bigint('study_id', { mode: 'number' })
      .notNull()
      .references(() => insightStudies.id),
    scheduledFor: ts('scheduled_for').notNull(),
    trigger: text('trigger').$type<'schedule' | 'manual'>().notNull(),
    status: text('status').$type<'running' | 'done' | 'failed'>().notNull(),
    asOf: date('as_of', { mode: 'string' }).notNull(),
    runStudyId: bigint('run_study_id', { mode: 'number' }),
    previousStudyId: bigint('previous_study_id', { mode: 'number' }),
    comparison: jsonb('comparison').$type<Record<string, unknown>>(),
    profiles: jsonb('profiles').$type<Record<string, unknown>>(),
    alert: boolean('alert').notNull().default(false),
    alertReasons: jsonb('alert_reasons').$type<string[]>().notNull().default([]),
    acknowledgedAt: ts('acknowledged_at'),
    acknowledgedBy: text('acknowledged_by'),
    error: jsonb('error').$type<Record<string, unknown>>(),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('insight_reviews_firing_idx').on(t.studyId, t.scheduledFor),
    index('insight_reviews_alert_idx').on(t.alert, t.createdAt),
  ],
);

/** A study's per-customer lever scores (issue 15 item 4): calibrated outcome probability and each lever's CATE. */
export const insightLeverScores = pgTable(
  'insight_lever_scores',
  {
    customerId: bigint('customer_id', { mode: 'number' }).notNull(),
    studyId: bigint('study_id', { mode: 'number' }).notNull(),
    pOutcome: numeric('p_outcome', { mode: 'number' }).notNull(),
    /** CATE by lever key (core/insight/factors.ts LEVERS). */
    cate: jsonb('cate').$type<Record<string, number>>().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.customerId, t.studyId] }),
    index('insight_lever_scores_study_idx').on(t.studyId),
  ],
);

/** A campaign sent from a study's strategy list: the lever, budget and holdout it was made with. */
export const insightStudyCampaigns = pgTable(
  'insight_study_campaigns',
  {
    campaignId: bigint('campaign_id', { mode: 'number' }).primaryKey(),
    studyId: bigint('study_id', { mode: 'number' }).notNull(),
    lever: text('lever').notNull(),
    budget: numeric('budget', { precision: 14, scale: 2 }).notNull(),
    unitCost: numeric('unit_cost', { precision: 14, scale: 2 }).notNull(),
    holdout: numeric('holdout', { precision: 5, scale: 4 }).notNull(),
    chosen: integer('chosen').notNull(),
    expectedIncremental: numeric('expected_incremental', { mode: 'number' }).notNull(),
    createdAt: ts('created_at').notNull(),
    createdBy: text('created_by').notNull(),
  },
  (t) => [index('insight_study_campaigns_study_idx').on(t.studyId)],
);

/** The predicted uplift of every customer of such a campaign, with the arm its assignment hash gives. */
export const insightCampaignPredictions = pgTable(
  'insight_campaign_predictions',
  {
    customerId: bigint('customer_id', { mode: 'number' }).notNull(),
    campaignId: bigint('campaign_id', { mode: 'number' }).notNull(),
    arm: text('arm').notNull(),
    predictedUplift: numeric('predicted_uplift', { mode: 'number' }).notNull(),
    pOutcome: numeric('p_outcome', { mode: 'number' }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.customerId, t.campaignId] }),
    index('insight_campaign_predictions_campaign_idx').on(t.campaignId),
  ],
);
