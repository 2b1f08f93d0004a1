import type { AllocationConfig, AssetClass, MarketAssumptions, RiskBudget, InvestorLevel } from './types.js';

/**
 * Default long-run capital-market assumptions for a CNY investor (annual, nominal). Order of magnitude from
 * public long-run data: money-market yields ~2%, China bond index ~3–4% with 2–3% volatility, "固收+" ~4–5%,
 * CSI 300 / 800 equity ~7–8% with 20–25% volatility, gold ~5% with ~15%, global equity (QDII) ~7% with ~18%.
 * Banks replace them with their research house's numbers (the engine takes them as input).
 */
export const DEFAULT_ASSUMPTIONS: MarketAssumptions = {
  expectedReturn: {
    cash: 0.018,
    fixed_income: 0.03,
    fixed_income_plus: 0.045,
    equity: 0.075,
    alternatives: 0.05,
    overseas: 0.07,
  },
  volatility: {
    cash: 0.002,
    fixed_income: 0.025,
    fixed_income_plus: 0.05,
    equity: 0.22,
    alternatives: 0.15,
    overseas: 0.18,
  },
  // cash, fixed_income, fixed_income_plus, equity, alternatives, overseas
  // prettier-ignore
  correlation: [
    1, 0.1, 0.05, 0, 0, 0,
    0.1, 1, 0.6, -0.1, 0.1, 0,
    0.05, 0.6, 1, 0.45, 0.1, 0.3,
    0, -0.1, 0.45, 1, 0.05, 0.55,
    0, 0.1, 0.1, 0.05, 1, 0.1,
    0, 0, 0.3, 0.55, 0.1, 1,
  ],
};

const caps = (fi: number, fip: number, eq: number, alt: number, os: number): Record<AssetClass, number> => ({
  cash: 1,
  fixed_income: fi,
  fixed_income_plus: fip,
  equity: eq,
  alternatives: alt,
  overseas: os,
});

/** Volatility budget and class caps per level: C1 ≈ deposits-plus, C5 ≈ equity-heavy growth. */
export const DEFAULT_BUDGETS: Record<InvestorLevel, RiskBudget> = {
  C1: { maxVolatility: 0.015, maxWeight: caps(0.8, 0.2, 0, 0, 0) },
  C2: { maxVolatility: 0.04, maxWeight: caps(0.8, 0.4, 0.1, 0.05, 0.05) },
  C3: { maxVolatility: 0.08, maxWeight: caps(0.7, 0.5, 0.35, 0.1, 0.1) },
  C4: { maxVolatility: 0.13, maxWeight: caps(0.6, 0.5, 0.6, 0.15, 0.2) },
  C5: { maxVolatility: 0.18, maxWeight: caps(0.5, 0.5, 0.85, 0.2, 0.3) },
};

export const DEFAULT_CONFIG: AllocationConfig = {
  assumptions: DEFAULT_ASSUMPTIONS,
  budgets: DEFAULT_BUDGETS,
  maxTrades: 4,
  minTrade: 1000,
  lookbackYears: 3,
};
