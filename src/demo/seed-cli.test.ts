import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createTestDb } from '../../test/support/db.js';
import { runCli } from '../cli/testing.js';
import { openPglite } from '../server/db/connection.js';
import { isSeeded, seedingPort } from '../server/db/seeding.js';
import { seedDemoBank } from './seed.js';

/**
 * `caiban demo seed` on the embedded database and its guards. A file of its own (it was the tail of seed.test.ts,
 * the suite's second-longest file) so that it runs on another worker than the per-engine seeding tests.
 */
describe('caiban demo seed on the embedded database', () => {
  it('fills PGlite in --data-dir and reports the row counts', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'caiban-demo-'));
    try {
      const r = await runCli([
        'demo',
        'seed',
        '--customers',
        '30',
        '--seed',
        '3',
        '--data-dir',
        dir,
        '--json',
      ]);
      expect(r.code, r.stderr).toBe(0);
      const out = JSON.parse(r.stdout) as { rows: Record<string, number>; target: string };
      expect(out.rows.customers).toBe(30);
      expect(out.target).toContain(dir);
      const db = await openPglite(join(dir, 'pg'));
      try {
        expect(await isSeeded(db)).toBe(true);
      } finally {
        await db.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    // initdb, migrations and seeding on disk took 71 s at a load of 16 on the shared machine.
  }, 180_000);

  it('refuses to wipe a database that holds a real installation unless forced', async () => {
    const db = await createTestDb('pglite');
    try {
      await db.exec(`INSERT INTO org_units (id, level, name) VALUES ('HQ', 'hq', '总行');
        INSERT INTO staff (id, username, password_hash, display_name, role, org_unit_id, created_at)
        VALUES (1, 'boss', 'x', '行长', 'admin', 'HQ', now())`);
      await expect(seedDemoBank(seedingPort(db), { customers: 5 })).rejects.toMatchObject({
        code: 'CONFLICT',
      });
      const [kept] = await db.query<{ username: string }>('SELECT username FROM staff');
      expect(kept!.username).toBe('boss');
      await seedDemoBank(seedingPort(db), { customers: 5, force: true });
      expect(await isSeeded(db)).toBe(true);
    } finally {
      await db.close();
    }
  });

  it('rejects a bad --customers with exit code 2 naming the flag', async () => {
    const r = await runCli(['demo', 'seed', '--customers', '-5', '--json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--customers');
    const t = await runCli(['demo', 'truths', '--customers', '10', '--as-of', '2025-02-30', '--json']);
    expect(t.code).toBe(2);
    expect(t.stderr).toContain('--as-of');
  });
});
