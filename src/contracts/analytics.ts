import { INVESTOR_LEVELS } from '../core/suitability/types.js';
import { z } from 'zod';
import { Money, num, strictNumber } from './common.js';

/** A metric value: a number, a date (drawdown peak/trough/recovery) or null when undefined (NaN). */
const MetricValue = z.union([z.number(), z.string()]).nullable();
export const MetricsTable = z.record(z.string(), MetricValue);

const Num = z.number().nullable();

export const ProductAnalyticsResponse = z.object({
  code: z.string(),
  name: z.string(),
  /** The product's own benchmark (e.g. 中债综合×60%+沪深300×40%), null when none can be computed. */
  benchmarkName: z.string().nullable(),
  metrics: MetricsTable,
  trailing: z.record(z.string(), Num),
  benchmarkTrailing: z.record(z.string(), Num).nullable(),
  calendar: z.array(z.object({ year: z.number(), value: Num, partial: z.boolean(), benchmark: Num })),
  chart: z.object({
    dates: z.array(z.string()),
    nav: z.array(Num),
    benchmark: z.array(Num).nullable(),
    drawdown: z.array(Num),
  }),
  rolling1y: z.array(z.object({ date: z.string(), value: Num })),
  drawdowns: z.array(
    z.object({
      depth: Num,
      peakDate: z.string().nullable(),
      troughDate: z.string().nullable(),
      recoveryDate: z.string().nullable(),
    }),
  ),
});
export type ProductAnalyticsResponse = z.infer<typeof ProductAnalyticsResponse>;

export const CompareRequest = z.object({
  codes: z
    .array(z.string().trim().min(1).max(32))
    .min(2, 'pick at least 2 products')
    .max(5, 'pick at most 5 products')
    .refine((c) => new Set(c).size === c.length, 'each product may appear once'),
});
export type CompareRequest = z.infer<typeof CompareRequest>;

export const CompareResponse = z.object({
  window: z.object({ start: z.string(), end: z.string(), observations: z.number() }),
  funds: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      riskLevel: z.string(),
      metrics: MetricsTable,
      trailing: z.record(z.string(), Num),
      recoveryPeriods: Num,
    }),
  ),
  correlation: z.array(z.array(Num)),
  drawdownOverlap: z.array(z.array(Num)),
  /** Adjusted NAV of each fund rebased to 1 on the first common date. */
  chart: z.object({ dates: z.array(z.string()), series: z.array(z.array(Num)) }),
  summary: z.object({ zh: z.string(), en: z.string() }),
});
export type CompareResponse = z.infer<typeof CompareResponse>;

export const PURPOSES = ['retirement', 'education', 'house', 'emergency', 'growth'] as const;
export const ASSET_CLASSES = [
  'cash',
  'fixed_income',
  'fixed_income_plus',
  'equity',
  'alternatives',
  'overseas',
] as const;

export const ProposalRequest = z.object({
  purpose: z.enum(PURPOSES),
  /** Money to plan in yuan, as a decimal string or number; includes the holdings being re-planned. */
  amount: strictNumber(num().positive('amount must be a positive number of yuan').max(1e10)),
  horizonMonths: strictNumber(num().int().min(1).max(600)),
  riskAppetite: z.enum(INVESTOR_LEVELS),
  liquidityNeed: z.enum(['low', 'medium', 'high']).default('medium'),
});
export type ProposalRequest = z.infer<typeof ProposalRequest>;

const Text = z.object({ zh: z.string(), en: z.string() });
const ClassWeights = z.record(z.enum(ASSET_CLASSES), z.number());

export const ProposalResponse = z.object({
  customerId: z.number(),
  asOf: z.string(),
  customerLevel: z.string(),
  effectiveLevel: z.string(),
  classWeights: ClassWeights,
  achievedClassWeights: ClassWeights,
  picks: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      assetClass: z.enum(ASSET_CLASSES),
      risk: z.string(),
      amount: Money,
      weight: z.number(),
      kept: z.boolean(),
      /** Held and not redeemable before this date (closed-end before its open date): fixed in the plan. */
      lockedUntil: z.string().nullable(),
      metrics: z.object({ annualReturn: Num, volatility: Num, maxDrawdown: Num, sharpe: Num }).nullable(),
      reasons: Text,
      suitability: z.object({ decision: z.string(), rule: z.string() }),
    }),
  ),
  trades: z.array(
    z.object({
      action: z.enum(['buy', 'sell']),
      code: z.string(),
      name: z.string(),
      amount: Money,
      reason: Text,
    }),
  ),
  nextSteps: z.array(
    z.object({ assetClass: z.enum(ASSET_CLASSES), amount: Money, zh: z.string(), en: z.string() }),
  ),
  /** Holdings not on the allocation shelf (insurance, advisory, closed products): left as they are. */
  outsidePlan: z.array(z.object({ code: z.string(), name: z.string(), marketValue: Money })),
  expectedReturn: z.number(),
  returnRange: z.tuple([z.number(), z.number()]),
  volatility: z.number(),
  estimatedWorstDrawdown: z.number(),
  backtest: z
    .object({
      start: z.string(),
      end: z.string(),
      dates: z.array(z.string()),
      nav: z.array(Num),
      annualReturn: Num,
      volatility: Num,
      maxDrawdown: Num,
    })
    .nullable(),
  uninvested: Money,
  frontier: z.array(z.object({ expectedReturn: z.number(), volatility: z.number() })),
  notes: Text,
});
export type ProposalResponse = z.infer<typeof ProposalResponse>;
