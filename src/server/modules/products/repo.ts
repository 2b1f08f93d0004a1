import type { ProductListQuery } from '../../../contracts/products.js';
import type { Queryable } from '../../db/index.js';

export type ProductRow = {
  code: string;
  name: string;
  type: string;
  risk_level: string;
  issuer: string;
  manager: string;
  benchmark: string;
  currency: string;
  inception_date: string;
  term_days: number | null;
  maturity_date: string | null;
  min_purchase_fen: number;
  purchase_fee_rate: string;
  redemption_fee_rate: string;
  management_fee_rate: string;
  custody_fee_rate: string;
  sales_service_fee_rate: string;
  annual_price_fen: number | null;
  dividend_policy: string;
  status: string;
  description: string;
  nav_date: string | null;
  nav_unit: string | null;
  nav_acc: string | null;
  nav_adj: string | null;
  /** Adjusted NAV on the last date on or before one year before the latest NAV date. */
  adj_1y: string | null;
};

const escapeLike = (s: string): string => s.replace(/[\\%_]/g, (ch) => `\\${ch}`);

const SELECT = `SELECT p.*, n.date AS nav_date, n.unit::text AS nav_unit, n.accumulated::text AS nav_acc,
       n.adjusted::text AS nav_adj, b.adjusted::text AS adj_1y
  FROM products p
  LEFT JOIN LATERAL (
    SELECT date, unit, accumulated, adjusted FROM nav WHERE product_code = p.code ORDER BY date DESC LIMIT 1
  ) n ON TRUE
  LEFT JOIN LATERAL (
    SELECT adjusted FROM nav
     WHERE product_code = p.code AND date <= (n.date - interval '1 year')::date
     ORDER BY date DESC LIMIT 1
  ) b ON TRUE`;

export const listProducts = async (
  db: Queryable,
  q: ProductListQuery,
): Promise<{ rows: ProductRow[]; total: number }> => {
  const params: unknown[] = [];
  const conds: string[] = ['TRUE'];
  if (q.q !== undefined && q.q !== '') {
    params.push(`%${escapeLike(q.q)}%`);
    conds.push(
      `(p.name LIKE $${params.length} OR p.code LIKE $${params.length} OR p.manager LIKE $${params.length})`,
    );
  }
  if (q.type !== undefined) {
    params.push(q.type);
    conds.push(`p.type = $${params.length}`);
  }
  if (q.risk !== undefined) {
    params.push(q.risk);
    conds.push(`p.risk_level = $${params.length}`);
  }
  const where = conds.join(' AND ');
  const [rows, count] = await Promise.all([
    db.query<ProductRow>(
      `${SELECT} WHERE ${where} ORDER BY p.type, p.risk_level, p.code LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, q.pageSize, (q.page - 1) * q.pageSize],
    ),
    db.query<{ n: number }>(`SELECT count(*)::int AS n FROM products p WHERE ${where}`, params),
  ]);
  return { rows, total: count[0]?.n ?? 0 };
};

export const findProduct = async (db: Queryable, code: string): Promise<ProductRow | null> =>
  (await db.query<ProductRow>(`${SELECT} WHERE p.code = $1`, [code]))[0] ?? null;

export type NavRow = {
  date: string;
  unit: string;
  accumulated: string;
  adjusted: string;
  dividend: string;
  income_10k: string | null;
  yield_7d: string | null;
};

export const navSeries = (db: Queryable, code: string): Promise<NavRow[]> =>
  db.query<NavRow>(
    `SELECT date, unit::text AS unit, accumulated::text AS accumulated, adjusted::text AS adjusted,
            dividend::text AS dividend, income_10k::text AS income_10k, yield_7d::text AS yield_7d
       FROM nav WHERE product_code = $1 ORDER BY date`,
    [code],
  );

export type AdjustedNavRow = { product_code: string; dates: string; navs: string };

/**
 * Adjusted NAV histories of several products (all when `codes` is null), one row per product with the dates
 * and values as comma-separated text: ~50,000 NAV rows as 65 rows is about 5× faster to fetch on PGlite.
 */
export const adjustedNavs = (db: Queryable, codes: readonly string[] | null): Promise<AdjustedNavRow[]> =>
  db.query<AdjustedNavRow>(
    `SELECT product_code, string_agg(date::text, ',' ORDER BY date) AS dates,
            string_agg(adjusted::text, ',' ORDER BY date) AS navs
       FROM nav ${codes === null ? '' : 'WHERE product_code = ANY($1::text[])'}
      GROUP BY product_code ORDER BY product_code`,
    codes === null ? [] : [codes],
  );

export type IndexRow = { date: string; close: string };

/** Close series of a benchmark index (synthetic in the demo), ascending. */
export const indexSeries = (db: Queryable, code: string): Promise<IndexRow[]> =>
  db.query<IndexRow>(
    `SELECT date, close::text AS close FROM index_series WHERE index_code = $1 ORDER BY date`,
    [code],
  );

export type ShelfRow = {
  code: string;
  name: string;
  type: string;
  risk_level: string;
  status: string;
  min_purchase_fen: number;
  benchmark_index: string | null;
};

export const shelfProducts = (db: Queryable): Promise<ShelfRow[]> =>
  db.query<ShelfRow>(
    `SELECT code, name, type, risk_level, status, min_purchase_fen, benchmark_index FROM products ORDER BY code`,
  );
