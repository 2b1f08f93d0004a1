import { asc, eq } from 'drizzle-orm';
import type { Queryable } from '../../db/index.js';
import { advisorySubscriptions as s, customers as c } from '../../db/schema.js';

/**
 * Every paid-advisory subscription year joined with the traits of its customer, in a stable order (customer, then
 * year). Numerics stay decimal strings so nothing is rounded through a binary float on the way out; the join is on
 * customer_id only, which keeps the query Citus-compatible (both tables are distributed by customer_id).
 */
export const listSubscriptionFacts = (db: Queryable) =>
  db.orm
    .select({
      subscriptionId: s.id,
      customerId: s.customerId,
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
      discountRate: s.discountRate,
      couponUsed: s.couponUsed,
      livestreamViews: s.livestreamViews,
      maxLivestreamAudience: s.maxLivestreamAudience,
      livestream2000: s.livestream2000,
      sessionsPerMonth: s.sessionsPerMonth,
      engagement: s.engagement,
      priceSensitivity: s.priceSensitivity,
      portfolioReturn: s.portfolioReturn,
      status: s.status,
      renewed: s.renewed,
    })
    .from(s)
    .innerJoin(c, eq(c.id, s.customerId))
    .orderBy(asc(s.customerId), asc(s.id));

/** One paid-advisory subscription year joined with the traits of its customer, as stored. */
export type SubscriptionFactRow = Awaited<ReturnType<typeof listSubscriptionFacts>>[number];
