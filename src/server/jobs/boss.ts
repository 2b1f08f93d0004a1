import { sql } from 'drizzle-orm';
import PgBoss from 'pg-boss';
import { bossExecutor } from '../db/boss-executor.js';
import type { Database } from '../db/index.js';
import { JOB_CATALOGUE } from './catalogue.js';
import type { AnyJob } from './registry.js';
import { invokeJob, parseJobData } from './registry.js';

/** The PostgreSQL schema of pg-boss's own tables (installed and migrated by pg-boss on start). */
export const BOSS_SCHEMA = 'pgboss';
/** Every schedule of the catalogue is written in China time. */
export const SCHEDULE_TZ = 'Asia/Shanghai';

export type JobsOptions = {
  db: Database;
  /**
   * PostgreSQL: pg-boss opens its own small pool on this URL (max 4 connections), so queue polling never waits
   * behind API queries. Null on PGlite: pg-boss runs on the app's embedded connection through an executor.
   */
  databaseUrl?: string | null;
  catalogue?: readonly AnyJob[];
  /** The clock handlers get as `now` (the server's edge: the real clock; tests pass their own). */
  clock?: () => Date;
  /** Seconds between polls of each queue (default 2; minimum 0.5). */
  pollingIntervalSeconds?: number;
  /** Install the catalogue's cron schedules (default true); tests of one queue turn it off. */
  schedule?: boolean;
  /** Start a worker per queue (default true); false for a process that only sends (a test driver). */
  work?: boolean;
  /** pg-boss's cron check and cron-queue poll intervals in seconds (defaults 30 and 5; tests shorten them). */
  cronMonitorIntervalSeconds?: number;
  cronWorkerIntervalSeconds?: number;
  /** Where pg-boss's background errors go (a failed poll, a lost connection); default: stderr. */
  onError?: (e: Error) => void;
};

export type SendOptions = { singletonKey?: string; singletonSeconds?: number; startAfter?: Date };

/** A running job system: the pg-boss instance, a typed send, and a bounded graceful stop. */
export type JobRunner = {
  boss: PgBoss;
  /** Queues a job; null when a singleton key (or throttle slot) already holds one. */
  send: (name: string, data?: object, opts?: SendOptions) => Promise<string | null>;
  /** Stops polling, waits up to `timeoutMs` for running handlers, then fails what still runs (it is retried). */
  stop: (timeoutMs?: number) => Promise<void>;
};

/** A pg-boss instance for the app's database (not started). */
export const createBoss = (o: JobsOptions): PgBoss => {
  const common = {
    schema: BOSS_SCHEMA,
    ...(o.cronMonitorIntervalSeconds === undefined
      ? {}
      : { cronMonitorIntervalSeconds: o.cronMonitorIntervalSeconds }),
    ...(o.cronWorkerIntervalSeconds === undefined
      ? {}
      : { cronWorkerIntervalSeconds: o.cronWorkerIntervalSeconds }),
  };
  if (o.db.kind === 'postgres' && o.databaseUrl != null)
    return new PgBoss({
      ...common,
      connectionString: o.databaseUrl,
      max: 4,
      application_name: 'caiban-jobs',
    });
  return new PgBoss({ ...common, db: bossExecutor(o.db) });
};

/** Creates (or brings up to date) the queue of a job with its retry, expiry and singleton settings. */
const ensureQueue = async (boss: PgBoss, job: AnyJob): Promise<void> => {
  const q: PgBoss.Queue = {
    name: job.name,
    policy: job.singleton === true ? 'stately' : 'standard',
    retryLimit: job.retryLimit,
    retryDelay: job.retryDelay,
    retryBackoff: job.retryBackoff,
    expireInSeconds: job.expireInSeconds ?? 900,
  };
  await boss.createQueue(job.name, q);
  await boss.updateQueue(job.name, q);
};

/**
 * Starts pg-boss on the app's database (installing its schema on first start), creates every queue of the
 * catalogue, installs the schedules, and starts one worker per queue that runs the job's handler with the
 * app's database and `clock()` as `now`. Several processes may do this on one PostgreSQL database: SKIP LOCKED
 * hands each job to one of them, cron fires once per minute slot across all.
 */
export const startJobs = async (o: JobsOptions): Promise<JobRunner> => {
  const catalogue = o.catalogue ?? JOB_CATALOGUE;
  const clock = o.clock ?? (() => new Date());
  const boss = createBoss(o);
  const onError = o.onError ?? ((e: Error) => process.stderr.write(`caiban jobs: ${e.message}\n`));
  boss.on('error', onError);
  await boss.start();
  for (const job of catalogue) {
    await ensureQueue(boss, job);
    if (o.schedule === false) continue;
    if (job.schedule === undefined) await boss.unschedule(job.name);
    else await boss.schedule(job.name, job.schedule, {}, { tz: SCHEDULE_TZ });
  }
  for (const job of o.work === false ? [] : catalogue)
    await boss.work(
      job.name,
      { pollingIntervalSeconds: job.pollingIntervalSeconds ?? o.pollingIntervalSeconds ?? 2, batchSize: 1 },
      async (jobs) => {
        const j = jobs[0];
        if (j === undefined) return null;
        const result = await invokeJob(job, o.db, clock(), parseJobData(job, j.data));
        return result ?? null;
      },
    );
  return {
    boss,
    send: (name, data = {}, opts = {}) =>
      boss.send(name, data, {
        ...(opts.singletonKey === undefined ? {} : { singletonKey: opts.singletonKey }),
        ...(opts.singletonSeconds === undefined ? {} : { singletonSeconds: opts.singletonSeconds }),
        ...(opts.startAfter === undefined ? {} : { startAfter: opts.startAfter }),
      }),
    stop: async (timeoutMs = 8000) => {
      await boss.stop({ graceful: true, wait: true, close: true, timeout: timeoutMs });
      // pg-boss records a finished job's completion without awaiting it; on PGlite's one connection a query sent
      // now runs after it, so the caller may close the database once this returns.
      if (o.db.kind === 'pglite') await o.db.run(sql`SELECT 1`);
    },
  };
};
