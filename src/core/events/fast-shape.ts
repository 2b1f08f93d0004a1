/**
 * The bulk path's shortcut past zod (issue 14 bench: zod cost 16–30 µs an event, a third of ingestion): a
 * hand-written check of the same envelope and payload rules that only ever ACCEPTS. Whenever a value is not
 * plainly valid it answers `null`, and the caller runs the zod schemas, which word the rejection — so the errors
 * are zod's by construction, and an accepted event must come out exactly as zod would return it
 * (ingest-event.fast.test.ts proves both over generated good and bad events).
 */
import type { EventChannel, IngestEventType } from './event-schema.js';
import { EVENT_CHANNELS, INGEST_EVENT_TYPES, RESOLVE_CHANNELS } from './event-schema.js';

/** What the envelope and payload schemas return for a valid event (zod's `data`, before the cross-field checks). */
export type Shape = {
  id: string;
  type: IngestEventType;
  customer: { by: (typeof RESOLVE_CHANNELS)[number]; value: string } | undefined;
  occurred_at: string;
  channel: EventChannel | undefined;
  payload: Record<string, unknown>;
};

/** A payload field's rule, as in the zod PAYLOADS table (event-schema.ts). */
type Field =
  | { kind: 'code' }
  | { kind: 'text'; max: number }
  | { kind: 'num'; min: number; max: number; above?: boolean };

const CODE: Field = { kind: 'code' };
/** yuan: positive (strictly above 0), at most 1e13. */
const YUAN: Field = { kind: 'num', min: 0, max: 1e13, above: true };
type Spec = Readonly<Record<string, { field: Field; optional: boolean }>>;
const req = (field: Field) => ({ field, optional: false });
const opt = (field: Field) => ({ field, optional: true });

const SPECS: Readonly<Record<IngestEventType, Spec>> = {
  login: {},
  page_view: { product_code: req(CODE) },
  search: { query: req({ kind: 'text', max: 200 }) },
  livestream_view: { minutes: opt({ kind: 'num', min: 0, max: 24 * 60 }) },
  coupon_use: { coupon: opt({ kind: 'text', max: 64 }) },
  large_transfer_in: { amount: req(YUAN) },
  large_transfer_out: { amount: req(YUAN) },
  maturity: { product_code: req(CODE), amount: opt(YUAN) },
  purchase_abandoned: { product_code: req(CODE), amount: opt(YUAN) },
  advisor_chat: {},
  subscription_renewed: { product_code: opt(CODE) },
  market_move: { index: req({ kind: 'text', max: 64 }), change: req({ kind: 'num', min: -1, max: 10 }) },
};

const TYPES = new Set<string>(INGEST_EVENT_TYPES);
const BYS = new Set<string>(RESOLVE_CHANNELS);
const CHANNELS = new Set<string>(EVENT_CHANNELS);
const ENVELOPE_KEYS = new Set(['id', 'type', 'customer', 'occurred_at', 'channel', 'payload']);
const CODE_RE = /^[A-Za-z0-9]{2,12}$/;
const DATE_RE = /^\d{4}-\d{2}-\d{2}/;

/** A plain object (what JSON gives); anything else goes to zod. */
const isPlain = (v: unknown): v is Record<string, unknown> => {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const p = Object.getPrototypeOf(v) as unknown;
  return p === Object.prototype || p === null;
};

/** Trimmed text of 1..max characters, or undefined. */
const text = (v: unknown, max: number): string | undefined => {
  if (typeof v !== 'string') return undefined;
  const t = v.trim();
  return t.length >= 1 && t.length <= max ? t : undefined;
};

/** The field's value as zod would output it, or undefined when zod might refuse it. */
const fieldValue = (f: Field, v: unknown): unknown => {
  if (f.kind === 'code') {
    if (typeof v !== 'string') return undefined;
    const t = v.trim();
    return CODE_RE.test(t) ? t : undefined;
  }
  if (f.kind === 'text') return text(v, f.max);
  if (typeof v !== 'number' || !Number.isFinite(v)) return undefined;
  const low = f.above === true ? v > f.min : v >= f.min;
  return low && v <= f.max ? v : undefined;
};

/** The payload as zod's record + loose object would return it, or null. */
const payloadOf = (type: IngestEventType, raw: unknown): Record<string, unknown> | null => {
  if (raw === undefined) raw = {};
  if (!isPlain(raw)) return null;
  const spec = SPECS[type];
  const out: Record<string, unknown> = {};
  // zod's key order: the schema's fields first (in schema order), then the extra fields as they came.
  for (const k in spec) {
    if (!Object.hasOwn(raw, k)) {
      if (spec[k]!.optional) continue;
      return null;
    }
    const parsed = fieldValue(spec[k]!.field, raw[k]);
    if (parsed === undefined) return null;
    out[k] = parsed;
  }
  for (const k of Object.keys(raw)) {
    // An own "__proto__" key (JSON.parse makes one) is left to zod rather than copied here.
    if (k === '__proto__') return null;
    // Own keys only: "constructor" is an institution's field here, not Object.prototype's.
    if (!Object.hasOwn(spec, k)) out[k] = raw[k];
  }
  return out;
};

const customerOf = (raw: unknown): Shape['customer'] | null => {
  if (raw === undefined) return undefined;
  if (!isPlain(raw)) return null;
  for (const k in raw) if (k !== 'by' && k !== 'value') return null;
  const { by, value } = raw;
  if (typeof by !== 'string' || !BYS.has(by)) return null;
  let v: string | undefined;
  if (typeof value === 'string') v = text(value, 128);
  else if (typeof value === 'number' && Number.isSafeInteger(value) && value > 0) v = String(value);
  return v === undefined ? null : { by: by as (typeof RESOLVE_CHANNELS)[number], value: v };
};

/** A raw event's validated shape when it is plainly valid; null sends it through the zod schemas. */
export const fastShape = (raw: unknown): Shape | null => {
  if (!isPlain(raw)) return null;
  for (const k in raw) if (!ENVELOPE_KEYS.has(k)) return null;
  const id = text(raw.id, 128);
  const type = raw.type;
  const at = raw.occurred_at;
  if (id === undefined || typeof type !== 'string' || !TYPES.has(type)) return null;
  if (typeof at !== 'string' || !DATE_RE.test(at) || Number.isNaN(Date.parse(at))) return null;
  const channel = raw.channel;
  if (channel !== undefined && (typeof channel !== 'string' || !CHANNELS.has(channel))) return null;
  const customer = customerOf(raw.customer);
  if (customer === null) return null;
  const payload = payloadOf(type as IngestEventType, raw.payload);
  if (payload === null) return null;
  return {
    id,
    type: type as IngestEventType,
    customer,
    occurred_at: at,
    channel: channel as EventChannel | undefined,
    payload,
  };
};
