/**
 * The server side of bench/api-load.ts (a child process): opens the database, seeds the demo bank, adds RMs
 * until there are BENCH_SESSIONS distinct RM logins, listens on 127.0.0.1, logs every RM in and tells the
 * parent the port, the tokens and each RM's customers. On 'cpu' it reports its CPU time (and, with BENCH_TRACE=1,
 * the latency trace since the last 'cpu': bench/api-trace.ts); on 'stop' it reports the audit rows and exits.
 */
import { randomBytes } from 'node:crypto';
import { and, asc, eq, max, sql } from 'drizzle-orm';
import { seedDemoBank } from '../src/demo/index.js';
import { buildApp } from '../src/server/app.js';
import { openPglite, openPostgres } from '../src/server/db/connection.js';
import type { Database } from '../src/server/db/connection.js';
import { migrate } from '../src/server/db/migrate.js';
import { auditLog, customers, staff } from '../src/server/db/schema.js';
import { seedingPort } from '../src/server/db/seeding.js';
import { installTracer, type Tracer } from './api-trace.js';

const engine = process.env.BENCH_ENGINE;
const target = process.env.BENCH_TARGET ?? '';
const CUSTOMERS = Number(process.env.BENCH_CUSTOMERS ?? 2000);
const SESSIONS = Number(process.env.BENCH_SESSIONS ?? 50);

/** The demo has 40 RMs: add more (same outlet, half of an existing RM's customers) up to `n` logins. */
const ensureRms = async (db: Database, n: number): Promise<string[]> => {
  const rms = await db.orm.select().from(staff).where(eq(staff.role, 'rm')).orderBy(asc(staff.id));
  const top = (await db.orm.select({ id: max(staff.id) }).from(staff))[0]?.id ?? 0;
  for (let k = 0; k < n - rms.length; k++) {
    const base = rms[k % rms.length]!;
    const id = top + 1 + k;
    await db.orm
      .insert(staff)
      .values({ ...base, id, username: `rm${String(rms.length + k + 1).padStart(3, '0')}` });
    await db.orm
      .update(customers)
      .set({ rmId: id })
      .where(and(eq(customers.rmId, base.id), sql`${customers.id} % 2 = 1`));
  }
  const all = await db.orm
    .select({ u: staff.username })
    .from(staff)
    .where(eq(staff.role, 'rm'))
    .orderBy(asc(staff.id));
  return all.slice(0, n).map((r) => r.u);
};

const db = engine === 'pglite' ? await openPglite(target) : await openPostgres(target, { max: 10 });
await migrate(db);
await seedDemoBank(seedingPort(db), { customers: CUSTOMERS, seed: 7 });
const usernames = await ensureRms(db, SESSIONS);
const app = await buildApp({
  db,
  sessionSecret: randomBytes(24).toString('hex'),
  logLevel: 'silent',
  demoMode: true,
  // The bench measures the database path, not the limiter.
  rateLimits: { perMinute: 10_000_000, loginPerMinute: 1_000_000 },
});
await app.listen({ host: '127.0.0.1', port: 0 });
const address = app.server.address();
const port = typeof address === 'object' && address !== null ? address.port : 0;

const tokens: string[] = [];
const customerIds: number[][] = [];
for (const username of usernames) {
  const r = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username, password: 'demo1234' },
  });
  if (r.statusCode !== 200) throw new Error(`login ${username}: ${r.statusCode} ${r.body}`);
  const token = r.json<{ token: string }>().token;
  tokens.push(token);
  const list = await app.inject({
    method: 'GET',
    url: '/api/customers?pageSize=20',
    headers: { authorization: `Bearer ${token}` },
  });
  customerIds.push(list.json<{ items: { id: number }[] }>().items.map((c) => c.id));
}
const products = await app.inject({
  method: 'GET',
  url: '/api/products?pageSize=200',
  headers: { authorization: `Bearer ${tokens[0]}` },
});
const productCodes = products.json<{ items: { code: string }[] }>().items.map((p) => p.code);
const auditRows = async () => db.orm.$count(auditLog);

// BENCH_TRACE=1: where the latency goes (bench/api-trace.ts), reported with each CPU reading.
let tracer: Tracer | null = null;
if (process.env.BENCH_TRACE === '1')
  tracer = installTracer(app, engine === 'pglite' ? (await import('@electric-sql/pglite')).PGlite : null);

process.send?.({ port, tokens, customerIds, productCodes, audit: await auditRows() });
process.on('message', (m) => {
  if (m === 'cpu') {
    const u = process.cpuUsage();
    process.send?.({ cpuMs: (u.user + u.system) / 1000, trace: tracer?.take() ?? null });
    return;
  }
  if (m !== 'stop') return;
  void (async () => {
    const audit = await auditRows();
    await app.close();
    await db.close();
    process.send?.({ audit }, () => process.exit(0));
  })();
});
