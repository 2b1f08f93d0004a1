import { badInput } from '../errors.js';
import type { ProductType } from '../product-types.js';
import type { ProductRiskLevel } from '../suitability/types.js';

/** Fee rates as fractions a year (management, custody, sales service) or per trade (purchase, redemption). */
export type ProductFees = {
  readonly purchase: number;
  readonly redemption: number;
  readonly management: number;
  readonly custody: number;
  readonly salesService: number;
};

/** NAV history: unit (published, 4 decimals) and adjusted (复权, dividends reinvested: returns come from it). */
export type NavHistory = {
  readonly dates: readonly string[];
  readonly unit: ArrayLike<number>;
  readonly adjusted: ArrayLike<number>;
};

/** A product of the shelf as the products and nav tables hold it (fee rates parsed to numbers). */
export type AdvisoryProduct = {
  readonly code: string;
  readonly name: string;
  readonly type: ProductType;
  readonly risk: ProductRiskLevel;
  readonly issuer: string;
  readonly manager: string;
  readonly benchmarkIndex: string | null;
  readonly termDays: number | null;
  readonly maturityDate: string | null;
  readonly status: 'open' | 'closed' | 'matured';
  readonly minPurchaseFen: number;
  readonly fees: ProductFees;
  readonly nav: NavHistory;
};

/**
 * Total annual cost of holding a product, as a fraction a year: the recurring fees (management + custody +
 * sales service) plus the one-off purchase and redemption fees spread over an assumed holding period —
 * the "total cost of ownership" view of fund-rating houses (Morningstar's annual report expense ratio plus
 * amortised loads). `holdingYears` is a policy value (3 by default).
 */
export const annualCost = (f: ProductFees, holdingYears: number): number => {
  if (!(holdingYears > 0))
    throw badInput('holdingYears', `expected a positive number of years, got ${holdingYears}`);
  return f.management + f.custody + f.salesService + (f.purchase + f.redemption) / holdingYears;
};
