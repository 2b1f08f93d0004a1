import type { Queryable } from '../../db/index.js';

export type HoldingRow = {
  product_code: string;
  product_name: string;
  product_type: string;
  product_risk: string;
  units: string;
  cost_fen: number;
  opened_at: string;
  nav_date: string | null;
  nav_unit: string | null;
  /** units × latest unit NAV rounded to the fen, computed in exact numeric arithmetic; null without NAV. */
  market_value: string | null;
};

/**
 * Holdings valued at the latest published unit NAV of each product (the lateral subquery reads one row of
 * the nav primary-key index per product).
 */
export const listHoldings = (db: Queryable, customerId: number): Promise<HoldingRow[]> =>
  db.query<HoldingRow>(
    `SELECT h.product_code, p.name AS product_name, p.type AS product_type, p.risk_level AS product_risk,
            h.units::text AS units, h.cost_fen, h.opened_at, n.date AS nav_date, n.unit::text AS nav_unit,
            round(h.units * n.unit, 2)::text AS market_value
       FROM holdings h
       JOIN products p ON p.code = h.product_code
       LEFT JOIN LATERAL (
         SELECT date, unit FROM nav WHERE product_code = h.product_code ORDER BY date DESC LIMIT 1
       ) n ON TRUE
      WHERE h.customer_id = $1
      ORDER BY round(h.units * n.unit, 2) DESC NULLS LAST, h.product_code`,
    [customerId],
  );

export type TransactionRow = {
  id: number;
  product_code: string;
  product_name: string;
  type: string;
  trade_date: string;
  amount_fen: number;
  units: string;
  nav: string;
  fee_fen: number;
  channel: string;
};

export const listTransactions = (
  db: Queryable,
  customerId: number,
  limit: number,
  offset: number,
): Promise<TransactionRow[]> =>
  db.query<TransactionRow>(
    `SELECT t.id, t.product_code, p.name AS product_name, t.type, t.trade_date, t.amount_fen,
            t.units::text AS units, t.nav::text AS nav, t.fee_fen, t.channel
       FROM transactions t JOIN products p ON p.code = t.product_code
      WHERE t.customer_id = $1
      ORDER BY t.trade_date DESC, t.id DESC
      LIMIT $2 OFFSET $3`,
    [customerId, limit, offset],
  );

export const countTransactions = async (db: Queryable, customerId: number): Promise<number> =>
  (
    await db.query<{ n: number }>('SELECT count(*)::int AS n FROM transactions WHERE customer_id = $1', [
      customerId,
    ])
  )[0]?.n ?? 0;

export type EventRow = {
  id: number;
  at: Date;
  type: string;
  channel: string;
  payload: Record<string, unknown>;
};

export const listEvents = (
  db: Queryable,
  customerId: number,
  type: string | null,
  limit: number,
  offset: number,
): Promise<EventRow[]> =>
  db.query<EventRow>(
    `SELECT id, at, type, channel, payload FROM events
      WHERE customer_id = $1 AND ($2::text IS NULL OR type = $2)
      ORDER BY at DESC, id DESC
      LIMIT $3 OFFSET $4`,
    [customerId, type, limit, offset],
  );

export const countEvents = async (db: Queryable, customerId: number, type: string | null): Promise<number> =>
  (
    await db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM events WHERE customer_id = $1 AND ($2::text IS NULL OR type = $2)',
      [customerId, type],
    )
  )[0]?.n ?? 0;
