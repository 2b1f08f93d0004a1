import { checkSuitability } from '../suitability/check.js';
import { DEFAULT_POLICY, type SuitabilityPolicy } from '../suitability/policy.js';
import type { Channel, CivilCapacity, InvestorLevel, ProductRiskLevel } from '../suitability/types.js';
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
  const s = checkSuitability(
    {
      investor: c.level,
      product: risk,
      channel: c.channel,
      initiatedBy: 'customer',
      assessedAt: '2000-01-01',
      on: '2000-01-01',
      ...(c.lowestCategory === undefined ? {} : { lowestCategory: c.lowestCategory }),
      ...(c.professional === undefined ? {} : { professional: c.professional }),
      ...(c.civilCapacity === undefined ? {} : { civilCapacity: c.civilCapacity }),
    },
    policy,
  );
  return !s.may_recommend;
};
