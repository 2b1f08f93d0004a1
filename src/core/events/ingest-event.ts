import { Envelope, MARKET_EVENT_TYPES, PAYLOADS, type IngestEvent } from './event-schema.js';
import { fastShape, type Shape } from './fast-shape.js';

/**
 * Parsing of the engagement contract's event (../shared/CLI.md "Engagement", issue 14): an idempotency key, a type,
 * the customer as a channel identity that ONE-ID resolves, when it happened and a typed payload. Market events
 * (`market_move`) carry no customer. Parsing is pure: each raw value becomes an event or a rejection naming its
 * index, the field and the fix, so one bad line never costs the good ones of the same batch.
 */
export {
  CUSTOMER_EVENT_TYPES,
  EVENT_CHANNELS,
  INGEST_EVENT_TYPES,
  MARKET_EVENT_TYPES,
  RESOLVE_CHANNELS,
} from './event-schema.js';
export type { CustomerEventType, EventChannel, IngestEvent, IngestEventType } from './event-schema.js';

export type Rejection = { index: number; error: string };
export type Parsed = { accepted: { index: number; event: IngestEvent }[]; rejected: Rejection[] };

/** How far in the future an event's time may lie (clock skew between systems). */
export const FUTURE_SKEW_MS = 10 * 60_000;

const path = (p: readonly PropertyKey[]): string => p.map(String).join('.');

/** The cross-field rule of the envelope: market events carry no customer, all others one. */
const customerRule = (type: Shape['type'], customer: Shape['customer']): string | null => {
  const market = (MARKET_EVENT_TYPES as readonly string[]).includes(type);
  if (market && customer) return `customer: a ${type} event is about the market; remove "customer"`;
  if (!market && !customer) return 'customer: required, e.g. {"by": "phone", "value": "13800000000"}';
  return null;
};

/**
 * The path of the first string or key holding U+0000, or null. PostgreSQL text and jsonb cannot store that
 * character, so such an event is refused here by name instead of failing its whole batch in the database.
 */
const nulPath = (v: unknown, at: string): string | null => {
  if (typeof v === 'string') return v.includes('\u0000') ? at : null;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const p = nulPath(v[i], `${at}.${i}`);
      if (p !== null) return p;
    }
    return null;
  }
  if (v !== null && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) {
      if (k.includes('\u0000')) return `${at} (a key)`;
      const p = nulPath(x, `${at}.${k}`);
      if (p !== null) return p;
    }
  }
  return null;
};

/** A valid shape → the event, unless its time lies too far ahead of `now` or a text holds U+0000. */
const finish = (e: Shape, now: Date): IngestEvent | string => {
  const nul =
    nulPath(e.id, 'id') ?? nulPath(e.customer?.value, 'customer.value') ?? nulPath(e.payload, 'payload');
  if (nul !== null) return `${nul}: contains the NUL character (\\u0000), which cannot be stored; remove it`;
  const occurredAt = new Date(e.occurred_at);
  if (occurredAt.getTime() > now.getTime() + FUTURE_SKEW_MS)
    return `occurred_at: ${e.occurred_at} is in the future (now ${now.toISOString()}); send events after they happen`;
  return {
    id: e.id,
    type: e.type,
    customer: e.customer ?? null,
    occurredAt,
    channel: e.channel ?? (e.type.startsWith('large_transfer') || e.type === 'maturity' ? 'counter' : 'app'),
    payload: e.payload,
  };
};

/** One raw value → an event, or the reason it is rejected (field path and the fix), by the zod schemas alone. */
export const parseEventStrict = (raw: unknown, now: Date): IngestEvent | string => {
  const env = Envelope.safeParse(raw);
  if (!env.success) {
    const issue = env.error.issues[0]!;
    return `${path(issue.path) || 'event'}: ${issue.message}`;
  }
  const e = env.data;
  const refused = customerRule(e.type, e.customer);
  if (refused !== null) return refused;
  const payload = PAYLOADS[e.type].safeParse(e.payload);
  if (!payload.success) {
    const issue = payload.error.issues[0]!;
    return `payload.${path(issue.path)}: ${issue.message}`;
  }
  return finish({ ...e, customer: e.customer, channel: e.channel, payload: payload.data }, now);
};

/**
 * One raw value → an event, or the reason it is rejected. A plainly valid event skips zod (fast-shape.ts); any
 * other goes through `parseEventStrict`, so rejections are always worded by the zod schemas.
 */
export const parseEvent = (raw: unknown, now: Date): IngestEvent | string => {
  const s = fastShape(raw);
  if (s === null) return parseEventStrict(raw, now);
  return customerRule(s.type, s.customer) ?? finish(s, now);
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
