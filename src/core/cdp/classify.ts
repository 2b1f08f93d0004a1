import type { Grade, Lifecycle, Tier } from '../segment/attributes.js';
import { TIERS } from '../segment/attributes.js';
import type { CdpPolicy, ServiceMode } from './policy.js';
import { DEFAULT_CDP_POLICY } from './policy.js';

/** The tier of an AUM (in fen) under the policy's bands. */
export const tierOf = (aumFen: number, policy: CdpPolicy): Tier => {
  let tier = policy.tiers[0]!.tier;
  for (const t of policy.tiers) if (aumFen >= Math.round(t.minAumYuan * 100)) tier = t.tier;
  return tier;
};

export const serviceModeOf = (tier: Tier, policy: CdpPolicy): ServiceMode =>
  policy.tiers.find((t) => t.tier === tier)?.service ?? 'ai';

/** What the value-contribution score reads about a customer. */
export type ValueInputs = {
  aumFen: number;
  /** Distinct product types held. */
  productTypes: number;
  tenureMonths: number;
  payroll: boolean;
  /** Purchases in the last 12 months, in fen (fee-bearing business brought). */
  purchases12mFen: number;
};

/**
 * Value-contribution score, 0–100: AUM (up to 50 points, logarithmic: 1万 → ~5, 50万 → ~30, 600万 → 50), breadth
 * of products held (up to 15), tenure (up to 10, one point per year), payroll relationship (10), and business
 * brought in the last year (up to 15, logarithmic, 100万 purchases → 15). Rounded to 0.01.
 */
export const valueScore = (v: ValueInputs, w: CdpPolicy['weights'] = DEFAULT_CDP_POLICY.weights): number => {
  const log = (x: number, full: number) => Math.min(1, Math.log10(1 + Math.max(0, x)) / Math.log10(1 + full));
  const aum = w.aum * log(v.aumFen / 100 / 10_000, 600);
  const breadth = w.breadth * Math.min(1, Math.max(0, v.productTypes) / 3);
  const tenure = w.tenure * Math.min(1, Math.max(0, v.tenureMonths) / 120);
  const payroll = v.payroll ? w.payroll : 0;
  const business = w.business * log(v.purchases12mFen / 100 / 10_000, 100);
  return Math.round((aum + breadth + tenure + payroll + business) * 100) / 100;
};

export const gradeOf = (score: number, policy: CdpPolicy): Grade => {
  let grade = policy.grades[0]!.grade;
  for (const g of policy.grades) if (score >= g.minScore) grade = g.grade;
  return grade;
};

export const benefitsOf = (grade: Grade, policy: CdpPolicy): readonly string[] =>
  policy.grades.find((g) => g.grade === grade)?.benefits ?? [];

/** What the lifecycle stage reads about a customer. */
export type LifecycleInputs = {
  tenureMonths: number;
  tier: Tier;
  productTypes: number;
  /** Days since the last activity (login, trade, chat …); null when there was none. */
  daysSinceActivity: number | null;
  /** Redemptions minus purchases over the policy's flow window, in fen (positive = money leaving). */
  netOutflowFen: number;
  aumFen: number;
  /** A large transfer out within the flow window. */
  largeTransferOut: boolean;
  /** The account is flagged dormant by the core system. */
  dormantFlag: boolean;
};

/**
 * The lifecycle stage, first match wins: growth (first months after onboarding) → dormant (no activity for
 * `dormantDays`, or flagged) → churn_risk (net outflow above a share of AUM, or a large transfer out) →
 * consolidation (an established customer: tier ≥ `consolidationTier` with several product types) → improvement
 * (everyone else: room to deepen the relationship).
 */
export const lifecycleOf = (c: LifecycleInputs, policy: CdpPolicy): Lifecycle => {
  const p = policy.lifecycle;
  if (c.tenureMonths < p.growthMonths) return 'growth';
  if (c.dormantFlag || c.daysSinceActivity === null || c.daysSinceActivity >= p.dormantDays) return 'dormant';
  const base = Math.max(c.aumFen + Math.max(0, c.netOutflowFen), 1);
  if (c.largeTransferOut || c.netOutflowFen / base > p.churnOutflowShare) return 'churn_risk';
  if (
    TIERS.indexOf(c.tier) >= TIERS.indexOf(p.consolidationTier) &&
    c.productTypes >= p.consolidationProductTypes
  )
    return 'consolidation';
  return 'improvement';
};
