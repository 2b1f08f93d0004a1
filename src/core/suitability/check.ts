import { badInput } from '../errors.js';
import { compareDates, formatIsoDate, lastValidDay, parseIsoDate } from './dates.js';
import { DEFAULT_POLICY, type SuitabilityPolicy } from './policy.js';
import { reasonMessage, type ReasonCode, type ReasonMessage } from './reasons.js';
import {
  CHANNELS,
  CIVIL_CAPACITIES,
  INITIATORS,
  isInvestorLevel,
  isProductRiskLevel,
  levelRank,
  type Channel,
  type CivilCapacity,
  type Decision,
  type Initiator,
  type InvestorLevel,
  type ProductRiskLevel,
} from './types.js';

/** Version of the decision procedure of regulation.md §1 ("spec v1"). */
export const SUITABILITY_SPEC_VERSION = 'spec-v1';

export type SuitabilityInput = {
  readonly investor: InvestorLevel;
  readonly product: ProductRiskLevel;
  readonly channel: Channel;
  /** Default `customer`: the investor asked for the product. */
  readonly initiatedBy?: Initiator;
  readonly age?: number;
  /** 风险承受能力最低类别 (within C1). */
  readonly lowestCategory?: boolean;
  readonly professional?: boolean;
  /** Default `full`. */
  readonly civilCapacity?: CivilCapacity;
  /** Date of the last risk assessment, YYYY-MM-DD; absent = no assessment on file. */
  readonly assessedAt?: string;
  /** Business date of the decision, YYYY-MM-DD (required with `assessedAt`; core has no clock). */
  readonly on?: string;
  readonly productTermMonths?: number;
  readonly investorHorizonMonths?: number;
  /** Product type (e.g. `fund_equity`, `bank_wm`, `structured`), checked against `experiencedProductTypes`. */
  readonly productType?: string;
  readonly experiencedProductTypes?: readonly string[];
};

/** The step of the procedure that decided (the audit trail stores it with the inputs and policy version). */
export type DecidingRule =
  | 'civil_capacity'
  | 'assessment_validity'
  | 'professional'
  | 'lowest_category'
  | 'limited_capacity'
  | 'direct_match'
  | 'above_level'
  | 'horizon'
  | 'experience';

export type SuitabilityResult = {
  readonly decision: Decision;
  readonly may_recommend: boolean;
  readonly enhanced_duty: boolean;
  readonly reasons: readonly ReasonCode[];
  readonly messages: readonly ReasonMessage[];
  readonly rule: DecidingRule;
  /** 1–7: the step of spec v1; 8 for the horizon/experience checks applied after it. */
  readonly step: number;
  readonly policy_version: string;
  readonly spec_version: string;
  /** Last valid day of the assessment under this policy, when an assessment was given. */
  readonly assessment_valid_until: string | null;
  readonly inputs: SuitabilityInput;
};

type Verdict = { decision: Decision; rule: DecidingRule; step: number; reason: ReasonCode };

const validateInput = (i: SuitabilityInput): void => {
  if (!isInvestorLevel(i.investor)) throw badInput('investor', `expected C1..C5, got ${String(i.investor)}`);
  if (!isProductRiskLevel(i.product)) throw badInput('product', `expected R1..R5, got ${String(i.product)}`);
  if (!CHANNELS.includes(i.channel))
    throw badInput('channel', `expected bank|securities, got ${String(i.channel)}`);
  if (i.initiatedBy !== undefined && !INITIATORS.includes(i.initiatedBy)) {
    throw badInput('initiated_by', `expected customer|advisor, got ${String(i.initiatedBy)}`);
  }
  if (i.civilCapacity !== undefined && !CIVIL_CAPACITIES.includes(i.civilCapacity)) {
    throw badInput('civil_capacity', `expected full|limited|none, got ${String(i.civilCapacity)}`);
  }
  if (i.age !== undefined && (!Number.isInteger(i.age) || i.age < 0 || i.age > 150)) {
    throw badInput('age', `expected a whole number of years 0..150, got ${i.age}`);
  }
  for (const [field, v] of [
    ['product_term_months', i.productTermMonths],
    ['investor_horizon_months', i.investorHorizonMonths],
  ] as const) {
    if (v !== undefined && (!Number.isFinite(v) || v < 0)) {
      throw badInput(field, `expected a number of months ≥ 0, got ${v}`);
    }
  }
};

/** Step 2: null when the assessment is valid on `on`, else the DENY reason. Also returns the last valid day. */
const assessmentCheck = (
  i: SuitabilityInput,
  policy: SuitabilityPolicy,
): { failure: ReasonCode | null; validUntil: string | null } => {
  if (i.assessedAt === undefined) return { failure: 'ASSESSMENT_MISSING', validUntil: null };
  const assessed = parseIsoDate(i.assessedAt, 'assessed_at');
  if (i.on === undefined) throw badInput('on', 'the decision date is required when assessed_at is given');
  const on = parseIsoDate(i.on, 'on');
  if (compareDates(assessed, on) > 0) {
    throw badInput('assessed_at', `the assessment date ${i.assessedAt} is after the decision date ${i.on}`);
  }
  const until = lastValidDay(assessed, policy.validityMonths[i.channel]);
  return {
    failure: compareDates(on, until) > 0 ? 'ASSESSMENT_EXPIRED' : null,
    validUntil: formatIsoDate(until),
  };
};

/** Steps 1–7 of spec v1, in order (regulation.md §1). */
const specV1 = (
  i: SuitabilityInput,
  professional: boolean,
  assessmentFailure: ReasonCode | null,
): Verdict => {
  const r = levelRank(i.product);
  const c = levelRank(i.investor);
  const capacity = i.civilCapacity ?? 'full';
  if (capacity === 'none')
    return { decision: 'DENY', rule: 'civil_capacity', step: 1, reason: 'NO_CIVIL_CAPACITY' };
  if (!professional && assessmentFailure !== null) {
    return { decision: 'DENY', rule: 'assessment_validity', step: 2, reason: assessmentFailure };
  }
  if (professional)
    return { decision: 'ALLOW', rule: 'professional', step: 3, reason: 'PROFESSIONAL_INVESTOR' };
  if (i.lowestCategory === true) {
    return r === 1
      ? { decision: 'ALLOW', rule: 'lowest_category', step: 4, reason: 'LOWEST_CATEGORY_R1' }
      : { decision: 'DENY', rule: 'lowest_category', step: 4, reason: 'LOWEST_CATEGORY_ONLY_R1' };
  }
  if (capacity === 'limited') {
    return r <= 2
      ? { decision: 'ALLOW', rule: 'limited_capacity', step: 5, reason: 'LIMITED_CAPACITY_GUARDIAN' }
      : { decision: 'DENY', rule: 'limited_capacity', step: 5, reason: 'LIMITED_CAPACITY_LOW_RISK_ONLY' };
  }
  if (r <= c) return { decision: 'ALLOW', rule: 'direct_match', step: 6, reason: 'LEVEL_MATCH' };
  if (i.channel === 'bank')
    return { decision: 'DENY', rule: 'above_level', step: 7, reason: 'ABOVE_LEVEL_BANK_REFUSED' };
  return (i.initiatedBy ?? 'customer') === 'customer'
    ? { decision: 'WARN_CONFIRM', rule: 'above_level', step: 7, reason: 'ABOVE_LEVEL_WARN_CONFIRM' }
    : { decision: 'DENY', rule: 'above_level', step: 7, reason: 'ABOVE_LEVEL_ADVISOR_INITIATED' };
};

/**
 * Horizon and experience checks for ordinary investors, applied after spec v1 when the inputs are known.
 * A mismatch is handled like a product above the investor's level (CSRC order 130 treats term and type
 * mismatches like risk mismatches): refused on the bank channel, WARN_CONFIRM when the customer asks on
 * the securities channel, refused when the advisor initiates.
 */
const matchingChecks = (i: SuitabilityInput, policy: SuitabilityPolicy, v: Verdict): Verdict => {
  if (v.decision === 'DENY' || v.rule === 'professional') return v;
  const mismatch: Array<{ rule: DecidingRule; reason: ReasonCode }> = [];
  if (
    policy.checkHorizon &&
    i.productTermMonths !== undefined &&
    i.investorHorizonMonths !== undefined &&
    i.productTermMonths > i.investorHorizonMonths
  ) {
    mismatch.push({ rule: 'horizon', reason: 'HORIZON_EXCEEDED' });
  }
  if (
    policy.checkExperience &&
    i.productType !== undefined &&
    i.experiencedProductTypes !== undefined &&
    !i.experiencedProductTypes.includes(i.productType)
  ) {
    mismatch.push({ rule: 'experience', reason: 'NO_PRODUCT_TYPE_EXPERIENCE' });
  }
  const first = mismatch[0];
  if (first === undefined) return v;
  const customerAsks = (i.initiatedBy ?? 'customer') === 'customer';
  const decision: Decision = i.channel === 'securities' && customerAsks ? 'WARN_CONFIRM' : 'DENY';
  return { decision, rule: first.rule, step: 8, reason: first.reason };
};

/**
 * Suitability decision for one investor × product (regulation.md §1, spec v1, in order), plus the horizon
 * and experience checks when their inputs are given. Pure: the decision date comes in as `on`.
 */
export const checkSuitability = (
  input: SuitabilityInput,
  policy: SuitabilityPolicy = DEFAULT_POLICY,
): SuitabilityResult => {
  validateInput(input);
  const professional = input.professional === true;
  const { failure, validUntil } =
    professional && (input.assessedAt === undefined || input.on === undefined)
      ? { failure: null, validUntil: null }
      : assessmentCheck(input, policy);
  const base = specV1(input, professional, failure);
  const verdict = matchingChecks(input, policy, base);
  const r = levelRank(input.product);
  const reasons: ReasonCode[] = [base.reason];
  if (verdict !== base) reasons.push(verdict.reason);
  const mayRecommend = verdict.decision === 'ALLOW' && (professional || r <= levelRank(input.investor));
  if (verdict.decision === 'ALLOW' && !mayRecommend) reasons.push('NOT_RECOMMENDABLE');
  let enhanced = false;
  if (!professional && verdict.decision !== 'DENY') {
    if (r >= levelRank(policy.enhancedDutyFrom)) {
      enhanced = true;
      reasons.push('ENHANCED_DUTY_HIGH_RISK');
    }
    if (
      input.age !== undefined &&
      input.age >= policy.elderlyAge &&
      r >= levelRank(policy.elderlyEnhancedDutyFrom)
    ) {
      enhanced = true;
      reasons.push('ENHANCED_DUTY_ELDERLY');
    }
  }
  return {
    decision: verdict.decision,
    may_recommend: mayRecommend,
    enhanced_duty: enhanced,
    reasons,
    messages: reasons.map(reasonMessage),
    rule: verdict.rule,
    step: verdict.step,
    policy_version: policy.version,
    spec_version: SUITABILITY_SPEC_VERSION,
    assessment_valid_until: validUntil,
    inputs: input,
  };
};
