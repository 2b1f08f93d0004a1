/**
 * AIPL dashboard at the demo bank's size: the time of GET /api/insight/aipl's computation (aiplReport: every
 * customer's stage on two dates in keyset batches, break points, drivers at the weakest step in a worker thread)
 * side by side with its ceiling in the same run — one hand-written pass that only reads and groups the same rows
 * (events, purchases, subscriptions in the windows, per customer) without classifying anything. `scan_only` is the
 * stage computation without the drivers (GBDT + TreeSHAP in a worker thread).
 *
 * Data: a fresh PostgreSQL database (caiban_bench_aipl on BENCH_DATABASE_URL / TEST_DATABASE_URL's server, dropped
 * at the end) with a seeded demo bank of --customers customers (default 5,000, seed 1, as of 2026-10-30).
 * Run: npx tsx bench/aipl.ts [--customers 5000] [--runs 3]. Prints one JSON report on stdout.
 */
import { loadavg } from 'node:os';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { seedDemoBank } from '../src/demo/index.js';
import { openPostgres } from '../src/server/db/connection.js';
import { migrate } from '../src/server/db/migrate.js';
import { seedingPort } from '../src/server/db/seeding.js';
import { scanAipl } from '../src/server/modules/insight/aipl.js';
import { aiplReport } from '../src/server/modules/insight/aipl-report.js';

const arg = (name: string, dflt: string): string => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? dflt) : dflt;
};
const CUSTOMERS = Number(arg('customers', '5000'));
const RUNS = Number(arg('runs', '3'));
const ADMIN_URL =
  process.env.BENCH_DATABASE_URL ??
  process.env.TEST_DATABASE_URL ??
  'postgres://postgres@127.0.0.1:5432/test';
const DB_NAME = 'caiban_bench_aipl';
const FROM = '2026-08-31';
const TO = '2026-10-30';

const admin = async (text: string): Promise<void> => {
  const c = new pg.Client({ connectionString: ADMIN_URL });
  await c.connect();
  try {
    await c.query(text);
  } finally {
    await c.end();
  }
};

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const main = async (): Promise<void> => {
  await admin(`DROP DATABASE IF EXISTS ${DB_NAME} WITH (FORCE)`);
  await admin(`CREATE DATABASE ${DB_NAME}`);
  const u = new URL(ADMIN_URL);
  u.pathname = `/${DB_NAME}`;
  const db = await openPostgres(u.toString(), { max: 4 });
  try {
    await migrate(db);
    const seeded = performance.now();
    await seedDemoBank(seedingPort(db), { customers: CUSTOMERS, seed: 1 });
    const seedMs = performance.now() - seeded;
    await db.run(sql`ANALYZE`);
    const ours: number[] = [];
    const ceiling: number[] = [];
    const scan: number[] = [];
    let population = 0;
    let driversStatus = '';
    for (let k = 0; k < RUNS; k++) {
      let t = performance.now();
      const r = await aiplReport(db, { from: FROM, to: TO });
      ours.push(performance.now() - t);
      population = r.population;
      driversStatus = r.drivers.status;
      t = performance.now();
      await scanAipl(db, { from: FROM, to: TO });
      scan.push(performance.now() - t);
      t = performance.now();
      await db.rows(sql`
        SELECT c.id, e.n, p.n
        FROM customers c
        LEFT JOIN LATERAL (SELECT count(*) AS n FROM events e WHERE e.customer_id = c.id
          AND e.at >= ${FROM}::date - 180 AND e.at < ${TO}::date + 1) e ON true
        LEFT JOIN LATERAL (SELECT count(*) AS n FROM (
          SELECT t.trade_date FROM transactions t WHERE t.customer_id = c.id AND t.type = 'purchase'
            AND t.trade_date > ${FROM}::date - 365 AND t.trade_date <= ${TO}::date
          UNION ALL SELECT s.start_date FROM advisory_subscriptions s WHERE s.customer_id = c.id
            AND s.start_date > ${FROM}::date - 365) x) p ON true`);
      ceiling.push(performance.now() - t);
    }
    process.stdout.write(
      JSON.stringify({
        bench: 'aipl',
        customers: CUSTOMERS,
        population,
        drivers: driversStatus,
        runs: RUNS,
        aipl_report_ms_median: Math.round(median(ours)),
        scan_only_ms_median: Math.round(median(scan)),
        ceiling_read_group_ms_median: Math.round(median(ceiling)),
        ratio: Number((median(ours) / median(ceiling)).toFixed(2)),
        seed_ms: Math.round(seedMs),
        loadavg_1m: Number(loadavg()[0]!.toFixed(2)),
        cores: 2,
      }) + '\n',
    );
  } finally {
    await db.close();
    await admin(`DROP DATABASE IF EXISTS ${DB_NAME} WITH (FORCE)`);
  }
};

await main();
