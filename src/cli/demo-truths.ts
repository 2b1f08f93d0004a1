import { renewalProbability } from '../demo/subscriptions.js';
import { exportGeneratedSubscriptions } from '../demo/subscription-export.js';

export type PerCustomerTruth = {
  customer_id: number;
  subscription_id: number;
  status: string;
  /** σ(η | coupon) − σ(η | no coupon) of the planted renewal model for this subscription year. */
  coupon_effect: number;
  /** The same for attending a live stream with ≥ 2,000 viewers. */
  livestream_2000_effect: number;
};

/**
 * The planted per-customer effects (`caiban demo truths --per-customer`): for every subscription year of the
 * generated bank, the difference of the structural renewal probability with and without each treatment (from
 * the generator's formula and latent columns; what a per-customer CATE model should rank alike).
 */
export const perCustomerTruths = (bank: {
  customers: number;
  seed: number;
  asOf: string;
}): PerCustomerTruth[] => {
  const t = exportGeneratedSubscriptions(bank);
  const c = (name: string): number => t.columns.indexOf(name);
  return t.rows.map((r) => {
    const num = (name: string): number => Number(r[c(name)]);
    const base = {
      engagement: num('engagement'),
      priceSensitivity: num('price_sensitivity'),
      sessionsPerMonth: num('sessions_per_month'),
      portfolioReturn: num('portfolio_return'),
      priceFen: Math.round(num('list_price_yuan') * 100),
      discountRate: num('discount_rate'),
    };
    const p = (coupon: boolean, livestream2000: boolean) =>
      renewalProbability({ ...base, coupon, livestream2000 });
    const coupon = num('coupon_used') === 1;
    const live = num('livestream_2000') === 1;
    return {
      customer_id: num('customer_id'),
      subscription_id: num('subscription_id'),
      status: String(r[c('status')]),
      coupon_effect: p(true, live) - p(false, live),
      livestream_2000_effect: p(coupon, true) - p(coupon, false),
    };
  });
};
