import type { Rng } from '../core/random.js';
import { addMonths } from './calendar.js';
import type { DemoCustomer } from './customers.js';
import { poisson } from './events.js';
import type { DemoSubscription } from './subscriptions.js';

/**
 * The app's monthly usage rollup (月度 App 使用汇总): raw behaviour events are kept for the last 180 days only
 * (events.ts), while the app's analytics keep one row per customer and calendar month for longer — how real
 * apps log (raw logs expire; monthly aggregates stay). Two numbers per month:
 *   app_opens        ~ Poisson(1 + 30·d)       d = engagement; 0.1 for a dormant customer in the last 6 months
 *                                               (dormancy is recent inactivity: the raw events use 0.1 too)
 *   fee_page_views   ~ Poisson((1 + 30·d)·S)   views of the fee, discount and coupon-centre pages (费率/优惠/领券),
 *                                               S = price sensitivity: coupon hunters open them most visits
 * S is the customer's subscription's price sensitivity, or for a non-subscriber the same law
 * σ(0.6 − 1.1·log10(AUM / 100,000 yuan) + 0.5·ε). The rollup is drawn from its own random stream, so adding it
 * changed no other table and no planted truth. It reflects the latent traits like every behaviour trace does;
 * the latent columns themselves never become factors.
 */
export type DemoAppUsage = {
  customerId: number;
  /** First day of the calendar month (China). */
  month: string;
  appOpens: number;
  feePageViews: number;
};

/** Months of rollup before the reference month: 12 months of history before the earliest decision (asOf − 365). */
export const APP_USAGE_MONTHS = 25;

const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));

const firstOfMonth = (iso: string): string => `${iso.slice(0, 7)}-01`;

/** The customer's price sensitivity: the subscription's S, or a draw from the same law for non-subscribers. */
const sensitivityOf = (rng: Rng, aumFen: number, subs: readonly DemoSubscription[]): number =>
  subs[0]?.priceSensitivity ??
  sigmoid(0.6 - 1.1 * Math.log10(Math.max(1, aumFen) / 10_000_000) + 0.5 * rng.normal());

/**
 * Rollup rows of the complete calendar months before asOf's month, from the onboarding month on (at most
 * APP_USAGE_MONTHS); months without any use have no row (the rollup only stores active months).
 */
export const generateAppUsage = (
  rng: Rng,
  c: DemoCustomer,
  aumFen: number,
  asOf: string,
  subs: readonly DemoSubscription[],
): DemoAppUsage[] => {
  const S = sensitivityOf(rng, aumFen, subs);
  const current = firstOfMonth(asOf);
  const onboarded = firstOfMonth(c.onboardedAt);
  const out: DemoAppUsage[] = [];
  for (let k = APP_USAGE_MONTHS; k >= 1; k--) {
    const month = addMonths(current, -k);
    const d = c.status === 'dormant' && k <= 6 ? 0.1 : c.engagement;
    const appOpens = poisson(rng, 1 + 30 * d);
    const feePageViews = poisson(rng, (1 + 30 * d) * S);
    // Draw before the onboarding check so a customer's stream does not depend on the reference month.
    if (month < onboarded || appOpens + feePageViews === 0) continue;
    out.push({ customerId: c.id, month, appOpens, feePageViews });
  }
  return out;
};
