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
