import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, testDbKinds } from '../../../test/support/db.js';
import type { TestDb } from '../../../test/support/db.js';
import { EXPORT_TABLE_NAMES, readExportTable } from './table-export.js';
import type { ExportCell } from './table-export.js';

describe.each(testDbKinds())('table export on %s', (kind) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await createTestDb(kind, { content: 'demo' });
  });
  afterAll(() => db.close());

  it('reads every row of a composite-key table exactly once, in key order, across small batches', async () => {
    const rows: ExportCell[][] = [];
    let batches = 0;
    const columns = await readExportTable(
      db,
      'transactions',
      (b) => {
        batches++;
        rows.push(...b);
      },
      97,
    );
    const [{ n }] = (await db.rows<{ n: number }>(sql`select count(*)::int as n from transactions`)) as [
      { n: number },
    ];
    expect(rows.length).toBe(n);
    expect(batches).toBeGreaterThan(1);
    const c = columns.indexOf('customer_id');
    const i = columns.indexOf('id');
    const keys = rows.map((r) => [Number(r[c]), Number(r[i])] as const);
    for (let k = 1; k < keys.length; k++) {
      const [a, b] = [keys[k - 1]!, keys[k]!];
      expect(a[0] < b[0] || (a[0] === b[0] && a[1] < b[1])).toBe(true);
    }
  });

  it('reads text and date keys (nav) and turns nulls into empty cells and booleans into 0/1', async () => {
    const nav: ExportCell[][] = [];
    await readExportTable(db, 'nav', (b) => void nav.push(...b), 5000);
    const [{ n }] = (await db.rows<{ n: number }>(sql`select count(*)::int as n from nav`)) as [
      { n: number },
    ];
    expect(nav.length).toBe(n);
    const customers: ExportCell[][] = [];
    const cols = await readExportTable(db, 'customers', (b) => void customers.push(...b));
    const county = cols.indexOf('county');
    const merged = cols.indexOf('merged_into');
    expect(customers.every((r) => r[county] === 0 || r[county] === 1)).toBe(true);
    expect(customers.some((r) => r[merged] === '')).toBe(true);
  });

  it('knows every raw table of the contract', () => {
    expect(EXPORT_TABLE_NAMES.sort()).toEqual(
      [
        'consents',
        'customers',
        'events',
        'holdings',
        'identities',
        'leads',
        'nav',
        'outbox',
        'products',
        'transactions',
      ].sort(),
    );
  });

  it('writes a lead with its ISO times and its script', async () => {
    await db.run(sql`insert into leads (customer_id, rule_key, rule_version, dedupe_key, org_unit_id, script, script_en, due_at, created_at)
      select id, 'large_inflow', 1, 'export-test', org_unit_id, '请致电客户', 'Call the customer', '2026-11-02T10:00:00Z', '2026-11-01T10:00:00Z'
        from customers order by id limit 1`);
    const rows: ExportCell[][] = [];
    const cols = await readExportTable(db, 'leads', (b) => void rows.push(...b));
    const mine = rows.filter(
      (r) => r[cols.indexOf('rule_key')] === 'large_inflow' && r[cols.indexOf('script')] === '请致电客户',
    );
    expect(mine).toHaveLength(1);
    expect(mine[0]![cols.indexOf('due_at')]).toBe('2026-11-02T10:00:00.000Z');
    expect(mine[0]![cols.indexOf('closed_at')]).toBe('');
  });
});
