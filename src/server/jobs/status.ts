import { sql } from 'drizzle-orm';
import type { JobQueueStatus, JobRun, JobsStatus } from '../../contracts/jobs.js';
import { JOB_STATES } from '../../contracts/jobs.js';
import type { Queryable } from '../db/index.js';
import { BOSS_SCHEMA, SCHEDULE_TZ } from './boss.js';
import type { AnyJob } from './registry.js';

const T = (table: string) => sql`${sql.identifier(BOSS_SCHEMA)}.${sql.identifier(table)}`;

type RunRow = {
  name: string;
  state: string;
  id: string;
  started_on: Date | null;
  completed_on: Date | null;
  retry_count: number;
  error: string | null;
};

type QueueRow = {
  name: string;
  policy: string | null;
  retry_limit: number | null;
  retry_delay: number | null;
  retry_backoff: boolean | null;
  cron: string | null;
};

const runOf = (r: RunRow): JobRun => ({
  id: r.id,
  startedAt: r.started_on === null ? null : new Date(r.started_on).toISOString(),
  finishedAt: r.completed_on === null ? null : new Date(r.completed_on).toISOString(),
  retryCount: r.retry_count,
  error: r.error,
});

/** The last completed and the last failed run of every queue, live table and archive together. */
const lastRuns = (db: Queryable) =>
  db.rows<RunRow>(sql`SELECT DISTINCT ON (name, state) name, state, id::text AS id, started_on, completed_on,
      retry_count, left(output->>'message', 2000) AS error
    FROM (SELECT name, state::text AS state, id, started_on, completed_on, retry_count, output FROM ${T('job')}
            WHERE state IN ('completed', 'failed')
          UNION ALL
          SELECT name, state::text, id, started_on, completed_on, retry_count, output FROM ${T('archive')}
            WHERE state IN ('completed', 'failed')) runs
    ORDER BY name, state, completed_on DESC NULLS LAST`);

const queuesIn = (db: Queryable) =>
  db.rows<QueueRow>(sql`SELECT q.name, q.policy, q.retry_limit, q.retry_delay, q.retry_backoff, s.cron
    FROM ${T('queue')} q LEFT JOIN ${T('schedule')} s ON s.name = q.name
    WHERE q.name NOT LIKE '\\_\\_pgboss\\_\\_%' ORDER BY q.name`);

const zeroCounts = (): Record<(typeof JOB_STATES)[number], number> =>
  Object.fromEntries(JOB_STATES.map((s) => [s, 0])) as Record<(typeof JOB_STATES)[number], number>;

/**
 * What the job system holds, for the console and `caiban jobs list`: every queue of the catalogue (and any other
 * queue found in the database) with its schedule, job counts by state and its last completed and failed runs.
 * Before pg-boss was ever started on this database, the catalogue alone with zero counts.
 */
export const jobsStatus = async (db: Queryable, catalogue: readonly AnyJob[]): Promise<JobsStatus> => {
  const probe = await db.one<{ ok: boolean }>(
    sql`SELECT to_regclass(${`${BOSS_SCHEMA}.job`}) IS NOT NULL AND to_regclass(${`${BOSS_SCHEMA}.archive`}) IS NOT NULL AS ok`,
  );
  const installed = probe?.ok === true;
  const [queues, counts, runs] = installed
    ? await Promise.all([
        queuesIn(db),
        db.rows<{ name: string; state: (typeof JOB_STATES)[number]; n: number }>(
          sql`SELECT name, state::text AS state, count(*)::int AS n FROM ${T('job')} GROUP BY 1, 2`,
        ),
        lastRuns(db),
      ])
    : [[], [], []];
  const names = [...new Set([...catalogue.map((j) => j.name), ...queues.map((q) => q.name)])];
  return {
    installed,
    timezone: SCHEDULE_TZ,
    queues: names.map((name): JobQueueStatus => {
      const job = catalogue.find((j) => j.name === name);
      const q = queues.find((x) => x.name === name);
      const c = zeroCounts();
      for (const r of counts) if (r.name === name) c[r.state] = r.n;
      const run = (state: string) => runs.find((r) => r.name === name && r.state === state);
      const done = run('completed');
      const failed = run('failed');
      return {
        name,
        description: job?.description ?? '',
        declared: job !== undefined,
        schedule: job?.schedule ?? null,
        installedSchedule: q?.cron ?? null,
        retryLimit: q?.retry_limit ?? job?.retryLimit ?? null,
        retryDelay: q?.retry_delay ?? job?.retryDelay ?? null,
        retryBackoff: q?.retry_backoff ?? job?.retryBackoff ?? null,
        singleton: q === undefined ? job?.singleton === true : q.policy === 'stately',
        counts: c,
        lastCompleted: done === undefined ? null : runOf(done),
        lastFailed: failed === undefined ? null : runOf(failed),
      };
    }),
  };
};
