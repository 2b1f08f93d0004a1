import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, testDbKinds } from '../../../test/support/db.js';
import type { TestDb } from '../../../test/support/db.js';
import { openPglite } from './connection.js';
import { isMigrated, migrate, readMigrations } from './migrate.js';
import { orgUnits, products, staff } from './schema.js';

describe.each(testDbKinds())('database on %s', (kind) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await createTestDb(kind);
  });
  afterAll(async () => {
    await db.close();
  });

  it('applies every committed migration once and is idempotent', async () => {
    expect(await isMigrated(db)).toBe(true);
    const again = await migrate(db);
    expect(again.applied).toEqual([]);
    expect(again.alreadyApplied).toBe(readMigrations().length);
  });

  it('creates the tables of the data model with customer_id leading every customer-owned primary key', async () => {
    const rows = await db.query<{ table_name: string; column_name: string }>(
      `SELECT tc.table_name, kcu.column_name FROM information_schema.table_constraints tc
       JOIN information_schema.key_column_usage kcu ON kcu.constraint_name = tc.constraint_name
       WHERE tc.constraint_type = 'PRIMARY KEY' AND kcu.ordinal_position = 1 AND tc.table_schema = 'public'`,
    );
    const firstPk = new Map(rows.map((r) => [r.table_name, r.column_name]));
    for (const t of [
      'customer_identities',
      'consents',
      'holdings',
      'transactions',
      'events',
      'advisory_subscriptions',
    ]) {
      expect(firstPk.get(t), t).toBe('customer_id');
    }
    expect(firstPk.get('customers')).toBe('id');
    for (const t of ['org_units', 'staff', 'products', 'nav', 'index_series', 'sessions', 'audit_log']) {
      expect(firstPk.has(t), t).toBe(true);
    }
  });

  it('has no floating-point columns', async () => {
    const floats = await db.query<{ table_name: string; column_name: string }>(
      `SELECT table_name, column_name FROM information_schema.columns
       WHERE table_schema = 'public' AND data_type IN ('real', 'double precision')`,
    );
    expect(floats).toEqual([]);
  });

  it('returns the same JS types from raw queries and from Drizzle on both engines', async () => {
    await db.orm.insert(orgUnits).values({ id: 'HQ', parentId: null, level: 'hq', name: '总行' });
    await db.orm.insert(staff).values({
      id: 1,
      username: 'admin',
      passwordHash: 'x',
      displayName: '管理员',
      role: 'admin',
      orgUnitId: 'HQ',
      createdAt: new Date('2026-01-02T03:04:05Z'),
    });
    const [raw] = await db.query(
      `SELECT 12345678901::bigint AS big, 1.2345::numeric(12,4) AS num, DATE '2026-10-30' AS d,
              '{"a":1}'::jsonb AS j, created_at FROM staff`,
    );
    expect(raw).toEqual({
      big: 12345678901,
      num: '1.2345',
      d: '2026-10-30',
      j: { a: 1 },
      created_at: new Date('2026-01-02T03:04:05Z'),
    });
    const [s] = await db.orm.select().from(staff).where(eq(staff.username, 'admin'));
    expect(s?.createdAt).toEqual(new Date('2026-01-02T03:04:05Z'));
  });

  it('rolls a failed transaction back completely', async () => {
    await expect(
      db.transaction(async (tx) => {
        await tx.query(`INSERT INTO org_units (id, level, name) VALUES ('BR99', 'branch', '测试分行')`);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await db.query(`SELECT id FROM org_units WHERE id = 'BR99'`)).toEqual([]);
  });

  it('rejects a product row with a non-numeric fee through the numeric column', async () => {
    await expect(
      db.orm.insert(products).values({
        code: 'X1',
        name: 'x',
        type: 'equity',
        riskLevel: 'R4',
        issuer: 'i',
        manager: 'm',
        benchmark: 'b',
        inceptionDate: '2024-01-02',
        minPurchaseFen: 100,
        purchaseFeeRate: 'abc',
        redemptionFeeRate: '0',
        managementFeeRate: '0',
        custodyFeeRate: '0',
        salesServiceFeeRate: '0',
        dividendPolicy: 'cash',
        status: 'open',
        description: '',
      }),
    ).rejects.toThrow();
  });
});

describe('embedded database folder', () => {
  it('refuses a second open of the same DATA_DIR while the first is open, and allows it after close', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'caiban-lock-'));
    try {
      const first = await openPglite(join(dir, 'pg'));
      await expect(openPglite(join(dir, 'pg'))).rejects.toMatchObject({ code: 'CONFLICT' });
      await first.close();
      const again = await openPglite(join(dir, 'pg'));
      expect(await again.query<{ one: number }>('SELECT 1 AS one')).toEqual([{ one: 1 }]);
      await again.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
