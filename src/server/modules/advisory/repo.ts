import type { Queryable } from '../../db/index.js';

/** One paid-advisory subscription year joined with the traits of its customer, as stored. */
export type SubscriptionFactRow = {
  subscription_id: string;
  customer_id: string;
  product_code: string;
  start_date: string;
  end_date: string;
  birth_date: string;
  gender: string;
  city_tier: number;
  county: boolean;
  risk_level: string;
  segment: string;
  aum_fen: string;
  list_price_fen: string;
  discount_rate: string;
  coupon_used: boolean;
  livestream_views: number;
  max_livestream_audience: number;
  livestream_2000: boolean;
  sessions_per_month: string;
  engagement: string;
  price_sensitivity: string;
  portfolio_return: string;
  status: string;
  renewed: boolean | null;
};

// Numerics come back as text so that nothing is rounded through a binary float on the way out; the join is on
// customer_id only, which keeps the query Citus-compatible (both tables are distributed by customer_id).
const SELECT = `SELECT s.id::text AS subscription_id, s.customer_id::text AS customer_id, s.product_code,
       s.start_date::text AS start_date, s.end_date::text AS end_date, c.birth_date::text AS birth_date,
       c.gender, c.city_tier, c.county, c.risk_level, c.segment, c.aum_fen::text AS aum_fen,
       s.price_fen::text AS list_price_fen, s.discount_rate::text AS discount_rate, s.coupon_used,
       s.livestream_views, s.max_livestream_audience, s.livestream_2000,
       s.sessions_per_month::text AS sessions_per_month, s.engagement::text AS engagement,
       s.price_sensitivity::text AS price_sensitivity, s.portfolio_return::text AS portfolio_return,
       s.status, s.renewed
  FROM advisory_subscriptions s
  JOIN customers c ON c.id = s.customer_id`;

/** Every subscription year with its customer's traits, in a stable order (customer, then year). */
export const listSubscriptionFacts = async (db: Queryable): Promise<SubscriptionFactRow[]> =>
  db.query<SubscriptionFactRow>(`${SELECT} ORDER BY s.customer_id, s.id`);
