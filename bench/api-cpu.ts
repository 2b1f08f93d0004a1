/**
 * Server CPU per request of the main staff routes, measured without a socket or a load generator: requests go one
 * after another through `app.inject` (the whole Fastify pipeline — guard, validation, handler, serialisation,
 * compression with `accept-encoding: gzip, deflate, br` — but no HTTP parsing or socket writes), and the process's
 * own CPU time is divided by the request count. On a machine shared with other jobs this is far steadier than
 * latency under load (bench/api-load.ts), so it is what the per-change figures in the commit log quote.
 * On PostgreSQL it counts the Node process only (the database's work runs in its own processes); on PGlite it
 * includes the database. Cold cache fills count: the product route walks every product, so most cached pages are
 * built during the measured pass (a warm-up of 20 requests fills the others).
 *
 * On PostgreSQL `database_cpu_ms_per_request` adds the database's side: the CPU time of this database's backends
 * (from /proc, so the server must run on this host), which the Node figure leaves out.
 *
 * Run: npx tsx bench/api-cpu.ts [--engine postgres|pglite] [--customers 2000] [--requests 150]
 *   [--db-prefix caiban_cpu_] [--server-root <another checkout>] (A/B: that checkout's server code, same driver)
 * PostgreSQL: a fresh database on BENCH_DATABASE_URL or TEST_DATABASE_URL, dropped afterwards. Prints JSON.
 */
import { randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type * as DemoModule from '../src/demo/index.js';
import type * as AppModule from '../src/server/app.js';
import type * as ConnectionModule from '../src/server/db/connection.js';
import type { Database } from '../src/server/db/connection.js';
import type * as MigrateModule from '../src/server/db/migrate.js';
import type * as SeedingModule from '../src/server/db/seeding.js';
import { backendCpuMeter } from './backend-cpu.js';
import { repoRootPath } from './support.js';

const arg = (name: string, dflt: string): string => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? dflt) : dflt;
};
const ENGINE = arg('engine', 'postgres');
/** The checkout whose server code is measured (default this one): an A/B against another worktree in one period. */
const ROOT = arg('server-root', repoRootPath);
/** Name prefix of the throw-away PostgreSQL database (on a shared server, a prefix you own). */
const DB_PREFIX = arg('db-prefix', 'caiban_cpu_');
const from = <T>(path: string): Promise<T> => import(join(ROOT, path)) as Promise<T>;
const { seedDemoBank } = await from<typeof DemoModule>('src/demo/index.ts');
const { buildApp } = await from<typeof AppModule>('src/server/app.ts');
const { openPglite, openPostgres } = await from<typeof ConnectionModule>('src/server/db/connection.ts');
const { migrate } = await from<typeof MigrateModule>('src/server/db/migrate.ts');
const { seedingPort } = await from<typeof SeedingModule>('src/server/db/seeding.ts');
const CUSTOMERS = Number(arg('customers', '2000'));
const N = Number(arg('requests', '150'));
const RMS = 20;
const ADMIN_URL =
  process.env.BENCH_DATABASE_URL ??
  process.env.TEST_DATABASE_URL ??
  'postgres://postgres@127.0.0.1:5432/test';

const admin = async (text: string): Promise<void> => {
  const c = new pg.Client({ connectionString: ADMIN_URL });
  await c.connect();
  try {
    await c.query(text);
  } finally {
    await c.end();
  }
};

let db: Database;
let drop = async (): Promise<void> => {};
let dbUrl: string | null = null;
if (ENGINE === 'postgres') {
  const name = `${DB_PREFIX}${randomBytes(4).toString('hex')}`;
  await admin(`CREATE DATABASE ${name}`);
  const u = new URL(ADMIN_URL);
  u.pathname = `/${name}`;
  db = await openPostgres(u.toString(), { max: 10 });
  drop = () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  dbUrl = u.toString();
} else {
  db = await openPglite(null);
}
await migrate(db);
await seedDemoBank(seedingPort(db), { customers: CUSTOMERS, seed: 7 });
const app = await buildApp({
  db,
  sessionSecret: randomBytes(24).toString('hex'),
  logLevel: 'silent',
  demoMode: true,
  rateLimits: { perMinute: 10_000_000, loginPerMinute: 1_000_000 },
});
const headers = (token: string) => ({
  authorization: `Bearer ${token}`,
  'accept-encoding': 'gzip, deflate, br',
});
const get = async <T>(url: string, token: string): Promise<T> =>
  (await app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } })).json<T>();

const tokens: string[] = [];
const ids: number[][] = [];
for (let i = 1; i <= RMS; i++) {
  const username = `rm${String(i).padStart(3, '0')}`;
  const r = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username, password: 'demo1234' },
  });
  const token = r.json<{ token: string }>().token;
  tokens.push(token);
  ids.push(
    (await get<{ items: { id: number }[] }>('/api/customers?pageSize=20', token)).items.map((c) => c.id),
  );
}
const codes = (await get<{ items: { code: string }[] }>('/api/products?pageSize=200', tokens[0]!)).items.map(
  (p) => p.code,
);

const routes: [string, (k: number) => string][] = [
  ['GET /healthz', () => '/healthz'],
  [
    'GET /api/customers',
    (k) =>
      k % 2 === 0 ? '/api/customers?page=1&pageSize=20' : '/api/customers?page=2&pageSize=20&sort=name',
  ],
  [
    'GET /api/customers/:id',
    (k) => {
      const mine = ids[k % RMS]!;
      return `/api/customers/${mine[Math.floor(k / RMS) % mine.length]}`;
    },
  ],
  ['GET /api/products', (k) => `/api/products?page=${1 + (k % 2)}&pageSize=20`],
  ['GET /api/products/:code', (k) => `/api/products/${codes[k % codes.length]}`],
];

// The database's side on PostgreSQL: this database's backends' CPU from /proc (bench/backend-cpu.ts), through a
// connection of its own that the meter leaves out; none on PGlite (its work is in the process's own CPU).
const meterClient = dbUrl === null ? null : new pg.Client({ connectionString: dbUrl });
await meterClient?.connect();
const meter = meterClient === null ? null : backendCpuMeter(meterClient);

const report = [];
for (const [route, path] of routes) {
  const send = (k: number) => app.inject({ method: 'GET', url: path(k), headers: headers(tokens[k % RMS]!) });
  for (let k = 0; k < 20; k++) await send(k + N); // warm the JIT on other paths than the measured ones
  await meter?.start();
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  let bytes = 0;
  for (let k = 0; k < N; k++) {
    const r = await send(k);
    if (r.statusCode !== 200) throw new Error(`${route}: ${r.statusCode} ${r.body}`);
    bytes += r.rawPayload.length;
  }
  const c = process.cpuUsage(c0);
  const dbS = (await meter?.stop()) ?? null;
  const dbMs = dbS === null ? null : dbS * 1000;
  report.push({
    route,
    server_cpu_ms_per_request: Math.round(((c.user + c.system) / 1000 / N) * 100) / 100,
    database_cpu_ms_per_request: dbMs === null ? null : Math.round((dbMs / N) * 100) / 100,
    wall_ms_per_request: Math.round(((performance.now() - t0) / N) * 100) / 100,
    bytes_per_response: Math.round(bytes / N),
  });
}
const load = loadavg();
await app.close();
await meterClient?.end();
await db.close();
await drop();
process.stdout.write(
  `${JSON.stringify({ bench: 'api-cpu', node: process.version, engine: ENGINE, server_root: ROOT, customers: CUSTOMERS, requests_per_route: N, loadavg: load, routes: report }, null, 2)}\n`,
);
