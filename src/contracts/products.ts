import { z } from 'zod';
import { PRODUCT_TYPES } from '../core/product-types.js';
import { PRODUCT_RISK_LEVELS } from '../core/suitability/types.js';
import { Money, PageQuery, pageOf } from './common.js';

export { PRODUCT_TYPES, type ProductType } from '../core/product-types.js';

export const ProductListQuery = PageQuery.extend({
  q: z.string().trim().max(64).optional(),
  type: z.enum(PRODUCT_TYPES).optional(),
  risk: z.enum(PRODUCT_RISK_LEVELS).optional(),
});
export type ProductListQuery = z.infer<typeof ProductListQuery>;

export const LatestNav = z.object({
  date: z.string(),
  unit: z.string(),
  accumulated: z.string(),
  adjusted: z.string(),
});

export const ProductSummary = z.object({
  code: z.string(),
  name: z.string(),
  type: z.string(),
  riskLevel: z.string(),
  manager: z.string(),
  issuer: z.string(),
  minPurchase: Money,
  /** open / closed / matured (past its maturity date) / ended (no NAV for over a month before the shelf's latest). */
  status: z.string(),
  latestNav: LatestNav.nullable(),
  /** One-year return from the dividend-adjusted NAV (fraction); null with less than a year of NAV. */
  return1y: z.number().nullable(),
});
export type ProductSummary = z.infer<typeof ProductSummary>;
export const ProductPage = pageOf(ProductSummary);

export const ProductCodeParams = z.object({ code: z.string().min(1).max(32) });

/** Trailing returns (近1月 … 近3年, 成立以来) as fractions; null when the history does not reach back that far. */
const Trailing = {
  m1: z.number().nullable(),
  m3: z.number().nullable(),
  m6: z.number().nullable(),
  ytd: z.number().nullable(),
  y1: z.number().nullable(),
  y3: z.number().nullable(),
  sinceStart: z.number().nullable(),
};

/**
 * The product's headline figures from the dividend-adjusted NAV (never the unit NAV, which drops at each
 * dividend), computed once (core `productFigures`) for the overview, the analytics tab and this API; annualised
 * by calendar days. `benchmark` is the product's own composite benchmark on the same dates.
 */
export const ProductReturns = z.object({
  asOf: z.string().nullable(),
  ...Trailing,
  annualised: z.number().nullable(),
  volatility: z.number().nullable(),
  maxDrawdown: z.number().nullable(),
  sharpe: z.number().nullable(),
  benchmark: z.object({ name: z.string(), ...Trailing, annualised: z.number().nullable() }).nullable(),
});
export type ProductReturns = z.infer<typeof ProductReturns>;

export const NavPoint = z.object({
  date: z.string(),
  unit: z.string(),
  accumulated: z.string(),
  adjusted: z.string(),
  dividend: z.string(),
  income10k: z.string().nullable(),
  yield7d: z.string().nullable(),
});
export type NavPoint = z.infer<typeof NavPoint>;

export const ProductDetail = ProductSummary.extend({
  benchmark: z.string(),
  currency: z.string(),
  inceptionDate: z.string(),
  termDays: z.number().int().nullable(),
  maturityDate: z.string().nullable(),
  fees: z.object({
    purchase: z.string(),
    redemption: z.string(),
    management: z.string(),
    custody: z.string(),
    salesService: z.string(),
  }),
  annualPrice: Money.nullable(),
  dividendPolicy: z.string(),
  description: z.string(),
  returns: ProductReturns,
  nav: z.array(NavPoint),
});
export type ProductDetail = z.infer<typeof ProductDetail>;
