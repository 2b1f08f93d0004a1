import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestDb } from '../../test/support/db.js';
import { createTestDb, testDbKinds } from '../../test/support/db.js';
import { runCli } from './testing.js';

const AS_OF = '2026-10-30T08:00:00+08:00';

describe.runIf(testDbKinds().includes('postgres'))('caiban segment and cdp on PostgreSQL', () => {
  let db: TestDb;
  let dir: string;
  beforeAll(async () => {
    db = await createTestDb('postgres', { content: 'demo' });
    dir = mkdtempSync(join(tmpdir(), 'caiban-segment-'));
  });
  afterAll(async () => {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('counts a rule file as {count, ms}, equal to a hand-written count, and exports the same rows', async () => {
    const rule = join(dir, 'rule.json');
    writeFileSync(
      rule,
      JSON.stringify({
        all: [
          { attr: 'aum', op: 'gte', value: 50_000 },
          { attr: 'payroll', op: 'eq', value: true },
        ],
      }),
    );
    const r = await runCli([
      'segment',
      'count',
      '--rule',
      rule,
      '--as-of',
      AS_OF,
      '--database-url',
      db.url!,
      '--json',
    ]);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { count: number; ms: number };
    const [hand] = await db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM customers WHERE aum_fen >= 5000000 AND payroll',
    );
    expect(out.count).toBe(hand!.n);
    expect(out.ms).toBeGreaterThanOrEqual(0);
    const xlsx = join(dir, 'out.xlsx');
    const e = await runCli([
      'segment',
      'export',
      '--rule',
      rule,
      '--out',
      xlsx,
      '--as-of',
      AS_OF,
      '--database-url',
      db.url!,
      '--json',
    ]);
    expect(e.code, e.stderr).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(xlsx);
    expect(wb.worksheets[0]!.actualRowCount - 1).toBe(hand!.n);
  });

  it('refuses a bad rule with exit 2 naming the JSON path', async () => {
    const rule = join(dir, 'bad.json');
    writeFileSync(rule, JSON.stringify({ any: [{ attr: 'salary', op: 'gt', value: 1 }] }));
    const r = await runCli(['segment', 'count', '--rule', rule, '--database-url', db.url!, '--json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('rule.any[0].attr');
  });

  it('refreshes the CDP: tier counts sum to the customers', async () => {
    const r = await runCli(['cdp', 'refresh', '--as-of', AS_OF, '--database-url', db.url!, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { customers: number; tiers: Record<string, number> };
    expect(Object.values(out.tiers).reduce((a, b) => a + b, 0)).toBe(out.customers);
  });

  it('applies the deterministic ONE-ID merge of a duplicate sharing a verified phone and lists nothing afterwards', async () => {
    const [a, b] = (await db.query<{ id: number }>('SELECT id FROM customers ORDER BY id LIMIT 2')).map(
      (r) => r.id,
    );
    const [phone] = await db.query<{ value: string }>(
      `SELECT value FROM customer_identities WHERE customer_id = $1 AND channel = 'phone'`,
      [a],
    );
    await db.query(`DELETE FROM customer_identities WHERE customer_id = $1 AND channel = 'ecif'`, [b]);
    await db.query(
      `INSERT INTO customer_identities (customer_id, channel, value, verified, linked_at) VALUES ($1, 'phone', $2, true, now())`,
      [b, phone!.value],
    );
    const eventsB = await db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM events WHERE customer_id = $1',
      [b],
    );
    const r = await runCli(['cdp', 'identities', '--apply', '--database-url', db.url!, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { merged: { survivor: number; merged: number; rule: string }[] };
    expect(out.merged).toEqual([expect.objectContaining({ survivor: a, merged: b, rule: 'verified_phone' })]);
    const [moved] = await db.query<{ moved: { events: number[] } }>(
      'SELECT moved FROM customer_merges WHERE customer_id = $1',
      [a],
    );
    expect(moved!.moved.events.length).toBe(eventsB[0]!.n);
    const again = await runCli(['cdp', 'identities', '--database-url', db.url!, '--json']);
    expect((JSON.parse(again.stdout) as { candidates: unknown[] }).candidates).toEqual([]);
  });
});
