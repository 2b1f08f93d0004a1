/**
 * The insight factor catalogue (人/货/场) as data. Every factor is computed point-in-time: as of a decision
 * date D, from observable tables only, using rows dated on or before D (events before the end of day D in China,
 * transactions traded on or before D, the subscription year that ends at D). The generator's latent columns
 * (`engagement`, `price_sensitivity`) are never factors: they serve the oracle comparison only (ORACLE_COLUMNS).
 */

export type FactorGroup = 'customer' | 'product' | 'scene';
/** Tiers of the factor graph: traits → behaviour → treatments → outcome (edges only point forward). */
export type FactorTier = 'trait' | 'behaviour' | 'treatment';
export type FactorKind = 'binary' | 'continuous';

export type Factor = {
  key: string;
  zh: string;
  en: string;
  group: FactorGroup;
  tier: FactorTier;
  kind: FactorKind;
  /** An actionable lever (a treatment whose causal effect a study estimates). */
  actionable: boolean;
  /** How the value is computed as of the decision date D (documentation shown in the console). */
  definition: string;
};

const f = (
  key: string,
  zh: string,
  en: string,
  group: FactorGroup,
  tier: FactorTier,
  kind: FactorKind,
  definition: string,
): Factor => ({ key, zh, en, group, tier, kind, actionable: tier === 'treatment', definition });

/** Every factor, in the dataset's column order. */
export const FACTORS: readonly Factor[] = [
  f('age', '年龄', 'Age', 'customer', 'trait', 'continuous', 'years between birth_date and D'),
  f('gender_male', '男性', 'Male', 'customer', 'trait', 'binary', 'customers.gender = M'),
  f('city_tier', '城市等级', 'City tier', 'customer', 'trait', 'continuous', 'customers.city_tier (1–5)'),
  f('county', '县域客户', 'County customer', 'customer', 'trait', 'binary', 'customers.county'),
  f('risk_level', '风险等级', 'Risk level', 'customer', 'trait', 'continuous', 'C1–C5 as 1–5'),
  f('tenure_years', '开户年限', 'Tenure (years)', 'customer', 'trait', 'continuous', 'D − onboarded_at'),
  f(
    'invested_log10',
    '累计净投入（对数）',
    'Net invested (log10 yuan)',
    'customer',
    'trait',
    'continuous',
    'log10(1 + Σ purchases − redemptions − maturities, yuan, trade_date ≤ D)',
  ),
  f(
    'trades_365d',
    '近一年交易笔数',
    'Trades, last 365 days',
    'customer',
    'behaviour',
    'continuous',
    'transactions in (D−365, D]',
  ),
  f(
    'logins_180d',
    '近180天登录',
    'Logins, last 180 days',
    'customer',
    'behaviour',
    'continuous',
    "events 'login' in (D−180, D]",
  ),
  f(
    'page_views_180d',
    '近180天浏览',
    'Page views, last 180 days',
    'customer',
    'behaviour',
    'continuous',
    "events 'page_view' in (D−180, D]",
  ),
  f(
    'searches_180d',
    '近180天搜索',
    'Searches, last 180 days',
    'customer',
    'behaviour',
    'continuous',
    "events 'search' in (D−180, D]",
  ),
  f(
    'app_opens_12m',
    '近12个月App打开次数',
    'App opens, last 12 months',
    'customer',
    'behaviour',
    'continuous',
    'app_usage_monthly: app opens of the 12 calendar months that ended on or before D',
  ),
  f(
    'fee_view_share_12m',
    '近12个月费用页浏览占比',
    'Fee-page views per app open, last 12 months',
    'customer',
    'behaviour',
    'continuous',
    'app_usage_monthly: fee and discount page views ÷ max(1, app opens), same 12 months',
  ),
  f(
    'livestream_views',
    '直播观看场次',
    'Live streams watched',
    'scene',
    'behaviour',
    'continuous',
    'live streams watched during the subscription year (ends at D)',
  ),
  f(
    'list_price_yuan',
    '标价（元）',
    'List price (yuan)',
    'product',
    'trait',
    'continuous',
    'annual list price of the portfolio',
  ),
  f(
    'portfolio_return',
    '组合年收益',
    'Portfolio return',
    'product',
    'behaviour',
    'continuous',
    'adjusted-NAV return over the year ending at D',
  ),
  f(
    'coupon',
    '使用优惠券',
    'Coupon used',
    'scene',
    'treatment',
    'binary',
    'coupon used in the subscription year',
  ),
  f(
    'livestream_audience_2000',
    '观看≥2000人直播',
    'Watched a live stream with ≥ 2,000 viewers',
    'scene',
    'treatment',
    'binary',
    'max audience of a live stream watched in the year ≥ 2000',
  ),
  f(
    'sessions_per_month',
    '月均会话数',
    'Sessions per month',
    'customer',
    'treatment',
    'continuous',
    'advisory sessions per month in the year',
  ),
  f(
    'price',
    '价格（百元）',
    'Price (100 yuan)',
    'product',
    'treatment',
    'continuous',
    'list price in hundreds of yuan',
  ),
  f(
    'renewal_discount',
    '续费折扣',
    'Renewal discount',
    'product',
    'treatment',
    'continuous',
    'discount rate on the list price (0–1)',
  ),
  f(
    'rm_contact',
    '有客户经理',
    'Has an RM',
    'scene',
    'treatment',
    'binary',
    'an RM is assigned (customers.rm_id; no history kept, current value)',
  ),
];

/** Latent generator columns: never factors; read only for the oracle comparison. */
export const ORACLE_COLUMNS = ['engagement', 'price_sensitivity'] as const;

export const OUTCOMES = ['renewal', 'first_subscription', 'unsubscribe', 'complaint'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export const factorKeys = (): string[] => FACTORS.map((x) => x.key);

/** The factor with this key, or undefined. */
export const factorByKey = (key: string): Factor | undefined => FACTORS.find((x) => x.key === key);

/** The actionable factors (treatments) a study estimates effects for. */
export const treatmentKeys = (): string[] => FACTORS.filter((x) => x.actionable).map((x) => x.key);

/**
 * Levers scored per customer (issue 15): coupon, RM call, live-stream invitation. `modifiers` are the observable
 * factors a lever's effect is allowed to vary with in the per-customer model (declared, not searched for): a
 * price lever varies with the customer's observed price sensitivity — the share of app use spent on fee, discount and
 * coupon pages. The other levers vary only through the customer's baseline (the logistic curvature).
 */
export const LEVERS = [
  { key: 'coupon', factor: 'coupon', modifiers: ['fee_view_share_12m'] },
  { key: 'rm_call', factor: 'rm_contact', modifiers: [] },
  { key: 'livestream_invite', factor: 'livestream_audience_2000', modifiers: [] },
] as const;
export type LeverKey = (typeof LEVERS)[number]['key'];
