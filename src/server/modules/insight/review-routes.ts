import { ErrorBody } from '../../../contracts/common.js';
import { StudyIdParams } from '../../../contracts/insight.js';
import {
  AiplQuery,
  AiplReport,
  Review,
  ReviewIdParams,
  ReviewList,
  ReviewListQuery,
  ReviewSchedule,
  ReviewScheduleBody,
} from '../../../contracts/insight-review.js';
import { actorOf, writeAudit } from '../../auth/audit.js';
import { principalOf } from '../../auth/guard.js';
import type { AppDeps, ZodApp } from '../../http/deps.js';
import { aiplReport } from './aipl-report.js';
import { acknowledgeReview, listReviews, reviewView, startReview } from './review.js';
import { listReviewSchedules, setReviewSchedule } from './review-schedule.js';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };

/** AIPL dashboard and periodic reviews (issue 15 items 6–7): operations and admin (`insight:run`). */
export const registerInsightReviewRoutes = (app: ZodApp, deps: AppDeps): void => {
  app.get('/api/insight/aipl', {
    config: { permission: 'insight:run' },
    schema: {
      tags: ['insight'],
      summary:
        'AIPL funnel between two dates: stage counts, conversions, flows (Sankey), break points, drivers at the weakest step',
      querystring: AiplQuery,
      response: { 200: AiplReport, ...errors },
    },
    handler: (req) =>
      aiplReport(deps.db, {
        from: req.query.from,
        to: req.query.to,
        ...(req.query.segment !== undefined ? { segmentId: req.query.segment } : {}),
        ...(req.query.channel !== undefined ? { channel: req.query.channel } : {}),
      }),
  });

  app.get('/api/insight/reviews', {
    config: { permission: 'insight:run' },
    schema: {
      tags: ['insight'],
      summary:
        'Periodic reviews, newest first (alerts=1: the unacknowledged alerts), and the review schedules',
      querystring: ReviewListQuery,
      response: { 200: ReviewList, ...errors },
    },
    handler: async (req) => ({
      items: (
        await listReviews(deps.db, {
          ...(req.query.study !== undefined ? { studyId: req.query.study } : {}),
          alertsOnly: req.query.alerts === '1',
        })
      ).map(reviewView),
      schedules: await listReviewSchedules(deps.db),
    }),
  });

  app.post('/api/insight/reviews/:id/acknowledge', {
    config: { permission: 'insight:run' },
    schema: {
      tags: ['insight'],
      summary: 'Mark a review alert as seen (it leaves the alert list)',
      params: ReviewIdParams,
      response: { 200: Review, ...errors },
    },
    handler: async (req) => {
      const who = principalOf(req);
      const row = await acknowledgeReview(deps.db, req.params.id, who.id, deps.now());
      await writeAudit(deps.db, actorOf(who), req.id, [
        {
          action: 'insight.review_ack',
          targetKind: 'insight_review',
          target: String(row.id),
          customerId: null,
          details: {},
        },
      ]);
      return reviewView(row);
    },
  });

  app.post('/api/insight/studies/:id/review', {
    config: { permission: 'insight:run' },
    schema: {
      tags: ['insight'],
      summary:
        'Review a finished study now (re-run as of today, compare with its previous run); 202 with the running review, poll GET /api/insight/reviews',
      params: StudyIdParams,
      response: { 202: Review, ...errors },
    },
    handler: async (req, reply) => {
      const who = principalOf(req);
      const row = await startReview(deps.db, req.params.id, deps.now());
      await writeAudit(deps.db, actorOf(who), req.id, [
        {
          action: 'insight.review_run',
          targetKind: 'insight_study',
          target: String(req.params.id),
          customerId: null,
          details: { review_id: row.id },
        },
      ]);
      return reply.code(202).send(reviewView(row));
    },
  });

  app.put('/api/insight/studies/:id/review-schedule', {
    config: { permission: 'insight:run' },
    schema: {
      tags: ['insight'],
      summary: 'Set the periodic review schedule of a saved study (five-field cron, China time)',
      params: StudyIdParams,
      body: ReviewScheduleBody,
      response: { 200: ReviewSchedule, ...errors },
    },
    handler: async (req) => {
      const who = principalOf(req);
      const s = await setReviewSchedule(deps.db, req.params.id, {
        cron: req.body.cron,
        enabled: req.body.enabled,
        who: who.id,
        now: deps.now(),
      });
      await writeAudit(deps.db, actorOf(who), req.id, [
        {
          action: 'insight.review_schedule',
          targetKind: 'insight_study',
          target: String(req.params.id),
          customerId: null,
          details: { cron: s.cron, enabled: s.enabled },
        },
      ]);
      return s;
    },
  });
};
