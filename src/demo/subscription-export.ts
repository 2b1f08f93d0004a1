import { subscriptionTable } from '../core/subscription-table.js';
import type { SubscriptionExport, SubscriptionFact } from '../core/subscription-table.js';
import { buildBankContext, DEMO_DEFAULTS, generateBundle, validateDemoOptions } from './bank.js';

/**
 * The same table computed straight from the deterministic generator, without a database: identical to
 * the server's `exportSubscriptions` on a bank seeded with the same options (a test checks this), and much faster.
 */
export const exportGeneratedSubscriptions = (
  opts: { customers?: number; seed?: number; asOf?: string } = {},
): SubscriptionExport => {
  const customers = opts.customers ?? DEMO_DEFAULTS.customers;
  const seed = opts.seed ?? DEMO_DEFAULTS.seed;
  const asOf = opts.asOf ?? DEMO_DEFAULTS.asOf;
  validateDemoOptions({ customers, seed, asOf });
  const ctx = buildBankContext(seed, asOf);
  const facts: SubscriptionFact[] = [];
  for (let i = 0; i < customers; i++) {
    const { customer: c, subscriptions } = generateBundle(ctx, i);
    for (const s of subscriptions)
      facts.push({
        subscriptionId: s.id,
        customerId: c.id,
        productCode: s.productCode,
        startDate: s.startDate,
        endDate: s.endDate,
        birthDate: c.birthDate,
        gender: c.gender,
        cityTier: c.cityTier,
        county: c.county,
        riskLevel: c.riskLevel,
        segment: c.segment,
        aumFen: c.aumFen,
        listPriceFen: s.priceFen,
        discountRate: String(s.discountRate),
        couponUsed: s.couponUsed,
        livestreamViews: s.livestreamViews,
        maxLivestreamAudience: s.maxLivestreamAudience,
        livestream2000: s.livestream2000,
        sessionsPerMonth: String(s.sessionsPerMonth),
        engagement: String(s.engagement),
        priceSensitivity: String(s.priceSensitivity),
        portfolioReturn: String(s.portfolioReturn),
        status: s.status,
        renewed: s.renewed,
      });
  }
  return subscriptionTable(facts);
};
