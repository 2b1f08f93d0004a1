/**
 * Event parsing on the bulk path (issue 14): µs per event of `parseEvents` (the shortcut of fast-shape.ts, zod for
 * what it does not accept) next to the zod schemas alone (`parseEventStrict`), on the engagement bench's event mix
 * plus a share of bad events (which both paths send through zod). Pure CPU, no database.
 *
 * Run: npx tsx bench/event-parse.ts [--events 200000] [--bad 0.01] [--runs 3]
 * Prints one JSON report on stdout.
 */
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { createRng } from '../src/core/random.js';
import { fastShape } from '../src/core/events/fast-shape.js';
import { parseEvent, parseEventStrict } from '../src/core/events/ingest-event.js';

const arg = (name: string, dflt: string): string => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? dflt) : dflt;
};
const N = Number(arg('events', '200000'));
const BAD = Number(arg('bad', '0.01'));
const RUNS = Number(arg('runs', '3'));
const NOW = new Date('2026-11-30T12:00:00+08:00');

/** The engagement bench's mix (logins, product views, abandoned purchases, large transfers); `bad` of them broken. */
const events = (): unknown[] => {
  const rng = createRng(7);
  const at = '2026-11-30T11:59:00.000Z';
  return Array.from({ length: N }, (_, i) => {
    const u = rng.next();
    const base = {
      id: `bench-${i}`,
      customer: { by: 'customer_id', value: 1 + Math.floor(rng.next() * 1e6) },
    };
    const e =
      u < 0.45
        ? { ...base, type: 'login', occurred_at: at, payload: {} }
        : u < 0.85
          ? { ...base, type: 'page_view', occurred_at: at, payload: { product_code: '000001' } }
          : u < 0.92
            ? { ...base, type: 'purchase_abandoned', occurred_at: at, payload: { product_code: 'AD001' } }
            : { ...base, type: 'large_transfer_in', occurred_at: at, payload: { amount: 600_000 } };
    return rng.next() < BAD ? { ...e, payload: { amount: -1, product_code: '' } } : e;
  });
};

const time = (raws: readonly unknown[], parse: (r: unknown, now: Date) => unknown): number => {
  let best = Infinity;
  for (let r = 0; r < RUNS; r++) {
    const t = performance.now();
    for (const raw of raws) parse(raw, NOW);
    best = Math.min(best, performance.now() - t);
  }
  return (best * 1000) / raws.length;
};

const raws = events();
const shapeUs = time(raws, (r) => fastShape(r));
const zodUs = time(raws, parseEventStrict);
const fastUs = time(raws, parseEvent);
process.stdout.write(
  JSON.stringify(
    {
      bench: 'event-parse',
      events: N,
      bad_share: BAD,
      runs: RUNS,
      zod_us_per_event: Number(zodUs.toFixed(2)),
      bulk_us_per_event: Number(fastUs.toFixed(2)),
      shortcut_alone_us_per_event: Number(shapeUs.toFixed(2)),
      speedup: Number((zodUs / fastUs).toFixed(1)),
      load_avg: loadavg().map((x) => Number(x.toFixed(2))),
    },
    null,
    2,
  ) + '\n',
);
