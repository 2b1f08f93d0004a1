import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { inject } from 'vitest';
import type { Database } from '../../src/server/db/connection.js';
import { openPglite, openPostgres, redactUrl } from '../../src/server/db/connection.js';
import { seedDemoBank } from '../../src/demo/index.js';
import { migrate } from '../../src/server/db/migrate.js';
import type { Fixtures } from './fixtures.js';
import { repoRoot } from './repo-root.js';
import { seedingPort } from '../../src/server/db/seeding.js';
import { hashPassword } from '../../src/server/auth/password.js';
import type { SeedingPort } from '../../src/core/seeding.js';

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

export const withDatabase = (url: string, name: string): string => {
  const u = new URL(url);
  u.pathname = '/' + name;
  return u.toString();
};

/**
 * Prefix of the databases tests create: the name of TEST_DATABASE_URL's own database (`test` by default), so runs
 * against different admin databases (one per checkout or CI job) never collide and their leftovers are recognisable.
 */
export const testDbPrefix = (): string =>
  decodeURIComponent(new URL(testDatabaseUrl()).pathname.slice(1))
    .replace(/[^a-z0-9_]/gi, '_')
    .toLowerCase() || 'test';

export const adminQuery = async (sqlText: string): Promise<void> => {
  const c = new pg.Client({ connectionString: testDatabaseUrl(), connectionTimeoutMillis: 3000 });
  await c.connect();
  try {
    await c.query(sqlText);
  } finally {
    await c.end();
  }
};

/** The fixtures of test/support/global-setup.ts; null outside `vitest run` (then databases are built from scratch). */
const fixtures = (): Fixtures | null => {
  try {
    return inject('caibanFixtures') ?? null;
  } catch {
    return null;
  }
};

/** The demo bank every app test starts from (createTestApp's default): small, so fixtures stay cheap. */
export const TEST_BANK = { customers: 200, seed: 7 } as const;

/**
 * scrypt work factor of the test banks' demo passwords: 2^10 instead of the product's 2^15, so a login costs about
 * a millisecond of CPU instead of ~120 ms (the suite logs in hundreds of times). The login path is the same;
 * src/server/auth/password.test.ts and the demo seed tests check the product's cost.
 */
export const TEST_PASSWORD_N = 1 << 10;

/** The seeding port of a test database: the product's, with the cheaper password hash of TEST_PASSWORD_N. */
export const testSeedingPort = (db: Database): SeedingPort => ({
  ...seedingPort(db),
  hashPassword: (password, salt) => hashPassword(password, Buffer.from(salt), TEST_PASSWORD_N),
});

/** What a new test database starts as: empty and unmigrated, migrated, or migrated with the TEST_BANK demo bank. */
export type TestDbContent = 'blank' | 'migrated' | 'demo';

/**
 * An isolated database: PGlite in memory, or on PostgreSQL a fresh `<prefix>_t_<random>` database on
 * TEST_DATABASE_URL that is dropped by `close()`. A migrated or seeded one is copied from the run's fixtures
 * (restored PGlite dump, PostgreSQL template) when they exist, else built here.
 */
export const createTestDb = async (
  kind: TestDbKind,
  opts: { migrated?: boolean; content?: TestDbContent } = {},
): Promise<TestDb> => {
  const content: TestDbContent = opts.content ?? (opts.migrated === false ? 'blank' : 'migrated');
  const fx = content === 'blank' ? null : fixtures();
  let db: Database;
  let url: string | null = null;
  let drop: () => Promise<void> = () => Promise.resolve();
  let ready = false;
  if (kind === 'pglite') {
    const dump = fx?.pglite?.[content as 'migrated' | 'demo'];
    db = await openPglite(null, dump === undefined ? {} : { loadDataDir: new Blob([readFileSync(dump)]) });
    ready = dump !== undefined;
  } else {
    const name = `${testDbPrefix()}_t_${randomBytes(6).toString('hex')}`;
    const template = fx?.postgres?.[content as 'migrated' | 'demo'];
    await adminQuery(`CREATE DATABASE ${name}${template === undefined ? '' : ` TEMPLATE ${template}`}`);
    ready = template !== undefined;
    url = withDatabase(testDatabaseUrl(), name);
    db = await openPostgres(url, { max: 4 });
    drop = () => adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
  if (!ready && content !== 'blank') await migrate(db);
  if (!ready && content === 'demo') await seedDemoBank(testSeedingPort(db), TEST_BANK);
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

/** Whether database tests run on PostgreSQL too (quietly: testDbKinds prints the skip message). */
export const postgresEnabled = (): boolean => process.env.CAIBAN_SKIP_POSTGRES !== '1' && postgresReachable();
