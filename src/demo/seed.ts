import { createHash } from 'node:crypto';
import { AppError } from '../core/errors.js';
import { hashPassword } from '../server/auth/password.js';
import type { Database, Queryable } from '../server/db/connection.js';
import { buildBankContext, DEMO_DEFAULTS, generateBundle, validateDemoOptions } from './bank.js';
import { DEMO_PASSWORD } from './org.js';
import { customerBuffers, pushBundle, referenceBuffers } from './tables.js';

export type SeedOptions = {
  customers?: number;
  seed?: number;
  /** Reference date (YYYY-MM-DD); default DEMO_DEFAULTS.asOf so the data never depends on the clock. */
  asOf?: string;
  /** Customers generated and written per COPY batch (bounds memory). */
  chunkSize?: number;
  onProgress?: (done: number, total: number) => void;
  /** Replace data even when the database holds a non-demo installation (staff rows but no demo marker). */
  force?: boolean;
};

export type SeedResult = {
  customers: number;
  seed: number;
  asOf: string;
  rows: Record<string, number>;
  seconds: number;
};

export type DemoSeedInfo = { customers: number; seed: number; asOf: string; version: number };

/** Bump when the generator changes so that `caiban start` can tell an old demo bank from the current one. */
export const DEMO_VERSION = 1;

/** Tables the demo owns. The audit log is never truncated; sessions go because staff rows are replaced. */
const DEMO_TABLES = [
  'events',
  'transactions',
  'holdings',
  'advisory_subscriptions',
  'consents',
  'customer_identities',
  'customers',
  'nav',
  'index_series',
  'indices',
  'products',
  'sessions',
  'staff',
  'org_units',
];

/**
 * (Re)generates the deterministic demo bank: truncates the demo tables and fills them in ONE transaction, so a
 * failure leaves the previous data intact. Customers are generated and COPY-loaded chunk by chunk, so memory
 * stays bounded whatever `customers` is (PGlite loads each chunk from a blob, PostgreSQL through COPY FROM STDIN).
 */
export const seedDemoBank = async (db: Database, opts: SeedOptions = {}): Promise<SeedResult> => {
  const customers = opts.customers ?? DEMO_DEFAULTS.customers;
  const seed = opts.seed ?? DEMO_DEFAULTS.seed;
  const asOf = opts.asOf ?? DEMO_DEFAULTS.asOf;
  validateDemoOptions({ customers, seed, asOf });
  const chunk = Math.max(1, opts.chunkSize ?? 2000);
  const started = performance.now();
  const ctx = buildBankContext(seed, asOf);
  // A salt derived from the seed keeps two runs byte-identical; the hash is still a proper scrypt hash.
  const salt = createHash('sha256').update(`caiban-demo-${seed}`).digest().subarray(0, 16);
  const passwordHash = await hashPassword(DEMO_PASSWORD, salt);
  const rows: Record<string, number> = {};
  await db.transaction(async (tx) => {
    if (opts.force !== true) await refuseRealData(tx);
    await tx.exec(`TRUNCATE ${DEMO_TABLES.join(', ')}`);
    const rebuild = await dropSecondaryIndexes(tx);
    for (const b of referenceBuffers(ctx, passwordHash, `${asOf}T08:00:00+08:00`)) {
      rows[b.table] = b.rows;
      await tx.copyFrom(b.table, b.columns, b.take());
    }
    const bufs = customerBuffers();
    for (let from = 0; from < customers; from += chunk) {
      const to = Math.min(customers, from + chunk);
      for (let i = from; i < to; i++) pushBundle(generateBundle(ctx, i), bufs);
      for (const b of Object.values(bufs)) await tx.copyFrom(b.table, b.columns, b.take());
      opts.onProgress?.(to, customers);
    }
    for (const b of Object.values(bufs)) rows[b.table] = b.rows;
    for (const ddl of rebuild) await tx.exec(ddl);
    await writeInfo(tx, { customers, seed, asOf, version: DEMO_VERSION });
  });
  await db.exec('ANALYZE');
  return { customers, seed, asOf, rows, seconds: (performance.now() - started) / 1000 };
};

/**
 * Bulk loads are faster when secondary indexes are built once at the end instead of row by row: drop the
 * non-unique, non-constraint indexes of the demo tables (inside the seeding transaction, so nobody sees them
 * missing) and return the statements that recreate them exactly as the migrations defined them.
 */
const dropSecondaryIndexes = async (tx: Queryable): Promise<string[]> => {
  const idx = await tx.query<{ name: string; def: string }>(
    `SELECT i.indexname AS name, i.indexdef AS def FROM pg_indexes i
     JOIN pg_class c ON c.relname = i.indexname
     JOIN pg_index x ON x.indexrelid = c.oid
     WHERE i.schemaname = 'public' AND i.tablename = ANY($1) AND NOT x.indisunique AND NOT x.indisprimary
     ORDER BY i.indexname`,
    [DEMO_TABLES],
  );
  for (const { name } of idx) await tx.exec(`DROP INDEX "${name}"`);
  return idx.map((i) => i.def);
};

/** A database with staff but without the demo marker is a real installation: never wipe it by accident. */
const refuseRealData = async (tx: Queryable): Promise<void> => {
  if ((await demoSeedInfo(tx)) !== null) return;
  const [r] = await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM staff');
  if ((r?.n ?? 0) > 0) {
    throw new AppError(
      'CONFLICT',
      `the database holds ${r!.n} staff rows but no demo bank marker (a real installation?); seeding would erase it — pass --force to replace it anyway`,
      { staff: r!.n },
    );
  }
};

const writeInfo = async (tx: Queryable, info: DemoSeedInfo): Promise<void> => {
  await tx.query(
    `INSERT INTO app_meta (key, value, updated_at) VALUES ('demo', $1::jsonb, $2)
     ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = EXCLUDED.updated_at`,
    [JSON.stringify(info), `${info.asOf}T08:00:00+08:00`],
  );
};

/** What demo bank the database holds (null when it was never seeded). */
export const demoSeedInfo = async (db: Queryable): Promise<DemoSeedInfo | null> => {
  const r = await db.query<{ value: DemoSeedInfo }>(`SELECT value FROM app_meta WHERE key = 'demo'`);
  return r[0]?.value ?? null;
};

/** True when the demo bank has been seeded (used by `caiban start` to seed only on first run). */
export const isDemoSeeded = async (db: Queryable): Promise<boolean> => (await demoSeedInfo(db)) !== null;
