import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { and, asc, eq } from 'drizzle-orm';
import { badInput } from '../core/errors.js';
import { buildApp } from '../server/app.js';
import { loadConfig } from '../server/config.js';
import { openDatabase, migrate, redactUrl } from '../server/db/index.js';
import type { Database } from '../server/db/index.js';
import { customerIdentities as ids, staff } from '../server/db/schema.js';
import { purgeExpiredSessions } from '../server/auth/session-store.js';
import { DEMO_PASSWORD, seedDemoBank } from '../demo/index.js';
import { log, printJson, runAction } from './io/output.js';
import { readSeedMarker, seedingPort } from '../server/db/seeding.js';

type StartOptions = {
  port?: string;
  dataDir?: string;
  databaseUrl?: string;
  customers: string;
  demo: boolean;
  json?: boolean;
};

/** The built web app: dist/web beside dist/cli (compiled) or beside src/cli (tsx); both resolve the same. */
const WEB_ROOT = fileURLToPath(new URL('../../dist/web/', import.meta.url));

/** package.json version, read once at start-up (the file sits two levels above src/cli and dist/cli). */
const CAIBAN_VERSION = (
  JSON.parse(readFileSync(fileURLToPath(new URL('../../package.json', import.meta.url)), 'utf8')) as {
    version: string;
  }
).version;

const positiveInt = (flag: string, v: string, max: number): number => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1 || n > max)
    throw badInput(flag, `expected an integer from 1 to ${max}, got "${v}"`);
  return n;
};

const DEMO_STAFF = [
  'admin',
  'ops01',
  'auditor01',
  ...['01', '02', '03'].map((n) => `bm${n}`),
  ...Array.from({ length: 40 }, (_, i) => `rm${String(i + 1).padStart(3, '0')}`),
];

/** Seeds the demo bank on first start (an empty database); later starts keep the data as it is. */
const ensureDemo = async (
  db: Database,
  customers: number,
): Promise<{ seeded: boolean; customers: number }> => {
  const info = await readSeedMarker(db);
  if (info !== null) return { seeded: false, customers: info.customers };
  if ((await db.orm.$count(staff)) > 0) return { seeded: false, customers: 0 }; // a real installation: never overwrite
  log(`caiban: first start — generating the demo bank (${customers} customers)…`);
  let lastPct = -1;
  const r = await seedDemoBank(seedingPort(db), {
    customers,
    onProgress: (done, total) => {
      const pct = Math.floor((done / total) * 10) * 10;
      if (pct !== lastPct) {
        lastPct = pct;
        log(`caiban: demo bank ${pct}%`);
      }
    },
  });
  log(`caiban: demo bank ready in ${r.seconds.toFixed(1)} s`);
  return { seeded: true, customers };
};

const demoCustomerPhones = async (db: Database): Promise<string[]> =>
  (
    await db.orm
      .select({ value: ids.value })
      .from(ids)
      .where(and(eq(ids.channel, 'phone'), eq(ids.verified, true)))
      .orderBy(asc(ids.customerId))
      .limit(3)
  ).map((r) => r.value);

const start = async (o: StartOptions): Promise<void> => {
  const started = performance.now();
  const env = { ...process.env };
  if (o.port !== undefined) env.PORT = String(positiveInt('--port', o.port, 65535));
  if (o.dataDir !== undefined) env.DATA_DIR = o.dataDir;
  if (o.databaseUrl !== undefined) env.DATABASE_URL = o.databaseUrl;
  const customers = positiveInt('--customers', o.customers, 10_000_000);
  const config = loadConfig(env);
  log(
    `caiban: database ${config.databaseUrl === null ? `PGlite in ${config.dataDir}/pg` : redactUrl(config.databaseUrl)}`,
  );
  const db = await openDatabase(config);
  const migrated = await migrate(db);
  const demo = o.demo ? await ensureDemo(db, customers) : { seeded: false, customers: 0 };
  const demoMode = (await readSeedMarker(db)) !== null;
  await purgeExpiredSessions(db, new Date());
  const app = await buildApp({
    db,
    sessionSecret: config.sessionSecret,
    logLevel: config.logLevel,
    webRoot: WEB_ROOT,
    demoMode,
    version: CAIBAN_VERSION,
    logStream: process.stderr,
  });
  await app.listen({ port: config.port, host: config.host });
  const url = `http://${config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host}:${config.port}`;
  const phones = demoMode ? await demoCustomerPhones(db) : [];
  const seconds = (performance.now() - started) / 1000;
  const stop = async () => {
    await app.close();
    await db.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
  if (o.json === true) {
    printJson({
      url,
      docs: `${url}/api/docs`,
      database: db.kind,
      migrationsApplied: migrated,
      demo: demoMode
        ? {
            seededNow: demo.seeded,
            customers: demo.customers,
            staff: DEMO_STAFF,
            password: DEMO_PASSWORD,
            customerPhones: phones,
          }
        : null,
      seconds,
    });
    return;
  }
  const lines = [
    '',
    `  财伴 Caiban 已启动 / is running:  ${url}`,
    `  API 文档 / API docs:             ${url}/api/docs`,
    `  启动用时 / started in ${seconds.toFixed(1)} s (${db.kind})`,
  ];
  if (demoMode)
    lines.push(
      '',
      `  演示账号 / demo logins (密码 password: ${DEMO_PASSWORD}):`,
      '    admin (系统管理员)  ops01 (运营)  auditor01 (审计)',
      '    bm01 … bm03 (支行行长 / branch managers)',
      '    rm001 … rm040 (理财经理 / relationship managers)',
      `  演示客户 / demo customers (短信验证码在登录页显示 / the SMS code shows on the login page): ${phones.join(', ')}`,
    );
  process.stdout.write(lines.join('\n') + '\n\n');
};

export const register = (program: Command): void => {
  program
    .command('start')
    .description('run the platform: migrations, demo bank on first run, web UI and API / 启动平台')
    .option('--port <port>', 'HTTP port (default $PORT or 3000)')
    .option('--data-dir <dir>', 'data folder of the embedded database (default $DATA_DIR or ./data)')
    .option(
      '--database-url <url>',
      'PostgreSQL server instead of the embedded database (default $DATABASE_URL)',
    )
    .option('--customers <n>', 'customers of the demo bank generated on first start', '5000')
    .option('--no-demo', 'do not generate the demo bank on an empty database')
    .option('--json', 'print the start-up summary as one JSON document')
    .action((o: StartOptions) => runAction(o.json === true, () => start(o)));
};
