/**
 * Two checkouts' staff API answers on the same seeded bank, compared byte for byte: this checkout's server code and
 * another's (`--server-root`, e.g. the main branch before a change), each on its own copy of one demo bank, with the
 * same clock. Every request is sent to both, as the admin, operations, an auditor, a branch manager and two RMs:
 * customer 360s (own, another RM's: 403, unknown: 404) and customer lists (every sort, pages, past the end, searches
 * by name, phone and ID number, filters). Then the audit rows both wrote are compared in order (all columns but the
 * id, the time and the request id, which differ by construction).
 *
 * Run: npx tsx bench/api-compare.ts --server-root /work/wt/base [--engine pglite|postgres] [--customers 400]
 *   [--db-prefix caiban_cmp_]
 * Prints one JSON report; `identical` is true when every status, body and audit row agreed.
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type * as DemoModule from '../src/demo/index.js';
import type * as AppModule from '../src/server/app.js';
import type * as ConnectionModule from '../src/server/db/connection.js';
import type { Database } from '../src/server/db/connection.js';
import type * as MigrateModule from '../src/server/db/migrate.js';
import type * as SeedingModule from '../src/server/db/seeding.js';
import { admin, dbUrl, repoRootPath } from './support.js';

const arg = (name: string, dflt: string): string => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? dflt) : dflt;
};
const ENGINE = arg('engine', 'pglite');
const OTHER = arg('server-root', '');
if (OTHER === '') throw new Error('--server-root: the other checkout to compare with is required');
const CUSTOMERS = Number(arg('customers', '400'));
const DB_PREFIX = arg('db-prefix', 'caiban_cmp_');
const NOW = new Date('2026-06-30T02:00:00Z');

type Side = { root: string; db: Database; app: Awaited<ReturnType<typeof AppModule.buildApp>> };

const load = async (root: string) => {
  const from = <T>(path: string): Promise<T> => import(join(root, path)) as Promise<T>;
  return {
    demo: await from<typeof DemoModule>('src/demo/index.ts'),
    app: await from<typeof AppModule>('src/server/app.ts'),
    connection: await from<typeof ConnectionModule>('src/server/db/connection.ts'),
    migrate: await from<typeof MigrateModule>('src/server/db/migrate.ts'),
    seeding: await from<typeof SeedingModule>('src/server/db/seeding.ts'),
  };
};

const drops: string[] = [];
/** One side: its own database with the same seeded bank (PGlite: a copy of one dump; PostgreSQL: seeded alike). */
const open = async (root: string, dump: Blob | null): Promise<Side> => {
  const m = await load(root);
  let db: Database;
  if (ENGINE === 'pglite') {
    db = await m.connection.openPglite(null, dump === null ? {} : { loadDataDir: dump });
  } else {
    const name = `${DB_PREFIX}${randomBytes(4).toString('hex')}`;
    await admin(`CREATE DATABASE ${name}`);
    drops.push(name);
    db = await m.connection.openPostgres(dbUrl(name), { max: 4 });
  }
  if (dump === null) {
    await m.migrate.migrate(db);
    await m.demo.seedDemoBank(m.seeding.seedingPort(db), { customers: CUSTOMERS, seed: 7 });
  }
  const app = await m.app.buildApp({
    db,
    sessionSecret: 'compare',
    logLevel: 'silent',
    demoMode: true,
    now: () => NOW,
    rateLimits: { perMinute: 10_000_000, loginPerMinute: 1_000_000 },
  });
  return { root, db, app };
};

const here = await open(repoRootPath, null);
const there = await open(OTHER, ENGINE === 'pglite' ? ((await here.db.dumpDataDir?.()) ?? null) : null);
const sides = [here, there];

const login = async (side: Side, username: string): Promise<string> => {
  const r = await side.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username, password: 'demo1234' },
  });
  if (r.statusCode !== 200) throw new Error(`login ${username}: ${r.statusCode}`);
  return r.json<{ token: string }>().token;
};

const users = ['admin', 'ops01', 'auditor01', 'bm01', 'rm001', 'rm002'];
// One login after another, so both audit logs list them in the same order.
const tokens: string[][] = [];
for (const s of sides) {
  const mineTokens: string[] = [];
  for (const u of users) mineTokens.push(await login(s, u));
  tokens.push(mineTokens);
}

// The requests, from the bank's own data (read on this side: both hold the same bank).
const sample = await here.db.query<{
  id: number;
  name: string;
  phone: string;
  id_number: string;
  rm: string;
}>(
  `SELECT c.id, c.name, c.phone, c.id_number, s.username AS rm FROM customers c JOIN staff s ON s.id = c.rm_id
   WHERE s.username IN ('rm001', 'rm002') ORDER BY c.id`,
);
const mine = sample.filter((r) => r.rm === 'rm001');
const theirs = sample.filter((r) => r.rm === 'rm002');
const someIds = [...mine.slice(0, 6), ...theirs.slice(0, 4)].map((r) => r.id);
/** The k-th sampled customer, rm001's first (searches of another RM's customer find nothing for rm001). */
const pick = (k: number) => sample[k % sample.length]!;
const paths: string[] = [
  ...someIds.map((id) => `/api/customers/${id}`),
  '/api/customers/999999999',
  ...['aum_desc', 'aum_asc', 'name', 'id'].flatMap((sort) => [
    `/api/customers?sort=${sort}`,
    `/api/customers?sort=${sort}&page=2&pageSize=7`,
  ]),
  '/api/customers?page=500&pageSize=50',
  `/api/customers?q=${encodeURIComponent(pick(0).name)}`,
  `/api/customers?q=${encodeURIComponent(pick(1).name.slice(0, 1))}`,
  `/api/customers?q=${pick(2).phone}`,
  `/api/customers?q=${pick(3).phone.slice(0, 7)}`,
  `/api/customers?q=${pick(4).id_number}`,
  `/api/customers?q=${theirs.at(-1)!.id_number}`,
  '/api/customers?q=nobody-at-all',
  '/api/customers?riskLevel=C3&sort=name',
  '/api/customers?assessment=expired',
  '/api/customers?minAum=50000&maxAum=2000000&sort=aum_asc',
  '/api/customers?segment=mass',
];

const differences: { user: string; path: string; here: string; there: string }[] = [];
let requests = 0;
let differing = 0;
for (const [u, user] of users.entries())
  for (const path of paths) {
    const answers = await Promise.all(
      sides.map(async (s, k) => {
        const r = await s.app.inject({
          method: 'GET',
          url: path,
          headers: { authorization: `Bearer ${tokens[k]![u]}` },
        });
        return `${r.statusCode} ${r.body}`;
      }),
    );
    requests += 1;
    if (answers[0] !== answers[1]) differing += 1;
    if (answers[0] !== answers[1] && differences.length < 10)
      differences.push({ user, path, here: answers[0]!.slice(0, 300), there: answers[1]!.slice(0, 300) });
  }

const auditOf = async (s: Side) =>
  (
    await s.db.query(
      `SELECT actor_kind, actor_id, action, target_kind, target, customer_id, details FROM audit_log ORDER BY id`,
    )
  ).map((r) => JSON.stringify(r));
const [auditHere, auditThere] = await Promise.all(sides.map(auditOf));
const firstAuditDifference = auditHere!.findIndex((r, i) => r !== auditThere![i]);

for (const s of sides) {
  await s.app.close();
  await s.db.close();
}
for (const name of drops) await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);

const auditIdentical = auditHere!.length === auditThere!.length && firstAuditDifference < 0;
process.stdout.write(
  `${JSON.stringify(
    {
      bench: 'api-compare',
      engine: ENGINE,
      other: OTHER,
      customers: CUSTOMERS,
      requests,
      differing_answers: differing,
      differences,
      audit_rows: [auditHere!.length, auditThere!.length],
      first_audit_difference:
        firstAuditDifference < 0
          ? null
          : {
              index: firstAuditDifference,
              here: auditHere![firstAuditDifference],
              there: auditThere![firstAuditDifference],
            },
      identical: differing === 0 && auditIdentical,
    },
    null,
    2,
  )}\n`,
);
