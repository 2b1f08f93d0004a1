import type {
  AllocationConfig,
  AssetClass,
  LiquidityNeed,
  Purpose,
} from '../../portfolio/allocation/types.js';
import type { ProductType } from '../../product-types.js';
import type { ReasonCode } from '../../suitability/reasons.js';
import type { SuitabilityPolicy } from '../../suitability/policy.js';
import type { InvestorLevel, ProductRiskLevel } from '../../suitability/types.js';
import type { AdviceCustomer } from '../assessment.js';
import type { HeldUnits } from '../holding.js';
import type { ShelfContext } from '../shelf-context.js';
import type { Bilingual } from '../text.js';
import type { ManagerRecord } from './manager.js';

export type RecommendRequest = {
  readonly purpose: Purpose;
  readonly amountFen: number;
  readonly horizonMonths: number;
  readonly liquidityNeed?: LiquidityNeed;
  /** Appetite for this money; never raises the customer's level. */
  readonly riskAppetite?: InvestorLevel;
  readonly limit?: number;
};

export type RecommendPolicy = {
  readonly version: string;
  /** score = 100 × (fit · w_fit + quality · w_quality). */
  readonly weights: { readonly fit: number; readonly quality: number };
  readonly fitWeights: { readonly gap: number; readonly liquidity: number; readonly horizon: number };
  readonly qualityWeights: {
    readonly sharpe: number;
    readonly drawdown: number;
    readonly cost: number;
    readonly track: number;
    readonly manager: number;
  };
  /** At most this many picks of one product type, and of one asset class. */
  readonly maxPerCategory: number;
  readonly maxPerClass: number;
  readonly limit: number;
};

export const DEFAULT_RECOMMEND_POLICY: RecommendPolicy = {
  version: 'caiban-recommend-2026.1',
  weights: { fit: 0.5, quality: 0.5 },
  fitWeights: { gap: 0.6, liquidity: 0.25, horizon: 0.15 },
  qualityWeights: { sharpe: 0.3, drawdown: 0.2, cost: 0.2, track: 0.15, manager: 0.15 },
  maxPerCategory: 2,
  maxPerClass: 3,
  limit: 5,
};

export type RecommendCustomer = AdviceCustomer;

export type RecommendInput = {
  readonly asOf: string;
  readonly customer: RecommendCustomer;
  readonly holdings: readonly HeldUnits[];
  readonly request: RecommendRequest;
  readonly shelf: ShelfContext;
  /** Manager records by manager name (products.manager). */
  readonly managers?: ReadonlyMap<string, ManagerRecord>;
  readonly policy?: RecommendPolicy;
  readonly suitabilityPolicy?: SuitabilityPolicy;
  readonly allocationConfig?: Partial<AllocationConfig>;
};

export type ExclusionReason =
  | 'not_allocatable'
  | 'not_open'
  | 'no_nav'
  | 'below_minimum'
  | 'suitability'
  | 'above_money_level'
  | 'class_not_in_plan';

export type Exclusion = {
  readonly product_code: string;
  readonly reason: ExclusionReason;
  readonly suitability_reasons?: readonly ReasonCode[];
};

export type RecommendItem = {
  readonly product_code: string;
  readonly name: string;
  readonly type: ProductType;
  readonly risk_level: ProductRiskLevel;
  readonly asset_class: AssetClass;
  /** 0–100. */
  readonly score: number;
  readonly fit: number;
  readonly quality: number;
  readonly held: boolean;
  readonly enhanced_duty: boolean;
  readonly reasons: readonly Bilingual[];
};

export type RecommendRefusal = {
  readonly code: 'ASSESSMENT_EXPIRED';
  readonly reason: 'ASSESSMENT_EXPIRED' | 'ASSESSMENT_MISSING';
  readonly valid_until: string | null;
  readonly message: Bilingual;
};

export type RecommendResult =
  | {
      readonly ok: true;
      readonly items: readonly RecommendItem[];
      readonly excluded: readonly Exclusion[];
      /** The level this money is planned at (the customer's, capped by purpose and horizon). */
      readonly effective_level: InvestorLevel;
      readonly target_weights: Readonly<Record<AssetClass, number>>;
      readonly current_weights: Readonly<Record<AssetClass, number>>;
      readonly policy_version: string;
    }
  | { readonly ok: false; readonly refusal: RecommendRefusal };
