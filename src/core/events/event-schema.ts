import { z } from 'zod';
import { EVENT_TYPES } from '../event-types.js';

/**
 * The zod schemas of the engagement contract's event (../shared/CLI.md "Engagement", issue 14). They are the
 * reference: the bulk path's shortcut (fast-shape.ts) must accept only what they accept and return what they return.
 */
export const CUSTOMER_EVENT_TYPES = EVENT_TYPES;
export const MARKET_EVENT_TYPES = ['market_move'] as const;
export const INGEST_EVENT_TYPES = [...CUSTOMER_EVENT_TYPES, ...MARKET_EVENT_TYPES] as const;
export type IngestEventType = (typeof INGEST_EVENT_TYPES)[number];
export type CustomerEventType = (typeof CUSTOMER_EVENT_TYPES)[number];

export const RESOLVE_CHANNELS = [
  'customer_id',
  'phone',
  'ecif',
  'app_user',
  'unionid',
  'openid',
  'wecom',
] as const;
export const EVENT_CHANNELS = ['app', 'wechat', 'web', 'counter'] as const;
export type EventChannel = (typeof EVENT_CHANNELS)[number];

const productCode = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9]{2,12}$/, { message: 'expected a product code such as 000001 or AD001' });
const yuan = z.number({ message: 'expected an amount in yuan (a number)' }).positive().max(1e13);

/** Payload schemas by type; other keys are kept as they are (an institution's extra fields). */
export const PAYLOADS: Readonly<Record<IngestEventType, z.ZodType<Record<string, unknown>>>> = {
  login: z.looseObject({}),
  page_view: z.looseObject({ product_code: productCode }),
  search: z.looseObject({ query: z.string().trim().min(1).max(200) }),
  livestream_view: z.looseObject({
    minutes: z
      .number()
      .nonnegative()
      .max(24 * 60)
      .optional(),
  }),
  coupon_use: z.looseObject({ coupon: z.string().trim().min(1).max(64).optional() }),
  large_transfer_in: z.looseObject({ amount: yuan }),
  large_transfer_out: z.looseObject({ amount: yuan }),
  maturity: z.looseObject({ product_code: productCode, amount: yuan.optional() }),
  purchase_abandoned: z.looseObject({ product_code: productCode, amount: yuan.optional() }),
  advisor_chat: z.looseObject({}),
  subscription_renewed: z.looseObject({ product_code: productCode.optional() }),
  market_move: z.looseObject({
    index: z.string().trim().min(1).max(64),
    change: z
      .number({ message: 'expected the index change as a fraction (−0.023 for −2.3%)' })
      .min(-1)
      .max(10),
  }),
};

const Instant = z
  .string({ message: 'expected an ISO 8601 time such as 2026-11-30T09:30:00+08:00' })
  .refine((s) => /^\d{4}-\d{2}-\d{2}/.test(s) && !Number.isNaN(Date.parse(s)), {
    message: 'expected an ISO 8601 time such as 2026-11-30T09:30:00+08:00',
  });

export const Envelope = z.strictObject({
  id: z
    .string({ message: 'give the event an id (its idempotency key): a string of 1–128 characters' })
    .trim()
    .min(1)
    .max(128),
  type: z.enum(INGEST_EVENT_TYPES, { message: `expected one of ${INGEST_EVENT_TYPES.join(', ')}` }),
  customer: z
    .strictObject({
      by: z.enum(RESOLVE_CHANNELS, { message: `expected one of ${RESOLVE_CHANNELS.join(', ')}` }),
      value: z.union([z.string().trim().min(1).max(128), z.number().int().positive()]).transform(String),
    })
    .optional(),
  occurred_at: Instant,
  channel: z.enum(EVENT_CHANNELS, { message: `expected one of ${EVENT_CHANNELS.join(', ')}` }).optional(),
  payload: z.record(z.string(), z.unknown()).default({}),
});

export type IngestEvent = {
  id: string;
  type: IngestEventType;
  customer: { by: (typeof RESOLVE_CHANNELS)[number]; value: string } | null;
  occurredAt: Date;
  channel: EventChannel;
  payload: Record<string, unknown>;
};
