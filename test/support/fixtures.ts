import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seedDemoBank } from '../../src/demo/index.js';
import type { Database } from '../../src/server/db/connection.js';
import { openPglite, openPostgres } from '../../src/server/db/connection.js';
import { migrate } from '../../src/server/db/migrate.js';
import {
  adminQuery,
  postgresEnabled,
  TEST_BANK,
  testDatabaseUrl,
  testDbPrefix,
  testSeedingPort,
  withDatabase,
} from './db.js';
import { writePgliteDump } from './pglite-dump.js';

/**
 * Databases built once per `vitest run` (test/support/global-setup.ts) and copied by every test that needs one:
 * PGlite restores a dump (no initdb, no migrations, no seeding), PostgreSQL clones a template database
 * (`CREATE DATABASE … TEMPLATE`). Each test still gets its own database, so tests stay isolated.
 */
export type Fixtures = {
  /** Dumps (tarballs of PGlite's data folder): migrated and empty; migrated and seeded with TEST_BANK. */
  pglite: { migrated: string; demo: string } | null;
  /** Template database names on TEST_DATABASE_URL's server, or null when PostgreSQL is not tested. */
  postgres: { migrated: string; demo: string } | null;
};

declare module 'vitest' {
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions
  export interface ProvidedContext {
    caibanFixtures: Fixtures;
  }
}

const seedAndClose = async (db: Database, seeded: boolean): Promise<void> => {
  try {
    await migrate(db);
    if (seeded) await seedDemoBank(testSeedingPort(db), TEST_BANK);
  } finally {
    await db.close();
  }
};

const pgliteFixtures = async (dir: string): Promise<Fixtures['pglite']> => {
  const db = await openPglite(null);
  try {
    await migrate(db);
    const migrated = join(dir, 'migrated.tar');
    await writePgliteDump(db, migrated);
    await seedDemoBank(testSeedingPort(db), TEST_BANK);
    const demo = join(dir, 'demo.tar');
    await writePgliteDump(db, demo);
    return { migrated, demo };
  } finally {
    await db.close();
  }
};

const postgresFixtures = async (tag: string): Promise<Fixtures['postgres']> => {
  const migrated = `${testDbPrefix()}_tpl_${tag}_migrated`;
  const demo = `${testDbPrefix()}_tpl_${tag}_demo`;
  await adminQuery(`CREATE DATABASE ${migrated}`);
  await seedAndClose(await openPostgres(withDatabase(testDatabaseUrl(), migrated), { max: 2 }), false);
  await adminQuery(`CREATE DATABASE ${demo} TEMPLATE ${migrated}`);
  await seedAndClose(await openPostgres(withDatabase(testDatabaseUrl(), demo), { max: 2 }), true);
  return { migrated, demo };
};

/** Builds the fixtures (both engines at once); `dispose` removes them. */
export const buildFixtures = async (): Promise<{ fixtures: Fixtures; dispose: () => Promise<void> }> => {
  const dir = mkdtempSync(join(tmpdir(), 'caiban-fixtures-'));
  const tag = randomBytes(4).toString('hex');
  const [pglite, postgres] = await Promise.all([
    pgliteFixtures(dir),
    postgresEnabled() ? postgresFixtures(tag) : Promise.resolve(null),
  ]);
  return {
    fixtures: { pglite, postgres },
    dispose: async () => {
      rmSync(dir, { recursive: true, force: true });
      if (postgres !== null)
        for (const name of [postgres.demo, postgres.migrated])
          await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
};
