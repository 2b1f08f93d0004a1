import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inject } from 'vitest';
import { seedDemoBank } from '../../src/demo/index.js';
import { openPglite } from '../../src/server/db/connection.js';
import { migrate } from '../../src/server/db/migrate.js';
import type { Fixtures } from './fixtures.js';
import { TEST_BANK, testSeedingPort } from './db.js';

const pgliteDump = (content: 'migrated' | 'demo'): string | null => {
  try {
    return (inject('caibanFixtures') as Fixtures | undefined)?.pglite?.[content] ?? null;
  } catch {
    return null;
  }
};

/**
 * A fresh CLI data folder (`--data-dir`) whose embedded database (`<dir>/pg`) is already migrated, or migrated and
 * seeded with TEST_BANK. Restoring the run's PGlite dump costs about a fifth of the CPU of initdb plus migrations
 * on disk, so tests that are not about creating the database start from it; the caller removes the folder.
 */
export const restoredDataDir = async (content: 'migrated' | 'demo'): Promise<string> => {
  const dir = mkdtempSync(join(tmpdir(), `caiban-${content}-`));
  const dump = pgliteDump(content);
  const db = await openPglite(
    join(dir, 'pg'),
    dump === null ? {} : { loadDataDir: new Blob([readFileSync(dump)]) },
  );
  try {
    if (dump === null) {
      await migrate(db);
      if (content === 'demo') await seedDemoBank(testSeedingPort(db), TEST_BANK);
    }
  } finally {
    await db.close();
  }
  return dir;
};
