import { z } from 'zod';
import { INVESTOR_LEVELS } from '../core/suitability/types.js';
import { idNumber, Money, num, PageQuery, pageOf, strictNumber } from './common.js';

/** The largest AUM filter, in yuan (10 trillion): its value in fen is an exact safe integer. */
export const MAX_AUM_YUAN = 1e13;

export const CustomerListQuery = PageQuery.extend({
  q: z.string().trim().max(64).optional(),
  riskLevel: z.enum(INVESTOR_LEVELS).optional(),
  segment: z.enum(['mass', 'affluent', 'wealth', 'private']).optional(),
  /** valid | expired: whether the risk assessment has lapsed under the institution's policy (bank channel). */
  assessment: z.enum(['valid', 'expired']).optional(),
  /** Assets under management bounds in yuan (at most MAX_AUM_YUAN: fen stay exact and within bigint). */
  minAum: strictNumber(num().nonnegative().max(MAX_AUM_YUAN)).optional(),
  maxAum: strictNumber(num().nonnegative().max(MAX_AUM_YUAN)).optional(),
  rmId: idNumber().optional(),
  orgUnitId: z.string().max(32).optional(),
  sort: z.enum(['aum_desc', 'aum_asc', 'name', 'id']).default('aum_desc'),
});
export type CustomerListQuery = z.infer<typeof CustomerListQuery>;

export const CustomerSummary = z.object({
  id: z.number().int(),
  name: z.string(),
  gender: z.enum(['M', 'F']),
  age: z.number().int(),
  phone: z.string(),
  city: z.string(),
  cityTier: z.number().int(),
  segment: z.string(),
  aum: Money,
  riskLevel: z.string(),
  riskAssessedAt: z.string(),
  assessmentExpired: z.boolean(),
  rmId: z.number().int().nullable(),
  rmName: z.string().nullable(),
  orgUnitId: z.string(),
  orgUnitName: z.string(),
  /** True when names, phones and ID numbers were masked for the caller's role. */
  masked: z.boolean(),
});
export type CustomerSummary = z.infer<typeof CustomerSummary>;

export const CustomerPage = pageOf(CustomerSummary);
export type CustomerPage = z.infer<typeof CustomerPage>;

export const CustomerIdParams = z.object({ id: idNumber() });

export const Identity = z.object({
  channel: z.string(),
  value: z.string(),
  verified: z.boolean(),
  linkedAt: z.string(),
});

export const CustomerProfile = CustomerSummary.extend({
  birthDate: z.string(),
  idNumber: z.string(),
  province: z.string(),
  county: z.boolean(),
  occupation: z.string(),
  education: z.string(),
  annualIncome: Money,
  lowestCategory: z.boolean(),
  professional: z.boolean(),
  payroll: z.boolean(),
  elderly: z.boolean(),
  carOwner: z.boolean(),
  onboardedAt: z.string(),
  status: z.string(),
});
export type CustomerProfile = z.infer<typeof CustomerProfile>;

/** A position: market value = units × latest unit NAV; P&L = market value − cost (fees included). */
export const Holding = z.object({
  productCode: z.string(),
  productName: z.string(),
  productType: z.string(),
  productRisk: z.string(),
  units: z.string(),
  navDate: z.string().nullable(),
  latestNav: z.string().nullable(),
  marketValue: Money,
  cost: Money,
  pnl: Money,
  /** P&L over cost; null when the cost is zero. */
  pnlRate: z.number().nullable(),
  /** `nav` when valued at the latest NAV; `cost` when the product publishes no NAV. */
  valuation: z.enum(['nav', 'cost']),
  openedAt: z.string(),
});
export type Holding = z.infer<typeof Holding>;

export const AssetMixItem = z.object({ productType: z.string(), marketValue: Money, share: z.number() });

export const Transaction = z.object({
  id: z.number().int(),
  productCode: z.string(),
  productName: z.string(),
  type: z.string(),
  tradeDate: z.string(),
  amount: Money,
  units: z.string(),
  nav: z.string(),
  fee: Money,
  channel: z.string(),
});
export type Transaction = z.infer<typeof Transaction>;

export const TimelineEvent = z.object({
  id: z.number().int(),
  at: z.string(),
  type: z.string(),
  channel: z.string(),
  payload: z.record(z.string(), z.unknown()),
});
export type TimelineEvent = z.infer<typeof TimelineEvent>;

/** A consent decision (customer × purpose × channel), as required by PIPL for marketing and profiling. */
export const Consent = z.object({
  purpose: z.string(),
  channel: z.string(),
  granted: z.boolean(),
  at: z.string(),
});

/** A tag of a customer and what set it (CLI.md "Customer data"). */
export const CustomerTag = z.object({
  key: z.string(),
  source: z.enum(['rule', 'model', 'manual', 'conversation']),
});

export const Customer360 = z.object({
  profile: CustomerProfile,
  /** 三分体系 (issue 13): AUM tier and its service mode, value grade and its benefits, groups, lifecycle stage. */
  tier: z.enum(['mass', 'potential', 'affluent', 'private']),
  serviceMode: z.enum(['ai', 'human_ai', 'human']),
  grade: z.string(),
  benefits: z.array(z.string()),
  groups: z.array(z.string()),
  lifecycle: z.enum(['growth', 'improvement', 'consolidation', 'dormant', 'churn_risk']),
  tags: z.array(CustomerTag),
  identities: z.array(Identity),
  /** ONE-ID merges this customer took part in (survivor or duplicate), newest first. */
  merges: z.array(
    z.object({
      id: z.number().int(),
      survivor: z.number().int(),
      merged: z.number().int(),
      rule: z.string(),
      status: z.string(),
      movedEvents: z.number().int(),
      at: z.string(),
      by: z.string(),
      reason: z.string().nullable(),
      unmergedAt: z.string().nullable(),
      unmergedBy: z.string().nullable(),
    }),
  ),
  consents: z.array(Consent),
  holdings: z.array(Holding),
  totals: z.object({ marketValue: Money, cost: Money, pnl: Money, pnlRate: z.number().nullable() }),
  assetMix: z.array(AssetMixItem),
  transactions: z.array(Transaction),
  timeline: z.array(TimelineEvent),
});
export type Customer360 = z.infer<typeof Customer360>;

export const EventsQuery = PageQuery.extend({ type: z.string().max(32).optional() });
export const EventPage = pageOf(TimelineEvent);
export const TransactionPage = pageOf(Transaction);
