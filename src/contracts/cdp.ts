import { z } from 'zod';
import { AARRR_STAGES, STRATEGY_TEXT_MAX } from '../core/cdp/aarrr.js';
import { LIFECYCLES } from '../core/segment/attributes.js';

export const StrategyCell = z.object({
  stage: z.enum(AARRR_STAGES),
  lifecycle: z.enum(LIFECYCLES),
  /** Live customers of this stage and lifecycle in the caller's scope. */
  count: z.number().int().nonnegative(),
  text: z.string(),
  updatedAt: z.string().nullable(),
  updatedBy: z.string().nullable(),
});
export type StrategyCell = z.infer<typeof StrategyCell>;

export const StrategyMatrix = z.object({
  stages: z.array(z.enum(AARRR_STAGES)),
  lifecycles: z.array(z.enum(LIFECYCLES)),
  /** The stage rules (segment rules), highest first; acquisition is the rest. */
  stageRules: z.array(z.object({ stage: z.enum(AARRR_STAGES), rule: z.unknown() })),
  cells: z.array(StrategyCell),
  total: z.number().int().nonnegative(),
});
export type StrategyMatrix = z.infer<typeof StrategyMatrix>;

export const StrategyCellParams = z.object({
  stage: z.enum(AARRR_STAGES, { message: `stage is one of ${AARRR_STAGES.join(', ')}` }),
  lifecycle: z.enum(LIFECYCLES, { message: `lifecycle is one of ${LIFECYCLES.join(', ')}` }),
});
export const StrategyCellBody = z.object({
  text: z
    .string()
    .trim()
    .max(STRATEGY_TEXT_MAX, { message: `at most ${STRATEGY_TEXT_MAX} characters` }),
});

const Bucket = z.object({ key: z.string(), count: z.number().int().nonnegative() });
export const SegmentProfile = z.object({
  count: z.number().int().nonnegative(),
  tier: z.array(Bucket),
  ageBand: z.array(Bucket),
  riskLevel: z.array(Bucket),
  /** Customers holding each product type (a customer counts once per type). */
  productTypes: z.array(Bucket),
  ms: z.number(),
});
export type SegmentProfile = z.infer<typeof SegmentProfile>;

export const CdpPolicyBody = z.object({ policy: z.unknown() });
export const StoredCdpPolicy = z.object({
  policy: z.unknown(),
  version: z.number().int(),
  updatedAt: z.string().nullable(),
  updatedBy: z.string().nullable(),
});
