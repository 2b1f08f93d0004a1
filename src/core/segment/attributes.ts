/**
 * The customer attributes a segment rule may test (CLI.md "Customer data"), with their kind, which decides the
 * operators and values they accept. `number` compares numerically; `ordinal` is an ordered list of codes (lt/gt
 * compare positions in the list); `enum` accepts equality and membership only; `boolean` eq/ne only; `date`
 * compares ISO dates (YYYY-MM-DD).
 */
export const TIERS = ['mass', 'potential', 'affluent', 'private'] as const;
export type Tier = (typeof TIERS)[number];

export const LIFECYCLES = ['growth', 'improvement', 'consolidation', 'dormant', 'churn_risk'] as const;
export type Lifecycle = (typeof LIFECYCLES)[number];

export const GRADES = ['V1', 'V2', 'V3', 'V4', 'V5'] as const;
export type Grade = (typeof GRADES)[number];

export const RISK_LEVELS = ['C1', 'C2', 'C3', 'C4', 'C5'] as const;
export const PRODUCT_RISKS = ['R1', 'R2', 'R3', 'R4', 'R5'] as const;
export const LEGACY_SEGMENTS = ['mass', 'affluent', 'wealth', 'private'] as const;

export type AttrSpec =
  | { kind: 'number'; integer: boolean; min: number; max: number; unit?: string }
  | { kind: 'ordinal'; values: readonly string[] }
  | { kind: 'enum'; values: readonly string[] }
  | { kind: 'boolean' }
  | { kind: 'date' };

export const ATTRIBUTES = {
  /** Completed years on the as-of date (China business date). */
  age: { kind: 'number', integer: true, min: 0, max: 150 },
  /** Assets under management in yuan (compared in fen, rounded). */
  aum: { kind: 'number', integer: false, min: 0, max: 1e13, unit: 'yuan' },
  risk_level: { kind: 'ordinal', values: RISK_LEVELS },
  tier: { kind: 'ordinal', values: TIERS },
  grade: { kind: 'ordinal', values: GRADES },
  lifecycle: { kind: 'enum', values: LIFECYCLES },
  city_tier: { kind: 'number', integer: true, min: 1, max: 9 },
  county: { kind: 'boolean' },
  payroll: { kind: 'boolean' },
  elderly: { kind: 'boolean' },
  car_owner: { kind: 'boolean' },
  /** Completed months since onboarding on the as-of date. */
  tenure_months: { kind: 'number', integer: true, min: 0, max: 2000 },
  /** The legacy segment column of the customer list (mass/affluent/wealth/private). */
  segment: { kind: 'enum', values: LEGACY_SEGMENTS },
  /** Date of the last risk assessment. */
  risk_assessed_at: { kind: 'date' },
  /** Staff id of the customer's RM (a customer without an RM matches no comparison). */
  rm_id: { kind: 'number', integer: true, min: 0, max: 2147483647 },
} as const satisfies Record<string, AttrSpec>;

export type Attribute = keyof typeof ATTRIBUTES;
export const ATTRIBUTE_NAMES = Object.keys(ATTRIBUTES) as Attribute[];

export const attrSpec = (a: Attribute): AttrSpec => ATTRIBUTES[a];

export const OPS = ['eq', 'ne', 'lt', 'lte', 'gt', 'gte', 'in', 'between'] as const;
export type Op = (typeof OPS)[number];

/** Operators an attribute kind accepts. */
export const opsOf = (spec: AttrSpec): readonly Op[] => {
  switch (spec.kind) {
    case 'number':
    case 'ordinal':
    case 'date':
      return OPS;
    case 'enum':
      return ['eq', 'ne', 'in'];
    case 'boolean':
      return ['eq', 'ne'];
  }
};
