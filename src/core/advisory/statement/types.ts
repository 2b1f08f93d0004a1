import type { DecimalValue } from '../decimal.js';
import type { XirrStatus } from './xirr.js';

export type TransactionType = 'purchase' | 'redemption' | 'dividend' | 'maturity';
export const TRANSACTION_TYPES: readonly TransactionType[] = [
  'purchase',
  'redemption',
  'dividend',
  'maturity',
];

/**
 * One row of the transactions table. `amountFen` is cash: paid for a purchase (fee included), received for a
 * redemption, cash dividend or maturity. `units` is the signed change of units (2 decimals): + for purchases
 * and reinvested dividends, − for redemptions and maturities, 0 for cash dividends. `nav` is the trade NAV.
 */
export type StatementTransaction = {
  readonly productCode: string;
  readonly type: TransactionType;
  readonly tradeDate: string;
  readonly amountFen: number;
  readonly units: DecimalValue;
  readonly nav: DecimalValue;
  readonly feeFen: number;
};

/** A product with its published unit NAV (4 decimals; dates ascending). `category` groups the P&L. */
export type StatementProduct = {
  readonly code: string;
  readonly name?: string;
  readonly category: string;
  readonly nav: { readonly dates: readonly string[]; readonly unit: ArrayLike<DecimalValue> };
};

/** A benchmark index leg: closes (dates ascending) and its weight in the benchmark mix. */
export type BenchmarkLeg = {
  readonly code: string;
  readonly weight: number;
  readonly dates: readonly string[];
  readonly close: ArrayLike<number>;
};

export type StatementInput = {
  /** First day of the period; the opening value is the close of the day before. */
  readonly from: string;
  /** Last day of the period (inclusive). */
  readonly to: string;
  /** The customer's transactions from the first one on (later than `to` are ignored). */
  readonly transactions: readonly StatementTransaction[];
  readonly products: readonly StatementProduct[];
  /** Benchmark mix (fixed weights over the period); absent = no benchmark return. */
  readonly benchmark?: readonly BenchmarkLeg[];
};

export type StatementFlow = { readonly date: string; readonly amount_fen: number };

export type StatementFlowDetail = StatementFlow & {
  readonly product_code: string;
  readonly type: Exclude<TransactionType, 'dividend'> | 'cash_dividend';
};

export type ProductPnl = {
  readonly product_code: string;
  readonly name: string | null;
  readonly category: string;
  readonly begin_value_fen: number;
  readonly end_value_fen: number;
  readonly net_inflow_fen: number;
  readonly dividends_fen: number;
  readonly pnl_fen: number;
  readonly twr: number | null;
};

export type CategoryPnl = {
  readonly category: string;
  readonly pnl_fen: number;
  /** pnl / total pnl (shares sum to 1; null when the total is 0). */
  readonly share: number | null;
};

export type MonthlyPnl = {
  readonly month: string;
  readonly from: string;
  readonly to: string;
  readonly begin_value_fen: number;
  readonly end_value_fen: number;
  readonly net_inflow_fen: number;
  readonly pnl_fen: number;
  readonly twr: number | null;
  readonly benchmark_return: number | null;
};

export type Statement = {
  readonly from: string;
  readonly to: string;
  /** The valuation date of the opening value (the day before `from`). */
  readonly begin_date: string;
  readonly begin_value_fen: number;
  readonly end_value_fen: number;
  /** Purchases − redemptions − cash dividends − maturity payouts within the period. */
  readonly net_inflow_fen: number;
  readonly inflow_fen: number;
  readonly outflow_fen: number;
  /** All dividends of the period: cash (a flow out) plus reinvested (new units, no flow). */
  readonly dividends_fen: number;
  readonly cash_dividends_fen: number;
  readonly reinvested_dividends_fen: number;
  readonly fees_fen: number;
  /** end − begin − net inflow, exactly (integer fen). */
  readonly pnl_fen: number;
  /** Time-weighted return of the period (not annualised); null when no money was invested at any time. */
  readonly twr: number | null;
  /** Money-weighted return, annualised (XIRR, ACT/365) of −begin, −flows and +end; null when not defined. */
  readonly irr: number | null;
  readonly irr_status: XirrStatus;
  readonly benchmark_return: number | null;
  readonly flows: readonly StatementFlow[];
  readonly flow_details: readonly StatementFlowDetail[];
  readonly by_product: readonly ProductPnl[];
  readonly by_category: readonly CategoryPnl[];
  readonly monthly: readonly MonthlyPnl[];
};
