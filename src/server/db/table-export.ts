import { sql } from 'drizzle-orm';
import type { SQL } from 'drizzle-orm';
import { AppError } from '../../core/errors.js';
import { isMigrated } from './migrate.js';
import type { Queryable } from './queryable.js';

/**
 * The raw tables of a bank that `caiban demo export --table T` writes (the contract's list, except `subscriptions`,
 * which is the analyst's derived table built by the subscriptions module). Each is read in primary-key order in
 * keyset batches, so a table of any size is read with bounded queries; columns are the database's own names, money
 * in fen as stored, timestamps in ISO 8601 (UTC).
 */
type KeyCol = { name: string; type: 'bigint' | 'text' | 'date' };
type TableSpec = {
  /** FROM clause (a constant of this module: no input reaches it). */
  from: string;
  /** Output columns: name → SQL expression over the FROM clause. */
  columns: ReadonlyArray<readonly [string, string]>;
  /** The primary key, in order: the keyset the batches advance on. */
  key: readonly KeyCol[];
};

const iso = (c: string) => `to_char(${c} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
const col = (...names: string[]) => names.map((n) => [n, n] as const);

const TABLES = {
  customers: {
    from: 'customers',
    columns: [
      ...col('id', 'name', 'gender'),
      ['birth_date', 'birth_date::text'],
      ...col('id_number', 'phone', 'province', 'city', 'city_tier', 'county', 'occupation', 'education'),
      ...col('annual_income_fen', 'aum_fen', 'segment', 'rm_id', 'org_unit_id', 'risk_level'),
      ['risk_assessed_at', 'risk_assessed_at::text'],
      ...col('lowest_category', 'professional', 'payroll', 'elderly', 'car_owner'),
      ['onboarded_at', 'onboarded_at::text'],
      ...col('status', 'tier', 'grade', 'lifecycle', 'value_score', 'merged_into'),
    ],
    key: [{ name: 'id', type: 'bigint' }],
  },
  identities: {
    from: 'customer_identities',
    columns: [...col('customer_id', 'channel', 'value', 'verified'), ['linked_at', iso('linked_at')]],
    key: [
      { name: 'customer_id', type: 'bigint' },
      { name: 'channel', type: 'text' },
      { name: 'value', type: 'text' },
    ],
  },
  consents: {
    from: 'consents',
    columns: [
      ...col('customer_id', 'purpose', 'channel', 'granted'),
      ['at', iso('at')],
      ...col('text_shown'),
    ],
    key: [
      { name: 'customer_id', type: 'bigint' },
      { name: 'purpose', type: 'text' },
      { name: 'channel', type: 'text' },
    ],
  },
  products: {
    from: 'products',
    columns: [
      ...col(
        'code',
        'name',
        'type',
        'risk_level',
        'issuer',
        'manager',
        'benchmark',
        'benchmark_index',
        'currency',
      ),
      ['inception_date', 'inception_date::text'],
      ['term_days', 'term_days'],
      ['maturity_date', 'maturity_date::text'],
      ...col('min_purchase_fen', 'purchase_fee_rate', 'redemption_fee_rate', 'management_fee_rate'),
      ...col('custody_fee_rate', 'sales_service_fee_rate', 'annual_price_fen', 'dividend_policy', 'status'),
      ...col('description'),
    ],
    key: [{ name: 'code', type: 'text' }],
  },
  nav: {
    from: 'nav',
    columns: [
      ['product_code', 'product_code'],
      ['date', 'date::text'],
      ...col('unit', 'accumulated', 'adjusted', 'dividend', 'income_10k', 'yield_7d'),
    ],
    key: [
      { name: 'product_code', type: 'text' },
      { name: 'date', type: 'date' },
    ],
  },
  holdings: {
    from: 'holdings',
    columns: [...col('customer_id', 'product_code', 'units', 'cost_fen'), ['opened_at', 'opened_at::text']],
    key: [
      { name: 'customer_id', type: 'bigint' },
      { name: 'product_code', type: 'text' },
    ],
  },
  transactions: {
    from: 'transactions',
    columns: [
      ...col('customer_id', 'id', 'product_code', 'type'),
      ['trade_date', 'trade_date::text'],
      ...col('amount_fen', 'units', 'nav', 'fee_fen', 'channel'),
    ],
    key: [
      { name: 'customer_id', type: 'bigint' },
      { name: 'id', type: 'bigint' },
    ],
  },
  events: {
    from: 'events',
    columns: [
      ...col('customer_id', 'id'),
      ['at', iso('at')],
      ...col('type', 'channel'),
      ['payload', 'payload::text'],
    ],
    key: [
      { name: 'customer_id', type: 'bigint' },
      { name: 'id', type: 'bigint' },
    ],
  },
  leads: {
    from: 'leads',
    columns: [
      ...col(
        'customer_id',
        'id',
        'rule_key',
        'rule_version',
        'status',
        'lost_reason',
        'rm_id',
        'org_unit_id',
      ),
      ...col('script'),
      ['due_at', iso('due_at')],
      ['escalated_at', iso('escalated_at')],
      ['escalated_to', 'escalated_to'],
      ['created_at', iso('created_at')],
      ['closed_at', iso('closed_at')],
    ],
    key: [
      { name: 'customer_id', type: 'bigint' },
      { name: 'id', type: 'bigint' },
    ],
  },
  outbox: {
    from: 'outbox',
    columns: [
      ...col('customer_id', 'id', 'channel', 'purpose', 'title', 'body'),
      ['product_codes', 'product_codes::text'],
      ...col('source_kind', 'source_ref', 'status'),
      ['scheduled_at', iso('scheduled_at')],
      ['sent_at', iso('sent_at')],
      ...col('reason'),
      ['created_at', iso('created_at')],
    ],
    key: [
      { name: 'customer_id', type: 'bigint' },
      { name: 'id', type: 'bigint' },
    ],
  },
} as const satisfies Record<string, TableSpec>;

export type ExportTableName = keyof typeof TABLES;
export const EXPORT_TABLE_NAMES = Object.keys(TABLES) as ExportTableName[];

export const isExportTable = (name: string): name is ExportTableName => Object.hasOwn(TABLES, name);

export type ExportCell = string | number;

/** Rows of one batch, as strings and numbers ready for CSV/xlsx (null → empty, booleans → 0/1). */
const cell = (v: unknown): ExportCell => {
  if (v === null || v === undefined) return '';
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'number' || typeof v === 'string') return v;
  if (v instanceof Date) return v.toISOString();
  return JSON.stringify(v);
};

/**
 * Reads `table` in primary-key order, `batch` rows per query, calling `onRows` with each batch. Returns the
 * column names. The whole read is one consistent snapshot only if `db` is a transaction; exporting a live bank
 * while it changes gives each batch as of its own query.
 */
export const readExportTable = async (
  db: Queryable,
  table: ExportTableName,
  onRows: (rows: ExportCell[][]) => void | Promise<void>,
  batch = 20_000,
): Promise<string[]> => {
  const spec: TableSpec = TABLES[table];
  const names = spec.columns.map(([n]) => n);
  const keyNames = spec.key.map((k) => k.name);
  const select = [
    ...spec.columns.map(([n, e]) => `${e} as "${n}"`),
    ...keyNames.map((k, i) => `${k}::text as "__k${i}"`),
  ].join(', ');
  const order = keyNames.join(', ');
  let last: string[] | null = null;
  for (;;) {
    const keyset = last;
    const after: SQL =
      keyset === null
        ? sql``
        : sql.join(
            [
              sql.raw(`where (${order}) > (`),
              sql.join(
                spec.key.map((k, i) => sql`${keyset[i]}::${sql.raw(k.type)}`),
                sql.raw(', '),
              ),
              sql.raw(')'),
            ],
            sql.raw(''),
          );
    const rows: Array<Record<string, unknown>> = await db.rows<Record<string, unknown>>(
      sql`select ${sql.raw(select)} from ${sql.raw(spec.from)} ${after} order by ${sql.raw(order)} limit ${batch}`,
    );
    if (rows.length === 0) return names;
    await onRows(rows.map((r) => names.map((n) => cell(r[n]))));
    const tail: Record<string, unknown> = rows[rows.length - 1]!;
    last = keyNames.map((_, i) => String(tail[`__k${i}`]));
    if (rows.length < batch) return names;
  }
};

/** Fails with NOT_FOUND when the database is not migrated (nothing to export yet). */
export const assertExportable = async (db: Queryable): Promise<void> => {
  if (!(await isMigrated(db)))
    throw new AppError(
      'NOT_FOUND',
      'the database has no Caiban tables: seed the demo bank first (`caiban demo seed`, or `caiban start` on first run)',
    );
};
