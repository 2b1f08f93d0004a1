/**
 * The staff API under concurrency: 50 RM sessions (50 different logins) hit the main staff routes — customer
 * list, customer 360, product list, product page — next to /healthz (no database: the ceiling of the HTTP stack
 * in the same run), on PGlite (a data folder, as `caiban start` uses it) and on the local PostgreSQL.
 * Loopback only; every route runs for a bounded time.
 *
 * Two measurements per route, both with one connection per session and one server process:
 * - `closed_loop`: every session sends its next request as soon as the previous one is answered (saturation:
 *   the throughput the server sustains; by Little's law mean latency = sessions / throughput);
 * - `fixed_rate`: the sessions together offer `--rates` requests per second (autocannon overallRate; default 50/s,
 *   i.e. 50 active RMs each opening one page a second), the latency an RM sees when the server is not saturated.
 * Requests carry `accept-encoding: gzip, deflate, br` as browsers send it, so response compression is measured.
 *
 * Each route is first hit for --warmup seconds (closed loop, not counted), so the figures are the steady state.
 * Run: npx tsx bench/api-load.ts [--engines pglite,postgres] [--customers 2000] [--sessions 50] [--seconds 10]
 *   [--warmup 2]
 *   [--rates 50] [--routes customers,customer360,products,product] (default: all) [--db-prefix caiban_load_]
 *   [--server-root <another checkout>] (A/B: that checkout's server code under the same load generator)
 * BENCH_TRACE=1 adds, per run, where this checkout's server spent the time (bench/api-trace.ts: event-loop delay,
 * GC pauses, time before a request is read and in the server, PGlite statements' total and run time).
 * PostgreSQL: a fresh database on BENCH_DATABASE_URL or TEST_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test),
 * dropped afterwards. Prints one JSON report on stdout.
 */
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { forkBenchServer, stopBenchServer } from './support.js';
import pg from 'pg';

const arg = (name: string, dflt: string): string => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? dflt) : dflt;
};
const ENGINES = arg('engines', 'pglite,postgres').split(',') as ('pglite' | 'postgres')[];
const CUSTOMERS = Number(arg('customers', '2000'));
const SESSIONS = Number(arg('sessions', '50'));
const SECONDS = Number(arg('seconds', '10'));
/** A closed-loop run of each route before it is measured, not counted: steady state, not cold JIT and caches. */
const WARMUP_SECONDS = Number(arg('warmup', '2'));
const RATES = arg('rates', '50')
  .split(',')
  .filter((r) => r !== '')
  .map(Number);
/** Name prefix of the throw-away PostgreSQL database (on a shared server, a prefix you own). */
const DB_PREFIX = arg('db-prefix', 'caiban_load_');
/**
 * The checkout whose server code runs (default: this one): an A/B against another worktree in the same period
 * with the same load generator (`--server-root /path/to/other/checkout`).
 */
const SERVER_ROOT = arg('server-root', '');
const ROUTES = arg('routes', 'healthz,customers,customer360,products,product').split(',');
/** What a browser sends (Chrome, Firefox): responses are compressed as in production. */
const ACCEPT_ENCODING = 'gzip, deflate, br';
const ADMIN_URL =
  process.env.BENCH_DATABASE_URL ??
  process.env.TEST_DATABASE_URL ??
  'postgres://postgres@127.0.0.1:5432/test';

type Ready = {
  port: number;
  tokens: string[];
  customerIds: number[][];
  productCodes: string[];
  audit: number;
};

const startServer = (engine: 'pglite' | 'postgres', target: string) =>
  forkBenchServer<Ready>(
    SERVER_ROOT === '' ? 'api-load-server.ts' : join(SERVER_ROOT, 'bench/api-load-server.ts'),
    {
      BENCH_ENGINE: engine,
      BENCH_TARGET: target,
      BENCH_CUSTOMERS: String(CUSTOMERS),
      BENCH_SESSIONS: String(SESSIONS),
    },
  );

const stopServer = async (child: ChildProcess): Promise<number> =>
  (await stopBenchServer<{ audit: number }>(child)).audit;

/**
 * CPU time the server process has used so far (ms): per request it is steadier than latency on a busy machine;
 * with BENCH_TRACE=1 also the server's latency trace since the last reading (bench/api-trace.ts), else null.
 */
const serverCpu = (child: ChildProcess): Promise<{ cpuMs: number; trace: unknown }> =>
  new Promise((resolve) => {
    child.once('message', (m) => {
      const r = m as { cpuMs: number; trace?: unknown };
      resolve({ cpuMs: r.cpuMs, trace: r.trace ?? null });
    });
    child.send('cpu');
  });

type RunReport = {
  /** Offered rate (requests/s over all sessions) for a fixed-rate run; null for the closed loop. */
  offered_rps: number | null;
  /** Server process CPU per request (PGlite: includes the database, which runs in the process). */
  server_cpu_ms_per_request: number;
  requests: number;
  rps: number;
  p50_ms: number;
  p90_ms: number;
  p99_ms: number;
  max_ms: number;
  errors: number;
  non2xx: number;
  /** With BENCH_TRACE=1 (this checkout's server only): event-loop delay, GC, server time, PGlite statements. */
  trace?: unknown;
};

type RouteReport = { route: string; closed_loop: RunReport; fixed_rate: RunReport[] };

/**
 * One route for SECONDS seconds with one connection per session: connection i always sends session i's token
 * and walks through that session's own paths; closed loop, or `rate` requests/s offered over all sessions.
 */
const run = async (
  child: ChildProcess,
  port: number,
  tokens: string[],
  pathsOf: (s: number) => string[],
  rate: number | null,
  seconds = SECONDS,
): Promise<RunReport> => {
  let nextSession = 0;
  const cpu0 = await serverCpu(child);
  const result = await autocannon({
    url: `http://127.0.0.1:${port}`,
    connections: tokens.length,
    duration: seconds,
    ...(rate === null ? {} : { overallRate: rate }),
    initialContext: { session: -1, n: 0 },
    requests: [
      {
        method: 'GET',
        setupRequest: (req, ctx) => {
          const context = ctx as { session: number; n: number };
          if (context.session < 0) context.session = nextSession++ % tokens.length;
          const paths = pathsOf(context.session);
          const path = paths[context.n++ % paths.length]!;
          return {
            ...req,
            path,
            headers: {
              ...req.headers,
              authorization: `Bearer ${tokens[context.session]}`,
              'accept-encoding': ACCEPT_ENCODING,
            },
          };
        },
      },
    ],
  });
  const end = await serverCpu(child);
  const cpu = end.cpuMs - cpu0.cpuMs;
  return {
    offered_rps: rate,
    server_cpu_ms_per_request: Math.round((cpu / Math.max(1, result.requests.total)) * 100) / 100,
    requests: result.requests.total,
    rps: Math.round(result.requests.average),
    p50_ms: result.latency.p50,
    p90_ms: result.latency.p90,
    p99_ms: result.latency.p99,
    max_ms: result.latency.max,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    ...(end.trace === null ? {} : { trace: end.trace }),
  };
};

const hammer = async (
  child: ChildProcess,
  port: number,
  route: string,
  tokens: string[],
  pathsOf: (s: number) => string[],
): Promise<RouteReport> => {
  if (WARMUP_SECONDS > 0) await run(child, port, tokens, pathsOf, null, WARMUP_SECONDS);
  const closed = await run(child, port, tokens, pathsOf, null);
  const fixed: RunReport[] = [];
  for (const rate of RATES) fixed.push(await run(child, port, tokens, pathsOf, rate));
  return { route, closed_loop: closed, fixed_rate: fixed };
};

const adminQuery = async (text: string): Promise<void> => {
  const c = new pg.Client({ connectionString: ADMIN_URL });
  await c.connect();
  try {
    await c.query(text);
  } finally {
    await c.end();
  }
};

const runEngine = async (engine: 'pglite' | 'postgres') => {
  let target: string;
  let cleanup: () => Promise<void>;
  if (engine === 'pglite') {
    const dir = mkdtempSync(join(tmpdir(), 'caiban-load-'));
    target = join(dir, 'pg');
    cleanup = () => Promise.resolve(rmSync(dir, { recursive: true, force: true }));
  } else {
    const name = `${DB_PREFIX}${randomBytes(4).toString('hex')}`;
    await adminQuery(`CREATE DATABASE ${name}`);
    const u = new URL(ADMIN_URL);
    u.pathname = `/${name}`;
    target = u.toString();
    cleanup = () => adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
  try {
    const { child, ready } = await startServer(engine, target);
    const { port, tokens, customerIds, productCodes } = ready;
    const load = loadavg()[0]!;
    const routes: RouteReport[] = [];
    const plan: [string, string, (s: number) => string[]][] = [
      ['healthz', 'GET /healthz (ceiling)', () => ['/healthz']],
      [
        'customers',
        'GET /api/customers',
        () => ['/api/customers?page=1&pageSize=20', '/api/customers?page=2&pageSize=20&sort=name'],
      ],
      ['customer360', 'GET /api/customers/:id', (s) => customerIds[s]!.map((id) => `/api/customers/${id}`)],
      [
        'products',
        'GET /api/products',
        () => ['/api/products?page=1&pageSize=20', '/api/products?page=2&pageSize=20'],
      ],
      [
        'product',
        'GET /api/products/:code',
        (s) => productCodes.map((_, i) => `/api/products/${productCodes[(i + s) % productCodes.length]}`),
      ],
    ];
    for (const [key, route, pathsOf] of plan)
      if (ROUTES.includes(key)) routes.push(await hammer(child, port, route, tokens, pathsOf));
    const audit = await stopServer(child);
    return {
      engine,
      customers: CUSTOMERS,
      sessions: tokens.length,
      server_processes: 1,
      seconds_per_run: SECONDS,
      warmup_seconds_per_route: WARMUP_SECONDS,
      accept_encoding: ACCEPT_ENCODING,
      load_average_1m: [load, loadavg()[0]!],
      audit_rows_written: audit - ready.audit,
      routes,
    };
  } finally {
    await cleanup();
  }
};

const results = [];
for (const engine of ENGINES) results.push(await runEngine(engine));
process.stdout.write(`${JSON.stringify({ bench: 'api-load', node: process.version, results }, null, 2)}\n`);
