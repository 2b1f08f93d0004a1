import { normalCdf } from '../core/experiment/distributions.js';
import type { Rng } from '../core/random.js';
import { addDays } from './calendar.js';
import type { DemoCustomer } from './customers.js';
import type { NavSeries } from './nav.js';
import { navIndexOnOrBefore } from './nav.js';
import type { DemoProduct } from './products.js';

/**
 * Paid-advisory subscriptions (投顾服务) and the PLANTED causal model of their renewal (docs/demo-data.md).
 *
 * Variables per subscription year:
 *   E  engagement ∈ (0,1)            customer trait — the confounder (stored as `engagement`)
 *   S  price sensitivity ∈ (0,1)     S = σ(0.6 − 1.1·log10(AUM/10⁵ yuan) + 0.5·ε) — effect modifier
 *   C  coupon used (0/1)             P(C=1) = σ(−1.6 + 1.6·S + 1.8·E)
 *   L  live stream with ≥ 2000 audience attended (0/1)   P(L=1) = σ(−1.8 + 2.6·E)
 *   M  sessions per month ≥ 0        M = max(0, 0.5 + 9·E + 1.2·ε)       — NO effect on renewal
 *   P  list price in thousands of yuan (0.299 / 0.499 / 0.999) × (1 − discount)
 *   R  the portfolio's return over the year (from its adjusted NAV)
 * Outcome: renewed ~ Bernoulli(σ(η)) with
 *   η = −1.0 + 2.2·E + C·(0.3 + 1.2·S) + 0.7·L + 0·M − 1.6·S·P + 2.5·R
 * So coupons help more the more price-sensitive the customer, live streams with a large audience help,
 * sessions per month only correlate with renewal through E, and price hurts in proportion to S.
 */
export const PLANTED = {
  intercept: -1.0,
  engagement: 2.2,
  couponBase: 0.3,
  couponBySensitivity: 1.2,
  livestream2000: 0.7,
  sessionsPerMonth: 0,
  priceBySensitivity: -1.6,
  portfolioReturn: 2.5,
  livestreamThreshold: 2000,
} as const;

export type DemoSubscription = {
  customerId: number;
  id: number;
  productCode: string;
  startDate: string;
  endDate: string;
  priceFen: number;
  discountRate: number;
  couponUsed: boolean;
  livestreamViews: number;
  maxLivestreamAudience: number;
  livestream2000: boolean;
  sessionsPerMonth: number;
  engagement: number;
  priceSensitivity: number;
  portfolioReturn: number;
  status: 'active' | 'renewed' | 'cancelled';
  renewed: boolean | null;
};

const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));
const r4 = (x: number): number => Math.round(x * 10000) / 10000;

/** Linear predictor η of the renewal model for given treatment values (the structural equation). */
export const renewalLogit = (
  v: Pick<
    DemoSubscription,
    'engagement' | 'priceSensitivity' | 'sessionsPerMonth' | 'portfolioReturn' | 'priceFen' | 'discountRate'
  > & {
    coupon: boolean;
    livestream2000: boolean;
  },
): number => {
  const priceK = (v.priceFen / 100_000) * (1 - v.discountRate);
  const S = v.priceSensitivity;
  return (
    PLANTED.intercept +
    PLANTED.engagement * v.engagement +
    (v.coupon ? PLANTED.couponBase + PLANTED.couponBySensitivity * S : 0) +
    (v.livestream2000 ? PLANTED.livestream2000 : 0) +
    PLANTED.sessionsPerMonth * v.sessionsPerMonth +
    PLANTED.priceBySensitivity * S * priceK +
    PLANTED.portfolioReturn * v.portfolioReturn
  );
};

export const renewalProbability = (v: Parameters<typeof renewalLogit>[0]): number => sigmoid(renewalLogit(v));

/**
 * The planted assignment laws of the treatments (the generator draws them from these): the true propensities
 * P(C = 1 | E, S), P(L = 1 | E) and the true mean E[M | E] of the sessions dose M = max(0, 0.5 + 9·E + 1.2·ε)
 * (a normal truncated below at 0). With the planted renewal model they give the ideal oracle estimators of
 * test/support/planted-renewal.ts, which separate outcome noise from estimation error.
 */
export const plantedAssignment = {
  coupon: (engagement: number, priceSensitivity: number): number =>
    sigmoid(-1.6 + 1.6 * priceSensitivity + 1.8 * engagement),
  livestream2000: (engagement: number): number => sigmoid(-1.8 + 2.6 * engagement),
  expectedSessions: (engagement: number): number => {
    const mu = 0.5 + 9 * engagement;
    const sd = 1.2;
    const z = mu / sd;
    return mu * normalCdf(z) + sd * (Math.exp((-z * z) / 2) / Math.sqrt(2 * Math.PI));
  },
} as const;

/** Whether a customer subscribes: more likely with engagement, assets and risk appetite. */
const subscribes = (rng: Rng, c: DemoCustomer, aumFen: number): boolean =>
  aumFen >= 2_000_000 &&
  rng.next() <
    sigmoid(
      -1.0 + 2.0 * c.engagement + 0.35 * Math.log10(aumFen / 10_000_000) + 0.2 * (Number(c.riskLevel[1]) - 3),
    );

/**
 * Zero, one or two subscription rows for a customer. The first year starts 300–729 days before asOf; when it
 * ended by asOf its renewal is decided by the planted model, and a renewal opens a second year.
 */
export const generateSubscriptions = (
  rng: Rng,
  c: DemoCustomer,
  aumFen: number,
  asOf: string,
  advisory: readonly DemoProduct[],
  nav: ReadonlyMap<string, NavSeries>,
): DemoSubscription[] => {
  if (advisory.length === 0 || !subscribes(rng, c, aumFen)) return [];
  const p = advisory[Math.min(advisory.length - 1, Math.floor(rng.next() * advisory.length))]!;
  const s = nav.get(p.code)!;
  // Start 300–729 days before asOf: most first years are decided, and every renewal year is still running.
  const drawn = addDays(asOf, -(300 + rng.int(430)));
  const startDate = drawn < c.onboardedAt ? addDays(c.onboardedAt, 30) : drawn;
  const endDate = addDays(startDate, 365);
  const S = sigmoid(0.6 - 1.1 * Math.log10(aumFen / 10_000_000) + 0.5 * rng.normal());
  const E = c.engagement;
  const coupon = rng.next() < plantedAssignment.coupon(E, S);
  const live2000 = rng.next() < plantedAssignment.livestream2000(E);
  const views = live2000 ? 1 + rng.int(6) : rng.next() < 0.5 ? rng.int(4) : 0;
  const maxAudience = live2000 ? 2000 + rng.int(18_000) : views > 0 ? 200 + rng.int(1800) : 0;
  const sessions = Math.max(0, 0.5 + 9 * E + 1.2 * rng.normal());
  const discountRate = [0, 0, 0.1, 0.2][rng.int(4)]!;
  const endK = navIndexOnOrBefore(s, endDate <= asOf ? endDate : asOf);
  const startK = Math.max(0, navIndexOnOrBefore(s, startDate));
  const ret = endK > startK ? s.adjusted[endK]! / s.adjusted[startK]! - 1 : 0;
  const sub: DemoSubscription = {
    customerId: c.id,
    id: c.id * 10 + 1,
    productCode: p.code,
    startDate,
    endDate,
    priceFen: p.annualPriceFen ?? 29_900,
    discountRate,
    couponUsed: coupon,
    livestreamViews: views,
    maxLivestreamAudience: maxAudience,
    livestream2000: live2000,
    sessionsPerMonth: Math.round(sessions * 100) / 100,
    engagement: r4(E),
    priceSensitivity: r4(S),
    portfolioReturn: r4(ret),
    status: 'active',
    renewed: null,
  };
  if (endDate > asOf) return [sub];
  // Decide with the stored (rounded) values so the published truth is exactly reproducible from the table.
  const renewed = rng.next() < renewalProbability({ ...sub, coupon, livestream2000: live2000 });
  const decided: DemoSubscription = { ...sub, status: renewed ? 'renewed' : 'cancelled', renewed };
  if (!renewed) return [decided];
  const second: DemoSubscription = {
    ...sub,
    id: c.id * 10 + 2,
    startDate: endDate,
    endDate: addDays(endDate, 365),
    discountRate: 0,
    couponUsed: false,
    livestreamViews: 0,
    maxLivestreamAudience: 0,
    livestream2000: false,
    sessionsPerMonth: 0,
    portfolioReturn: 0,
  };
  return [decided, second];
};
