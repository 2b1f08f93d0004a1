import { badInput } from '../../errors.js';
import type { ProductType } from '../../product-types.js';
import type { ProductRiskLevel } from '../../suitability/types.js';
import type { AssetClass, LiquidityNeed } from '../allocation/types.js';
import type { DimensionKey } from './types.js';

/**
 * Thresholds of the wealth check-up, as a versioned policy (data an institution replaces and audits). Shares
 * are fractions of the invested portfolio unless said otherwise; money in fen. docs/advisory.md gives the
 * reasoning and sources of each default.
 */
export type CheckupPolicy = {
  readonly version: string;
  readonly weights: Readonly<Record<DimensionKey, number>>;
  /** Emergency reserve: months of income kept instantly available, by the customer's liquidity need. */
  readonly reserveMonths: Readonly<Record<LiquidityNeed, number>>;
  readonly minReserveFen: number;
  /** Liquid money counts as idle above the reserve when the excess exceeds both limits. */
  readonly idleCash: { readonly shareOfAssets: number; readonly minExcessFen: number };
  /** Locked money (closed-end WM, insurance) above this share of all assets is a liquidity finding. */
  readonly maxLockedShare: number;
  readonly concentration: {
    readonly productShareByRisk: Readonly<Record<ProductRiskLevel, number>>;
    readonly issuerShare: number;
    readonly categoryShare: Readonly<Partial<Record<ProductType, number>>>;
    /** A breach by more than this margin is high severity. */
    readonly highMargin: number;
    /** No concentration finding on a portfolio smaller than this. */
    readonly minPortfolioFen: number;
  };
  readonly maturity: { readonly noticeDays: number; readonly urgentDays: number };
  /** Current drawdown from the one-year peak that is deep, per asset class (negative fractions). */
  readonly drawdown: Readonly<Record<AssetClass, { readonly medium: number; readonly high: number }>>;
  readonly fees: { readonly ratio: number; readonly minExcess: number; readonly highRatio: number };
  readonly overlap: {
    readonly correlation: number;
    readonly minObservations: number;
    readonly mediumShare: number;
  };
  readonly drift: { readonly medium: number; readonly high: number };
  readonly riskMismatch: { readonly highLevelGap: number; readonly highShare: number };
  readonly diversification: { readonly targetEffectiveHoldings: number };
  /** The overall score is capped here while the assessment is expired or missing. */
  readonly expiredScoreCap: number;
};

export const DEFAULT_CHECKUP_POLICY: CheckupPolicy = {
  version: 'caiban-checkup-2026.1',
  weights: {
    allocation: 0.25,
    diversification: 0.15,
    risk_match: 0.2,
    liquidity: 0.15,
    cost: 0.1,
    performance: 0.15,
  },
  reserveMonths: { low: 3, medium: 6, high: 12 },
  minReserveFen: 2_000_000,
  idleCash: { shareOfAssets: 0.4, minExcessFen: 5_000_000 },
  maxLockedShare: 0.6,
  concentration: {
    productShareByRisk: { R1: 1, R2: 0.6, R3: 0.4, R4: 0.3, R5: 0.25 },
    issuerShare: 0.7,
    categoryShare: { sector: 0.3, qdii: 0.3, equity: 0.6, index: 0.6, hybrid: 0.6 },
    highMargin: 0.2,
    minPortfolioFen: 1_000_000,
  },
  maturity: { noticeDays: 30, urgentDays: 7 },
  drawdown: {
    cash: { medium: -0.005, high: -0.01 },
    fixed_income: { medium: -0.03, high: -0.05 },
    fixed_income_plus: { medium: -0.08, high: -0.12 },
    equity: { medium: -0.2, high: -0.3 },
    alternatives: { medium: -0.15, high: -0.25 },
    overseas: { medium: -0.2, high: -0.3 },
  },
  fees: { ratio: 1.3, minExcess: 0.002, highRatio: 2 },
  overlap: { correlation: 0.9, minObservations: 120, mediumShare: 0.3 },
  drift: { medium: 0.2, high: 0.35 },
  riskMismatch: { highLevelGap: 2, highShare: 0.2 },
  diversification: { targetEffectiveHoldings: 4 },
  expiredScoreCap: 59,
};

type DeepPartial<T> = { readonly [K in keyof T]?: T[K] extends object ? DeepPartial<T[K]> : T[K] };

const merge = (base: unknown, over: unknown, path: string): unknown => {
  if (over === undefined) return base;
  if (typeof base === 'number') {
    if (typeof over !== 'number' || !Number.isFinite(over))
      throw badInput(path, `expected a finite number, got ${JSON.stringify(over)}`);
    return over;
  }
  if (typeof base === 'object' && base !== null) {
    if (typeof over !== 'object' || over === null) throw badInput(path, 'expected an object');
    const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
    for (const [k, v] of Object.entries(over)) {
      if (!(k in out) && path !== 'policy.concentration.categoryShare')
        throw badInput(`${path}.${k}`, 'unknown setting');
      out[k] = k in out ? merge(out[k], v, `${path}.${k}`) : merge(0, v, `${path}.${k}`);
    }
    return out;
  }
  return over;
};

/**
 * An institution's check-up policy on top of the defaults: must name its own version (stored with every
 * check-up); every number is validated and an unknown setting is refused, naming the path.
 */
export const defineCheckupPolicy = (
  overrides: DeepPartial<Omit<CheckupPolicy, 'version'>> & { readonly version: string },
  base: CheckupPolicy = DEFAULT_CHECKUP_POLICY,
): CheckupPolicy => {
  if (typeof overrides.version !== 'string' || overrides.version.trim() === '')
    throw badInput('policy.version', 'a custom check-up policy needs its own non-empty version');
  const { version, ...rest } = overrides;
  const merged = merge(base, rest, 'policy') as CheckupPolicy;
  const wsum = Object.values(merged.weights).reduce((a, b) => a + b, 0);
  if (!(wsum > 0) || Object.values(merged.weights).some((w) => w < 0))
    throw badInput('policy.weights', 'dimension weights must be ≥ 0 and not all 0');
  return { ...merged, version: version.trim() };
};
