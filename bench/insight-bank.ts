/**
 * The million-customer bank of bench/insight.ts: the demo generator itself (seedDemoBank), streamed in chunks of
 * 2,000 customers through COPY into its own PostgreSQL database (default caiban_insight_bench), so that every
 * customer has the generator's advisory subscriptions, transactions and events (bench/segments.ts's copied bank
 * has no subscriptions or transactions, so no renewal decisions). The database is kept: a later run reuses it when
 * its seed marker says it holds the asked size and seed.
 *
 * Run alone: npx tsx bench/insight-bank.ts [--customers 1000000] [--database caiban_insight_bench]
 * Prints one JSON line on stdout (reused or seeded, seconds, rows, peak RSS of the seeding process).
 */
import { fileURLToPath } from 'node:url';
import { loadavg } from 'node:os';
import { seedDemoBank } from '../src/demo/index.js';
import { openPostgres } from '../src/server/db/connection.js';
import { migrate } from '../src/server/db/migrate.js';
import { readSeedMarker, seedingPort } from '../src/server/db/seeding.js';
import { admin, dbUrl } from './support.js';

export type BankBuild = {
  database: string;
  customers: number;
  reused: boolean;
  seconds: number | null;
  rows: Record<string, number> | null;
  loadavg_1m_at_end: number;
};

/** Ensures `name` holds a demo bank of `customers` customers (seed 1); seeds it when absent or different. */
export const ensureBank = async (name: string, customers: number): Promise<BankBuild> => {
  const exists = (await admin(`SELECT 1 FROM pg_database WHERE datname = '${name}'`)).length > 0;
  if (!exists) await admin(`CREATE DATABASE ${name}`);
  const db = await openPostgres(dbUrl(name), { max: 2 });
  try {
    await migrate(db);
    const marker = await readSeedMarker(db).catch(() => null);
    if (marker && marker.customers === customers && marker.seed === 1)
      return { database: name, customers, reused: true, seconds: null, rows: null, loadavg_1m_at_end: 0 };
    const r = await seedDemoBank(seedingPort(db), {
      customers,
      seed: 1,
      chunkSize: 2000,
      force: true,
      onProgress: (d, t) => {
        if (d % 50_000 === 0 || d === t) process.stderr.write(`seeded ${d}/${t} (load ${loadavg()[0]})\n`);
      },
    });
    return {
      database: name,
      customers,
      reused: false,
      seconds: Math.round(r.seconds),
      rows: r.rows,
      loadavg_1m_at_end: Number(loadavg()[0]!.toFixed(2)),
    };
  } finally {
    await db.close();
  }
};

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const arg = (n: string, d: string) => {
    const i = process.argv.indexOf(`--${n}`);
    return i >= 0 ? (process.argv[i + 1] ?? d) : d;
  };
  const r = await ensureBank(arg('database', 'caiban_insight_bench'), Number(arg('customers', '1000000')));
  process.stdout.write(
    JSON.stringify({ ...r, peak_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024) }) + '\n',
  );
}
