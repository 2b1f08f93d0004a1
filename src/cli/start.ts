import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { and, asc, eq } from 'drizzle-orm';
import { badInput } from '../core/errors.js';
import { buildApp } from '../server/app.js';
import { loadConfig } from '../server/config.js';
import type { Config } from '../server/config.js';
import { openDatabase, migrate, redactUrl } from '../server/db/index.js';
import type { Database } from '../server/db/index.js';
import { customerIdentities as ids, staff } from '../server/db/schema.js';
import { purgeOldOtps } from '../server/auth/otp-store.js';
import { purgeExpiredSessions } from '../server/auth/session-store.js';
import { DEMO_PASSWORD, demoAsOfFor, seedDemoBank } from '../demo/index.js';
import { log, printJson, runAction } from './io/output.js';
import { readSeedMarker, seedingPort } from '../server/db/seeding.js';
import { startJobs } from '../server/jobs/boss.js';
import type { JobRunner } from '../server/jobs/boss.js';

type StartOptions = {
  port?: string;
  dataDir?: string;
  databaseUrl?: string;
  customers: string;
  demo: boolean;
  demoAccess?: boolean;
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
  const asOf = demoAsOfFor(new Date());
  log(`caiban: first start — generating the demo bank (${customers} customers, data up to ${asOf})…`);
  let lastPct = -1;
  const r = await seedDemoBank(seedingPort(db), {
    customers,
    asOf,
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

/**
 * The demo switch (docs/security.md): demo conveniences are on only when asked — DEMO_ACCESS=on, or
 * `--demo-access` (what `npm start` passes) with DEMO_ACCESS unset — and only on a database that holds the
 * demo bank, so a real bank's database never shows codes on screen whatever the flags.
 */
const demoAccessOf = (
  setting: 'on' | 'off' | null,
  flag: boolean,
  hasDemoBank: boolean,
): { on: boolean; why: string } => {
  const asked = setting === 'on' || (setting === null && flag);
  if (!asked)
    return {
      on: false,
      why: setting === 'off' ? 'DEMO_ACCESS=off' : 'not asked (--demo-access or DEMO_ACCESS=on)',
    };
  if (!hasDemoBank) return { on: false, why: 'asked, but the database holds no demo bank' };
  return { on: true, why: setting === 'on' ? 'DEMO_ACCESS=on' : '--demo-access' };
};

/**
 * Stops on SIGINT/SIGTERM: the server stops accepting and finishes what it serves, the job workers stop polling
 * and get up to 6 s to finish running handlers (what still runs then is failed and retried by another process or
 * the next start), the database closes (PGlite flushes and releases the data folder), the process exits 0. A
 * second signal, or 10 s without finishing, exits at once with 1.
 */
const stopOnSignals = (parts: {
  app: () => { close(): Promise<unknown> } | null;
  jobs: () => JobRunner | null;
  db: Database;
}): void => {
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) process.exit(1);
    stopping = true;
    log(`caiban: ${signal} — stopping`);
    const force = setTimeout(() => {
      log('caiban: did not stop within 10 s; exiting');
      process.exit(1);
    }, 10_000);
    force.unref();
    void (async () => {
      try {
        await parts.app()?.close();
        await parts.jobs()?.stop(6000);
        await parts.db.close();
        log('caiban: stopped');
        process.exit(0);
      } catch (e) {
        log(`caiban: error while stopping: ${e instanceof Error ? e.message : String(e)}`);
        process.exit(1);
      }
    })();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
};

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
  const running: { app: Awaited<ReturnType<typeof buildApp>> | null; jobs: JobRunner | null } = {
    app: null,
    jobs: null,
  };
  stopOnSignals({ app: () => running.app, jobs: () => running.jobs, db });
  try {
    return await serve(
      o,
      config,
      db,
      customers,
      started,
      (app) => (running.app = app),
      (jobs) => (running.jobs = jobs),
    );
  } catch (e) {
    await running.app?.close();
    await running.jobs?.stop(2000);
    await db.close();
    throw e;
  }
};

const serve = async (
  o: StartOptions,
  config: Config,
  db: Database,
  customers: number,
  started: number,
  onApp: (app: Awaited<ReturnType<typeof buildApp>>) => void,
  onJobs: (jobs: JobRunner) => void,
): Promise<void> => {
  const migrated = await migrate(db);
  const demo = o.demo ? await ensureDemo(db, customers) : { seeded: false, customers: 0 };
  const access = demoAccessOf(config.demoAccess, o.demoAccess === true, (await readSeedMarker(db)) !== null);
  const otpProvider = config.otpProvider ?? (access.on ? 'log' : 'none');
  await purgeExpiredSessions(db, new Date());
  await purgeOldOtps(db, new Date());
  const phones = access.on ? await demoCustomerPhones(db) : [];
  let jobs: JobRunner | null = null;
  const app = await buildApp({
    db,
    nudge: (queue) => {
      void jobs?.send(queue, {}, { singletonKey: queue, singletonSeconds: 1 }).catch(() => undefined);
    },
    sessionSecret: config.sessionSecret,
    logLevel: config.logLevel,
    webRoot: WEB_ROOT,
    demoMode: access.on,
    otpProvider: otpProvider === 'log' ? 'log' : null,
    trustProxy: config.trustProxy,
    embedOrigins: config.embedOrigins,
    llm: config.llm,
    version: CAIBAN_VERSION,
    logStream: process.stderr,
  });
  onApp(app);
  // Fastify logs its own "Server listening at …" lines; the banner below says it once, so listen quietly.
  const level = app.log.level;
  if (['info', 'debug', 'trace'].includes(level)) app.log.level = 'warn';
  await app.listen({ port: config.port, host: config.host });
  app.log.level = level;
  // Durable jobs (JOBS, default on): schedules and workers in this process, on the same database.
  if (config.jobs) {
    jobs = await startJobs({
      db,
      databaseUrl: config.databaseUrl,
      onError: (e) => app.log.error({ err: e }, 'job system error'),
    });
    onJobs(jobs);
  }
  const url = `http://${config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host}:${config.port}`;
  const seconds = (performance.now() - started) / 1000;
  // From here to the write below nothing awaits, so no request log line can land inside the banner.
  if (o.json === true) {
    printJson({
      url,
      docs: `${url}/api/docs`,
      database: db.kind,
      migrationsApplied: migrated,
      jobs: config.jobs ? 'on' : 'off',
      demoAccess: { on: access.on, why: access.why },
      otpProvider,
      trustProxy: config.trustProxy,
      demo: access.on
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
  process.stdout.write(
    banner({ url, seconds, kind: db.kind, access, otpProvider, phones, jobs: config.jobs }),
  );
};

const banner = (b: {
  url: string;
  seconds: number;
  kind: string;
  access: { on: boolean; why: string };
  otpProvider: string;
  phones: string[];
  jobs: boolean;
}): string => {
  const lines = [
    '',
    `  财伴 Caiban 已启动 / is running:  ${b.url}`,
    `  API 文档 / API docs:             ${b.url}/api/docs`,
    `  启动用时 / started in ${b.seconds.toFixed(1)} s (${b.kind})`,
    `  后台任务 / jobs: ${b.jobs ? '开启 on' : '关闭 off (JOBS=off)'}`,
  ];
  if (b.access.on)
    lines.push(
      '',
      `  演示便利：开启 / demo access: ON (${b.access.why}) — 验证码显示在屏幕上，切勿用于真实银行`,
      '    one-time codes are shown on screen; never run a real bank this way',
      `  演示账号 / demo logins (密码 password: ${DEMO_PASSWORD}):`,
      '    admin (系统管理员)  ops01 (运营)  auditor01 (审计)',
      '    bm01 … bm03 (支行行长 / branch managers)',
      '    rm001 … rm040 (理财经理 / relationship managers)',
      `  演示客户 / demo customers (短信验证码在登录页显示 / the SMS code shows on the login page): ${b.phones.join(', ')}`,
    );
  else
    lines.push(
      '',
      `  演示便利：关闭 / demo access: off (${b.access.why})`,
      b.otpProvider === 'none'
        ? '  客户登录需配置短信网关 / customer login needs an SMS gateway (OTP_PROVIDER; docs/security.md)'
        : `  客户验证码经 ${b.otpProvider} 发送 / customer codes go through the ${b.otpProvider} provider`,
    );
  return lines.join('\n') + '\n\n';
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
    .option(
      '--demo-access',
      'demo conveniences: one-time codes on screen, demo logins printed (only on the demo bank; DEMO_ACCESS overrides)',
    )
    .option('--json', 'print the start-up summary as one JSON document')
    .action((o: StartOptions) => runAction(o.json === true, () => start(o)));
};
