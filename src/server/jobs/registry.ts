import { z } from 'zod';
import { AppError, badInput } from '../../core/errors.js';
import { parseCron } from '../../core/schedule/cron.js';
import type { Database } from '../db/index.js';

/** What a handler gets: the app's database, the instant it runs for, and the job's (validated) data. */
export type JobContext<D> = { db: Database; now: Date; data: D };

/**
 * One durable job. Delivery is at least once (a retry, a crash mid-run, two workers): the handler's effects must
 * be idempotent through a database unique key (ARCHITECTURE.md, "At-least-once jobs, exactly-once effects").
 */
export type JobDefinition<D = unknown> = {
  /** Queue name: lower-case words joined by dots or dashes (`cdp.refresh`, `mot.tick`). */
  name: string;
  /** One line for the console and `caiban jobs list` (Chinese / English). */
  description: string;
  handler: (ctx: JobContext<D>) => Promise<unknown>;
  /** The data a job carries, checked before the handler runs (default: any object, passed through). */
  data?: z.ZodType<D>;
  /** Five-field cron in China time (Asia/Shanghai); absent = only run when sent. */
  schedule?: string;
  /** Retries after the first failure (0 = none). */
  retryLimit: number;
  /** Seconds before a retry; with `retryBackoff` it doubles with each retry (plus jitter). */
  retryDelay: number;
  retryBackoff: boolean;
  /**
   * At most one job of this queue waiting and one running per singleton key (pg-boss "stately" policy): a
   * schedule that fires while the previous run is still busy does not pile runs up.
   */
  singleton?: boolean;
  /** How often an idle worker asks for this queue's next job (default: the runner's, 2 s); ≥ 0.5. */
  pollingIntervalSeconds?: number;
  /** How long one run may take before it is failed (and retried); default 15 minutes. */
  expireInSeconds?: number;
};

/** The catalogue entry type: a definition whose data type is erased (each checks its own with `data`). */
export type AnyJob = JobDefinition<never>;

const NAME = /^[a-z][a-z0-9]*([.-][a-z0-9]+)*$/;

/** Declares a job, checking its name, schedule and retry settings once at start-up rather than at 3 a.m. */
export const defineJob = <D>(job: JobDefinition<D>): AnyJob => {
  if (!NAME.test(job.name))
    throw badInput('name', `job name "${job.name}" must be lower-case words joined by "." or "-"`);
  if (job.schedule !== undefined) parseCron(job.schedule, `job ${job.name} schedule`);
  if (!Number.isInteger(job.retryLimit) || job.retryLimit < 0)
    throw badInput('retryLimit', `job ${job.name}: expected an integer ≥ 0`);
  if (!Number.isInteger(job.retryDelay) || job.retryDelay < 0)
    throw badInput('retryDelay', `job ${job.name}: expected whole seconds ≥ 0`);
  return job as unknown as AnyJob;
};

/** The job of a catalogue by name; an unknown name is bad input listing the known ones. */
export const findJob = (catalogue: readonly AnyJob[], name: string): AnyJob => {
  const job = catalogue.find((j) => j.name === name);
  if (job === undefined)
    throw badInput('name', `no job "${name}"; known jobs: ${catalogue.map((j) => j.name).join(', ')}`);
  return job;
};

/** Checks a job's data against its schema; a mismatch names the property. */
export const parseJobData = (job: AnyJob, data: unknown): unknown => {
  const schema = (job.data as z.ZodType | undefined) ?? z.record(z.string(), z.unknown());
  const r = schema.safeParse(data ?? {});
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  throw badInput(`data.${issue.path.join('.') || '(root)'}`, `job ${job.name}: ${issue.message}`);
};

/** The handler of a job called with already-checked data (the worker and `runJobNow` share it). */
export const invokeJob = (job: AnyJob, db: Database, now: Date, data: unknown): Promise<unknown> =>
  (job.handler as (ctx: JobContext<unknown>) => Promise<unknown>)({ db, now, data });

/**
 * Runs a job's handler now, in this process, without the queue: `caiban jobs run` and tests. Same handler and
 * data check as the worker; `now` is the instant the run stands for (`--now`).
 */
export const runJobNow = async (
  db: Database,
  catalogue: readonly AnyJob[],
  name: string,
  now: Date,
  data: unknown = {},
): Promise<{ name: string; now: string; ms: number; result: unknown }> => {
  if (Number.isNaN(now.getTime())) throw new AppError('BAD_INPUT', 'now: not a valid instant');
  const job = findJob(catalogue, name);
  const started = performance.now();
  const result = await invokeJob(job, db, now, parseJobData(job, data));
  return {
    name,
    now: now.toISOString(),
    ms: Math.round(performance.now() - started),
    result: result ?? null,
  };
};
