/**
 * The server side of bench/probe.ts (a child process): opens PGlite in PROBE_DATA, seeds the demo bank, builds
 * the app with the production rate limits and with demo access on or off (PROBE_DEMO=on|off) and a capturing
 * one-time-code provider (the stand-in for an SMS gateway: the probe, playing the attacker, never reads it;
 * it is used only for the positive controls and to check that no response carries a delivered code), listens
 * on 127.0.0.1 and answers the parent's questions about the database (clear PII of customers, audit rows).
 */
import { randomBytes } from 'node:crypto';
import { and, asc, count, eq, inArray } from 'drizzle-orm';
import { seedDemoBank } from '../src/demo/index.js';
import { buildApp } from '../src/server/app.js';
import type { OtpProvider } from '../src/server/auth/otp.js';
import { openPglite } from '../src/server/db/connection.js';
import { migrate } from '../src/server/db/migrate.js';
import { auditLog, customers, staff } from '../src/server/db/schema.js';
import { seedingPort } from '../src/server/db/seeding.js';
import { DEFAULT_RATE_LIMITS } from '../src/server/http/security.js';

const target = process.env.PROBE_DATA ?? '';
const CUSTOMERS = Number(process.env.PROBE_CUSTOMERS ?? 300);
const demoMode = process.env.PROBE_DEMO === 'on';

const db = await openPglite(target);
await migrate(db);
await seedDemoBank(seedingPort(db), { customers: CUSTOMERS, seed: 7 });

const delivered: { phone: string; code: string }[] = [];
const capturing: OtpProvider = {
  name: 'capture',
  send: (phone, code) => {
    delivered.push({ phone, code });
    return Promise.resolve();
  },
};

const app = await buildApp({
  db,
  sessionSecret: randomBytes(24).toString('hex'),
  logLevel: 'silent',
  demoMode,
  otpProvider: capturing,
  // Configured (random keys), so the fuzz reaches the callback's signature and decryption code.
  wecom: {
    config: {
      token: randomBytes(12).toString('hex'),
      encodingAesKey: randomBytes(32).toString('base64').slice(0, 43),
      corpId: 'wwprobe',
    },
  },
});
await app.listen({ host: '127.0.0.1', port: 0 });
const address = app.server.address();
const port = typeof address === 'object' && address !== null ? address.port : 0;

const staffRows = await db.orm.select({ id: staff.id, username: staff.username }).from(staff);
const usernameOf = new Map(staffRows.map((s) => [String(s.id), s.username]));

type Ask = { id: number; op: string; ids?: number[] };
const answer = async (m: Ask): Promise<unknown> => {
  switch (m.op) {
    case 'customers':
      return db.orm
        .select({
          id: customers.id,
          name: customers.name,
          phone: customers.phone,
          idNumber: customers.idNumber,
        })
        .from(customers)
        .where(inArray(customers.id, m.ids ?? []));
    case 'firstCustomers':
      return db.orm
        .select({ id: customers.id, phone: customers.phone })
        .from(customers)
        .orderBy(asc(customers.id))
        .limit(12);
    case 'audit': {
      const rows = await db.orm
        .select({ actorId: auditLog.actorId, action: auditLog.action, n: count() })
        .from(auditLog)
        .where(
          and(eq(auditLog.actorKind, 'staff'), inArray(auditLog.action, ['advice.proposal', 'pii.search'])),
        )
        .groupBy(auditLog.actorId, auditLog.action);
      return rows.map((r) => ({ actor: usernameOf.get(r.actorId) ?? r.actorId, action: r.action, n: r.n }));
    }
    case 'delivered':
      return delivered;
    default:
      throw new Error(`unknown op ${m.op}`);
  }
};

process.send?.({
  ready: true,
  port,
  settings: {
    customers: CUSTOMERS,
    demoMode,
    otpProvider: capturing.name,
    trustProxy: false,
    wecomCallback: 'configured (random keys)',
    rateLimits: DEFAULT_RATE_LIMITS,
    database: 'PGlite (temp data folder)',
  },
});
process.on('message', (m: Ask | 'stop') => {
  if (m === 'stop') {
    void (async () => {
      await app.close();
      await db.close();
      process.send?.({ stopped: true }, () => process.exit(0));
    })();
    return;
  }
  void answer(m).then(
    (result) => process.send?.({ id: m.id, result }),
    (e: unknown) => process.send?.({ id: m.id, error: String(e) }),
  );
});
