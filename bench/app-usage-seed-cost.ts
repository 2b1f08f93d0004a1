/**
 * What the monthly app-usage rollup (app_usage_monthly, issue 15) costs the demo seed: seeds the same bank into fresh
 * in-memory PGlite databases, alternately with the rollup and with its COPY left out (the bank as it was before),
 * and prints the seconds of each run, the row counts and the machine load as JSON.
 * Run: npx tsx bench/app-usage-seed-cost.ts [--seed 1] [--customers 5000] [--rounds 2]
 */
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import type { SeedingPort } from '../src/core/seeding.js';
import { seedDemoBank } from '../src/demo/index.js';
import { openPglite } from '../src/server/db/connection.js';
import { migrate } from '../src/server/db/migrate.js';
import { seedingPort } from '../src/server/db/seeding.js';

const { values } = parseArgs({
  options: {
    seed: { type: 'string', default: '1' },
    customers: { type: 'string', default: '5000' },
    rounds: { type: 'string', default: '2' },
  },
});

/** The port with the rollup's COPY dropped: the seed as it was before the rollup existed. */
const withoutRollup = (port: SeedingPort): SeedingPort => ({
  ...port,
  replace: (tables, opts, fill) =>
    port.replace(tables, opts, (w) =>
      fill({ copy: (t, c, text) => (t === 'app_usage_monthly' ? Promise.resolve() : w.copy(t, c, text)) }),
    ),
});

const seedOnce = async (rollup: boolean): Promise<{ seconds: number; rows: Record<string, number> }> => {
  const db = await openPglite(null);
  await migrate(db);
  const port = rollup ? seedingPort(db) : withoutRollup(seedingPort(db));
  const t = performance.now();
  const r = await seedDemoBank(port, { customers: Number(values.customers), seed: Number(values.seed) });
  const seconds = (performance.now() - t) / 1000;
  await db.close();
  return { seconds, rows: r.rows };
};

const main = async (): Promise<void> => {
  const runs: Array<{ rollup: boolean; seconds: number; load1: number }> = [];
  let rows: Record<string, number> = {};
  for (let k = 0; k < Number(values.rounds); k++) {
    for (const rollup of [false, true]) {
      const r = await seedOnce(rollup);
      if (rollup) rows = r.rows;
      runs.push({ rollup, seconds: Math.round(r.seconds * 100) / 100, load1: loadavg()[0]! });
    }
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)]!;
  const without = median(runs.filter((r) => !r.rollup).map((r) => r.seconds));
  const withIt = median(runs.filter((r) => r.rollup).map((r) => r.seconds));
  console.log(
    JSON.stringify(
      {
        bank: { seed: Number(values.seed), customers: Number(values.customers) },
        rows: { events: rows.events, app_usage_monthly: rows.app_usage_monthly },
        seconds: {
          without_rollup: without,
          with_rollup: withIt,
          growth: Math.round((withIt / without - 1) * 1000) / 1000,
        },
        runs,
      },
      null,
      2,
    ),
  );
};

await main();
