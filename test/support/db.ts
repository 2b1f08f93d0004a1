import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Database } from '../../src/server/db/connection.js';
import { openPglite, openPostgres, redactUrl } from '../../src/server/db/connection.js';
import { migrate } from '../../src/server/db/migrate.js';
import { repoRoot } from './repo-root.js';

export type TestDbKind = 'pglite' | 'postgres';
export type TestDb = Database & {
  /** Connection URL of the fresh PostgreSQL database (for CLI tests: --database-url); null on PGlite. */
  url: string | null;
  /** Closes and, on PostgreSQL, drops the database. */
  close(): Promise<void>;
};

/** Admin URL of the PostgreSQL server used by tests (a fresh database is created per test DB). */
export const testDatabaseUrl = (): string =>
  process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

const withDatabase = (url: string, name: string): string => {
  const u = new URL(url);
  u.pathname = '/' + name;
  return u.toString();
};

const adminQuery = async (sqlText: string): Promise<void> => {
  const c = new pg.Client({ connectionString: testDatabaseUrl(), connectionTimeoutMillis: 3000 });
  await c.connect();
  try {
    await c.query(sqlText);
  } finally {
    await c.end();
  }
};

/**
 * A migrated, empty, isolated database: PGlite in memory, or on PostgreSQL a fresh `caiban_t_<random>`
 * database on TEST_DATABASE_URL that is dropped by `close()`.
 */
export const createTestDb = async (kind: TestDbKind, opts: { migrated?: boolean } = {}): Promise<TestDb> => {
  let db: Database;
  let url: string | null = null;
  let drop: () => Promise<void> = () => Promise.resolve();
  if (kind === 'pglite') {
    db = await openPglite(null);
  } else {
    const name = `caiban_t_${randomBytes(6).toString('hex')}`;
    await adminQuery(`CREATE DATABASE ${name}`);
    url = withDatabase(testDatabaseUrl(), name);
    db = await openPostgres(url, { max: 4 });
    drop = () => adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
  if (opts.migrated !== false) await migrate(db);
  const close = db.close.bind(db);
  return Object.assign(db, {
    url,
    close: async () => {
      await close();
      await drop();
    },
  });
};

/**
 * Whether the test PostgreSQL server answers. Checked synchronously (a short child process) so that
 * `describe.each(testDbKinds())` works at collection time; the answer is cached for the process.
 */
const postgresReachable = (): boolean => {
  const cached = process.env.CAIBAN_TEST_PG_REACHABLE;
  if (cached === '1' || cached === '0') return cached === '1';
  const script = `const pg=require('pg');const c=new pg.Client({connectionString:process.argv[1],connectionTimeoutMillis:2000});
c.connect().then(()=>c.query('SELECT 1')).then(()=>process.exit(0),()=>process.exit(1));`;
  const r = spawnSync(process.execPath, ['-e', script, testDatabaseUrl()], {
    cwd: repoRoot,
    timeout: 5000,
    stdio: 'ignore',
  });
  const ok = r.status === 0;
  process.env.CAIBAN_TEST_PG_REACHABLE = ok ? '1' : '0';
  return ok;
};

/**
 * The engines to run database tests on: 'pglite' always, 'postgres' when TEST_DATABASE_URL (default
 * postgres://postgres@127.0.0.1:5432/test) answers (otherwise a skip message is printed).
 * Use as `describe.each(testDbKinds())('on %s', (kind) => …)`. CAIBAN_SKIP_POSTGRES=1 forces PGlite only.
 */
export const testDbKinds = (): TestDbKind[] => {
  if (process.env.CAIBAN_SKIP_POSTGRES === '1') return ['pglite'];
  if (postgresReachable()) return ['pglite', 'postgres'];
  process.stderr.write(
    `skipping PostgreSQL database tests: ${redactUrl(testDatabaseUrl())} is not reachable (set TEST_DATABASE_URL)\n`,
  );
  return ['pglite'];
};
