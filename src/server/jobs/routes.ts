import { ErrorBody } from '../../contracts/common.js';
import { JobsStatus } from '../../contracts/jobs.js';
import type { AppDeps, ZodApp } from '../http/deps.js';
import { JOB_CATALOGUE } from './catalogue.js';
import { jobsStatus } from './status.js';

const errors = { 401: ErrorBody, 403: ErrorBody };

/** The job console's API: queues, schedules, counts and last runs (operations and admin). */
export const registerJobRoutes = (app: ZodApp, deps: AppDeps): void => {
  app.get('/api/jobs', {
    config: { permission: 'jobs:read' },
    schema: {
      tags: ['jobs'],
      summary:
        'Durable jobs: every queue with its schedule (China time), counts by state, last completed and failed runs',
      response: { 200: JobsStatus, ...errors },
    },
    handler: () => jobsStatus(deps.db, JOB_CATALOGUE),
  });
};
