/**
 * CPU per event of the engagement loop (issue 14), for A/B runs on a shared machine where wall time says little:
 * N events ingested (`ingestEvents`, batches of --batch), then evaluated by the built-in MOT rules (`runDue` until
 * nothing is pending); for each phase the CPU seconds of this process and of the database's PostgreSQL backends
 * (/proc, bench/backend-cpu.ts) and µs per event of both. The same seeded event mix as bench/engagement.ts, over a
 * fixed fifth of the customers (id % 5 = 0), so two runs on copies of one database do the same work.
 *
 * --impl DIR loads the engine (ingestion, MOT, outbox) from another checkout's src/ (e.g. a worktree of main), so
 * one harness measures both sides of an A/B. --profile DIR writes a V8 CPU profile of each phase
 * (ingest.cpuprofile, evaluate.cpuprofile) to find the hot spots. --dist loads DIR/dist (compiled, as production
 * runs; `npm run build` first) instead of DIR/src through tsx.
 *
 * Run: npx tsx bench/engagement-cpu.ts --database NAME [--events 50000] [--batch 10000] [--impl DIR] [--dist]
 *        [--profile DIR]
 * The database must hold a demo bank (bench/segments.ts --keep leaves one); use a throwaway copy
 * (`createdb -T NAME copy`): the run adds events, leads and outbox rows. Prints one JSON report on stdout.
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import type { Database } from '../src/server/db/connection.js';
import type { ingestEvents as IngestEvents } from '../src/server/modules/events/ingest.js';
import type { runDue as RunDue, MotCounts } from '../src/server/modules/mot/service.js';
import type { enqueueMessages as EnqueueMessages } from '../src/server/modules/outbox/service.js';
import { backendCpuMeter } from './backend-cpu.js';
import { repoRootPath } from './support.js';
import { makeEvents } from './engagement-events.js';

const arg = (name: string, dflt: string): string => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? dflt) : dflt;
};
const EVENTS = Number(arg('events', '50000'));
const BATCH = Number(arg('batch', '10000'));
const DB_NAME = arg('database', '');
const IMPL = resolve(arg('impl', repoRootPath));
const PROFILE = arg('profile', '');
/** Load the compiled engine (IMPL/dist, as production runs it: `npm run build` first) instead of IMPL/src. */
const DIST = process.argv.includes('--dist');
const ADMIN_URL =
  process.env.BENCH_DATABASE_URL ??
  process.env.TEST_DATABASE_URL ??
  'postgres://postgres@127.0.0.1:5432/test';
if (DB_NAME === '') throw new Error('--database: the name of a database holding a demo bank is required');
if (!Number.isSafeInteger(EVENTS) || EVENTS < 1)
  throw new Error('--events: expected a positive whole number');
if (!Number.isSafeInteger(BATCH) || BATCH < 1) throw new Error('--batch: expected a positive whole number');

const load = async <T>(rel: string): Promise<T> =>
  (await import(
    pathToFileURL(DIST ? join(IMPL, 'dist', rel.replace(/\.ts$/, '.js')) : join(IMPL, 'src', rel)).href
  )) as T;

/** Runs `fn` with this process's and the database's CPU measured (and profiled to `name` when --profile). */
const measured = async <T>(raw: pg.Client, name: string, n: number, fn: () => Promise<T>) => {
  const meter = backendCpuMeter(raw);
  const session = PROFILE === '' ? null : new Session();
  if (session !== null) {
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.start');
  }
  await meter.start();
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const result = await fn();
  const seconds = (performance.now() - t0) / 1000;
  const c = process.cpuUsage(c0);
  const pgS = await meter.stop();
  if (session !== null) {
    const { profile } = await session.post('Profiler.stop');
    writeFileSync(join(PROFILE, `${name}.cpuprofile`), JSON.stringify(profile));
    session.disconnect();
  }
  const nodeS = (c.user + c.system) / 1e6;
  return {
    result,
    report: {
      seconds: Number(seconds.toFixed(2)),
      events_per_s: Math.round(n / seconds),
      cpu_s: { node: Number(nodeS.toFixed(2)), postgres: pgS === null ? null : Number(pgS.toFixed(2)) },
      cpu_us_per_event: {
        node: Math.round((nodeS / n) * 1e6),
        postgres: pgS === null ? null : Math.round((pgS / n) * 1e6),
        total: pgS === null ? null : Math.round(((nodeS + pgS) / n) * 1e6),
      },
    },
  };
};

const main = async () => {
  const { openPostgres } = await load<{
    openPostgres: (url: string, o: { max: number }) => Promise<Database>;
  }>('server/db/connection.ts');
  const { migrate } = await load<{ migrate: (db: Database) => Promise<unknown> }>('server/db/migrate.ts');
  const { ingestEvents } = await load<{ ingestEvents: typeof IngestEvents }>(
    'server/modules/events/ingest.ts',
  );
  const { runDue } = await load<{ runDue: typeof RunDue }>('server/modules/mot/service.ts');
  const { enqueueMessages } = await load<{ enqueueMessages: typeof EnqueueMessages }>(
    'server/modules/outbox/service.ts',
  );
  const u = new URL(ADMIN_URL);
  u.pathname = '/' + DB_NAME;
  const db = await openPostgres(u.toString(), { max: 4 });
  const raw = new pg.Client({ connectionString: u.toString() });
  await raw.connect();
  try {
    await migrate(db);
    const ids = (
      await raw.query<{ id: string }>(
        `SELECT id::text FROM customers WHERE merged_into IS NULL AND id % 5 = 0 ORDER BY id`,
      )
    ).rows.map((r) => Number(r.id));
    const codes = (await raw.query<{ code: string }>(`SELECT code FROM products ORDER BY code`)).rows.map(
      (r) => r.code,
    );
    const started = new Date();
    const evs = makeEvents(
      EVENTS,
      ids,
      codes,
      `cpu-${started.getTime().toString(36)}`,
      () => new Date(started.getTime() - 60_000),
      1,
    );
    const ingest = await measured(raw, 'ingest', EVENTS, async () => {
      let accepted = 0;
      for (let i = 0; i < evs.length; i += BATCH) {
        const r = await ingestEvents(db, evs.slice(i, i + BATCH), { now: new Date(), source: 'cli' });
        if (r.rejected.length > 0) throw new Error(`rejected: ${JSON.stringify(r.rejected.slice(0, 3))}`);
        accepted += r.accepted;
      }
      return accepted;
    });
    const evaluate = await measured(raw, 'evaluate', ingest.result, () =>
      runDue(db, new Date(), { enqueue: enqueueMessages }),
    );
    const counts: MotCounts = evaluate.result;
    process.stdout.write(
      JSON.stringify({
        bench: 'engagement-cpu',
        impl: IMPL,
        database: DB_NAME,
        customers_drawn: ids.length,
        events: EVENTS,
        batch: BATCH,
        ingest: { accepted: ingest.result, ...ingest.report },
        evaluate: { ...counts, ...evaluate.report },
        load_avg: loadavg().map((x) => Number(x.toFixed(2))),
      }) + '\n',
    );
  } finally {
    await raw.end();
    await db.close();
  }
};

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
