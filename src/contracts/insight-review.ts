import { z } from 'zod';
import { idNumber } from './common.js';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date YYYY-MM-DD');
const rate = z.number().nullable();

/** GET /api/insight/aipl: two dates, optionally one saved segment or one primary channel. */
export const AiplQuery = z.object({
  from: isoDate,
  to: isoDate,
  segment: idNumber().optional(),
  channel: z.enum(['app', 'wechat', 'web', 'counter', 'none']).optional(),
});

const Step = z.enum(['awareness_interest', 'interest_purchase', 'purchase_loyalty']);

export const AiplReport = z.object({
  from: z.string(),
  to: z.string(),
  filter: z.object({ segment_id: z.number().int().nullable(), channel: z.string().nullable() }),
  definitions: z.object({
    activeDays: z.number(),
    purchaseDays: z.number(),
    loyaltyDays: z.number(),
    interestPageViews: z.number(),
  }),
  population: z.number().int(),
  stages: z.array(z.object({ stage: z.string(), count_from: z.number().int(), count_to: z.number().int() })),
  conversion: z.array(
    z.object({
      step: Step,
      reached_from: z.number().int(),
      reached_to: z.number().int(),
      funnel_rate: rate,
      at_from_start: z.number().int(),
      advanced: z.number().int(),
      period_rate: rate,
    }),
  ),
  flows: z.object({ stages: z.array(z.string()), matrix: z.array(z.array(z.number().int())) }),
  weakest_step: Step.nullable(),
  break_points: z.array(
    z.object({
      dimension: z.enum(['channel', 'tier', 'lifecycle']),
      group: z.string(),
      population: z.number().int(),
      steps: z.array(
        z.object({
          step: Step,
          at_from_start: z.number().int(),
          advanced: z.number().int(),
          period_rate: rate,
        }),
      ),
      weakest: Step.nullable(),
    }),
  ),
  drivers: z.object({
    step: Step.nullable(),
    status: z.enum(['estimated', 'insufficient_evidence']),
    reason: z.string().nullable(),
    n: z.number().int(),
    advanced: z.number().int(),
    importance: z.array(
      z.object({
        factor: z.string(),
        mean_abs_shap: z.number(),
        mean_advanced: z.number(),
        mean_stayed: z.number(),
      }),
    ),
    note: z.string(),
  }),
});
export type AiplReport = z.infer<typeof AiplReport>;

/** A periodic review of a saved study: the comparison with the previous run and the alert it raised. */
export const Review = z.object({
  id: z.number().int(),
  study_id: z.number().int(),
  scheduled_for: z.string(),
  trigger: z.enum(['schedule', 'manual']),
  status: z.enum(['running', 'done', 'failed']),
  as_of: z.string(),
  run_study_id: z.number().int().nullable(),
  previous_study_id: z.number().int().nullable(),
  comparison: z.record(z.string(), z.unknown()).nullable(),
  alert: z.boolean(),
  alert_reasons: z.array(z.string()),
  acknowledged_at: z.string().nullable(),
  acknowledged_by: z.string().nullable(),
  error: z.record(z.string(), z.unknown()).nullable(),
  created_at: z.string(),
});
export type Review = z.infer<typeof Review>;

export const ReviewSchedule = z.object({
  study_id: z.number().int(),
  cron: z.string(),
  enabled: z.boolean(),
  created_by: z.string(),
  updated_at: z.string(),
});

export const ReviewListQuery = z.object({
  study: idNumber().optional(),
  alerts: z.enum(['0', '1']).optional(),
});
export const ReviewList = z.object({ items: z.array(Review), schedules: z.array(ReviewSchedule) });

export const ReviewIdParams = z.object({ id: idNumber() });

/** PUT /api/insight/studies/:id/review-schedule: five-field cron in China time (default Monday 07:00). */
export const ReviewScheduleBody = z.object({
  cron: z.string().trim().min(1).max(100).default('0 7 * * 1'),
  enabled: z.boolean().default(true),
});
