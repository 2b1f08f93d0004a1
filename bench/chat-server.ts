/**
 * The server side of bench/chat.ts (a child process): opens the database, seeds the demo bank, logs in
 * BENCH_SESSIONS customers (one-time codes, demo mode), opens one advisor session each and listens on
 * 127.0.0.1 (the app is sealed once built: /healthz, which touches no database, is the trivial-route ceiling).
 */
import { randomBytes } from 'node:crypto';
import { seedDemoBank } from '../src/demo/index.js';
import { buildApp } from '../src/server/app.js';
import { openPglite, openPostgres } from '../src/server/db/connection.js';
import { migrate } from '../src/server/db/migrate.js';
import { seedingPort } from '../src/server/db/seeding.js';

const engine = process.env.BENCH_ENGINE;
const target = process.env.BENCH_TARGET ?? '';
const CUSTOMERS = Number(process.env.BENCH_CUSTOMERS ?? 500);
const SESSIONS = Number(process.env.BENCH_SESSIONS ?? 100);

const db = engine === 'pglite' ? await openPglite(target) : await openPostgres(target, { max: 10 });
await migrate(db);
await seedDemoBank(seedingPort(db), { customers: CUSTOMERS, seed: 7 });
const app = await buildApp({
  db,
  sessionSecret: randomBytes(24).toString('hex'),
  logLevel: 'silent',
  demoMode: true,
  rateLimits: { perMinute: 10_000_000, loginPerMinute: 1_000_000 },
});
await app.listen({ host: '127.0.0.1', port: 0 });
const address = app.server.address();
const port = typeof address === 'object' && address !== null ? address.port : 0;

const phones = await db.query<{ value: string }>(
  `SELECT value FROM customer_identities WHERE channel = 'phone' ORDER BY customer_id LIMIT ${SESSIONS}`,
);
const sessions: { token: string; id: string }[] = [];
for (const { value: phone } of phones) {
  const sent = await app.inject({ method: 'POST', url: '/api/auth/otp/request', payload: { phone } });
  const code = sent.json<{ demoCode: string }>().demoCode;
  const v = await app.inject({ method: 'POST', url: '/api/auth/otp/verify', payload: { phone, code } });
  const token = v.json<{ token: string }>().token;
  const s = await app.inject({
    method: 'POST',
    url: '/api/advisor/sessions',
    headers: { authorization: `Bearer ${token}` },
  });
  sessions.push({ token, id: s.json<{ id: string }>().id });
}
// One warm-up turn builds the engine (language models, shelf) outside the measurement.
await app.inject({
  method: 'POST',
  url: `/api/advisor/sessions/${sessions[0]!.id}/messages`,
  headers: { authorization: `Bearer ${sessions[0]!.token}` },
  payload: { text: '你好' },
});
process.send?.({ port, sessions });
process.on('message', (m) => {
  if (m === 'cpu') {
    const u = process.cpuUsage();
    process.send?.({ cpuMs: (u.user + u.system) / 1000 });
    return;
  }
  if (m !== 'stop') return;
  void (async () => {
    await app.close();
    await db.close();
    process.send?.({ stopped: true }, () => process.exit(0));
  })();
});
