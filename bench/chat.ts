/**
 * The advisor chat under concurrency: BENCH sessions (default 100, one customer each) send classical-path turns
 * (greeting, fee question from the KB, holdings, check-up, market view, in rotation) to
 * POST /api/advisor/sessions/:id/messages, next to /healthz on the same server (a trivial Fastify route that
 * touches no database: the ceiling);
 * on PGlite (a data folder) and on PostgreSQL. Loopback only; bounded time per route.
 *
 * Two measurements, both with one connection per session and one server process:
 * - `closed_loop`: each session sends its next turn as soon as the previous one is answered (saturation
 *   throughput, compared with the trivial route's closed-loop throughput: `ratio_to_ceiling`);
 * - `fixed_rate`: the sessions together offer `--rates` turns per second (autocannon overallRate; default 100 and
 *   200, i.e. 100 customers each sending a turn every 1 s or every 0.5 s): the latency a customer sees when the
 *   server is not saturated.
 * Requests carry `accept-encoding: gzip, deflate, br` as apps send it. On PGlite the report adds
 * `embedded_db_floor` (bench/db-floor.ts): the rate of the fewest statements a durable turn can take, an upper bound
 * on any chat turn rate on the embedded database, with its own ratio to the ceiling.
 *
 * Run: npx tsx bench/chat.ts [--engines pglite,postgres] [--customers 500] [--sessions 100] [--seconds 10]
 *   [--rates 100,200]
 * Prints one JSON report on stdout.
 */
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { embeddedTurnFloor } from './db-floor.js';
import { forkBenchServer, stopBenchServer } from './support.js';
import pg from 'pg';

const arg = (name: string, dflt: string): string => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? dflt) : dflt;
};
const ENGINES = arg('engines', 'pglite,postgres').split(',') as ('pglite' | 'postgres')[];
const CUSTOMERS = Number(arg('customers', '500'));
const SESSIONS = Number(arg('sessions', '100'));
const SECONDS = Number(arg('seconds', '10'));
const ADMIN_URL =
  process.env.BENCH_DATABASE_URL ??
  process.env.TEST_DATABASE_URL ??
  'postgres://postgres@127.0.0.1:5432/test';
const RATES = arg('rates', '100,200')
  .split(',')
  .filter((r) => r !== '')
  .map(Number);
const ACCEPT_ENCODING = 'gzip, deflate, br';
const TEXTS = ['你好', '赎回要多少手续费', '看看我的持仓', '帮我体检一下持仓', '今天市场怎么样'];

type Ready = { port: number; sessions: { token: string; id: string }[] };

const startServer = (engine: string, target: string) =>
  forkBenchServer<Ready>('chat-server.ts', {
    BENCH_ENGINE: engine,
    BENCH_TARGET: target,
    BENCH_CUSTOMERS: String(CUSTOMERS),
    BENCH_SESSIONS: String(SESSIONS),
  });

const stopServer = (child: ChildProcess): Promise<unknown> => stopBenchServer(child);

/** CPU time the server process has used so far (ms). */
const serverCpu = (child: ChildProcess): Promise<number> =>
  new Promise((resolve) => {
    child.once('message', (m) => resolve((m as { cpuMs: number }).cpuMs));
    child.send('cpu');
  });

const measured = async (child: ChildProcess, go: () => Promise<autocannon.Result>, rate: number | null) => {
  const cpu0 = await serverCpu(child);
  const r = await go();
  const cpu = (await serverCpu(child)) - cpu0;
  return {
    offered_per_second: rate,
    server_cpu_ms_per_request: Math.round((cpu / Math.max(1, r.requests.total)) * 100) / 100,
    ...summary(r),
  };
};

const summary = (r: autocannon.Result) => ({
  requests: r.requests.total,
  per_second: Math.round(r.requests.average),
  p50_ms: r.latency.p50,
  p90_ms: r.latency.p90,
  p99_ms: r.latency.p99,
  max_ms: r.latency.max,
  non_2xx: r.non2xx,
  errors: r.errors,
  timeouts: r.timeouts,
});

const chat = (ready: Ready, rate: number | null): Promise<autocannon.Result> => {
  let next = 0;
  return autocannon({
    url: `http://127.0.0.1:${ready.port}`,
    connections: ready.sessions.length,
    duration: SECONDS,
    ...(rate === null ? {} : { overallRate: rate }),
    requests: [
      {
        method: 'POST',
        setupRequest: (req, ctx: object) => {
          const context = ctx as Record<string, unknown>;
          if (context.k === undefined) {
            context.k = next++;
            context.turn = 0;
          }
          const s = ready.sessions[(context.k as number) % ready.sessions.length]!;
          const text = TEXTS[(context.turn as number) % TEXTS.length]!;
          context.turn = (context.turn as number) + 1;
          return {
            ...req,
            path: `/api/advisor/sessions/${s.id}/messages`,
            headers: {
              'content-type': 'application/json',
              authorization: `Bearer ${s.token}`,
              'accept-encoding': ACCEPT_ENCODING,
            },
            body: JSON.stringify({ text }),
          };
        },
      },
    ],
  });
};

const trivial = (ready: Ready, rate: number | null): Promise<autocannon.Result> =>
  autocannon({
    url: `http://127.0.0.1:${ready.port}/healthz`,
    connections: ready.sessions.length,
    duration: SECONDS,
    headers: { 'accept-encoding': ACCEPT_ENCODING },
    ...(rate === null ? {} : { overallRate: rate }),
  });

const runEngine = async (engine: 'pglite' | 'postgres') => {
  let target = '';
  let cleanup = async () => {};
  if (engine === 'pglite') {
    const dir = mkdtempSync(join(tmpdir(), 'caiban-chat-bench-'));
    target = dir;
    cleanup = () => Promise.resolve(rmSync(dir, { recursive: true, force: true }));
  } else {
    const name = `bench_chat_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: ADMIN_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const u = new URL(ADMIN_URL);
    u.pathname = `/${name}`;
    target = u.toString();
    cleanup = async () => {
      const a = new pg.Client({ connectionString: ADMIN_URL });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
    };
  }
  const { child, ready } = await startServer(engine, target);
  try {
    const ceiling = await measured(child, () => trivial(ready, null), null);
    const closed = await measured(child, () => chat(ready, null), null);
    const fixed = [];
    for (const rate of RATES) {
      fixed.push({
        chat: await measured(child, () => chat(ready, rate), rate),
        trivial_route: await measured(child, () => trivial(ready, rate), rate),
      });
    }
    // The embedded database's own bound on durable turns, measured while the server idles (pglite only).
    const floor = engine === 'pglite' ? await embeddedTurnFloor(3) : null;
    return {
      engine,
      server_processes: 1,
      ...(floor === null
        ? {}
        : {
            embedded_db_floor: {
              ...floor,
              ratio_to_ceiling:
                Math.round((floor.turns_per_s / Math.max(1, ceiling.per_second)) * 1000) / 1000,
            },
          }),
      sessions: ready.sessions.length,
      seconds_per_run: SECONDS,
      closed_loop: {
        chat: closed,
        trivial_route: ceiling,
        ratio_to_ceiling: Math.round((closed.per_second / Math.max(1, ceiling.per_second)) * 1000) / 1000,
      },
      fixed_rate: fixed,
      loadavg_after: loadavg(),
    };
  } finally {
    await stopServer(child);
    await cleanup();
  }
};

const results = [];
for (const e of ENGINES) results.push(await runEngine(e));
process.stdout.write(
  `${JSON.stringify({ bench: 'chat', path: 'classical', node: process.version, customers: CUSTOMERS, accept_encoding: ACCEPT_ENCODING, texts: TEXTS, loadavg: loadavg(), results })}\n`,
);
