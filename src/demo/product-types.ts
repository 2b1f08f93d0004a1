import type { ProductType } from '../core/product-types.js';

export type { ProductType };

export type RiskRating = 'R1' | 'R2' | 'R3' | 'R4' | 'R5';

/** How a product's daily return loads on the market factors of nav.ts (daily units). */
export type NavModel = {
  /** Drift per trading day before factors (alpha minus fees). */
  drift: number;
  equity: number;
  bond: number;
  overseas: number;
  /** Loading on the product's own sector shock (sector funds). */
  sector: number;
  /** Idiosyncratic daily volatility and Student-t degrees of freedom. */
  idioVol: number;
  idioDf: number;
  /** Dividend schedule: every `dividendEvery` trading days when unit NAV exceeds the threshold; 0 = never. */
  dividendEvery: number;
  startUnit: number;
  /** Accumulated minus unit at the first NAV date (past dividends). */
  pastDividends: number;
};

export type DemoProduct = {
  code: string;
  name: string;
  type: ProductType;
  riskLevel: RiskRating;
  issuer: string;
  manager: string;
  benchmark: string;
  benchmarkIndex: string | null;
  inceptionDate: string;
  termDays: number | null;
  maturityDate: string | null;
  minPurchaseFen: number;
  purchaseFeeRate: string;
  redemptionFeeRate: string;
  managementFeeRate: string;
  custodyFeeRate: string;
  salesServiceFeeRate: string;
  annualPriceFen: number | null;
  dividendPolicy: 'cash' | 'reinvest' | 'none';
  status: 'open' | 'closed' | 'matured';
  description: string;
  model: NavModel;
};
