/**
 * Seeding benchmark: wall time and peak RSS of `seedDemoBank` for
 *   - 5,000 customers into the embedded PGlite (in memory), and
 *   - 100,000 (and with --million, 1,000,000) customers into a local PostgreSQL server (COPY streaming).
 * Each scenario runs in its own child process so that its peak RSS (getrusage maxrss) is its own.
 * Usage: npx tsx bench/seed.ts [--million] [--pg-url postgres://postgres@127.0.0.1:5432/test]
 * Prints one JSON report on stdout.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpus, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { seedDemoBank } from '../src/demo/seed.js';
import { openPglite, openPostgres } from '../src/server/db/connection.js';
import { migrate } from '../src/server/db/migrate.js';
import { seedingPort } from '../src/server/db/seeding.js';

type Scenario = { engine: 'pglite' | 'postgres'; customers: number };
type Result = Scenario & {
  seconds: number;
  peak_rss_mb: number;
  rows: Record<string, number>;
  total_rows: number;
  rows_per_second: number;
};

const arg = (name: string): string | undefined => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const adminUrl =
  arg('--pg-url') ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

const withDb = (url: string, name: string): string => {
  const u = new URL(url);
  u.pathname = '/' + name;
  return u.toString();
};

const admin = async (sql: string): Promise<void> => {
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
};

/** Child: runs one scenario and prints its result. */
const runChild = async (s: Scenario): Promise<void> => {
  const dbName = s.engine === 'postgres' ? `caiban_bench_${randomBytes(4).toString('hex')}` : null;
  if (dbName !== null) await admin(`CREATE DATABASE ${dbName}`);
  const db =
    dbName === null ? await openPglite(null) : await openPostgres(withDb(adminUrl, dbName), { max: 2 });
  try {
    await migrate(db);
    const r = await seedDemoBank(seedingPort(db), {
      customers: s.customers,
      seed: 1,
      chunkSize: 2000,
      onProgress: (d, t) => {
        if (d % 50_000 === 0 || d === t) process.stderr.write(`${s.engine} ${d}/${t}\n`);
      },
    });
    const total = Object.values(r.rows).reduce((a, b) => a + b, 0);
    const out: Result = {
      ...s,
      seconds: Math.round(r.seconds * 10) / 10,
      peak_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024),
      rows: r.rows,
      total_rows: total,
      rows_per_second: Math.round(total / r.seconds),
    };
    process.stdout.write(JSON.stringify(out) + '\n');
  } finally {
    await db.close();
    if (dbName !== null) await admin(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  }
};

const main = async (): Promise<void> => {
  const child = arg('--child');
  if (child !== undefined) {
    await runChild(JSON.parse(child) as Scenario);
    return;
  }
  const scenarios: Scenario[] = [
    { engine: 'pglite', customers: 5000 },
    { engine: 'postgres', customers: 100_000 },
    ...(process.argv.includes('--million') ? [{ engine: 'postgres' as const, customers: 1_000_000 }] : []),
  ];
  const only = arg('--only');
  const results: Array<Result | (Scenario & { error: string })> = [];
  for (const s of scenarios.filter((x) => only === undefined || `${x.engine}:${x.customers}` === only)) {
    const r = spawnSync(
      process.execPath,
      ['--import', 'tsx', fileURLToPath(import.meta.url), '--child', JSON.stringify(s), '--pg-url', adminUrl],
      {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'inherit'],
        maxBuffer: 1 << 20,
      },
    );
    const line = r.stdout.trim().split('\n').pop() ?? '';
    results.push(
      r.status === 0 && line.startsWith('{')
        ? (JSON.parse(line) as Result)
        : { ...s, error: `exit ${String(r.status)}` },
    );
  }
  process.stdout.write(
    JSON.stringify(
      {
        bench: 'seed',
        node: process.version,
        cpus: cpus().length,
        mem_gb: Math.round(totalmem() / 2 ** 30),
        results,
      },
      null,
      2,
    ) + '\n',
  );
};

await main();
