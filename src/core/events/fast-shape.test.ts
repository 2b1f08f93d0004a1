import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EVENT_CHANNELS, INGEST_EVENT_TYPES, RESOLVE_CHANNELS } from './event-schema.js';
import { fastShape } from './fast-shape.js';
import { parseEvent, parseEventStrict } from './ingest-event.js';

const NOW = new Date('2026-11-30T12:00:00+08:00');

/**
 * Exact sameness: primitives by Object.is (NaN equals NaN), dates by time, objects by prototype and own keys in
 * order (expect's own check reads `.constructor`, which an institution's payload field may shadow).
 */
const same = (a: unknown, b: unknown): boolean => {
  if (typeof a !== 'object' || a === null || typeof b !== 'object' || b === null) return Object.is(a, b);
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
  if (a instanceof Date) return a.getTime() === (b as Date).getTime();
  const ka = Reflect.ownKeys(a);
  const kb = Reflect.ownKeys(b);
  return (
    ka.length === kb.length &&
    ka.every(
      (k, i) =>
        k === kb[i] && same((a as Record<PropertyKey, unknown>)[k], (b as Record<PropertyKey, unknown>)[k]),
    )
  );
};

/** Strings with the edge cases of trimming and lengths: blanks, padding, long, non-ASCII. */
const str = fc.oneof(
  fc.constantFrom('', ' ', '  x ', '000001', ' AD001 ', 'A', 'abc-1', '理财', '13800000000', 'x'.repeat(129)),
  fc.string({ maxLength: 140 }),
  fc.string({ minLength: 1, maxLength: 12 }).map((s) => ` ${s}\t`),
);
const num = fc.oneof(
  fc.constantFrom(
    0,
    -0,
    1,
    -1,
    0.5,
    1e13,
    1e13 + 1,
    1440,
    1441,
    10,
    10.0001,
    -1.0001,
    NaN,
    Infinity,
    -Infinity,
  ),
  fc.constantFrom(2 ** 53, 2 ** 53 + 2, 500_000, -500_000),
  fc.double(),
  fc.integer(),
);
const anyValue = fc.oneof(
  str,
  num,
  fc.constant(null),
  fc.constant(undefined),
  fc.boolean(),
  fc.constant([]),
  fc.constant({}),
);
const dates = fc.oneof(
  fc.constantFrom(
    '2026-11-30T09:30:00+08:00',
    '2026-11-30',
    '2026-13-40T00:00:00Z',
    'yesterday',
    '2026-11-30T12:09:00+08:00',
    '2026-11-30T12:11:00+08:00',
    '2027-01-01T00:00:00Z',
    ' 2026-11-30T09:30:00Z',
    '2026-11-30T09:30:00Z ',
  ),
  fc
    .date({ min: new Date('2020-01-01'), max: new Date('2027-01-01'), noInvalidDate: true })
    .map((d) => d.toISOString()),
);

/** Payload keys of every type's schema, plus an institution's extra field. */
const payloadKey = fc.constantFrom(
  'product_code',
  'amount',
  'query',
  'minutes',
  'coupon',
  'index',
  'change',
  'extra',
  '__proto__',
  'constructor',
);
const payload = fc.oneof(
  fc.dictionary(payloadKey, anyValue, { maxKeys: 4 }),
  fc.constantFrom(undefined, null, [], 'x', 3),
);

/** Plausibly valid events: each field drawn from valid values most of the time, from anything otherwise. */
const validish = <T>(good: fc.Arbitrary<T>) =>
  fc.oneof({ weight: 6, arbitrary: good }, { weight: 1, arbitrary: anyValue });
const goodPayload = fc.oneof(
  fc.record({ product_code: fc.constantFrom('000001', ' AD001', 'AB') }, { requiredKeys: [] }),
  fc.record({
    amount: fc.oneof(
      fc.integer({ min: 1, max: 10_000_000 }),
      fc.double({ min: 0.01, max: 1e13, noNaN: true }),
    ),
  }),
  fc.record(
    { product_code: fc.constantFrom('000001', 'XY12'), amount: fc.integer({ min: 1, max: 1e6 }) },
    { requiredKeys: ['product_code'] },
  ),
  fc.record({ query: fc.string({ minLength: 1, maxLength: 10 }) }),
  fc.record({ minutes: fc.integer({ min: 0, max: 1440 }) }, { requiredKeys: [] }),
  fc.record({ coupon: fc.constantFrom('c1', ' c2 ') }, { requiredKeys: [] }),
  fc.record({
    index: fc.constantFrom('000300.SH', ' CSI500 '),
    change: fc.double({ min: -1, max: 10, noNaN: true }),
  }),
  fc.record({ extra: anyValue }, { requiredKeys: [] }),
);
const customer = fc.oneof(
  fc.record({
    by: validish(fc.constantFrom(...RESOLVE_CHANNELS)),
    value: validish(fc.oneof(fc.constantFrom('13800000000', ' 42 '), fc.integer({ min: 1, max: 1e9 }))),
  }),
  fc.record({ by: fc.constantFrom(...RESOLVE_CHANNELS), value: fc.constant('1'), other: anyValue }),
  fc.constantFrom(undefined, null, 'phone', []),
);
const event = fc.record(
  {
    id: validish(fc.oneof(fc.string({ minLength: 1, maxLength: 20 }), fc.constant(' e1 '))),
    type: validish(fc.constantFrom(...INGEST_EVENT_TYPES)),
    customer,
    occurred_at: validish(dates),
    channel: validish(fc.constantFrom(...EVENT_CHANNELS)),
    payload: fc.oneof(goodPayload, payload),
    extra: anyValue,
  },
  { requiredKeys: ['id', 'type', 'occurred_at'] },
);
const CROSS_FIELD =
  /^(customer: a \w+ event is about the market|customer: required, e\.g\.|occurred_at: .* is in the future)/;

const code = fc.constantFrom('000001', ' AD001', 'AB', 'XY12');
const yuan = fc.oneof(
  fc.integer({ min: 1, max: 10_000_000 }),
  fc.double({ min: 0.01, max: 1e13, noNaN: true }),
);
const extras = fc.dictionary(fc.constantFrom('extra', 'constructor', 'note'), anyValue, { maxKeys: 2 });
/** A valid payload per type (with an institution's extra fields now and then). */
const PAYLOAD_OF: Record<string, fc.Arbitrary<Record<string, unknown>>> = {
  page_view: fc.record({ product_code: code }),
  search: fc.record({ query: fc.string({ minLength: 1, maxLength: 10 }).filter((q) => q.trim() !== '') }),
  livestream_view: fc.record({ minutes: fc.integer({ min: 0, max: 1440 }) }, { requiredKeys: [] }),
  coupon_use: fc.record({ coupon: fc.constantFrom('c1', ' c2 ') }, { requiredKeys: [] }),
  large_transfer_in: fc.record({ amount: yuan }),
  large_transfer_out: fc.record({ amount: yuan }),
  maturity: fc.record({ product_code: code, amount: yuan }, { requiredKeys: ['product_code'] }),
  purchase_abandoned: fc.record({ product_code: code, amount: yuan }, { requiredKeys: ['product_code'] }),
  subscription_renewed: fc.record({ product_code: code }, { requiredKeys: [] }),
  market_move: fc.record({
    index: fc.constantFrom('000300.SH', ' CSI500 '),
    change: fc.double({ min: -1, max: 10, noNaN: true }),
  }),
};
const goodEvent = fc.constantFrom(...INGEST_EVENT_TYPES).chain((type) =>
  fc.record(
    {
      id: fc.oneof(
        fc.string({ minLength: 1, maxLength: 20 }).filter((x) => x.trim() !== ''),
        fc.constant(' e1 '),
      ),
      type: fc.constant(type),
      ...(type === 'market_move'
        ? {}
        : {
            customer: fc.record({
              by: fc.constantFrom(...RESOLVE_CHANNELS),
              value: fc.oneof(fc.constantFrom('13800000000', ' 42 '), fc.integer({ min: 1, max: 1e9 })),
            }),
          }),
      occurred_at: dates,
      channel: fc.constantFrom(...EVENT_CHANNELS),
      payload: fc.tuple(PAYLOAD_OF[type] ?? fc.constant({}), extras).map(([p, x]) => ({ ...x, ...p })),
    },
    {
      requiredKeys:
        type === 'market_move' ? ['id', 'type', 'occurred_at'] : ['id', 'type', 'customer', 'occurred_at'],
    },
  ),
);
/** A valid event with one field (or one payload field) replaced by anything. */
const nearlyGood = fc
  .tuple(
    goodEvent,
    fc.constantFrom('id', 'type', 'customer', 'occurred_at', 'channel', 'payload', 'p'),
    anyValue,
  )
  .map(([e, k, v]) => {
    if (k !== 'p') return { ...e, [k]: v };
    const p = (e.payload ?? {}) as Record<string, unknown>;
    return { ...e, payload: { ...p, [Object.keys(p)[0] ?? 'amount']: v } };
  });
const raw = fc.oneof(
  { weight: 4, arbitrary: goodEvent },
  { weight: 4, arbitrary: nearlyGood },
  { weight: 2, arbitrary: event },
  { weight: 1, arbitrary: anyValue },
);

describe('the bulk path parse (fast-shape) against the zod schemas', () => {
  it('gives exactly the zod result — the same event or the same error — for any good or bad event', () => {
    fc.assert(
      fc.property(raw, (r) => {
        const fast = parseEvent(r, NOW);
        const strict = parseEventStrict(r, NOW);
        if (!same(fast, strict)) expect(fast).toStrictEqual(strict);
        expect(same(fast, strict)).toBe(true);
      }),
      { numRuns: 8_000 },
    );
  });

  it('accepts nothing zod refuses, and takes the shortcut for most valid events', () => {
    let valid = 0;
    let fast = 0;
    fc.assert(
      fc.property(raw, (r) => {
        const strict = parseEventStrict(r, NOW);
        const shape = fastShape(r);
        if (typeof strict !== 'string') valid += 1;
        if (shape !== null) fast += 1;
        // What the shortcut accepts, the schemas accept: only the cross-field and time checks may still refuse it.
        if (shape !== null && typeof strict === 'string') expect(strict).toMatch(CROSS_FIELD);
      }),
      { numRuns: 8_000 },
    );
    expect(valid).toBeGreaterThan(1000);
    expect(fast).toBeGreaterThan(valid * 0.8);
  });

  it('keeps zod’s wording on common mistakes', () => {
    const base = {
      id: 'e1',
      type: 'page_view',
      customer: { by: 'customer_id', value: 7 },
      occurred_at: '2026-11-30T09:30:00+08:00',
      payload: { product_code: ' 000001 ', note: 'x' },
    };
    expect(parseEvent(base, NOW)).toStrictEqual({
      id: 'e1',
      type: 'page_view',
      customer: { by: 'customer_id', value: '7' },
      occurredAt: new Date('2026-11-30T09:30:00+08:00'),
      channel: 'app',
      payload: { product_code: '000001', note: 'x' },
    });
    for (const bad of [
      { ...base, payload: { product_code: '0' } },
      { ...base, customer: { by: 'customer_id', value: 0 } },
      { ...base, id: '   ' },
      { ...base, channel: 'fax' },
      { ...base, payload: [] },
    ]) {
      expect(fastShape(bad)).toBeNull();
      expect(parseEvent(bad, NOW)).toBe(parseEventStrict(bad, NOW));
    }
  });
});
