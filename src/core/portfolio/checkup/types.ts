import type { SuitabilityState } from '../../advisory/assessment.js';
import type { HeldUnits } from '../../advisory/holding.js';
import type { ShelfContext } from '../../advisory/shelf-context.js';
import type { Bilingual } from '../../advisory/text.js';
import type { SuitabilityPolicy } from '../../suitability/policy.js';
import type { InvestorLevel } from '../../suitability/types.js';
import type { AllocationConfig, AssetClass, LiquidityNeed, Purpose } from '../allocation/types.js';
import type { CheckupPolicy } from './policy.js';

export type FindingCode =
  | 'risk_mismatch'
  | 'concentration'
  | 'liquidity_low'
  | 'idle_cash_high'
  | 'maturity_soon'
  | 'deep_drawdown'
  | 'high_fees'
  | 'overlap'
  | 'allocation_drift'
  | 'assessment_expired';

export type Severity = 'high' | 'medium' | 'low';

export type DimensionKey =
  'allocation' | 'diversification' | 'risk_match' | 'liquidity' | 'cost' | 'performance';

export type CheckupCustomer = SuitabilityState & {
  /** Annual income in fen (customers.annual_income_fen): sizes the emergency reserve. */
  readonly annualIncomeFen: number;
  /** Money outside the invested portfolio (deposits = AUM − market value), fen. */
  readonly cashFen: number;
  readonly liquidityNeed?: LiquidityNeed;
  /** Investment horizon in months (from the questionnaire); default 60. */
  readonly horizonMonths?: number;
};

export type CheckupHolding = HeldUnits;

export type CheckupInput = {
  readonly asOf: string;
  readonly customer: CheckupCustomer;
  readonly holdings: readonly CheckupHolding[];
  readonly shelf: ShelfContext;
  readonly policy?: CheckupPolicy;
  readonly suitabilityPolicy?: SuitabilityPolicy;
  readonly allocationConfig?: Partial<AllocationConfig>;
};

/** The proposal request a finding's action links to (POST …/proposal takes these, amount in yuan there). */
export type ProposalLink = {
  readonly purpose: Purpose;
  readonly amount_fen: number;
  readonly horizon_months: number;
  readonly risk_appetite: InvestorLevel;
  readonly liquidity_need: LiquidityNeed;
};

export type FindingAction = {
  readonly kind: 'allocation_proposal' | 'reassess' | 'review_holding' | 'plan_maturity';
  readonly label: Bilingual;
  readonly proposal: ProposalLink | null;
};

export type Finding = {
  readonly code: FindingCode;
  readonly severity: Severity;
  readonly products: readonly string[];
  /** The figures behind the finding (shares and returns as fractions, money in fen). */
  readonly numbers: Readonly<Record<string, number | string | null>>;
  readonly message: Bilingual;
  readonly action: FindingAction;
};

export type Dimension = {
  readonly key: DimensionKey;
  readonly score: number;
  readonly weight: number;
  readonly label: Bilingual;
  readonly numbers: Readonly<Record<string, number | null>>;
};

export type Checkup = {
  readonly as_of: string;
  readonly policy_version: string;
  readonly score: number;
  readonly dimensions: readonly Dimension[];
  readonly findings: readonly Finding[];
  readonly totals: {
    readonly invested_fen: number;
    readonly cash_fen: number;
    readonly reserve_fen: number;
    readonly class_weights: Readonly<Record<AssetClass, number>>;
    readonly target_weights: Readonly<Record<AssetClass, number>>;
  };
};
