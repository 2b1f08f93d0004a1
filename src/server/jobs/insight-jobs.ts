import { reviewDueStudies } from '../modules/insight/review-schedule.js';
import { defineJob } from './registry.js';

/**
 * The insight console's periodic review (issue 15): every 15 minutes, re-run the saved studies whose own review
 * schedule (per study, default Monday 07:00 China time) fired since their last review, compare with the previous
 * run and raise an alert when something moved. Idempotent through the review's (study, firing) key. A failed
 * firing is not retried by the queue (retryLimit 0): it is stored as a failed review with an alert, and operations
 * re-run it by hand (`caiban insight review --study ID`).
 */
export const INSIGHT_JOBS = [
  defineJob({
    name: 'insight.review-due',
    description:
      '按计划复盘已保存的研究（因子漂移、驱动因素变化）/ periodic review of saved studies (drift, changed drivers)',
    schedule: '*/15 * * * *',
    retryLimit: 0,
    retryDelay: 0,
    retryBackoff: false,
    singleton: true,
    expireInSeconds: 3 * 3600,
    handler: ({ db, now }) => reviewDueStudies(db, now),
  }),
];
