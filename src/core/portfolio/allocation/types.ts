import type { InvestorLevel, ProductRiskLevel } from '../../suitability/types.js';

/** The level names are defined once, with the suitability rules (C1–C5 investors, R1–R5 products). */
export type { InvestorLevel, ProductRiskLevel } from '../../suitability/types.js';
export { INVESTOR_LEVELS } from '../../suitability/types.js';

/** The six asset classes of an allocation proposal. */
export type AssetClass =
  'cash' | 'fixed_income' | 'fixed_income_plus' | 'equity' | 'alternatives' | 'overseas';

export const ASSET_CLASSES: readonly AssetClass[] = [
  'cash',
  'fixed_income',
  'fixed_income_plus',
  'equity',
  'alternatives',
  'overseas',
];

export type Purpose = 'retirement' | 'education' | 'house' | 'emergency' | 'growth';
export type LiquidityNeed = 'low' | 'medium' | 'high';

/**
 * A current position of the customer (amount in yuan at today's NAV). `lockedUntil`: the first day it can be
 * redeemed (a closed-end product's open date); before it the plan keeps the holding whole.
 */
export type Holding = { code: string; amount: number; lockedUntil?: string | null };

export type InvestorProfile = {
  riskLevel: InvestorLevel;
  horizonMonths: number;
  liquidityNeed: LiquidityNeed;
  holdings: Holding[];
};

/** The money being planned: its purpose, size (yuan, including the holdings listed), horizon and appetite. */
export type MoneyBucket = {
  purpose: Purpose;
  amount: number;
  horizonMonths: number;
  /** Risk appetite for this money; may be lower than the investor's level (never raises it). */
  riskAppetite: InvestorLevel;
};

/** A product on the shelf with its dividend-adjusted NAV history (ISO dates ascending). */
export type Product = {
  code: string;
  name: string;
  assetClass: AssetClass;
  risk: ProductRiskLevel;
  /** Minimum first purchase in yuan. */
  minPurchase: number;
  dates: readonly string[];
  nav: ArrayLike<number>;
};

/** Capital-market assumptions: long-run annual return and volatility per class, and class correlations. */
export type MarketAssumptions = {
  expectedReturn: Record<AssetClass, number>;
  volatility: Record<AssetClass, number>;
  /** Correlation matrix in ASSET_CLASSES order (6×6 row-major). */
  correlation: readonly number[];
};

/** Per risk level: the volatility budget and the largest weight each class may take. */
export type RiskBudget = { maxVolatility: number; maxWeight: Record<AssetClass, number> };

export type AllocationConfig = {
  assumptions: MarketAssumptions;
  budgets: Record<InvestorLevel, RiskBudget>;
  /** Most trades one proposal asks for (the rest become next steps). */
  maxTrades: number;
  /** Smallest trade worth making, yuan. */
  minTrade: number;
  /** Look-back of the product ranking and the backtest, in years. */
  lookbackYears: number;
};

export type Pick = {
  code: string;
  name: string;
  asset_class: AssetClass;
  risk: ProductRiskLevel;
  amount: number;
  weight: number;
  /** Already held and kept (no trade needed for this amount). */
  kept: boolean;
  /** Held and not redeemable before this date (closed-end): fixed in the plan; null otherwise. */
  locked_until: string | null;
  metrics: { annual_return: number; volatility: number; max_drawdown: number; sharpe: number } | null;
  reasons: { zh: string; en: string };
};

export type Trade = {
  action: 'buy' | 'sell';
  code: string;
  name: string;
  amount: number;
  reason: { zh: string; en: string };
};

export type Proposal = {
  as_of: string;
  effective_level: InvestorLevel;
  class_weights: Record<AssetClass, number>;
  /** Weights actually reached by the picks (may differ from the target by the trades left for later). */
  achieved_class_weights: Record<AssetClass, number>;
  picks: Pick[];
  trades: Trade[];
  next_steps: Array<{ asset_class: AssetClass; amount: number; zh: string; en: string }>;
  expected_return: number;
  /** One-year range μ ± 1.2816σ (10th–90th percentile under normality), from the market assumptions. */
  return_range: [number, number];
  volatility: number;
  estimated_worst_drawdown: number;
  backtest: {
    start: string;
    end: string;
    dates: string[];
    nav: number[];
    annual_return: number;
    volatility: number;
    max_drawdown: number;
  } | null;
  uninvested: number;
  /** Long-only class frontier under the assumptions, to chart with the proposal marked. */
  frontier: Array<{ expected_return: number; volatility: number }>;
  notes: { zh: string; en: string };
};
