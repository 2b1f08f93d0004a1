import { z } from 'zod';

export const JOB_STATES = ['created', 'retry', 'active', 'completed', 'cancelled', 'failed'] as const;

/** One run of a job as the console shows it (error text only: never a stack trace). */
export const JobRun = z.object({
  id: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  retryCount: z.number().int(),
  error: z.string().nullable(),
});
export type JobRun = z.infer<typeof JobRun>;

/** One queue: its declaration, its schedule as installed, job counts by state, the last runs. */
export const JobQueueStatus = z.object({
  name: z.string(),
  description: z.string(),
  /** Declared in the job catalogue of this version (false: a queue left in the database by another version). */
  declared: z.boolean(),
  /** The cron of the catalogue (China time), null when the job only runs when sent. */
  schedule: z.string().nullable(),
  /** The cron installed in the database (what fires), null when none. */
  installedSchedule: z.string().nullable(),
  retryLimit: z.number().int().nullable(),
  retryDelay: z.number().int().nullable(),
  retryBackoff: z.boolean().nullable(),
  singleton: z.boolean(),
  counts: z.record(z.enum(JOB_STATES), z.number().int()),
  lastCompleted: JobRun.nullable(),
  lastFailed: JobRun.nullable(),
});
export type JobQueueStatus = z.infer<typeof JobQueueStatus>;

export const JobsStatus = z.object({
  /** Whether pg-boss's tables exist (false until the job system first started on this database). */
  installed: z.boolean(),
  timezone: z.string(),
  queues: z.array(JobQueueStatus),
});
export type JobsStatus = z.infer<typeof JobsStatus>;
