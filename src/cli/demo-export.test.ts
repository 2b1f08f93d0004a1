import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { restoredDataDir } from '../../test/support/data-dir.js';
import { TEST_BANK } from '../../test/support/db.js';
import { exportGeneratedSubscriptions } from '../demo/subscription-export.js';
import { readTable } from './io/table.js';
import { runCli } from './testing.js';

// The data folders start from the run's PGlite dumps (test/support/data-dir.ts): `caiban demo seed` into a data
// folder is proven by src/demo/seed-cli.test.ts, and seeding 300 customers here again cost the file most of its time.
const BANK = TEST_BANK;

describe('caiban demo export', () => {
  let dir = '';
  let dataDir = '';
  let emptyDir = '';
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'caiban-export-'));
    dataDir = await restoredDataDir('demo');
    emptyDir = await restoredDataDir('migrated');
  });
  afterAll(() => {
    for (const d of [dir, dataDir, emptyDir]) rmSync(d, { recursive: true, force: true });
  });

  it('writes the seeded bank of a data folder to Excel, with the same rows as the generator', async () => {
    const out = join(dir, 'subs.xlsx');
    const r = await runCli([
      'demo',
      'export',
      '--table',
      'subscriptions',
      '--data-dir',
      dataDir,
      '--out',
      out,
      '--json',
    ]);
    expect(r.code, r.stderr).toBe(0);
    const expected = exportGeneratedSubscriptions(BANK);
    expect(JSON.parse(r.stdout)).toMatchObject({ table: 'subscriptions', rows: expected.rows.length });
    const back = await readTable(out);
    expect(back.columns).toEqual(expected.columns);
    expect(back.rows.length).toBe(expected.rows.length);
    expect(back.rows.map((row) => row.map(String))).toEqual(expected.rows.map((row) => row.map(String)));
  }, 120_000);

  it('says how to fill an empty database instead of writing an empty file', async () => {
    const out = join(dir, 'empty.csv');
    const empty = ['--data-dir', emptyDir, '--out', out, '--json'];
    const r = await runCli(['demo', 'export', '--table', 'subscriptions', ...empty]);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({ error: { code: 'NOT_FOUND' } });
    expect(r.stdout).toContain('caiban demo seed');
    expect(existsSync(out)).toBe(false);
  }, 60_000);

  it('rejects an unknown table, naming the flag and the tables it knows', async () => {
    const r = await runCli([
      'demo',
      'export',
      '--table',
      'accounts',
      '--customers',
      '10',
      '--out',
      join(dir, 'x.csv'),
      '--json',
    ]);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('--table');
    expect(r.stdout).toContain('subscriptions');
    expect(r.stdout).toContain('outbox');
  });

  it('writes the raw tables of the seeded bank as stored (holdings to CSV, products to Excel)', async () => {
    const holdings = join(dir, 'holdings.csv');
    const h = await runCli([
      'demo',
      'export',
      '--table',
      'holdings',
      '--data-dir',
      dataDir,
      '--out',
      holdings,
      '--json',
    ]);
    expect(h.code, h.stderr).toBe(0);
    const hj = JSON.parse(h.stdout) as { rows: number; columns: string[] };
    expect(hj.columns).toEqual(['customer_id', 'product_code', 'units', 'cost_fen', 'opened_at']);
    const back = await readTable(holdings);
    expect(back.rows.length).toBe(hj.rows);
    expect(hj.rows).toBeGreaterThan(BANK.customers);
    expect(back.rows.every((r) => /^\d{4}-\d{2}-\d{2}$/.test(String(r[4])))).toBe(true);
    const products = join(dir, 'products.xlsx');
    const p = await runCli([
      'demo',
      'export',
      '--table',
      'products',
      '--data-dir',
      dataDir,
      '--out',
      products,
      '--json',
    ]);
    expect(p.code, p.stderr).toBe(0);
    const pb = await readTable(products);
    expect(pb.columns[0]).toBe('code');
    expect(new Set(pb.rows.map((r) => r[0])).size).toBe(pb.rows.length);
  }, 120_000);

  it('refuses to mix a generated bank with a database target', async () => {
    const r = await runCli([
      'demo',
      'export',
      '--table',
      'subscriptions',
      '--customers',
      '10',
      '--data-dir',
      join(dir, 'other'),
      '--out',
      join(dir, 'y.csv'),
      '--json',
    ]);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('--database-url');
  });
});
