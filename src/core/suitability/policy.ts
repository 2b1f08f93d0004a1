import { badInput } from '../errors.js';
import { isProductRiskLevel, type Channel, type ProductRiskLevel } from './types.js';

/**
 * An institution's suitability policy on top of the regulation. Every decision carries `version`, so that
 * audit can tell which policy produced it.
 */
export type SuitabilityPolicy = {
  readonly version: string;
  /** Months an assessment stays valid, per channel (regulation.md §1: 12 bank, 24 securities by default). */
  readonly validityMonths: Readonly<Record<Channel, number>>;
  /** Age from which the special duty of care applies to ordinary investors (65). */
  readonly elderlyAge: number;
  /** Ordinary investors buying this level or above get the enhanced duty (R4). */
  readonly enhancedDutyFrom: ProductRiskLevel;
  /** Elderly ordinary investors buying this level or above get the enhanced duty (R3). */
  readonly elderlyEnhancedDutyFrom: ProductRiskLevel;
  /** NFRA frequency limits on risk assessments at one institution. */
  readonly frequency: {
    readonly maxPerDay: number;
    readonly maxPerWindow: number;
    readonly windowMonths: number;
  };
  /** Apply the horizon (product term ≤ investor horizon) and product-type experience checks when known. */
  readonly checkHorizon: boolean;
  readonly checkExperience: boolean;
};

export const DEFAULT_POLICY: SuitabilityPolicy = Object.freeze({
  version: 'caiban-suitability-2026.1',
  validityMonths: Object.freeze({ bank: 12, securities: 24 }),
  elderlyAge: 65,
  enhancedDutyFrom: 'R4',
  elderlyEnhancedDutyFrom: 'R3',
  frequency: Object.freeze({ maxPerDay: 2, maxPerWindow: 8, windowMonths: 12 }),
  checkHorizon: true,
  checkExperience: true,
});

export type PolicyOverrides = {
  readonly version: string;
  readonly validityMonths?: Partial<Record<Channel, number>>;
  readonly elderlyAge?: number;
  readonly enhancedDutyFrom?: ProductRiskLevel;
  readonly elderlyEnhancedDutyFrom?: ProductRiskLevel;
  readonly frequency?: Partial<SuitabilityPolicy['frequency']>;
  readonly checkHorizon?: boolean;
  readonly checkExperience?: boolean;
};

const positiveInt = (v: number, field: string): number => {
  if (!Number.isInteger(v) || v < 1) throw badInput(field, `expected a positive whole number, got ${v}`);
  return v;
};

/**
 * Builds an institution policy from the defaults. A custom policy must name its own version so that
 * stored decisions stay traceable; every value is validated and the error names the field.
 */
export const definePolicy = (
  o: PolicyOverrides,
  base: SuitabilityPolicy = DEFAULT_POLICY,
): SuitabilityPolicy => {
  if (typeof o.version !== 'string' || o.version.trim() === '') {
    throw badInput('policy.version', 'a custom policy needs its own non-empty version string');
  }
  const risk = (v: ProductRiskLevel | undefined, field: string, dflt: ProductRiskLevel): ProductRiskLevel => {
    if (v === undefined) return dflt;
    if (!isProductRiskLevel(v)) throw badInput(field, `expected R1..R5, got ${String(v)}`);
    return v;
  };
  const age = o.elderlyAge ?? base.elderlyAge;
  if (!Number.isInteger(age) || age < 18 || age > 120) {
    throw badInput('policy.elderlyAge', `expected a whole age between 18 and 120, got ${age}`);
  }
  return Object.freeze({
    version: o.version.trim(),
    validityMonths: Object.freeze({
      bank: positiveInt(o.validityMonths?.bank ?? base.validityMonths.bank, 'policy.validityMonths.bank'),
      securities: positiveInt(
        o.validityMonths?.securities ?? base.validityMonths.securities,
        'policy.validityMonths.securities',
      ),
    }),
    elderlyAge: age,
    enhancedDutyFrom: risk(o.enhancedDutyFrom, 'policy.enhancedDutyFrom', base.enhancedDutyFrom),
    elderlyEnhancedDutyFrom: risk(
      o.elderlyEnhancedDutyFrom,
      'policy.elderlyEnhancedDutyFrom',
      base.elderlyEnhancedDutyFrom,
    ),
    frequency: Object.freeze({
      maxPerDay: positiveInt(
        o.frequency?.maxPerDay ?? base.frequency.maxPerDay,
        'policy.frequency.maxPerDay',
      ),
      maxPerWindow: positiveInt(
        o.frequency?.maxPerWindow ?? base.frequency.maxPerWindow,
        'policy.frequency.maxPerWindow',
      ),
      windowMonths: positiveInt(
        o.frequency?.windowMonths ?? base.frequency.windowMonths,
        'policy.frequency.windowMonths',
      ),
    }),
    checkHorizon: o.checkHorizon ?? base.checkHorizon,
    checkExperience: o.checkExperience ?? base.checkExperience,
  });
};
