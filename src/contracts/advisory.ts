import { z } from 'zod';
import { INVESTOR_LEVELS } from '../core/suitability/types.js';
import { ASSET_CLASSES, PURPOSES } from './analytics.js';
import { Money, num, strictNumber } from './common.js';

/**
 * Advisory services (issue 11, CLI.md "Advisory services"): wealth check-up, statement, recommendations,
 * attribution, alerts with take-profit/stop-loss targets, market commentary. Keys are snake_case as CLI.md
 * binds them; money is a decimal string in yuan; returns and shares are plain fractions. Every customer text
 * (`message`, `reasons`, `explanation`, `text`) is the Chinese text that passed the outbound guard
 * (src/core/guard); the `_en` twin is the English side of the same catalogue entry.
 */

/** A business date YYYY-MM-DD that exists in the calendar. */
export const BusinessDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date YYYY-MM-DD')
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, 'expected a calendar date YYYY-MM-DD');

export const ProductCodeParam = z.string().min(1).max(32);
export const CustomerHoldingParams = z.object({
  id: strictNumber(num().int().min(1).max(Number.MAX_SAFE_INTEGER)),
  code: ProductCodeParam,
});

const Fraction = z.number();
const NumberMap = z.record(z.string(), z.union([z.number(), z.string()]).nullable());

// ---------------------------------------------------------------------------------------------- check-up

export const FINDING_CODES = [
  'risk_mismatch',
  'concentration',
  'liquidity_low',
  'idle_cash_high',
  'maturity_soon',
  'deep_drawdown',
  'high_fees',
  'overlap',
  'allocation_drift',
  'assessment_expired',
] as const;
export const SEVERITIES = ['high', 'medium', 'low'] as const;
export const DIMENSION_KEYS = [
  'allocation',
  'diversification',
  'risk_match',
  'liquidity',
  'cost',
  'performance',
] as const;

/** The body of POST /api/customers/:id/proposal that a finding's action opens (amount in yuan). */
export const ProposalLink = z.object({
  purpose: z.enum(PURPOSES),
  amount: z.number(),
  horizonMonths: z.number().int(),
  riskAppetite: z.enum(INVESTOR_LEVELS),
  liquidityNeed: z.enum(['low', 'medium', 'high']),
});

export const CheckupFinding = z.object({
  code: z.enum(FINDING_CODES),
  severity: z.enum(SEVERITIES),
  products: z.array(z.string()),
  /** The figures behind the finding: shares and returns as fractions, money (`*_fen` in the core) in yuan strings. */
  numbers: NumberMap,
  message: z.string(),
  message_en: z.string(),
  action: z.object({
    kind: z.enum(['allocation_proposal', 'reassess', 'review_holding', 'plan_maturity']),
    label: z.string(),
    label_en: z.string(),
    /** POST /api/customers/:id/proposal with this body; null for `reassess`. */
    proposal: ProposalLink.nullable(),
  }),
});
export type CheckupFinding = z.infer<typeof CheckupFinding>;

export const CheckupResponse = z.object({
  customer_id: z.number(),
  as_of: z.string(),
  policy_version: z.string(),
  score: z.number().int().min(0).max(100),
  dimensions: z.array(
    z.object({
      key: z.enum(DIMENSION_KEYS),
      score: z.number(),
      weight: z.number(),
      label: z.string(),
      label_en: z.string(),
    }),
  ),
  findings: z.array(CheckupFinding),
  totals: z.object({
    invested: Money,
    cash: Money,
    reserve: Money,
    class_weights: z.record(z.enum(ASSET_CLASSES), Fraction),
    target_weights: z.record(z.enum(ASSET_CLASSES), Fraction),
  }),
  /** The disclosures the texts above need (risk warnings, past-performance note), shown once below them. */
  disclosure: z.string(),
  disclosure_en: z.string(),
});
export type CheckupResponse = z.infer<typeof CheckupResponse>;

// ---------------------------------------------------------------------------------------------- statement

export const StatementQuery = z.object({ from: BusinessDate, to: BusinessDate });
export type StatementQuery = z.infer<typeof StatementQuery>;

export const IRR_STATUSES = ['ok', 'no_flows', 'no_sign_change', 'no_root'] as const;

export const StatementResponse = z.object({
  customer_id: z.number(),
  from: z.string(),
  to: z.string(),
  /** Valuation date of the opening value (the day before `from`). */
  begin_date: z.string(),
  begin_value: Money,
  end_value: Money,
  net_inflow: Money,
  dividends: Money,
  fees: Money,
  /** end_value − begin_value − net_inflow, exactly. */
  pnl: Money,
  /** Period time-weighted return (not annualised); null when no money was at work. */
  twr: z.number().nullable(),
  /** Annualised XIRR (ACT/365); null when not defined, `irr_status` and `irr_reason` say why. */
  irr: z.number().nullable(),
  irr_status: z.enum(IRR_STATUSES),
  irr_reason: z.string().nullable(),
  benchmark_return: z.number().nullable(),
  /** Benchmark mix the benchmark return is of (index code and weight). */
  benchmark: z.array(z.object({ code: z.string(), weight: z.number() })),
  flows: z.array(z.object({ date: z.string(), amount: Money })),
  by_product: z.array(
    z.object({
      product_code: z.string(),
      name: z.string().nullable(),
      category: z.string(),
      begin_value: Money,
      end_value: Money,
      pnl: Money,
      twr: z.number().nullable(),
    }),
  ),
  by_category: z.array(z.object({ category: z.string(), pnl: Money, share: z.number().nullable() })),
  monthly: z.array(
    z.object({
      month: z.string(),
      from: z.string(),
      to: z.string(),
      begin_value: Money,
      end_value: Money,
      net_inflow: Money,
      pnl: Money,
      twr: z.number().nullable(),
      benchmark_return: z.number().nullable(),
    }),
  ),
});
export type StatementResponse = z.infer<typeof StatementResponse>;

// ---------------------------------------------------------------------------------------------- recommendations

export const RecommendationsQuery = z.object({
  purpose: z.enum(PURPOSES).default('growth'),
  /** Money to invest, yuan. */
  amount: strictNumber(num().positive('amount must be a positive number of yuan').max(1e10)).default(100_000),
  horizonMonths: strictNumber(num().int().min(1).max(600)).default(36),
  liquidityNeed: z.enum(['low', 'medium', 'high']).optional(),
  limit: strictNumber(num().int().min(1).max(20)).default(5),
});
export type RecommendationsQuery = z.infer<typeof RecommendationsQuery>;

export const RecommendationItem = z.object({
  product_code: z.string(),
  name: z.string(),
  type: z.string(),
  risk_level: z.enum(['R1', 'R2', 'R3', 'R4', 'R5']),
  asset_class: z.enum(ASSET_CLASSES),
  score: z.number(),
  held: z.boolean(),
  /** Enhanced duty of care applies (e.g. elderly customer): the purchase flow asks for confirmation. */
  enhanced_duty: z.boolean(),
  reasons: z.array(z.string()),
  reasons_en: z.array(z.string()),
});
export type RecommendationItem = z.infer<typeof RecommendationItem>;

export const RecommendationsResponse = z.object({
  customer_id: z.number(),
  as_of: z.string(),
  customer_level: z.string(),
  /** The level this money is planned at (never above the customer's). */
  effective_level: z.string(),
  policy_version: z.string(),
  items: z.array(RecommendationItem),
  /** Disclosure shown once below the reasons (risk warnings, past-performance note). */
  disclosure: z.string(),
  disclosure_en: z.string(),
});
export type RecommendationsResponse = z.infer<typeof RecommendationsResponse>;

/** Fund-manager selection: managers of the products the customer may be recommended, best first. */
export const ManagerRecommendationsResponse = z.object({
  customer_id: z.number(),
  as_of: z.string(),
  items: z.array(
    z.object({
      manager: z.string(),
      score: z.number(),
      tenure_years: z.number(),
      funds_managed: z.number().int(),
      excess_return: z.number().nullable(),
      product_codes: z.array(z.string()),
      notes: z.array(z.string()),
      notes_en: z.array(z.string()),
    }),
  ),
});
export type ManagerRecommendationsResponse = z.infer<typeof ManagerRecommendationsResponse>;

// ---------------------------------------------------------------------------------------------- attribution

export const ManagersQuery = z.object({ limit: strictNumber(num().int().min(1).max(50)).default(10) });

export const AttributionQuery = z.object({ days: strictNumber(num().int().min(1).max(250)).default(20) });
export type AttributionQuery = z.infer<typeof AttributionQuery>;

export const AttributionResponse = z.object({
  product_code: z.string(),
  as_of: z.string(),
  window: z.object({ start: z.string(), end: z.string(), days: z.number().int() }),
  /** total = market + style + specific. */
  total: z.number(),
  market: z.number(),
  style: z.number(),
  specific: z.number(),
  beta: z.number(),
  style_beta: z.number(),
  benchmark: z.object({ code: z.string(), return: z.number() }).nullable(),
  category: z.object({ type: z.string(), average_return: z.number().nullable(), peers: z.number().int() }),
  /** 0–100, higher = better than more peers of the type over the same dates. */
  peer_percentile: z.number().nullable(),
  explanation: z.string(),
  explanation_en: z.string(),
});
export type AttributionResponse = z.infer<typeof AttributionResponse>;

// ---------------------------------------------------------------------------------------------- alerts

export const ALERT_TYPES = [
  'nav_swing',
  'take_profit',
  'stop_loss',
  'holding_drawdown',
  'maturity_upcoming',
  'assessment_expiring',
  'assessment_expired',
] as const;

export const AlertsQuery = z.object({ asOf: BusinessDate.optional() });

export const AlertItem = z.object({
  /** Idempotency key: the same condition on the same data gives the same id. */
  id: z.string(),
  type: z.enum(ALERT_TYPES),
  product_code: z.string().nullable(),
  occurred_at: z.string(),
  message: z.string(),
  message_en: z.string(),
  payload: z.record(z.string(), z.unknown()),
});
export type AlertItem = z.infer<typeof AlertItem>;

export const AlertsResponse = z.object({
  customer_id: z.number(),
  as_of: z.string(),
  items: z.array(AlertItem),
  /** The disclosures the texts above need (risk warnings, past-performance note), shown once below them. */
  disclosure: z.string(),
  disclosure_en: z.string(),
});
export type AlertsResponse = z.infer<typeof AlertsResponse>;

/** Customer-set targets on a holding's return since purchase: take_profit in (0, 10], stop_loss in [−1, 0). */
export const TargetsBody = z
  .object({
    take_profit: strictNumber(
      num().gt(0, 'take_profit must be above 0 (0.2 = +20%)').max(10, 'take_profit at most 10 (= +1000%)'),
    )
      .nullable()
      .optional(),
    stop_loss: strictNumber(
      num().lt(0, 'stop_loss must be below 0 (−0.1 = −10%)').min(-1, 'stop_loss at least −1 (= −100%)'),
    )
      .nullable()
      .optional(),
  })
  .strict()
  .refine((b) => b.take_profit != null || b.stop_loss != null, {
    message: 'give take_profit and/or stop_loss',
    path: ['take_profit'],
  });
export type TargetsBody = z.infer<typeof TargetsBody>;

export const TargetsResponse = z.object({
  customer_id: z.number(),
  product_code: z.string(),
  take_profit: z.number().nullable(),
  stop_loss: z.number().nullable(),
  /** Suggested from the product's volatility when the customer sets none (null for calm products). */
  suggested: z.object({ take_profit: z.number().nullable(), stop_loss: z.number().nullable() }),
  updated_at: z.string().nullable(),
});
export type TargetsResponse = z.infer<typeof TargetsResponse>;

// ---------------------------------------------------------------------------------------------- commentary

export const CommentaryQuery = z.object({
  date: BusinessDate.optional(),
  kind: z.enum(['midday', 'close']).default('close'),
});
export type CommentaryQuery = z.infer<typeof CommentaryQuery>;

export const CommentaryResponse = z.object({
  date: z.string(),
  kind: z.enum(['midday', 'close']),
  text: z.string(),
  text_en: z.string(),
  indices: z.array(z.object({ code: z.string(), name: z.string(), change: z.number() })),
  /** Per-customer route only: the customer's holdings by group and their average move of the day. */
  holdings_effect: z.array(
    z.object({
      group: z.string(),
      codes: z.array(z.string()),
      average_change: z.number(),
      estimated: z.boolean(),
    }),
  ),
});
export type CommentaryResponse = z.infer<typeof CommentaryResponse>;

// ---------------------------------------------------------------------------------------------- insurance

export const PROTECTION_KINDS = ['medical', 'critical_illness', 'accident', 'life', 'annuity'] as const;

const yuan = () => strictNumber(num().positive('expected a positive number of yuan').max(1e10));

/**
 * A quoted insurance policy (the products table holds no quotes: premiums, cover, waiting periods and entry
 * ages come with the request).
 */
export const InsuranceOfferBody = z
  .object({
    code: z.string().min(1).max(32),
    name: z.string().min(1).max(100),
    kind: z.enum(PROTECTION_KINDS),
    insurer: z.string().min(1).max(100),
    risk: z.enum(['R1', 'R2', 'R3', 'R4', 'R5']).optional(),
    annual_premium: yuan(),
    cover: yuan(),
    term_years: strictNumber(num().int().min(1).max(120)).nullable(),
    payment_years: strictNumber(num().int().min(1).max(100)),
    waiting_days: strictNumber(num().int().min(0).max(3650)),
    entry_age: z
      .tuple([strictNumber(num().int().min(0).max(110)), strictNumber(num().int().min(0).max(110))])
      .refine(([a, b]) => a <= b, 'entry_age: give [youngest, oldest] with youngest ≤ oldest'),
    renewable: z.boolean().optional(),
    exclusions: z.array(z.string().min(1).max(200)).max(50).default([]),
  })
  .strict();
export type InsuranceOfferBody = z.infer<typeof InsuranceOfferBody>;

export const InsuranceSelectionBody = z
  .object({
    offers: z.array(InsuranceOfferBody).min(1).max(50),
    dependents: strictNumber(num().int().min(0).max(20)).default(0),
    /** Debts in yuan (mortgage, loans). */
    debts: strictNumber(num().min(0).max(1e10)).default(0),
    retirementAge: strictNumber(num().int().min(40).max(80)).optional(),
    pensionReplacement: strictNumber(num().min(0).max(1)).optional(),
  })
  .strict();
export type InsuranceSelectionBody = z.infer<typeof InsuranceSelectionBody>;

export const InsuranceSelectionResponse = z.object({
  customer_id: z.number(),
  rules_version: z.string(),
  needs: z.array(
    z.object({
      kind: z.enum(PROTECTION_KINDS),
      priority: z.number().int(),
      needed: Money,
      existing: Money,
      gap: Money,
      message: z.string(),
      message_en: z.string(),
      rule_source: z.string(),
    }),
  ),
  picks: z.array(
    z.object({
      kind: z.enum(PROTECTION_KINDS),
      product_code: z.string(),
      annual_premium: Money,
      cover: Money,
      gap_covered: z.number(),
      score: z.number(),
    }),
  ),
  budget: Money,
  premium: Money,
  unmet: z.array(z.enum(PROTECTION_KINDS)),
  disclosure: z.string(),
  disclosure_en: z.string(),
});
export type InsuranceSelectionResponse = z.infer<typeof InsuranceSelectionResponse>;

export const InsuranceCompareBody = z.object({ offers: z.array(InsuranceOfferBody).min(2).max(5) }).strict();
export type InsuranceCompareBody = z.infer<typeof InsuranceCompareBody>;

export const InsuranceCompareResponse = z.object({
  codes: z.array(z.string()),
  rows: z.array(
    z.object({
      key: z.string(),
      label: z.string(),
      label_en: z.string(),
      values: z.array(z.union([z.number(), z.string(), z.boolean()]).nullable()),
      best: z.number().int().nullable(),
    }),
  ),
  exclusions: z.array(z.object({ text: z.string(), present: z.array(z.boolean()) })),
  highlights: z.array(z.string()),
  highlights_en: z.array(z.string()),
  disclosure: z.string(),
  disclosure_en: z.string(),
});
export type InsuranceCompareResponse = z.infer<typeof InsuranceCompareResponse>;
