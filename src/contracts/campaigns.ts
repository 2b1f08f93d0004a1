import { z } from 'zod';
import { idNumber } from './common.js';

/**
 * Campaigns and experiments over HTTP (issue 14 item 6). The definition is checked by
 * core/engagement/campaign.ts (every problem names its JSON path), so it passes through as JSON here.
 */
export const CampaignBody = z.unknown();

export const CampaignStatus = z.enum(['draft', 'running', 'ended']);

export const Campaign = z.object({
  id: z.number().int(),
  key: z.string(),
  name: z.string(),
  status: CampaignStatus,
  /** The validated definition (core/engagement/campaign.ts CampaignDefinition). */
  definition: z.record(z.string(), z.unknown()),
  createdBy: z.string(),
  createdAt: z.string(),
  updatedBy: z.string(),
  updatedAt: z.string(),
  launchedAt: z.string().nullable(),
  endedAt: z.string().nullable(),
  measuredAt: z.string().nullable(),
});
export type Campaign = z.infer<typeof Campaign>;

export const CampaignList = z.object({ items: z.array(Campaign) });
export const CampaignIdParams = z.object({ id: idNumber() });

const Outcomes = z.object({
  queued: z.number().int(),
  deferred: z.number().int(),
  sent: z.number().int(),
  suppressed: z.number().int(),
  duplicates: z.number().int(),
});

export const LaunchReport = z.object({
  campaignId: z.number().int(),
  status: CampaignStatus,
  /** Customers matching the target now. */
  targeted: z.number().int(),
  /** Newly assigned by this launch (a second launch assigns only customers who joined the target since). */
  assigned: z.number().int(),
  byArm: z.record(z.string(), z.number().int()),
  /** Messages handed to the outbox by this launch, by outcome. */
  messages: Outcomes,
  batches: z.number().int(),
});
export type LaunchReport = z.infer<typeof LaunchReport>;

const Interval = z.tuple([z.number(), z.number()]);

export const ArmResult = z.object({
  arm: z.string(),
  holdout: z.boolean(),
  assigned: z.number().int(),
  exposures: z.number().int(),
  suppressed: z.number().int(),
  conversions: z.number().int(),
  rate: z.number(),
  rateCi: Interval,
  vsHoldout: z
    .object({
      lift: z.number(),
      liftCi: Interval,
      p: z.number(),
      relativeLift: z.number().nullable(),
      relativeLiftCi: Interval.nullable(),
      chanceToBeatHoldout: z.number(),
      cuped: z.object({ lift: z.number(), liftCi: Interval, p: z.number(), theta: z.number() }),
    })
    .nullable(),
});

export const CampaignResultsBody = z.object({
  campaignId: z.number().int(),
  status: CampaignStatus,
  measuredAt: z.string(),
  /** The conversion window as applied: a customer converts within windowDays of assignment. */
  windowDays: z.number().int(),
  arms: z.array(ArmResult),
  srm: z.object({
    p: z.number(),
    warning: z.boolean(),
    expected: z.array(z.number()),
    observed: z.array(z.number()),
  }),
  /** Why messages were suppressed (consent, caps, compliance …), per arm. */
  suppressionReasons: z.array(z.object({ arm: z.string(), reason: z.string(), count: z.number().int() })),
  /** Cumulative conversions per arm by business date. */
  daily: z.array(z.object({ date: z.string(), cumulative: z.record(z.string(), z.number().int()) })),
});
export type CampaignResultsBody = z.infer<typeof CampaignResultsBody>;

/** Live check of a draft (the form): shape issues with paths, and each arm's compliance findings. */
export const CampaignCheck = z.object({
  ok: z.boolean(),
  issues: z.array(z.object({ path: z.string(), message: z.string() })),
  arms: z.array(
    z.object({ arm: z.string(), path: z.string(), findings: z.array(z.record(z.string(), z.unknown())) }),
  ),
});
export type CampaignCheck = z.infer<typeof CampaignCheck>;
