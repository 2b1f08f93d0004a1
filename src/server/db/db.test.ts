import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { asc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, testDbKinds } from '../../../test/support/db.js';
import type { TestDb } from '../../../test/support/db.js';
import { isAppError } from '../../core/errors.js';
import { openPglite } from './connection.js';
import { isMigrated, migrate, readMigrations } from './migrate.js';
import { compile, databaseErrorOf, sqlStateOf } from './queryable.js';
import { auditLog, orgUnits, products, staff } from './schema.js';

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
      'risk_assessments',
      'customer_insights',
      'customer_intents',
      'rm_cards',
      'copy_outbox',
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
    // A sql template and computed columns of the builder come back exactly like the raw text.
    const template = await db.one(
      sql`SELECT 12345678901::bigint AS big, 1.2345::numeric(12,4) AS num, DATE '2026-10-30' AS d,
                 '{"a":1}'::jsonb AS j, ${staff.createdAt} AS created_at FROM ${staff}`,
    );
    expect(template).toEqual(raw);
    const [built] = await db.orm
      .select({
        big: sql<number>`12345678901::bigint`,
        num: sql<string>`1.2345::numeric(12,4)`,
        d: sql<string>`DATE '2026-10-30'`,
        j: sql<{ a: number }>`'{"a":1}'::jsonb`,
        created_at: staff.createdAt,
      })
      .from(staff);
    expect(built).toEqual(raw);
  });

  it('refuses an int8 beyond 2^53 through every API instead of rounding it', async () => {
    const failure = (p: Promise<unknown>) =>
      p.then(
        () => null,
        (e: unknown) => databaseErrorOf(e),
      );
    const big = sql`9007199254740993::bigint`;
    for (const p of [
      db.rows(sql`SELECT ${big} AS n`),
      db.orm.select({ n: sql<number>`${big}` }).from(sql`(VALUES (1)) AS one`),
    ]) {
      const e = await failure(p);
      expect(isAppError(e) && e.code === 'INTERNAL' && /exceeds 2\^53/.test(e.message), String(e)).toBe(true);
    }
  });

  it('gives the SQLSTATE of a failed query the same way from the builder and from a template', async () => {
    const dup = { id: 'BR55', parentId: null, level: 'branch' as const, name: '戊' };
    await db.orm.insert(orgUnits).values(dup);
    const fromBuilder = await db.orm
      .insert(orgUnits)
      .values(dup)
      .then(
        () => null,
        (e: unknown) => e,
      );
    const fromTemplate = await db
      .run(sql`INSERT INTO ${orgUnits} (id, level, name) VALUES (${dup.id}, 'branch', 'x')`)
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(sqlStateOf(fromBuilder)).toBe('23505');
    expect(sqlStateOf(fromTemplate)).toBe('23505');
    expect(sqlStateOf(new Error('not a database error'))).toBeNull();
  });

  it('sends every interpolated value as a parameter, never as SQL text', async () => {
    const hostile = `x'); DROP TABLE staff; --`;
    const q = sql`SELECT ${hostile}::text AS v`;
    expect(compile(q)).toEqual({ sql: 'SELECT $1::text AS v', params: [hostile] });
    expect(await db.one(q)).toEqual({ v: hostile });
    expect(await db.orm.$count(staff, eq(staff.username, hostile))).toBe(0);
    expect(await db.orm.$count(staff)).toBeGreaterThan(0);
  });

  it('runs the builder, sql templates and COPY of one transaction on its connection and commits them together', async () => {
    await db.transaction(async (tx) => {
      await tx.orm.insert(orgUnits).values({ id: 'BR77', parentId: null, level: 'branch', name: '甲' });
      await tx.run(
        sql`INSERT INTO ${orgUnits} (id, parent_id, level, name) VALUES (${'OU7701'}, ${'BR77'}, 'outlet', '乙')`,
      );
      await tx.copyFrom('org_units', ['id', 'parent_id', 'level', 'name'], 'OU7702\tBR77\toutlet\t丙\n');
      const seen = await tx.orm
        .select({ id: orgUnits.id })
        .from(orgUnits)
        .where(eq(orgUnits.parentId, 'BR77'))
        .orderBy(asc(orgUnits.id));
      expect(seen.map((r) => r.id)).toEqual(['OU7701', 'OU7702']);
    });
    expect(await db.orm.$count(orgUnits, sql`${orgUnits.id} LIKE ${'%77%'}`)).toBe(3);
  });

  it('rolls back the builder, sql templates and COPY of a failed transaction together', async () => {
    const before = await db.orm.$count(auditLog);
    await expect(
      db.transaction(async (tx) => {
        await tx.orm.insert(auditLog).values({ actorKind: 'system', actorId: 't', action: 'x', details: {} });
        await tx.run(sql`INSERT INTO ${auditLog} (actor_kind, actor_id, action) VALUES ('system', 't', 'y')`);
        await tx.copyFrom('org_units', ['id', 'level', 'name'], 'BR88\tbranch\t丁\n');
        expect(await tx.orm.$count(auditLog)).toBe(before + 2);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await db.orm.$count(auditLog)).toBe(before);
    expect(await db.orm.$count(orgUnits, eq(orgUnits.id, 'BR88'))).toBe(0);
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
