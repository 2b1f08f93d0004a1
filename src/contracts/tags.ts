import { z } from 'zod';
import { idNumber } from './common.js';

const TAG_KEY = /^[a-z0-9][a-z0-9_.:-]{0,63}$/;

export const TagCatalogue = z.object({
  items: z.array(
    z.object({
      key: z.string(),
      name: z.string(),
      kind: z.enum(['rule', 'model', 'manual', 'conversation']),
      description: z.string(),
      rule: z.unknown(),
      score: z.string().nullable(),
      threshold: z.number().nullable(),
      /** Customers in the caller's scope holding the tag. */
      count: z.number().int().nonnegative(),
    }),
  ),
});

export const TagBody = z.object({
  key: z.string().regex(TAG_KEY, { message: 'a tag key is 1–64 of a-z 0-9 _ . : -' }),
  reason: z.string().trim().min(2, { message: 'give the reason for the tag (it is audited)' }).max(200),
});
export const UntagParams = z.object({ id: idNumber(), key: z.string().regex(TAG_KEY) });
export const UntagQuery = z.object({
  reason: z
    .string()
    .trim()
    .min(2, { message: 'give the reason for removing the tag (it is audited)' })
    .max(200),
});
export const TagChange = z.object({ changed: z.boolean() });
export const TagHistory = z.object({
  items: z.array(
    z.object({
      key: z.string(),
      action: z.enum(['set', 'removed']),
      source: z.string(),
      previous: z.unknown(),
      at: z.string(),
      by: z.string(),
      reason: z.string().nullable(),
    }),
  ),
});
