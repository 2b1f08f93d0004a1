import { z } from 'zod';
import { EVENT_TYPES } from '../event-types.js';

/**
 * The event of the engagement contract (../shared/CLI.md "Engagement", issue 14): an idempotency key, a type, the
 * customer as a channel identity that ONE-ID resolves, when it happened and a typed payload. Market events
 * (`market_move`) carry no customer. Parsing is pure: each raw value becomes an event or a rejection naming its
 * index, the field and the fix, so one bad line never costs the good ones of the same batch.
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
const PAYLOADS: Readonly<Record<IngestEventType, z.ZodType<Record<string, unknown>>>> = {
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

const Envelope = z.strictObject({
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

export type Rejection = { index: number; error: string };
export type Parsed = { accepted: { index: number; event: IngestEvent }[]; rejected: Rejection[] };

/** How far in the future an event's time may lie (clock skew between systems). */
export const FUTURE_SKEW_MS = 10 * 60_000;

const path = (p: readonly PropertyKey[]): string => p.map(String).join('.');

/** One raw value → an event, or the reason it is rejected (field path and the fix). */
export const parseEvent = (raw: unknown, now: Date): IngestEvent | string => {
  const env = Envelope.safeParse(raw);
  if (!env.success) {
    const issue = env.error.issues[0]!;
    return `${path(issue.path) || 'event'}: ${issue.message}`;
  }
  const e = env.data;
  const market = (MARKET_EVENT_TYPES as readonly string[]).includes(e.type);
  if (market && e.customer) return `customer: a ${e.type} event is about the market; remove "customer"`;
  if (!market && !e.customer) return 'customer: required, e.g. {"by": "phone", "value": "13800000000"}';
  const payload = PAYLOADS[e.type].safeParse(e.payload);
  if (!payload.success) {
    const issue = payload.error.issues[0]!;
    return `payload.${path(issue.path)}: ${issue.message}`;
  }
  const occurredAt = new Date(e.occurred_at);
  if (occurredAt.getTime() > now.getTime() + FUTURE_SKEW_MS)
    return `occurred_at: ${e.occurred_at} is in the future (now ${now.toISOString()}); send events after they happen`;
  return {
    id: e.id,
    type: e.type,
    customer: e.customer ?? null,
    occurredAt,
    channel: e.channel ?? (e.type.startsWith('large_transfer') || e.type === 'maturity' ? 'counter' : 'app'),
    payload: payload.data,
  };
};

/** A batch of raw values; the first of several events with one id in the batch wins, the others are duplicates. */
export const parseEvents = (raws: readonly unknown[], now: Date): Parsed & { duplicateIndexes: number[] } => {
  const out: Parsed & { duplicateIndexes: number[] } = { accepted: [], rejected: [], duplicateIndexes: [] };
  const seen = new Set<string>();
  raws.forEach((raw, index) => {
    if (raw instanceof LineError) {
      out.rejected.push({ index, error: raw.message });
      return;
    }
    const r = parseEvent(raw, now);
    if (typeof r === 'string') out.rejected.push({ index, error: r });
    else if (seen.has(r.id)) out.duplicateIndexes.push(index);
    else {
      seen.add(r.id);
      out.accepted.push({ index, event: r });
    }
  });
  return out;
};

/** A line that could not even be read as JSON/CSV: it keeps its place in the batch and is rejected there. */
export class LineError {
  constructor(
    readonly message: string,
    readonly raw: string,
  ) {}
}

/** JSON Lines: one event a line; blank lines are skipped, a malformed line becomes a LineError at its index. */
export const readJsonLines = (text: string): unknown[] =>
  text
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '')
    .map((line, i) => {
      try {
        return JSON.parse(line) as unknown;
      } catch (e) {
        return new LineError(
          `line ${i + 1}: not JSON (${(e as Error).message}); one event object per line`,
          line,
        );
      }
    });

const CSV_FIELDS = new Set([
  'id',
  'type',
  'customer_by',
  'customer_value',
  'occurred_at',
  'channel',
  'payload',
]);

/**
 * CSV rows (already split into header → cell maps) as raw events: `id,type,customer_by,customer_value,
 * occurred_at[,channel][,payload]`, where `payload` is a JSON object and any other column is a payload field
 * (numbers as numbers).
 */
export const csvRowToRaw = (row: Readonly<Record<string, string>>, line: number): unknown => {
  const cell = (k: string): string | undefined => (row[k] ?? '').trim() || undefined;
  let payload: Record<string, unknown> = {};
  const json = cell('payload');
  if (json !== undefined) {
    try {
      const v = JSON.parse(json) as unknown;
      if (typeof v !== 'object' || v === null || Array.isArray(v))
        return new LineError(`line ${line}: column payload must be a JSON object`, json);
      payload = v as Record<string, unknown>;
    } catch (e) {
      return new LineError(`line ${line}: column payload is not JSON (${(e as Error).message})`, json);
    }
  }
  for (const [k, v] of Object.entries(row)) {
    if (CSV_FIELDS.has(k) || v.trim() === '') continue;
    // Numbers as numbers, but never a code with leading zeros (000001 stays a product code).
    const t = v.trim();
    payload[k] = /^-?(0|[1-9]\d*)(\.\d+)?$/.test(t) ? Number(t) : t;
  }
  const by = cell('customer_by');
  const value = cell('customer_value');
  return {
    id: cell('id'),
    type: cell('type'),
    ...(by !== undefined || value !== undefined ? { customer: { by, value } } : {}),
    occurred_at: cell('occurred_at'),
    ...(cell('channel') !== undefined ? { channel: cell('channel') } : {}),
    payload,
  };
};
