import { checkSuitability, type SuitabilityInput } from '../suitability/check.js';
import { DEFAULT_POLICY, type SuitabilityPolicy } from '../suitability/policy.js';
import type {
  Channel,
  CivilCapacity,
  Initiator,
  InvestorLevel,
  ProductRiskLevel,
} from '../suitability/types.js';
import { daysBetween } from './days.js';

/** The customer's suitability state as stored (customers table); shared by the advisory engines. */
export type SuitabilityState = {
  readonly level: InvestorLevel;
  readonly assessedAt: string | null;
  readonly channel: Channel;
  readonly lowestCategory?: boolean;
  readonly professional?: boolean;
  readonly civilCapacity?: CivilCapacity;
  readonly age?: number;
};

/** The suitability state plus what the matching checks use when known (questionnaire horizon, experience). */
export type AdviceCustomer = SuitabilityState & {
  readonly horizonMonths?: number;
  readonly experiencedProductTypes?: readonly string[];
};

/** A product as the suitability engine sees it. */
export type SuitabilityProduct = {
  readonly risk: ProductRiskLevel;
  readonly type?: string;
  readonly termMonths?: number;
};

/**
 * The suitability engine's input for this customer and product on `on`: every stored fact the customer has,
 * the product's term and type when known, and the horizon of the money (the questionnaire's by default).
 */
export const suitabilityInputOf = (
  c: AdviceCustomer,
  p: SuitabilityProduct,
  on: string,
  initiatedBy: Initiator,
  horizonMonths: number | undefined = c.horizonMonths,
): SuitabilityInput => ({
  investor: c.level,
  product: p.risk,
  channel: c.channel,
  initiatedBy,
  on,
  ...(c.assessedAt === null ? {} : { assessedAt: c.assessedAt }),
  ...(c.age === undefined ? {} : { age: c.age }),
  ...(c.lowestCategory === undefined ? {} : { lowestCategory: c.lowestCategory }),
  ...(c.professional === undefined ? {} : { professional: c.professional }),
  ...(c.civilCapacity === undefined ? {} : { civilCapacity: c.civilCapacity }),
  ...(p.termMonths === undefined ? {} : { productTermMonths: p.termMonths }),
  ...(horizonMonths === undefined ? {} : { investorHorizonMonths: horizonMonths }),
  ...(c.experiencedProductTypes === undefined || p.type === undefined
    ? {}
    : { productType: p.type, experiencedProductTypes: c.experiencedProductTypes }),
});

export type AssessmentStatus = {
  readonly status: 'valid' | 'expired' | 'missing' | 'exempt';
  readonly assessed_at: string | null;
  /** Last valid day under the policy (null without an assessment). */
  readonly valid_until: string | null;
  /** Days from `on` to the last valid day (negative once expired). */
  readonly days_left: number | null;
};

/**
 * Whether the customer's risk assessment is valid on `on`, through the suitability engine (its validity
 * window per channel and policy); professional investors need none (`exempt`).
 */
export const assessmentStatus = (
  c: SuitabilityState,
  on: string,
  policy: SuitabilityPolicy = DEFAULT_POLICY,
): AssessmentStatus => {
  const probe = checkSuitability(
    {
      investor: c.level,
      product: 'R1',
      channel: c.channel,
      on,
      ...(c.assessedAt === null ? {} : { assessedAt: c.assessedAt }),
    },
    policy,
  );
  const until = probe.assessment_valid_until;
  const daysLeft = until === null ? null : daysBetween(on, until);
  const failed = probe.rule === 'assessment_validity';
  const status: AssessmentStatus['status'] =
    c.professional === true && failed
      ? 'exempt'
      : c.assessedAt === null
        ? 'missing'
        : failed
          ? 'expired'
          : 'valid';
  return { status, assessed_at: c.assessedAt, valid_until: until, days_left: daysLeft };
};

/**
 * Is a product of rating `risk` above what the customer's level allows, whatever the assessment's age?
 * Asks the suitability engine as if the assessment were valid today (the customer asked for the product),
 * so that an expired assessment does not hide a level mismatch. Professional investors: never.
 */
export const aboveLevel = (
  c: SuitabilityState,
  risk: ProductRiskLevel,
  policy: SuitabilityPolicy = DEFAULT_POLICY,
): boolean => {
  const asIfValid = { ...c, assessedAt: '2000-01-01' };
  return !checkSuitability(suitabilityInputOf(asIfValid, { risk }, '2000-01-01', 'customer'), policy)
    .may_recommend;
};
