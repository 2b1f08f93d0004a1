/**
 * The advisory SERVICE on a database (issue 11): the wealth check-up, a one-year statement and recommendations
 * through src/server/modules/advisory on an embedded PGlite holding the demo bank (seed 7), as of the demo's
 * reference date. Two measures, target < 20 ms per customer each:
 *   - single: one customer at a time through the service runner (its queries + the engine), p50/p95 over
 *     200 customers, after the day's shelf is built (once a day, reported separately);
 *   - batch: every customer of the bank (10,000 by default) in chunks of 500 (one query per table per chunk),
 *     wall time per customer for each of the three.
 * Run: npx tsx bench/advisory-service.ts [--customers 10000] [--single 200]   Prints one JSON report.
 */
import { cpus, loadavg } from 'node:os';
import { isAppError } from '../src/core/errors.js';
import { DEMO_DEFAULTS, seedDemoBank } from '../src/demo/index.js';
import { openPglite } from '../src/server/db/connection.js';
import { migrate } from '../src/server/db/migrate.js';
import { seedingPort } from '../src/server/db/seeding.js';
import { checkupOf, recommendationsOf, statementOf } from '../src/server/modules/advisory/engines.js';
import { customerIds } from '../src/server/modules/advisory/repo.js';
import { advisoryRunner, loadBundles } from '../src/server/modules/advisory/service.js';
import { advisoryShelf } from '../src/server/modules/advisory/shelf.js';

const arg = (name: string, dflt: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : dflt;
};
const CUSTOMERS = arg('customers', 10_000);
const SINGLE = arg('single', 200);
const TODAY = DEMO_DEFAULTS.asOf;
const FROM = `${Number(TODAY.slice(0, 4)) - 1}${TODAY.slice(4)}`;
const REQUEST = { purpose: 'growth' as const, amount: 100_000, horizonMonths: 36, limit: 5 };

const db = await openPglite(null);
await migrate(db);
const s0 = performance.now();
await seedDemoBank(seedingPort(db), { customers: CUSTOMERS, seed: 7 });
const seedSeconds = (performance.now() - s0) / 1000;

const t0 = performance.now();
await advisoryShelf(db, TODAY);
const shelfMs = performance.now() - t0;

const ids = await customerIds(db, CUSTOMERS);
const run = advisoryRunner(db, TODAY);
const refusedOk = (e: unknown) => {
  if (!isAppError(e) || e.code !== 'ASSESSMENT_EXPIRED') throw e;
};

const stats = (xs: number[]) => {
  const v = [...xs].sort((a, b) => a - b);
  const q = (p: number) => v[Math.min(v.length - 1, Math.floor(p * v.length))]!;
  return { p50_ms: +q(0.5).toFixed(2), p95_ms: +q(0.95).toFixed(2), max_ms: +v[v.length - 1]!.toFixed(2) };
};

const single = { checkup: [] as number[], statement_1y: [] as number[], recommendations: [] as number[] };
let refusals = 0;
for (let pass = 0; pass < 2; pass++) {
  for (const k of Object.keys(single) as (keyof typeof single)[]) single[k].length = 0;
  refusals = 0;
  for (const id of ids.slice(0, SINGLE)) {
    let s = performance.now();
    await run.checkup(id);
    single.checkup.push(performance.now() - s);
    s = performance.now();
    await run.statement(id, { from: FROM, to: TODAY });
    single.statement_1y.push(performance.now() - s);
    s = performance.now();
    try {
      await run.recommendations(id, REQUEST);
    } catch (e) {
      refusedOk(e);
      refusals++;
    }
    single.recommendations.push(performance.now() - s);
  }
}

const CHUNK = 500;
const batch = async (kind: 'checkup' | 'statement_1y' | 'recommendations') => {
  const shelf = await advisoryShelf(db, TODAY);
  const start = performance.now();
  let done = 0;
  for (let i = 0; i < ids.length; i += CHUNK) {
    const chunk = ids.slice(i, i + CHUNK);
    const bundles = await loadBundles(db, chunk, { transactions: kind === 'statement_1y' });
    for (const b of bundles.values()) {
      if (kind === 'checkup') checkupOf(b, shelf, TODAY);
      else if (kind === 'statement_1y') statementOf(b, shelf, FROM, TODAY, TODAY);
      else
        try {
          recommendationsOf(b, shelf, REQUEST, TODAY);
        } catch (e) {
          refusedOk(e);
        }
      done++;
    }
  }
  return { customers: done, ms_per_customer: +((performance.now() - start) / done).toFixed(3) };
};
const batchResult = {
  checkup: await batch('checkup'),
  statement_1y: await batch('statement_1y'),
  recommendations: await batch('recommendations'),
};
await db.close();

process.stdout.write(
  JSON.stringify(
    {
      bench: 'advisory-service',
      database: 'PGlite (embedded, in memory)',
      bank: { customers: CUSTOMERS, seed: 7, as_of: TODAY, seed_seconds: +seedSeconds.toFixed(1) },
      shelf_build_ms: +shelfMs.toFixed(1),
      single: {
        customers: Math.min(SINGLE, ids.length),
        checkup: stats(single.checkup),
        statement_1y: stats(single.statement_1y),
        recommendations: stats(single.recommendations),
        recommendation_refusals: refusals,
      },
      batch: { chunk: CHUNK, ...batchResult },
      target_ms_per_customer: 20,
      machine: { node: process.version, cpus: cpus().length, loadavg_1m: +loadavg()[0]!.toFixed(2) },
    },
    null,
    2,
  ) + '\n',
);
