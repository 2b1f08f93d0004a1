import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, testDbKinds } from '../../test/support/db.js';
import type { TestDb } from '../../test/support/db.js';
import { runCli } from '../cli/testing.js';
import { verifyPassword } from '../server/auth/password.js';
import type { Queryable } from '../server/db/connection.js';
import { isTradingDay } from './calendar.js';
import { seedDemoBank } from './seed.js';
import { isSeeded, readSeedMarker, seedingPort } from '../server/db/seeding.js';

const TABLES = [
  'org_units',
  'staff',
  'products',
  'nav',
  'indices',
  'index_series',
  'customers',
  'customer_identities',
  'consents',
  'holdings',
  'transactions',
  'events',
  'advisory_subscriptions',
  'app_meta',
];

/** md5 of every table's rows in a fixed order (whole-database fingerprint). */
const fingerprint = async (db: Queryable): Promise<Record<string, string>> => {
  const out: Record<string, string> = {};
  for (const t of TABLES) {
    const [r] = await db.query<{ h: string }>(
      `SELECT md5(coalesce(string_agg(x.r, E'\\n' ORDER BY x.r COLLATE "C"), '')) AS h FROM (SELECT t::text AS r FROM ${t} t) x`,
    );
    out[t] = r!.h;
  }
  return out;
};

/** Seeds like `caiban demo seed --customers N --seed S`: through the CLI on PostgreSQL (--database-url). */
const seed = async (db: TestDb, customers: number, s: number): Promise<void> => {
  if (db.url === null) {
    await seedDemoBank(seedingPort(db), { customers, seed: s });
    return;
  }
  const r = await runCli([
    'demo',
    'seed',
    '--customers',
    String(customers),
    '--seed',
    String(s),
    '--database-url',
    db.url,
    '--json',
  ]);
  expect(r.code, r.stderr).toBe(0);
  expect(JSON.parse(r.stdout)).toMatchObject({ customers, seed: s });
};

/** Big enough for every table to get rows of every kind, small enough to seed four times per run. */
const CUSTOMERS = 400;

describe.each(testDbKinds())('demo seeding on %s', (kind) => {
  let db: TestDb;
  let first: Record<string, string>;
  beforeAll(async () => {
    db = await createTestDb(kind);
    expect(await isSeeded(db)).toBe(false);
    await seed(db, CUSTOMERS, 7);
    first = await fingerprint(db);
  });
  afterAll(async () => {
    await db?.close();
  });

  it(`seeding --customers ${CUSTOMERS} --seed 7 twice gives identical data`, async () => {
    await seed(db, CUSTOMERS, 7);
    expect(await fingerprint(db)).toEqual(first);
    expect(await readSeedMarker(db)).toMatchObject({ customers: CUSTOMERS, seed: 7, asOf: '2026-10-30' });
    const [n] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM customers');
    expect(n!.n).toBe(CUSTOMERS);
  });

  it('keeps holdings equal to the sum of transaction units', async () => {
    const bad = await db.query(
      `SELECT h.customer_id, h.product_code FROM holdings h
       LEFT JOIN (SELECT customer_id, product_code, sum(units) AS u FROM transactions GROUP BY 1, 2) t
         ON t.customer_id = h.customer_id AND t.product_code = h.product_code
       WHERE t.u IS DISTINCT FROM h.units`,
    );
    expect(bad).toEqual([]);
  });

  it('prices holdings at the latest NAV, which every held product has on the reference date', async () => {
    const rows = await db.query<{ stale: number; mv: string; n: number }>(
      `WITH latest AS (SELECT DISTINCT ON (product_code) product_code, date, unit FROM nav ORDER BY product_code, date DESC)
       SELECT count(*) FILTER (WHERE l.date <> DATE '2026-10-30')::int AS stale,
              sum(round(h.units * l.unit * 100))::text AS mv, count(*)::int AS n
       FROM holdings h JOIN latest l USING (product_code)`,
    );
    expect(rows[0]!.stale).toBe(0);
    expect(rows[0]!.n).toBeGreaterThan(CUSTOMERS); // about 2.1 holdings per customer
    const [aum] = await db.query<{ ok: boolean }>(
      `SELECT bool_and(c.aum_fen >= coalesce(m.mv, 0)) AS ok FROM customers c LEFT JOIN (
         SELECT h.customer_id, sum(round(h.units * n.unit * 100)) AS mv FROM holdings h
         JOIN nav n ON n.product_code = h.product_code AND n.date = DATE '2026-10-30' GROUP BY 1) m ON m.customer_id = c.id`,
    );
    expect(aum!.ok).toBe(true);
  });

  it('records purchases at the NAV of their trade date', async () => {
    const bad = await db.query(
      `SELECT t.customer_id, t.id FROM transactions t LEFT JOIN nav n ON n.product_code = t.product_code AND n.date = t.trade_date
       WHERE t.type = 'purchase' AND (n.unit IS NULL OR n.unit <> t.nav) LIMIT 5`,
    );
    expect(bad).toEqual([]);
  });

  it('publishes NAV only on trading days, with adjusted NAV chained through dividends', async () => {
    const dates = await db.query<{ d: string }>('SELECT DISTINCT date AS d FROM nav');
    expect(dates.length).toBeGreaterThan(700);
    for (const { d } of dates) expect(isTradingDay(d), d).toBe(true);
    const [chain] = await db.query<{ worst: string }>(
      `SELECT max(abs(adjusted / lag_adj - (unit + dividend) / lag_unit))::text AS worst FROM (
         SELECT n.*, lag(adjusted) OVER w AS lag_adj, lag(unit) OVER w AS lag_unit
         FROM nav n JOIN products p ON p.code = n.product_code WHERE p.type <> 'money_market'
         WINDOW w AS (PARTITION BY product_code ORDER BY date)) x WHERE lag_adj IS NOT NULL`,
    );
    expect(Number(chain!.worst)).toBeLessThan(2e-4);
  });

  it('creates the demo logins with password demo1234 and RMs serving their own outlet', async () => {
    const staff = await db.query<{ username: string; password_hash: string; role: string }>(
      `SELECT username, password_hash, role FROM staff ORDER BY id`,
    );
    expect(staff.filter((s) => s.role === 'rm')).toHaveLength(40);
    const rm1 = staff.find((s) => s.username === 'rm001')!;
    expect(await verifyPassword('demo1234', rm1.password_hash)).toBe(true);
    const [mismatch] = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM customers c JOIN staff s ON s.id = c.rm_id WHERE s.org_unit_id <> c.org_unit_id`,
    );
    expect(mismatch!.n).toBe(0);
  });

  it('gives different data for another seed', async () => {
    // Small on purpose: the market, shelf and NAV depend on the seed alone (bank.test.ts compares customers).
    await seed(db, 50, 8);
    const other = await fingerprint(db);
    expect(other.nav).not.toBe(first.nav);
    expect(other.staff).not.toBe(first.staff);
  });
});
