import { z } from 'zod';
import { ACTION_TYPES } from '../core/dialogue/types.js';

/** Ops routes of the advisor (issue 12): flow sets per org unit, the review queue, retraining. */
export const OrgUnitParams = z.object({
  unit: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'expected an org unit id from GET /api/org/units'),
});

export const FlowDraftBody = z.object({
  flows: z.array(z.unknown(), { error: 'flows must be an array of flow documents' }),
  tests: z.array(z.unknown(), { error: 'tests must be an array of conversation tests' }).optional(),
});

const Doc = z.object({ flows: z.array(z.record(z.string(), z.unknown())), tests: z.array(z.unknown()) });

export const FlowVersionInfo = z.object({
  version: z.number().int(),
  action: z.enum(['publish', 'rollback']),
  source_version: z.number().int().nullable(),
  published_by: z.string(),
  published_at: z.string(),
  flows: z.array(z.string()),
});

export const FlowUnitSummary = z.object({
  org_unit_id: z.string(),
  name: z.string(),
  level: z.string(),
  parent_id: z.string().nullable(),
  version: z.number().int().nullable(),
  has_draft: z.boolean(),
});
export const FlowUnitList = z.object({ items: z.array(FlowUnitSummary) });

export const FlowUnitView = z.object({
  org_unit_id: z.string(),
  published: FlowVersionInfo.extend({ document: Doc }).nullable(),
  draft: z.object({ document: Doc, updated_by: z.string(), updated_at: z.string() }).nullable(),
  /** What the editor starts from: the draft, else the published document, else (HQ) the built-in flows. */
  editable: Doc,
  /** The flows this unit's customers get, with the unit that defines each (`builtin` for the code-defined ones). */
  effective: z.array(
    z.object({
      name: z.string(),
      title: z.string(),
      source: z.string(),
      document: z.record(z.string(), z.unknown()),
    }),
  ),
});

export const FlowVersionList = z.object({ items: z.array(FlowVersionInfo) });

export const FlowPublishResult = z.object({ org_unit_id: z.string(), version: z.number().int() });
export const RollbackBody = z.object({
  version: z.number({ error: 'version must be a number from the version history' }).int().positive(),
});

export const FlowTestResult = z.object({
  passed: z.number().int(),
  failed: z.number().int(),
  results: z.array(
    z.object({
      name: z.string(),
      source: z.string(),
      passed: z.boolean(),
      turns: z.array(
        z.object({
          turn: z.number().int(),
          input: z.string(),
          intent: z.string(),
          flow: z.object({ name: z.string(), step: z.string() }).nullable(),
          cards: z.array(z.string()),
          text: z.string(),
          failures: z.array(z.string()),
        }),
      ),
    }),
  ),
});

export const PreviewBody = z.union([
  z
    .object({
      text: z.string().min(1, 'text is empty').max(2000),
      state: z.record(z.string(), z.unknown()).nullable().optional(),
      customer: z.enum(['c1', 'c2', 'c3', 'c4', 'c5', 'expired']).optional(),
    })
    .strict(),
  z
    .object({
      action: z.object({ type: z.enum(ACTION_TYPES), value: z.string().min(1).max(200) }).strict(),
      state: z.record(z.string(), z.unknown()).nullable().optional(),
      customer: z.enum(['c1', 'c2', 'c3', 'c4', 'c5', 'expired']).optional(),
    })
    .strict(),
]);
export const PreviewResult = z.object({
  intent: z.string(),
  confidence: z.number(),
  flow: z.object({ name: z.string(), step: z.string() }).nullable(),
  reply: z.object({ text: z.string(), cards: z.array(z.record(z.string(), z.unknown())) }),
  events: z.array(z.string()),
  state: z.record(z.string(), z.unknown()),
});

export const ReviewQuery = z.object({
  status: z.enum(['open', 'labelled', 'dismissed']).default('open'),
});
export const ReviewParams = z.object({
  id: z.coerce
    .number()
    .int()
    .positive()
    .max(Number.MAX_SAFE_INTEGER, 'expected a review item id from GET /api/ops/advisor/review'),
});
export const ReviewItem = z.object({
  id: z.number(),
  text: z.string(),
  reason: z.enum(['low_confidence', 'unanswered', 'corrected']),
  intent: z.string().nullable(),
  confidence: z.number().nullable(),
  suggested: z.string().nullable(),
  status: z.enum(['open', 'labelled', 'dismissed']),
  label_kind: z.enum(['intent', 'kb']).nullable(),
  label: z.string().nullable(),
  created_at: z.string(),
});
export const ReviewList = z.object({ items: z.array(ReviewItem), intents: z.array(z.string()) });
export const LabelBody = z.union([
  z.object({ kind: z.literal('intent'), value: z.string().min(1) }).strict(),
  z.object({ kind: z.literal('kb'), value: z.string().min(1) }).strict(),
  z.object({ kind: z.literal('dismiss') }).strict(),
]);
export const CorrectionBody = z
  .object({
    text: z.string().min(1, 'text is empty; give the customer message the advisor misread').max(2000),
    intent: z.string().min(1, 'intent is empty; name the intent the message should have had'),
  })
  .strict();

export const ModelInfo = z.object({
  version: z.number().int(),
  examples: z.number().int(),
  labelled: z.number().int(),
  trained_at: z.string().nullable(),
});

export const RetrainBody = z
  .object({ note: z.string().max(200, 'note is longer than 200 characters').optional() })
  .strict();

export const KbItemSchema = z.object({
  id: z.string(),
  question: z.string(),
  similar: z.array(z.string()),
  answer: z.string(),
  category: z.string(),
});
export const KbView = z.object({ version: z.number().int(), items: z.array(KbItemSchema) });
export const KbItemParams = z.object({
  id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'expected a KB item id (letters, digits, - and _)'),
});
export const KbItemBody = z
  .object({
    question: z.string().trim().min(1, 'question is empty; give the standard question').max(500),
    similar: z.array(z.string().trim().min(1).max(500)).max(200).default([]),
    answer: z.string().trim().min(1, 'answer is empty; give the answer the advisor says').max(2000),
    category: z.string().trim().min(1).max(64).default('general'),
  })
  .strict();
export const KbImportBody = z
  .object({
    file: z
      .string()
      .min(1, 'file is empty; send the .xlsx file as base64')
      .regex(/^[A-Za-z0-9+/=\s]+$/, 'file must be the .xlsx file encoded as base64'),
  })
  .strict();
export const KbChange = z.object({ version: z.number().int(), items: z.number().int() });
