import { DrizzleQueryError, fillPlaceholders } from 'drizzle-orm';
import type { SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import type { PgDatabase } from 'drizzle-orm/pg-core';
import { drizzle as drizzleProxy } from 'drizzle-orm/pg-proxy';
import type { PgRemoteQueryResultHKT } from 'drizzle-orm/pg-proxy';
import { AppError } from '../../core/errors.js';
import * as schema from './schema.js';

export type Schema = typeof schema;
export type Row = Record<string, unknown>;

/**
 * Drizzle's query builder bound to one connection (the pool, or the open transaction). `transaction` is left
 * out on purpose: open transactions with `Database.transaction`, which hands the callback a connection whose
 * `orm` runs inside it.
 */
export type Orm = Omit<PgDatabase<PgRemoteQueryResultHKT, Schema>, 'transaction'>;

/**
 * One connection to the database — the pool or an open transaction; the same type on PGlite and on
 * PostgreSQL. Every query goes through the same driver call, so values come back the same way whichever engine
 * and whichever API produced them: int8 as number (a value past 2^53 is an error), numeric as string, date as
 * 'YYYY-MM-DD', timestamptz as Date, jsonb parsed, int4/bool/text as themselves.
 * How to query (docs/decisions/0005-typed-queries.md): `orm` (the query builder) by default; `rows`/`one`/`run`
 * with a `sql` template when the builder cannot say it; never SQL text with numbered placeholders.
 */
export type Queryable = {
  /** Drizzle's query builder on this connection: row types come from schema.ts. */
  readonly orm: Orm;
  /** Rows of a `sql` template; every `${value}` is sent as a parameter. T is the row as selected. */
  rows<T extends Row>(query: SQL): Promise<T[]>;
  /** The first row of a `sql` template, or null. */
  one<T extends Row>(query: SQL): Promise<T | null>;
  /** Runs a `sql` template statement that returns nothing the caller needs. */
  run(query: SQL): Promise<void>;
  /**
   * SQL text with $1, $2 … placeholders. Only for src/server/db itself (migrations, health) and code not yet
   * converted: lint refuses it elsewhere. Use `orm` or `rows(sql`…`)`.
   */
  query<T extends Row = Row>(sqlText: string, params?: readonly unknown[]): Promise<T[]>;
  /** Runs several `;`-separated statements without parameters (migrations, DDL, maintenance). */
  exec(sqlText: string): Promise<void>;
  /**
   * Bulk-loads rows given in PostgreSQL COPY text format (tab-separated, \N for null, one row per line)
   * into `table (columns)`. PGlite reads it from a blob, PostgreSQL from a COPY FROM STDIN stream.
   */
  copyFrom(table: string, columns: readonly string[], text: string): Promise<void>;
};

/** What an engine provides for one connection; `makeQueryable` builds the public API on top of it. */
export type Driver = {
  objects(text: string, params: readonly unknown[]): Promise<Row[]>;
  arrays(text: string, params: readonly unknown[]): Promise<unknown[][]>;
  exec(text: string): Promise<void>;
  copyFrom(table: string, columns: readonly string[], text: string): Promise<void>;
};

/**
 * A driver whose statements run one after another, in call order: for one connection (a transaction's client),
 * where `Promise.all` over several queries would otherwise overlap them on the wire — node-postgres queues them
 * today but deprecates it (removed in pg 9). A failed statement does not stop the ones queued after it.
 */
export const serialDriver = (d: Driver): Driver => {
  let tail: Promise<unknown> = Promise.resolve();
  const run = <T>(f: () => Promise<T>): Promise<T> => {
    const p = tail.then(f, f);
    tail = p.catch(() => undefined);
    return p;
  };
  return {
    objects: (text, params) => run(() => d.objects(text, params)),
    arrays: (text, params) => run(() => d.arrays(text, params)),
    exec: (text) => run(() => d.exec(text)),
    copyFrom: (table, columns, text) => run(() => d.copyFrom(table, columns, text)),
  };
};

const dialect = new PgDialect();

/** The SQL text and parameters of a `sql` template or of a builder query (for logs and tests). */
export const compile = (query: SQL): { sql: string; params: unknown[] } => {
  const q = dialect.sqlToQuery(query);
  return { sql: q.sql, params: q.params };
};

export const makeQueryable = (d: Driver): Queryable => {
  const orm = drizzleProxy(
    async (text, params, method) =>
      method === 'all' ? { rows: await d.arrays(text, params) } : { rows: await d.objects(text, params) },
    { schema },
    () => dialect,
  ) as unknown as Orm;
  const rows = async <T extends Row>(query: SQL): Promise<T[]> => {
    const q = dialect.sqlToQuery(query);
    return (await d.objects(q.sql, q.params)) as T[];
  };
  return {
    orm,
    rows,
    one: async <T extends Row>(query: SQL) => (await rows<T>(query))[0] ?? null,
    run: async (query) => {
      await rows(query);
    },
    query: async <T extends Row>(text: string, params: readonly unknown[] = []) =>
      (await d.objects(text, params)) as T[],
    exec: (text) => d.exec(text),
    copyFrom: (table, columns, text) =>
      text.length === 0 ? Promise.resolve() : d.copyFrom(table, columns, text),
  };
};

const preparedByOrm = new WeakMap<Orm, Map<string, unknown>>();

/**
 * A builder query compiled once per connection and then only executed: drizzle builds the SQL text of a query
 * on every call (≈ 0.3–0.7 ms of CPU for a join), which the hottest per-request queries (the session lookup,
 * the audit insert) should not pay. `build` ends with `.prepare(name)`; values go in as `sql.placeholder(...)`
 * (the column's encoder still applies) and are given to `.execute({...})`. The cache lives as long as the
 * connection object, so a transaction gets its own.
 */
export const prepared = <P>(orm: Orm, name: string, build: (orm: Orm) => P): P => {
  let cache = preparedByOrm.get(orm);
  if (cache === undefined) {
    cache = new Map();
    preparedByOrm.set(orm, cache);
  }
  let p = cache.get(name) as P | undefined;
  if (p === undefined) {
    p = build(orm);
    cache.set(name, p);
  }
  return p;
};

const compiledByDb = new WeakMap<Queryable, Map<string, { sql: string; params: unknown[] }>>();

/**
 * A `sql` template compiled to text once per connection and then only executed (what `prepared` does for builder
 * queries, for statements the builder cannot say): values go in as `sql.placeholder(name)` and are given per call.
 */
export const compiledRows = async <T extends Row>(
  db: Queryable,
  name: string,
  build: () => SQL,
  values: Record<string, unknown>,
): Promise<T[]> => {
  let cache = compiledByDb.get(db);
  if (cache === undefined) {
    cache = new Map();
    compiledByDb.set(db, cache);
  }
  let q = cache.get(name);
  if (q === undefined) {
    q = compile(build());
    cache.set(name, q);
  }
  return db.query<T>(q.sql, fillPlaceholders(q.params, values));
};

/**
 * A bigint that came back inside JSON (json_build_object): a number, and a safe integer — past 2^53 is an error,
 * the same rule as the int8 column parser.
 */
export const jsonInt = (v: unknown): number => {
  if (typeof v !== 'number' || !Number.isSafeInteger(v))
    throw new AppError('INTERNAL', `bigint value ${String(v)} exceeds 2^53`);
  return v;
};

/**
 * The driver's own error behind a failed query. The query builder wraps driver errors in DrizzleQueryError (whose
 * message carries the SQL and its parameters: never show it to a user), `rows`/`run` do not; look at this one for
 * the PostgreSQL error code or an AppError raised by a type parser.
 */
export const databaseErrorOf = (e: unknown): unknown =>
  e instanceof DrizzleQueryError && e.cause !== undefined ? e.cause : e;

/** The SQLSTATE of a failed query ('23505' unique violation, '40001' serialization failure …), if any. */
export const sqlStateOf = (e: unknown): string | null => {
  const inner = databaseErrorOf(e);
  const code = typeof inner === 'object' && inner !== null ? (inner as { code?: unknown }).code : undefined;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : null;
};
