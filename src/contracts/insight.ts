import { z } from 'zod';
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
