import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createTestDb, testDatabaseUrl, testDbKinds } from '../../test/support/db.js';
import { readMigrations } from '../server/db/migrate.js';
import { runCli } from './testing.js';

type MigrateOut = { target: string; applied: string[]; already_applied: number };
const all = readMigrations().map((m) => m.tag);

describe('caiban db migrate', () => {
  it('applies every migration to the embedded database in --data-dir, then nothing the second time', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'caiban-migrate-'));
    try {
      const first = await runCli(['db', 'migrate', '--data-dir', dir, '--json']);
      expect(first.code, first.stderr).toBe(0);
      expect(JSON.parse(first.stdout) as MigrateOut).toMatchObject({ applied: all, already_applied: 0 });
      const second = await runCli(['db', 'migrate', '--data-dir', dir, '--json']);
      expect(JSON.parse(second.stdout) as MigrateOut).toMatchObject({
        applied: [],
        already_applied: all.length,
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    // initdb and every migration on disk (9 s at a load of 8) took 69 s at a load of 16 on the shared machine.
  }, 180_000);

  it.runIf(testDbKinds().includes('postgres'))(
    'applies migrations to a PostgreSQL server given by --database-url',
    async () => {
      const db = await createTestDb('postgres', { migrated: false });
      try {
        const r = await runCli(['db', 'migrate', '--database-url', db.url!, '--json']);
        expect(r.code, r.stderr).toBe(0);
        const out = JSON.parse(r.stdout) as MigrateOut;
        expect(out.applied).toEqual(all);
        // the fresh database, not the admin one (its name starts with the admin database's name: compare whole names)
        const dbName = (url: string): string => new URL(url).pathname;
        expect(dbName(out.target)).toBe(dbName(db.url!));
        expect(dbName(out.target)).not.toBe(dbName(testDatabaseUrl()));
        const [t] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM caiban_migrations`);
        expect(t!.n).toBe(all.length);
      } finally {
        await db.close();
      }
    },
  );

  it('fails with exit 1 naming DATABASE_URL when the server is unreachable', async () => {
    const r = await runCli([
      'db',
      'migrate',
      '--database-url',
      'postgres://nobody@127.0.0.1:1/none',
      '--json',
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('DATABASE_URL');
  });

  it('rejects a malformed --database-url with exit 2', async () => {
    const r = await runCli(['db', 'migrate', '--database-url', 'mysql://x', '--json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('DATABASE_URL');
  });
});
