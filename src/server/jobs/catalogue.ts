import { CDP_JOBS } from './cdp-jobs.js';
import { ENGAGEMENT_JOBS } from './engagement-jobs.js';
import { INSIGHT_JOBS } from './insight-jobs.js';
import type { AnyJob } from './registry.js';

/**
 * Every durable job of the platform, in one list: the worker (boss.ts), `caiban jobs` and `GET /api/jobs` read
 * it. A module adds its jobs by appending its list here (engagement: `mot.tick`, `mot.daily-scan`,
 * `outbox.dispatch`), nothing else to wire.
 */
export const JOB_CATALOGUE: readonly AnyJob[] = [...CDP_JOBS, ...ENGAGEMENT_JOBS, ...INSIGHT_JOBS];
