/**
 * The engagement loop at scale (issue 14): events ingested and evaluated by the built-in MOT rules per second, and
 * the event-to-lead latency, on the local PostgreSQL with the 1,000,000-customer bank that `bench/segments.ts
 * --keep` leaves (database caiban_bench; the migrations are applied to it here). The ceiling of the same run is a
 * raw `COPY` of the same events into a scratch copy of the events table (same columns and indexes).
 *
 * Phases:
 * 1. ceiling: COPY of the N events (customer_id, id, at, type, channel, payload) into `bench_events_ceiling`.
 * 2. throughput: the N events through the ingestion service (`ingestEvents`, batches of --batch) and then the MOT
 *    engine (`runDue`) until nothing is pending; events/s of each phase and of the two together.
 * 3. pipeline: another N events (same mix, other customers' draws) ingested in batches of --batch while one
 *    evaluation loop runs `runDue` beside it (as the server's `mot.evaluate` job does when ingestion nudges it);
 *    events/s from the first batch sent to the last receipt evaluated.
 * 4. latency: ingestion at a fixed offered rate (--rate events/s for --seconds) while one evaluation loop runs
 *    `runDue` with the real clock, as the server's job does; for every lead created, its `created_at` minus the
 *    event's `received_at`: p50 / p95 / max.
 * Evaluation runs in this process (`--workers 0`, the default), or in N worker processes (`--workers N`,
 * bench/engagement-worker.ts, as N server processes running the `mot.evaluate` job would): they split the
 * pending receipts through the queue's FOR UPDATE SKIP LOCKED claim. Ingestion always runs here.
 * CPU time of the throughput phases (robust where wall time is not, on a shared machine): this process's (ingestion)
 * or the evaluating processes' (this one or the workers), plus this database's PostgreSQL backends (/proc; null when
 * the server is not local), as µs per event.
 * Peak memory: this process's maximum resident set size, and each worker's.
 *
 * Run: npx tsx bench/engagement.ts [--events 200000] [--batch 10000] [--eval-batch N] [--workers N] [--rate 5000]
 *        [--seconds 20] [--database caiban_bench]
 * Prints one JSON report on stdout; progress on stderr.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { openPostgres } from '../src/server/db/connection.js';
import type { Database } from '../src/server/db/connection.js';
import { migrate } from '../src/server/db/migrate.js';
import { ingestEvents } from '../src/server/modules/events/ingest.js';
import { runDue } from '../src/server/modules/mot/service.js';
import { enqueueMessages } from '../src/server/modules/outbox/service.js';
import type { MotCounts } from '../src/server/modules/mot/service.js';
import { backendCpuMeter } from './backend-cpu.js';
import { repoRootPath } from './support.js';
import { makeEvents, type Ev } from './engagement-events.js';

const arg = (name: string, dflt: string): string => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? dflt) : dflt;
};
const EVENTS = Number(arg('events', '200000'));
const BATCH = Number(arg('batch', '10000'));
/** Receipts the MOT engine claims per transaction (its `batchSize`; default: the engine's own). */
const EVAL_BATCH = arg('eval-batch', '');
const motDeps = {
  enqueue: enqueueMessages,
  ...(EVAL_BATCH === '' ? {} : { batchSize: Number(EVAL_BATCH) }),
};
const WORKERS = Number(arg('workers', '0'));
const RATE = Number(arg('rate', '5000'));
const SECONDS = Number(arg('seconds', '20'));
const DB_NAME = arg('database', 'caiban_bench');
const ADMIN_URL =
  process.env.BENCH_DATABASE_URL ??
  process.env.TEST_DATABASE_URL ??
  'postgres://postgres@127.0.0.1:5432/test';
const log = (m: string) => process.stderr.write(m + '\n');

const withDb = (url: string, name: string) => {
  const u = new URL(url);
  u.pathname = '/' + name;
  return u.toString();
};

const pct = (xs: number[], p: number): number => {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))]!;
};

const copyCeiling = async (raw: pg.Client, evs: readonly Ev[]): Promise<number> => {
  await raw.query(`DROP TABLE IF EXISTS bench_events_ceiling`);
  await raw.query(`CREATE TABLE bench_events_ceiling (LIKE events INCLUDING ALL)`);
  const { default: copyFrom } = await import('pg-copy-streams');
  const esc = (s: string) => s.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n');
  const t = performance.now();
  const stream = raw.query(
    copyFrom.from('COPY bench_events_ceiling (customer_id, id, at, type, channel, payload) FROM STDIN'),
  );
  const lines: string[] = [];
  evs.forEach((e, i) =>
    lines.push(
      `${e.customer.value}\t${2e12 + i}\t${e.occurred_at}\t${e.type}\tapp\t${esc(JSON.stringify(e.payload))}\n`,
    ),
  );
  await new Promise<void>((resolve, reject) => {
    stream.on('finish', resolve);
    stream.on('error', reject);
    for (let i = 0; i < lines.length; i += 5000) stream.write(lines.slice(i, i + 5000).join(''));
    stream.end();
  });
  const s = (performance.now() - t) / 1000;
  await raw.query(`DROP TABLE bench_events_ceiling`);
  return s;
};

type Totals = { leads: number; queued: number; deferred: number; suppressed: number };
const totalsOf = (r: MotCounts): Totals => ({
  leads: r.leads_created,
  queued: r.messages_queued,
  deferred: r.messages_deferred,
  suppressed: r.messages_suppressed,
});
const addTotals = (a: Totals, b: Totals): Totals => ({
  leads: a.leads + b.leads,
  queued: a.queued + b.queued,
  deferred: a.deferred + b.deferred,
  suppressed: a.suppressed + b.suppressed,
});
const ZERO: Totals = { leads: 0, queued: 0, deferred: 0, suppressed: 0 };
const busy = (t: Totals) => t.leads + t.queued + t.deferred + t.suppressed > 0;

/** A pass of the engine that finished: its `now` (the leads' created_at) and when its work became visible. */
type Pass = { now: string; doneAt: number; totals: Totals };

/**
 * Who evaluates: `drain` runs `runDue` until nothing is pending (what the server's `mot.evaluate` job runs);
 * `loop` runs passes until `stop` (an empty pass waits idleMs), then one last pass.
 */
type Evaluator = {
  /** Also the CPU seconds of the evaluating processes (this one, or the workers summed). */
  drain(): Promise<{ totals: Totals; cpuS: number }>;
  loop(idleMs: number, onPass: (p: Pass) => void): { stop(): Promise<void> };
  /** Peak RSS of the worker processes (MB), none in-process. */
  close(): Promise<number[]>;
};

const inProcess = (db: Database): Evaluator => {
  const pass = async (onPass: (p: Pass) => void): Promise<Totals> => {
    const now = new Date();
    const totals = totalsOf(await runDue(db, now, motDeps));
    onPass({ now: now.toISOString(), doneAt: Date.now(), totals });
    return totals;
  };
  return {
    drain: async () => {
      const c = process.cpuUsage();
      const totals = totalsOf(await runDue(db, new Date(), motDeps));
      const d = process.cpuUsage(c);
      return { totals, cpuS: (d.user + d.system) / 1e6 };
    },
    loop: (idleMs, onPass) => {
      let stopping = false;
      const done = (async () => {
        while (!stopping) if (!busy(await pass(onPass))) await new Promise((res) => setTimeout(res, idleMs));
        await pass(onPass);
      })();
      return {
        stop: () => {
          stopping = true;
          return done;
        },
      };
    },
    close: () => Promise.resolve([]),
  };
};

type WorkerMsg =
  | { cmd: 'ready' | 'stopped' }
  | { cmd: 'drained'; counts: MotCounts; cpuS: number }
  | { cmd: 'pass'; now: string; doneAt: number; counts: MotCounts }
  | { cmd: 'bye'; maxRssMb: number };

/** N worker processes (bench/engagement-worker.ts) on their own pools. */
const workerProcesses = async (url: string, n: number): Promise<Evaluator> => {
  const children: ChildProcess[] = [];
  const next = (c: ChildProcess, cmd: WorkerMsg['cmd']) =>
    new Promise<WorkerMsg>((res) => {
      const on = (m: WorkerMsg) => {
        if (m.cmd !== cmd) return;
        c.off('message', on);
        res(m);
      };
      c.on('message', on);
    });
  for (let i = 0; i < n; i++) {
    const c = fork(join(repoRootPath, 'bench', 'engagement-worker.ts'), [], {
      execArgv: ['--import', 'tsx'],
      env: { ...process.env, BENCH_WORKER_DATABASE_URL: url, BENCH_WORKER_EVAL_BATCH: EVAL_BATCH },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    c.once('exit', (code) => {
      if (code !== 0) throw new Error(`evaluation worker ${i} exited with ${code}`);
    });
    children.push(c);
  }
  await Promise.all(children.map((c) => next(c, 'ready')));
  return {
    drain: async () => {
      const done = children.map((c) => next(c, 'drained'));
      for (const c of children) c.send({ cmd: 'drain' });
      return (await Promise.all(done)).reduce(
        (t, m) =>
          m.cmd === 'drained'
            ? { totals: addTotals(t.totals, totalsOf(m.counts)), cpuS: t.cpuS + m.cpuS }
            : t,
        { totals: ZERO, cpuS: 0 },
      );
    },
    loop: (idleMs, onPass) => {
      const on = (m: WorkerMsg) => {
        if (m.cmd === 'pass') onPass({ now: m.now, doneAt: m.doneAt, totals: totalsOf(m.counts) });
      };
      for (const c of children) {
        c.on('message', on);
        c.send({ cmd: 'loop', idleMs });
      }
      return {
        stop: async () => {
          const stopped = children.map((c) => next(c, 'stopped'));
          for (const c of children) c.send({ cmd: 'stop' });
          await Promise.all(stopped);
          for (const c of children) c.off('message', on);
        },
      };
    },
    close: async () => {
      const bye = children.map((c) => next(c, 'bye'));
      for (const c of children) {
        c.removeAllListeners('exit');
        c.send({ cmd: 'exit' });
      }
      return (await Promise.all(bye)).map((m) => (m.cmd === 'bye' ? m.maxRssMb : 0));
    },
  };
};

/** CPU seconds of a phase (Node side, PostgreSQL side) and µs per event of both. */
const cpuReport = (nodeS: number, pgS: number | null, n: number) => ({
  cpu_s: { node: Number(nodeS.toFixed(2)), postgres: pgS === null ? null : Number(pgS.toFixed(2)) },
  cpu_us_per_event: pgS === null ? null : Math.round(((nodeS + pgS) / n) * 1e6),
});

const main = async () => {
  const url = withDb(ADMIN_URL, DB_NAME);
  const db = await openPostgres(url, { max: 4 });
  const raw = new pg.Client({ connectionString: url });
  await raw.connect();
  try {
    await migrate(db);
    const { rows: cnt } = await raw.query<{ n: number }>(`SELECT count(*)::int AS n FROM customers`);
    log(`customers: ${cnt[0]!.n}`);
    const { rows: idRows } = await raw.query<{ id: string }>(
      `SELECT id::text FROM customers WHERE merged_into IS NULL AND random() < 0.2`,
    );
    const ids = idRows.map((r) => Number(r.id));
    const { rows: codeRows } = await raw.query<{ code: string }>(`SELECT code FROM products`);
    const codes = codeRows.map((r) => r.code);
    const evaluator = WORKERS > 0 ? await workerProcesses(url, WORKERS) : inProcess(db);
    // Nothing pending from an earlier run.
    await evaluator.drain();
    const tag = `bench-${Date.now().toString(36)}`;
    const now = new Date();
    const evs = makeEvents(EVENTS, ids, codes, tag, () => new Date(now.getTime() - 60_000), 1);

    log(`ceiling: COPY of ${EVENTS} events…`);
    const copyS = await copyCeiling(raw, evs);

    log(`throughput: ingestion of ${EVENTS} events in batches of ${BATCH}…`);
    const meter = backendCpuMeter(raw);
    await meter.start();
    const ingestCpu0 = process.cpuUsage();
    let t = performance.now();
    let accepted = 0;
    for (let i = 0; i < evs.length; i += BATCH) {
      const r = await ingestEvents(db, evs.slice(i, i + BATCH), { now: new Date(), source: 'cli' });
      accepted += r.accepted;
      if (r.rejected.length > 0) throw new Error(`rejected: ${JSON.stringify(r.rejected.slice(0, 3))}`);
    }
    const ingestS = (performance.now() - t) / 1000;
    const ingestCpu = process.cpuUsage(ingestCpu0);
    const ingestPgCpu = await meter.stop();
    log(`evaluation of ${accepted} events by the built-in rules…`);
    await meter.start();
    t = performance.now();
    const { totals: evalTotals, cpuS: evalCpu } = await evaluator.drain();
    const evalS = (performance.now() - t) / 1000;
    const evalPgCpu = await meter.stop();

    log(`pipeline: ${EVENTS} events ingested while the evaluation loop runs…`);
    const pipeEvents = makeEvents(
      EVENTS,
      ids,
      codes,
      `${tag}-pipe`,
      () => new Date(now.getTime() - 60_000),
      3,
    );
    let pipeTotals = ZERO;
    t = performance.now();
    const evalLoop = evaluator.loop(20, (p) => {
      pipeTotals = addTotals(pipeTotals, p.totals);
    });
    let pipeAccepted = 0;
    for (let i = 0; i < pipeEvents.length; i += BATCH) {
      const r = await ingestEvents(db, pipeEvents.slice(i, i + BATCH), { now: new Date(), source: 'cli' });
      pipeAccepted += r.accepted;
    }
    const pipeIngestS = (performance.now() - t) / 1000;
    await evalLoop.stop();
    const pipeS = (performance.now() - t) / 1000;
    const { rows: left } = await raw.query<{ n: number }>(`SELECT count(*)::int AS n FROM event_queue`);

    log(`latency: ${RATE} events/s offered for ${SECONDS} s while the evaluation loop runs…`);
    const latTag = `${tag}-lat`;
    const started = new Date();
    // Leads carry the `now` of the evaluation pass that made them; a pass's work is visible when it returns.
    const doneAt = new Map<string, number>();
    const loop = evaluator.loop(50, (p) => doneAt.set(p.now, p.doneAt));
    const tick = 100; // ms
    const perTick = Math.max(1, Math.round((RATE * tick) / 1000));
    const latEvents = makeEvents(Math.round(RATE * SECONDS), ids, codes, latTag, () => new Date(), 2);
    let sent = 0;
    const t0 = performance.now();
    while (sent < latEvents.length) {
      const due = Math.min(latEvents.length, Math.round(((performance.now() - t0) / tick) * perTick));
      if (due > sent) {
        const chunk = latEvents
          .slice(sent, due)
          .map((e) => ({ ...e, occurred_at: new Date().toISOString() }));
        await ingestEvents(db, chunk, { now: new Date(), source: 'cli' });
        sent = due;
      } else await new Promise((res) => setTimeout(res, 5));
    }
    const offeredS = (performance.now() - t0) / 1000;
    await loop.stop();
    const workerRss = await evaluator.close();
    // A lead's event: the first qualifying inflow of its customer in this phase.
    const { rows: lat } = await raw.query<{ created: Date; received: Date }>(
      `SELECT l.created_at AS created, min(r.received_at) AS received
         FROM leads l JOIN event_receipts r ON r.customer_id = l.customer_id AND r.type = 'large_transfer_in'
        WHERE r.key LIKE $1 AND l.created_at >= $2 AND l.rule_key = 'large_inflow'
        GROUP BY l.id, l.created_at`,
      [`${latTag}-%`, started],
    );
    const ms = lat.flatMap((r) => {
      const done = doneAt.get(r.created.toISOString());
      return done === undefined ? [] : [done - r.received.getTime()];
    });

    const report = {
      bench: 'engagement',
      database: 'postgres',
      customers: cnt[0]!.n,
      events: EVENTS,
      batch: BATCH,
      eval_batch: EVAL_BATCH === '' ? 'default' : Number(EVAL_BATCH),
      ceiling_copy: { seconds: copyS, events_per_s: Math.round(EVENTS / copyS) },
      ingest: {
        seconds: ingestS,
        events_per_s: Math.round(EVENTS / ingestS),
        accepted,
        ...cpuReport((ingestCpu.user + ingestCpu.system) / 1e6, ingestPgCpu, EVENTS),
      },
      evaluate: {
        seconds: evalS,
        events_per_s: Math.round(accepted / evalS),
        ...evalTotals,
        ...cpuReport(evalCpu, evalPgCpu, accepted),
      },
      ingest_and_evaluate: {
        events_per_s: Math.round(EVENTS / (ingestS + evalS)),
        share_of_copy_ceiling: Number((EVENTS / (ingestS + evalS) / (EVENTS / copyS)).toFixed(3)),
      },
      pipeline: {
        seconds: pipeS,
        ingest_seconds: pipeIngestS,
        accepted: pipeAccepted,
        events_per_s: Math.round(pipeAccepted / pipeS),
        share_of_copy_ceiling: Number((pipeAccepted / pipeS / (EVENTS / copyS)).toFixed(3)),
        left_unevaluated: left[0]!.n,
        ...pipeTotals,
      },
      latency: {
        offered_events_per_s: RATE,
        achieved_events_per_s: Math.round(latEvents.length / offeredS),
        leads: ms.length,
        p50_ms: pct(ms, 0.5),
        p95_ms: pct(ms, 0.95),
        max_ms: pct(ms, 1),
      },
      workers: WORKERS,
      peak_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024),
      worker_peak_rss_mb: workerRss,
      load_avg: (await import('node:os')).loadavg().map((x) => Number(x.toFixed(2))),
    };
    process.stdout.write(JSON.stringify(report, null, 2) + '\n');
  } finally {
    await raw.end();
    await db.close();
  }
};

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
