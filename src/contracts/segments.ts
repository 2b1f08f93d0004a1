import { z } from 'zod';
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

export const SegmentInput = z.object({
  name: z.string().trim().min(1).max(80),
  description: z.string().max(500).default(''),
  rule: z.unknown(),
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
});
export type Segment = z.infer<typeof Segment>;

export const SegmentList = z.object({ items: z.array(Segment) });
export const SegmentIdParams = z.object({ id: idNumber() });
export const ExportQuery = z.object({ format: z.enum(['xlsx', 'csv']).default('csv') });
