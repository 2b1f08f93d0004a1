/**
 * Segment counting at scale: the time of 5 typical segments counted through the rule compiler
 * (server/modules/segments/compile.ts) against a hand-written SQL count of the same segments (the ceiling), in the
 * same run on the local PostgreSQL; both must give the same count. Then the export of a large segment (CSV and
 * .xlsx through the streaming writers): time and peak memory of this process.
 *
 * Data: a fresh database (default caiban_bench on BENCH_DATABASE_URL / TEST_DATABASE_URL's server, dropped at the
 * end unless --keep) with a seeded demo bank of --template customers, extended to --customers by copying the
 * template customers' rows with SQL (generate_series): attributes perturbed per copy (AUM scaled, birth dates
 * shifted), holdings copied, events of the last 35 days copied. Tiers are set by SQL with the default AUM bands.
 *
 * Run: npx tsx bench/segments.ts [--customers 1000000] [--template 2000] [--runs 3] [--keep] [--reuse] [--no-export]
 * --reuse measures on the database a previous `--keep` run left (when it holds --customers customers): the
 * migrations are applied to it (new indexes and derived tables are built by them) and it is analysed, not rebuilt.
 * Prints one JSON report on stdout.
 */
import { createWriteStream, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { Rule } from '../src/core/segment/rule.js';
import { parseRule } from '../src/core/segment/rule.js';
import { seedDemoBank } from '../src/demo/index.js';
import { openPostgres } from '../src/server/db/connection.js';
import { migrate } from '../src/server/db/migrate.js';
import { seedingPort } from '../src/server/db/seeding.js';
import { exportSegment } from '../src/server/modules/segments/export.js';
import { countSegment, segmentWhere } from '../src/server/modules/segments/repo.js';
import { admin, dbUrl } from './support.js';

const arg = (name: string, dflt: string): string => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? dflt) : dflt;
};
const CUSTOMERS = Number(arg('customers', '1000000'));
const TEMPLATE = Number(arg('template', '2000'));
const RUNS = Number(arg('runs', '3'));
const REUSE = process.argv.includes('--reuse');
const KEEP = REUSE || process.argv.includes('--keep');
const EXPORT = !process.argv.includes('--no-export');
const DB_NAME = arg('database', 'caiban_bench');
const AS_OF = new Date('2026-10-30T08:00:00+08:00');
const TODAY = '2026-10-30';

const log = (m: string) => process.stderr.write(m + '\n');

/** The 5 typical segments: the rule, and the same segment written by hand. */
const SEGMENTS: { name: string; rule: Rule; hand: string }[] = [
  {
    name: 'elderly_5w_no_equity',
    rule: {
      all: [
        { attr: 'aum', op: 'gte', value: 50_000 },
        { attr: 'age', op: 'gte', value: 60 },
        { not: { holds: { product_type: 'equity' } } },
      ],
    },
    hand: `SELECT count(*)::int AS n FROM customers c WHERE c.merged_into IS NULL AND c.aum_fen >= 5000000
             AND c.birth_date <= DATE '${TODAY}' - interval '60 years'
             AND NOT EXISTS (SELECT 1 FROM holdings h JOIN products p ON p.code = h.product_code
                             WHERE h.customer_id = c.id AND p.type = 'equity')`,
  },
  {
    name: 'affluent_aggressive',
    rule: {
      all: [
        { attr: 'tier', op: 'in', value: ['affluent', 'private'] },
        { attr: 'risk_level', op: 'gte', value: 'C4' },
      ],
    },
    hand: `SELECT count(*)::int AS n FROM customers c WHERE c.merged_into IS NULL
             AND c.tier IN ('affluent', 'private') AND c.risk_level IN ('C4', 'C5')`,
  },
  {
    name: 'active_app_30d',
    rule: { event: 'login', min_count: 3, days: 30 },
    hand: `SELECT count(*)::int AS n FROM customers c WHERE c.merged_into IS NULL
             AND c.id IN (SELECT e.customer_id FROM events e WHERE e.type = 'login'
                    AND e.at > TIMESTAMPTZ '${AS_OF.toISOString()}' - interval '30 days'
                    AND e.at <= TIMESTAMPTZ '${AS_OF.toISOString()}'
                  GROUP BY e.customer_id HAVING count(*) >= 3)`,
  },
  {
    name: 'county_payroll_tenure_1y',
    rule: {
      all: [
        { attr: 'payroll', op: 'eq', value: true },
        { attr: 'county', op: 'eq', value: true },
        { attr: 'tenure_months', op: 'gte', value: 12 },
      ],
    },
    hand: `SELECT count(*)::int AS n FROM customers c WHERE c.merged_into IS NULL AND c.payroll AND c.county
             AND c.onboarded_at <= DATE '${TODAY}' - interval '12 months'`,
  },
  {
    name: 'risky_holder_or_mass_young',
    rule: {
      any: [
        { holds: { risk_level_gte: 'R4', min_value: 100_000 } },
        {
          all: [
            { attr: 'tier', op: 'eq', value: 'mass' },
            { attr: 'age', op: 'lt', value: 30 },
          ],
        },
      ],
    },
    hand: `SELECT count(*)::int AS n FROM customers c WHERE c.merged_into IS NULL AND (
             c.id IN (SELECT h.customer_id FROM holdings h JOIN products p ON p.code = h.product_code
                       LEFT JOIN nav_latest n ON n.product_code = h.product_code
                     WHERE p.risk_level IN ('R4', 'R5')
                       AND coalesce(round(h.units * n.unit, 2) * 100, h.cost_fen) >= 10000000)
             OR (c.tier = 'mass' AND c.birth_date > DATE '${TODAY}' - interval '30 years'))`,
  },
];

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const build = async (db: Awaited<ReturnType<typeof openPostgres>>, raw: pg.Client): Promise<void> => {
  log(`seeding the demo template (${TEMPLATE} customers)…`);
  await seedDemoBank(seedingPort(db), { customers: TEMPLATE, seed: 1 });
  const copies = Math.ceil(CUSTOMERS / TEMPLATE) - 1;
  log(`extending to ${CUSTOMERS} customers (${copies} copies of the template)…`);
  await raw.query(`SET synchronous_commit = off`);
  const { rows: ids } = await raw.query<{ min: string }>(`SELECT min(id)::text AS min FROM customers`);
  const base = Number(ids[0]!.min);
  // Copy k: ids base + k·TEMPLATE + i; AUM ×(0.5…1.5); birth dates shifted by up to ±3 years.
  await raw.query(
    `INSERT INTO customers (id, name, gender, birth_date, id_number, phone, province, city, city_tier, county, occupation,
       education, annual_income_fen, aum_fen, segment, rm_id, org_unit_id, risk_level, risk_assessed_at, lowest_category,
       professional, payroll, elderly, car_owner, onboarded_at, status)
     SELECT c.id + k * $1, c.name, c.gender, c.birth_date + (((k * 7919 + c.id) % 2191) - 1095)::int, c.id_number,
       c.phone, c.province, c.city, c.city_tier, c.county, c.occupation, c.education, c.annual_income_fen,
       (c.aum_fen * (0.5 + ((k * 104729 + c.id) % 1000) / 1000.0))::bigint, c.segment, c.rm_id, c.org_unit_id,
       c.risk_level, c.risk_assessed_at, c.lowest_category, c.professional, c.payroll, c.elderly, c.car_owner,
       c.onboarded_at, c.status
     FROM customers c CROSS JOIN generate_series(1, $2) AS k
     WHERE c.id + k * $1 < $3`,
    [TEMPLATE, copies, base + CUSTOMERS],
  );
  await raw.query(
    `INSERT INTO holdings (customer_id, product_code, units, cost_fen, opened_at)
     SELECT h.customer_id + k * $1, h.product_code, h.units, h.cost_fen, h.opened_at
     FROM holdings h CROSS JOIN generate_series(1, $2) AS k WHERE h.customer_id + k * $1 < $3`,
    [TEMPLATE, copies, base + CUSTOMERS],
  );
  await raw.query(
    `INSERT INTO events (customer_id, id, at, type, channel, payload)
     SELECT e.customer_id + k * $1, e.id + k::bigint * 100000000000, e.at, e.type, e.channel, e.payload
     FROM events e CROSS JOIN generate_series(1, $2) AS k
     WHERE e.customer_id + k * $1 < $3 AND e.at > $4::timestamptz - interval '35 days'`,
    [TEMPLATE, copies, base + CUSTOMERS, AS_OF.toISOString()],
  );
  await raw.query(
    `UPDATE customers SET tier = CASE WHEN aum_fen >= 600000000 THEN 'private' WHEN aum_fen >= 50000000 THEN 'affluent'
       WHEN aum_fen >= 5000000 THEN 'potential' ELSE 'mass' END`,
  );
};

const main = async () => {
  const started = performance.now();
  const url = dbUrl(DB_NAME);
  let reused = false;
  if (REUSE && (await admin(`SELECT 1 FROM pg_database WHERE datname = '${DB_NAME}'`)).length > 0) {
    const probe = new pg.Client({ connectionString: url });
    await probe.connect();
    try {
      const { rows } = await probe
        .query<{ n: number }>(`SELECT count(*)::int AS n FROM customers`)
        .catch(() => ({ rows: [{ n: 0 }] }));
      reused = rows[0]!.n >= CUSTOMERS;
    } finally {
      await probe.end();
    }
  }
  if (!reused) {
    await admin(`DROP DATABASE IF EXISTS ${DB_NAME} WITH (FORCE)`);
    await admin(`CREATE DATABASE ${DB_NAME}`);
  }
  const db = await openPostgres(url, { max: 4 });
  const raw = new pg.Client({ connectionString: url });
  await raw.connect();
  try {
    const t0 = performance.now();
    await migrate(db);
    if (reused) log(`reusing ${DB_NAME} (migrations applied)`);
    else await build(db, raw);
    await raw.query(`VACUUM ANALYZE`);
    const { rows: sizes } = await raw.query<{ c: number; h: number; e: number }>(
      `SELECT (SELECT count(*) FROM customers)::int AS c, (SELECT count(*) FROM holdings)::int AS h,
              (SELECT count(*) FROM events)::int AS e`,
    );
    const loadSeconds = (performance.now() - t0) / 1000;
    log(`data: ${JSON.stringify(sizes[0])}; ${reused ? 'analysed' : 'built'} in ${loadSeconds.toFixed(0)} s`);

    // The compiler's counts run with work_mem 64MB (repo.ts countSegment); the hand-written ones get the same.
    await raw.query(`SET work_mem = '64MB'`);
    const results = [];
    for (const s of SEGMENTS) {
      const rule = parseRule(s.rule);
      const where = segmentWhere({ kind: 'all' }, rule, AS_OF);
      const compiled: number[] = [];
      const hand: number[] = [];
      let nCompiled = -1;
      let nHand = -1;
      for (let r = 0; r < RUNS; r++) {
        let t = performance.now();
        nCompiled = await countSegment(db, where);
        compiled.push(performance.now() - t);
        t = performance.now();
        nHand = (await raw.query<{ n: number }>(s.hand)).rows[0]!.n;
        hand.push(performance.now() - t);
      }
      const row = {
        segment: s.name,
        count: nCompiled,
        hand_count: nHand,
        same: nCompiled === nHand,
        compiled_ms: Math.round(median(compiled)),
        hand_ms: Math.round(median(hand)),
        ratio: Math.round((median(compiled) / median(hand)) * 100) / 100,
      };
      log(JSON.stringify(row));
      results.push(row);
    }

    const large = parseRule({ attr: 'aum', op: 'gte', value: 50_000 });
    const where = segmentWhere({ kind: 'all' }, large, AS_OF);
    const exports = [];
    for (const format of EXPORT ? (['csv', 'xlsx'] as const) : []) {
      const file = join(tmpdir(), `caiban-bench-segment.${format}`);
      const rssBefore = process.memoryUsage().rss;
      let peak = rssBefore;
      const timer = setInterval(() => {
        peak = Math.max(peak, process.memoryUsage().rss);
      }, 25);
      const t = performance.now();
      const out = createWriteStream(file);
      const closed = new Promise<void>((resolve) => out.once('close', () => resolve()));
      const rows = await exportSegment(db, where, AS_OF, format, out);
      await closed;
      const ms = performance.now() - t;
      clearInterval(timer);
      const row = {
        format,
        rows,
        seconds: Math.round(ms / 100) / 10,
        rows_per_second: Math.round(rows / (ms / 1000)),
        bytes: statSync(file).size,
        rss_before_mb: Math.round(rssBefore / 1048576),
        peak_rss_mb: Math.round(peak / 1048576),
      };
      log(JSON.stringify(row));
      exports.push(row);
      rmSync(file, { force: true });
    }
    process.stdout.write(
      JSON.stringify(
        {
          bench: 'segments',
          engine: 'postgresql (local, 127.0.0.1)',
          customers: sizes[0]!.c,
          holdings: sizes[0]!.h,
          events: sizes[0]!.e,
          data: `demo bank of ${TEMPLATE} customers extended by SQL copies (attributes perturbed)`,
          reused_database: reused,
          load_seconds: Math.round(loadSeconds),
          runs: RUNS,
          segments: results,
          export: exports,
          total_seconds: Math.round((performance.now() - started) / 1000),
        },
        null,
        2,
      ) + '\n',
    );
  } finally {
    await raw.end();
    await db.close();
    if (!KEEP) await admin(`DROP DATABASE IF EXISTS ${DB_NAME} WITH (FORCE)`);
  }
};

await main();
