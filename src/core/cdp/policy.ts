import type { Grade, Lifecycle, Tier } from '../segment/attributes.js';
import type { Rule } from '../segment/rule.js';

/**
 * 三分体系 (tiering, grading, grouping) and lifecycle, as one configurable policy object. The defaults follow the
 * common practice of Chinese retail banks: AUM bands for the tier (大众 < 5万, 潜力 5–50万, 富裕 50–600万,
 * 私行 ≥ 600万) with the service mode each tier gets, a value-contribution score for the grade and its benefits,
 * customer groups as segment rules, and lifecycle thresholds.
 */
export type ServiceMode = 'ai' | 'human_ai' | 'human';

export type CdpPolicy = {
  /** Tiers from the lowest; a customer takes the last tier whose `minAumYuan` the AUM reaches. */
  tiers: readonly { tier: Tier; minAumYuan: number; service: ServiceMode }[];
  /** Grades from the lowest; a customer takes the last grade whose `minScore` the value score reaches. */
  grades: readonly { grade: Grade; minScore: number; benefits: readonly string[] }[];
  /**
   * Points of the value-contribution score (core/cdp/classify.ts valueScore) per component; they add up to 100.
   * aum: logarithmic in AUM up to 600万; breadth: full at 3 product types; tenure: full at 10 years; payroll: the
   * payroll relationship; business: logarithmic in last year's purchases up to 100万.
   */
  weights: { aum: number; breadth: number; tenure: number; payroll: number; business: number };
  /** Built-in groups (saved as segments of kind "group", keyed). */
  groups: readonly { key: string; name: string; rule: Rule }[];
  lifecycle: {
    /** A customer is in growth for this many months after onboarding. */
    growthMonths: number;
    /** No login, purchase or other activity for this many days: dormant. */
    dormantDays: number;
    /** Net outflow over the last `flowDays` above this share of AUM, or a large transfer out: churn risk. */
    churnOutflowShare: number;
    flowDays: number;
    /** Tier from which, with `consolidationProductTypes` product types held, a customer is in consolidation. */
    consolidationTier: Tier;
    consolidationProductTypes: number;
  };
};

export const DEFAULT_CDP_POLICY: CdpPolicy = {
  tiers: [
    { tier: 'mass', minAumYuan: 0, service: 'ai' },
    { tier: 'potential', minAumYuan: 50_000, service: 'ai' },
    { tier: 'affluent', minAumYuan: 500_000, service: 'human_ai' },
    { tier: 'private', minAumYuan: 6_000_000, service: 'human' },
  ],
  grades: [
    { grade: 'V1', minScore: 0, benefits: ['basic'] },
    { grade: 'V2', minScore: 20, benefits: ['basic', 'fee_discount_10'] },
    { grade: 'V3', minScore: 40, benefits: ['basic', 'fee_discount_20', 'priority_queue'] },
    { grade: 'V4', minScore: 60, benefits: ['basic', 'fee_discount_30', 'priority_queue', 'dedicated_rm'] },
    {
      grade: 'V5',
      minScore: 80,
      benefits: ['basic', 'fee_discount_50', 'priority_queue', 'dedicated_rm', 'vip_events'],
    },
  ],
  weights: { aum: 50, breadth: 15, tenure: 10, payroll: 10, business: 15 },
  groups: [
    { key: 'payroll', name: '代发客户', rule: { attr: 'payroll', op: 'eq', value: true } },
    { key: 'elderly', name: '老年客户 (60+)', rule: { attr: 'age', op: 'gte', value: 60 } },
    { key: 'car_owner', name: '有车客户', rule: { attr: 'car_owner', op: 'eq', value: true } },
    { key: 'county', name: '县域客户', rule: { attr: 'county', op: 'eq', value: true } },
    { key: 'new_customers', name: '新客 (3个月内)', rule: { attr: 'tenure_months', op: 'lt', value: 3 } },
  ],
  lifecycle: {
    growthMonths: 3,
    dormantDays: 180,
    churnOutflowShare: 0.3,
    flowDays: 90,
    consolidationTier: 'affluent',
    consolidationProductTypes: 3,
  },
};

export type { Lifecycle };
