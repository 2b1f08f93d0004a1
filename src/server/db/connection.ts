import { mkdirSync } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { from as copyStreamFrom } from 'pg-copy-streams';
import { AppError } from '../../core/errors.js';
import type { Config } from '../config.js';
import { pgliteDir } from '../config.js';
import { lockDataDir } from './data-dir-lock.js';
import type { Driver, Queryable } from './queryable.js';
import { makeQueryable, serialDriver } from './queryable.js';

export type { Orm, Queryable, Row, Schema } from './queryable.js';

export type Database = Queryable & {
  readonly kind: 'pglite' | 'postgres';
  /**
   * Runs `fn` in one transaction on one connection; commits when it returns, rolls back when it throws.
   * `tx.orm`, `tx.rows` and `tx.copyFrom` all run inside the transaction.
   */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /** The pg pool when kind is 'postgres'; null on PGlite. */
  readonly pool: pg.Pool | null;
  /** PGlite only: the whole database as a tarball that `openPglite(null, { loadDataDir })` starts from. */
  dumpDataDir?: () => Promise<Blob>;
  close(): Promise<void>;
};

const OID = { INT8: 20, NUMERIC: 1700, DATE: 1082 } as const;

const pgliteParsers = {
  [OID.INT8]: (v: string) => toSafeNumber(v),
  [OID.DATE]: (v: string) => v,
  [OID.NUMERIC]: (v: string) => v,
};

const toSafeNumber = (v: string): number => {
  const n = Number(v);
  if (!Number.isSafeInteger(n)) throw new AppError('INTERNAL', `bigint value ${v} exceeds 2^53`);
  return n;
};

const pgTypes = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
    if (oid === OID.INT8) return toSafeNumber;
    if (oid === OID.DATE) return (v: string) => v;
    return pg.types.getTypeParser(oid, format ?? 'text') as (v: string) => unknown;
  }) as typeof pg.types.getTypeParser,
};

/**
 * An embedded PGlite database: in memory when `dataDir` is null, else persisted in that folder. `loadDataDir`
 * starts it from a dump of another instance (`dumpDataDir()`), which skips initdb (tests restore a migrated or
 * seeded database this way in a fraction of the time).
 */
export const openPglite = async (
  dataDir: string | null,
  opts: { loadDataDir?: Blob } = {},
): Promise<Database> => {
  let unlock = (): void => undefined;
  if (dataDir !== null) {
    mkdirSync(dataDir, { recursive: true });
    unlock = lockDataDir(dataDir);
  }
  let client: PGlite;
  try {
    client = await PGlite.create(dataDir ?? undefined, {
      parsers: pgliteParsers,
      ...(opts.loadDataDir === undefined ? {} : { loadDataDir: opts.loadDataDir }),
    });
  } catch (e) {
    unlock();
    throw e;
  }
  const driver = (c: Pick<PGlite, 'query' | 'exec'>): Driver => ({
    objects: async (text, params) => (await c.query<Record<string, unknown>>(text, params as unknown[])).rows,
    arrays: async (text, params) =>
      (await c.query<unknown[]>(text, params as unknown[], { rowMode: 'array' })).rows,
    exec: async (text) => {
      await c.exec(text);
    },
    copyFrom: async (table, columns, text) => {
      await c.query(`COPY ${table} (${columns.join(', ')}) FROM '/dev/blob'`, [], {
        blob: new Blob([text]),
      });
    },
  });
  return {
    kind: 'pglite',
    ...makeQueryable(driver(client)),
    transaction: (fn) => client.transaction((tx) => fn(makeQueryable(driver(tx)))),
    pool: null,
    dumpDataDir: () => client.dumpDataDir('none'),
    close: async () => {
      try {
        await client.close();
      } finally {
        unlock();
      }
    },
  };
};

/** A PostgreSQL server through a pg Pool. */
export const openPostgres = async (url: string, opts: { max?: number } = {}): Promise<Database> => {
  const pool = new pg.Pool({ connectionString: url, max: opts.max ?? 10, types: pgTypes });
  pool.on('error', () => {
    // An idle client lost its connection (server restart); the pool replaces it on next use.
  });
  try {
    const c = await pool.connect();
    c.release();
  } catch (e) {
    await pool.end().catch(() => undefined);
    throw new AppError(
      'UNAVAILABLE',
      `DATABASE_URL: cannot connect to PostgreSQL at ${redactUrl(url)} (${e instanceof Error ? e.message : String(e)}); check that the server is running and the URL is right`,
      { variable: 'DATABASE_URL' },
    );
  }
  const copyOn = async (c: pg.PoolClient, table: string, columns: readonly string[], text: string) => {
    const stream = c.query(copyStreamFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN`));
    await pipeline(Readable.from([text]), stream);
  };
  const driver = (c: pg.Pool | pg.PoolClient): Driver => ({
    objects: async (text, params) => (await c.query<Record<string, unknown>>(text, params as unknown[])).rows,
    arrays: async (text, params) =>
      (await c.query<unknown[]>({ text, values: params as unknown[], rowMode: 'array' })).rows,
    exec: async (text) => {
      await c.query(text);
    },
    copyFrom: async (table, columns, text) => {
      if (!(c instanceof pg.Pool)) return copyOn(c, table, columns, text);
      const client = await c.connect();
      try {
        await copyOn(client, table, columns, text);
      } finally {
        client.release();
      }
    },
  });
  return {
    kind: 'postgres',
    ...makeQueryable(driver(pool)),
    transaction: async (fn) => {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const out = await fn(makeQueryable(serialDriver(driver(client))));
        await client.query('COMMIT');
        return out;
      } catch (e) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw e;
      } finally {
        client.release();
      }
    },
    pool,
    close: () => pool.end(),
  };
};

/** Opens the database of a configuration: PostgreSQL when DATABASE_URL is set, else PGlite in DATA_DIR/pg. */
export const openDatabase = (config: Pick<Config, 'databaseUrl' | 'dataDir'>): Promise<Database> =>
  config.databaseUrl !== null ? openPostgres(config.databaseUrl) : openPglite(pgliteDir(config));

/** postgres://user:secret@host/db → postgres://user:***@host/db (never print passwords). */
export const redactUrl = (url: string): string => {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '<invalid url>';
  }
};
