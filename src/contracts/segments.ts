import { z } from 'zod';
import { parseCron } from '../core/schedule/cron.js';
import { idNumber } from './common.js';

/** The rule is checked by core/segment/rule.ts (errors name the JSON path), so it passes through as JSON here. */
export const SegmentRuleBody = z.object({ rule: z.unknown() });

export const SegmentPreview = z.object({
  count: z.number().int().nonnegative(),
  /** Up to 20 matching customer ids, ascending. */
  sample: z.array(z.number().int()),
  ms: z.number(),
});
export type SegmentPreview = z.infer<typeof SegmentPreview>;

/**
 * A refresh schedule: a five-field cron in China time (core/schedule/cron.ts), null for none. A bad expression is
 * refused with the cron field at fault.
 */
export const RefreshCron = z
  .string()
  .max(100)
  .nullable()
  .superRefine((v, ctx) => {
    if (v === null) return;
    try {
      parseCron(v);
    } catch (e) {
      ctx.addIssue({ code: 'custom', message: (e as Error).message.replace(/^cron: /, '') });
    }
  });

export const SegmentInput = z.object({
  name: z.string().trim().min(1).max(80),
  description: z.string().max(500).default(''),
  rule: z.unknown(),
  /** Omitted: unchanged on update, none on create. */
  refreshCron: RefreshCron.optional(),
});
export type SegmentInput = z.infer<typeof SegmentInput>;

export const Segment = z.object({
  id: z.number().int(),
  key: z.string().nullable(),
  name: z.string(),
  description: z.string(),
  kind: z.enum(['custom', 'group']),
  rule: z.unknown(),
  ownerStaffId: z.number().int().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  refreshCron: z.string().nullable(),
});
export type Segment = z.infer<typeof Segment>;

/** One scheduled (or manual) refresh of a saved segment: the count at that time. */
export const SegmentRefresh = z.object({
  at: z.string(),
  scheduledFor: z.string(),
  count: z.number().int(),
  ms: z.number().int(),
  trigger: z.enum(['schedule', 'manual']),
});
export const SegmentRefreshList = z.object({ items: z.array(SegmentRefresh) });

export const SegmentList = z.object({ items: z.array(Segment) });
export const SegmentIdParams = z.object({ id: idNumber() });
export const ExportQuery = z.object({ format: z.enum(['xlsx', 'csv']).default('csv') });

/** A lookalike request: the seed (a saved segment or customer ids) and how many similar customers to return. */
export const LookalikeBody = z
  .object({
    segmentId: z.number().int().positive().optional(),
    customerIds: z.array(z.number().int().positive()).min(1).max(5000).optional(),
    size: z.number().int().min(1).max(5000).default(100),
  })
  .refine((b) => (b.segmentId === undefined) !== (b.customerIds === undefined), {
    message: 'give exactly one seed: segmentId or customerIds',
    path: ['segmentId'],
  });
export type LookalikeBody = z.infer<typeof LookalikeBody>;

export const LookalikeResult = z.object({
  seedSize: z.number().int(),
  trainedOn: z.object({ positives: z.number().int(), unlabelled: z.number().int() }),
  /** AUC of a held-out fifth of the seed against the unlabelled sample (null: seed under 10). */
  holdoutAuc: z.number().nullable(),
  scored: z.number().int(),
  /** The most similar customers not in the seed, best first; score = P(seed-like). */
  customers: z.array(z.object({ id: z.number().int(), score: z.number() })),
  ms: z.number(),
});
export type LookalikeResult = z.infer<typeof LookalikeResult>;
