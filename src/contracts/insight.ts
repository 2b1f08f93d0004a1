import { z } from 'zod';
import type { LeverKey } from '../core/insight/factors.js';
import { OUTCOMES } from '../core/insight/factors.js';
import { idNumber } from './common.js';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date YYYY-MM-DD');

/** A study request: the outcome, the decision date the population is cut at, and the estimation knobs. */
export const StudyInput = z.object({
  outcome: z.enum(OUTCOMES),
  as_of: isoDate.optional(),
  seed: z.number().int().min(0).max(1_000_000).default(0),
  folds: z.number().int().min(2).max(10).default(5),
  refute_simulations: z.number().int().min(0).max(20).default(0),
  oracle: z.boolean().default(false),
});
export type StudyInput = z.infer<typeof StudyInput>;

export const StudyStatus = z.enum(['queued', 'running', 'done', 'failed', 'cancelled']);

export const Study = z.object({
  id: z.number().int(),
  outcome: z.string(),
  params: z.record(z.string(), z.unknown()),
  status: StudyStatus,
  progress: z.number(),
  stage: z.string().nullable(),
  result: z.record(z.string(), z.unknown()).nullable(),
  error: z.record(z.string(), z.unknown()).nullable(),
  created_at: z.string(),
  created_by: z.string(),
  updated_at: z.string(),
});
export type Study = z.infer<typeof Study>;

export const StudyIdParams = z.object({ id: idNumber() });
export const StudyList = z.object({ items: z.array(Study.omit({ result: true })) });

export const WhatIfBody = z.object({ intervene: z.string().trim().min(1).max(200) });
export const WhatIfResult = z.object({
  intervention: z.string(),
  baseline: z.number(),
  intervened: z.number(),
  effect: z.number(),
  ci_low: z.number(),
  ci_high: z.number(),
  n: z.number().int(),
  n_affected: z.number().int(),
  method: z.string(),
});

// ─── Survey (X-data) fusion, issue 15 item 5 ───────────────────────────────────────────────────────────────

/** A survey file to import: csv (UTF-8) or xlsx, base64; bad rows reject the file unless keep_good_rows. */
export const SurveyImportBody = z.object({
  file: z
    .string()
    .min(1, 'file is empty; send the .csv or .xlsx file as base64')
    .regex(/^[A-Za-z0-9+/=\s]+$/, 'file must be the .csv or .xlsx file encoded as base64'),
  format: z.enum(['csv', 'xlsx']).optional(),
  keep_good_rows: z.boolean().default(false),
});
export type SurveyImportBody = z.infer<typeof SurveyImportBody>;

export const SurveyRowError = z.object({
  row: z.number().int(),
  column: z.string(),
  value: z.string(),
  message: z.string(),
});

export const SurveyImportResult = z.object({
  batch_id: z.string(),
  received: z.number().int(),
  imported: z.number().int(),
  rejected_rows: z.number().int(),
  errors: z.array(SurveyRowError),
  tagger: z.enum(['lexicon', 'llm', 'mixed']),
});

const SentimentCounts = { positive: z.number(), neutral: z.number(), negative: z.number() };

export const SurveySummary = z.object({
  responses: z.number().int(),
  nps_score: z.number().nullable(),
  promoters: z.number().int(),
  passives: z.number().int(),
  detractors: z.number().int(),
  distribution: z.array(z.number().int()),
  csat: z.array(z.object({ item: z.string(), mean: z.number().nullable(), answered: z.number().int() })),
  sentiment: z.object(SentimentCounts),
  topics: z.array(z.object({ topic: z.string(), zh: z.string(), en: z.string(), ...SentimentCounts })),
  batches: z.array(z.object({ batch_id: z.string(), responses: z.number().int(), imported_at: z.string() })),
});

export const SurveyDriversQuery = z.object({
  as_of: isoDate.optional(),
  seed: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

const Interval = z.object({ estimate: z.number(), ci_low: z.number(), ci_high: z.number() });
const Driver = z.object({
  key: z.string(),
  source: z.enum(['operational', 'survey']),
  method: z.enum(['aipw', 'dml', 'ols']),
  status: z.enum(['estimated', 'insufficient_evidence']),
  estimate: z.number().nullable(),
  ci_low: z.number().nullable(),
  ci_high: z.number().nullable(),
  unit: z.string(),
  reason: z.string().nullable(),
});

export const SurveyDrivers = z.object({
  as_of: z.string(),
  n: z.number().int(),
  nps_mean: z.number(),
  detractor_rate: z.number(),
  satisfaction: z.array(Driver),
  detractors: z.array(Driver),
  importance: z.array(z.object({ key: z.string(), mean_abs_shap: z.number() })),
  importance_note: z.string(),
  with_without: z.object({
    n: z.number().int(),
    measures: z.array(z.string()),
    note: z.string(),
    rows: z.array(
      z.object({
        factor: z.string(),
        n: z.number().int(),
        without: Interval.nullable(),
        with: Interval.nullable(),
        shift: z.number().nullable(),
        reason: z.string().nullable(),
      }),
    ),
  }),
});

const LEVER_KEYS = ['coupon', 'rm_call', 'livestream_invite'] as const satisfies readonly LeverKey[];

/** The strategy list of a study (`?budget=` in yuan; none = everyone with a positive best lever). */
export const LeversQuery = z.object({
  budget: z.coerce.number().min(0).max(1e10).optional(),
});
export const LeversExportQuery = LeversQuery.extend({ format: z.enum(['xlsx', 'csv']).default('xlsx') });

const StrategyRowSchema = z.object({
  customer_id: z.number().int(),
  p_outcome: z.number(),
  best_lever: z.enum(LEVER_KEYS).nullable(),
  chosen: z.boolean(),
  cost: z.number(),
  cate_coupon: z.number(),
  cate_rm_call: z.number(),
  cate_livestream_invite: z.number(),
});
export const Strategy = z.object({
  rows: z.array(StrategyRowSchema),
  expected_incremental: z.number(),
  cost: z.number(),
});

/** A strategy list sent to a campaign in one step: one lever, a budget in yuan, a holdout share, a name. */
export const StudyCampaignBody = z.object({
  lever: z.enum(LEVER_KEYS, { message: `expected one of ${LEVER_KEYS.join(', ')}` }),
  budget: z.number({ message: 'expected the budget in yuan' }).positive().max(1e10),
  holdout: z
    .number({ message: 'expected the holdout share, e.g. 0.2' })
    .min(0.05, { message: 'keep at least 5% as holdout, or nothing can be measured' })
    .max(0.5)
    .default(0.2),
  name: z.string().trim().min(1).max(100),
  key: z
    .string()
    .regex(/^[a-z0-9][a-z0-9_-]{1,47}$/, 'a campaign key is 2–48 of a-z 0-9 _ -')
    .optional(),
  channel: z.enum(['app', 'sms', 'wecom', 'email', 'chat']).default('app'),
  /** The message text (default: a compliant text per lever); checked by the compliance guard. */
  message: z.string().trim().min(1).max(1000).optional(),
  window_days: z.number().int().min(1).max(365).default(30),
});
export type StudyCampaignBody = z.infer<typeof StudyCampaignBody>;

const CiPair = z.tuple([z.number(), z.number()]);
export const StudyCampaign = z.object({
  campaign: z.object({ id: z.number().int(), key: z.string(), name: z.string(), status: z.string() }),
  lever: z.string(),
  budget: z.number(),
  unit_cost: z.number(),
  holdout: z.number(),
  chosen: z.number().int(),
  expected_incremental: z.number(),
  /** Mean predicted uplift of the customers the hash puts in the lever's arm (and in the holdout). */
  predicted: z.object({ uplift: z.number(), treated: z.number().int(), holdout: z.number().int() }),
  /** The campaign's measured lift of the lever arm over the holdout, once it has been launched. */
  realised: z
    .object({
      lift: z.number(),
      ci: CiPair,
      exposures: z.number().int(),
      conversions: z.number().int(),
      measured_at: z.string(),
    })
    .nullable(),
  /** Qini curve of the predicted uplift on the campaign's randomised assignment (null before launch). */
  qini: z
    .object({
      points: z.array(
        z.object({ k: z.number().int(), fraction: z.number(), qini: z.number(), random: z.number() }),
      ),
      n: z.number().int(),
      treated: z.number().int(),
      control: z.number().int(),
      coefficient: z.number(),
    })
    .nullable(),
});
export type StudyCampaign = z.infer<typeof StudyCampaign>;
export const StudyCampaignList = z.object({ items: z.array(StudyCampaign) });

export const ShapParams = z.object({ id: idNumber(), customerId: idNumber() });
export const CustomerShapBody = z.object({
  customer_id: z.number().int(),
  date: z.string(),
  pending: z.boolean(),
  base: z.number(),
  margin: z.number(),
  probability: z.number(),
  contributions: z.array(z.object({ factor: z.string(), value: z.number(), shap: z.number() })),
});
