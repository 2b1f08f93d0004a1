import { and, asc, inArray, isNull, sql } from 'drizzle-orm';
import {
  LineError,
  parseEvents,
  type IngestEvent,
  type Rejection,
} from '../../../core/events/ingest-event.js';
import type { Database, Queryable } from '../../db/index.js';
import {
  customerIdentities as ci,
  customers as c,
  eventDeadLetters,
  eventQueue,
  eventReceipts,
} from '../../db/schema.js';
import type { IdentityChannel } from '../../db/schema.js';

/**
 * Event ingestion (issue 14, ../shared/CLI.md "Engagement"): a batch of raw events → parsed, customers resolved
 * through ONE-ID (following merges), deduplicated by idempotency key, and written in one transaction: the
 * receipts ledger, the behaviour events (customer events) or market events, and a dead letter with the reason for
 * every rejected event; each new receipt is queued for the MOT engine (`event_queue`) in the same statement. A key
 * already in the ledger is a duplicate and is not written again, also when two servers ingest the same event at
 * once (the ledger's primary key decides). The statements per batch are fixed (one per identity channel present,
 * then three inserts), whatever the batch size.
 */
export type IngestSource = 'api' | 'cli' | 'replay';
export type IngestResult = { accepted: number; duplicates: number; rejected: Rejection[] };

const CHANNEL: Readonly<Record<string, IdentityChannel>> = {
  phone: 'phone',
  ecif: 'ecif',
  app_user: 'app',
  unionid: 'wechat_unionid',
  openid: 'wechat_openid',
  wecom: 'wecom_external',
};

/** Most events a request may carry (a file through the CLI is sent in batches of this size). */
export const MAX_BATCH = 10_000;

/**
 * Live customer of each requested id, following merged_into (merges chain at most a few steps; 16 are walked):
 * one recursive statement whatever the batch size, the ids sent as one JSON array (not a parameter each).
 */
const survivors = async (db: Queryable, ids: readonly number[]): Promise<Map<number, number | null>> => {
  const unique = [...new Set(ids)];
  const out = new Map<number, number | null>(unique.map((id) => [id, null]));
  if (unique.length === 0) return out;
  const rows = await db.rows<{ origin: number; id: number }>(sql`
    with recursive walk (origin, id, merged_into, step) as (
      select ${c.id}, ${c.id}, ${c.mergedInto}, 0 from ${c}
       where ${c.id} in (select (jsonb_array_elements_text(${JSON.stringify(unique)}::jsonb))::bigint)
      union all
      select w.origin, n.id, n.merged_into, w.step + 1
        from walk w join ${c} n on n.id = w.merged_into
       where w.step < 15
    )
    select origin, id from walk where merged_into is null`);
  for (const r of rows) out.set(r.origin, r.id);
  return out;
};

type Resolution = { customerId: number } | { error: string };

/** Resolves every event's customer with one query per identity channel (plus the merge walk). */
const resolveAll = async (db: Queryable, events: readonly IngestEvent[]): Promise<Resolution[]> => {
  const byChannel = new Map<string, Set<string>>();
  for (const e of events) {
    if (!e.customer) continue;
    const set = byChannel.get(e.customer.by) ?? new Set<string>();
    set.add(e.customer.value);
    byChannel.set(e.customer.by, set);
  }
  const owners = new Map<string, number[]>(); // `${by}\u0000${value}` → record ids
  const key = (by: string, value: string): string => `${by}\u0000${value}`;
  for (const [by, values] of byChannel) {
    if (by === 'customer_id') {
      for (const v of values) {
        const id = Number(v);
        owners.set(key(by, v), Number.isSafeInteger(id) && id > 0 ? [id] : []);
      }
      continue;
    }
    const rows = await db.rows<{ id: number; value: string }>(sql`
      select distinct ${ci.customerId} as id, ${ci.value} as value from ${ci}
       where ${ci.channel} = ${CHANNEL[by]!}
         and ${ci.value} in (select jsonb_array_elements_text(${JSON.stringify([...values])}::jsonb))`);
    for (const r of rows) owners.set(key(by, r.value), [...(owners.get(key(by, r.value)) ?? []), r.id]);
  }
  const live = await survivors(db, [...owners.values()].flat());
  return events.map((e) => {
    if (!e.customer) return { customerId: 0 };
    const { by, value } = e.customer;
    const ids = new Set(
      (owners.get(key(by, value)) ?? [])
        .map((id) => live.get(id))
        .filter((id) => id !== null && id !== undefined),
    );
    if (ids.size === 0)
      return {
        error: `customer: no customer has ${by} "${value}"; check the value or link the identity first`,
      };
    if (ids.size > 1)
      return {
        error: `customer: ${by} "${value}" belongs to several customers (${[...ids].join(', ')}); resolve the ONE-ID conflict first`,
      };
    return { customerId: [...ids][0]! };
  });
};

const rawText = (raw: unknown): string => {
  if (raw instanceof LineError) return raw.raw;
  try {
    return JSON.stringify(raw) ?? String(raw);
  } catch {
    return String(raw);
  }
};

type Checked = {
  good: { event: IngestEvent; customerId: number | null }[];
  rejected: Rejection[];
  /** Events repeating an id earlier in the same batch. */
  batchDuplicates: number;
};

/** Parses a batch and resolves its customers: what can be written, and what is rejected (by index). */
const checkBatch = async (db: Queryable, raws: readonly unknown[], now: Date): Promise<Checked> => {
  const parsed = parseEvents(raws, now);
  const resolutions = await resolveAll(
    db,
    parsed.accepted.map((a) => a.event),
  );
  const rejected: Rejection[] = [...parsed.rejected];
  const good: Checked['good'] = [];
  parsed.accepted.forEach((a, k) => {
    const r = resolutions[k]!;
    if ('error' in r) rejected.push({ index: a.index, error: r.error });
    else good.push({ event: a.event, customerId: a.event.customer ? r.customerId : null });
  });
  rejected.sort((x, y) => x.index - y.index);
  return { good, rejected, batchDuplicates: parsed.duplicateIndexes.length };
};

/**
 * Ingests one batch. `raws` are parsed JSON values (or LineErrors for lines that were not JSON); the result's
 * `rejected` indexes refer to positions in `raws`. Everything of the batch is written in one transaction.
 */
export const ingestEvents = async (
  db: Database,
  raws: readonly unknown[],
  opts: { now: Date; source: IngestSource },
): Promise<IngestResult> =>
  writeBatch(db, raws, await checkBatch(db, raws, opts.now), { ...opts, letters: true });

/** Writes a checked batch: the new events, and (with `letters`) a dead letter for every rejection. */
const writeBatch = async (
  db: Database,
  raws: readonly unknown[],
  { good, rejected, batchDuplicates }: Checked,
  opts: { now: Date; source: IngestSource; letters: boolean },
): Promise<IngestResult> => {
  const received = opts.now.toISOString();
  const accepted = await db.transaction(async (tx) => {
    let n = 0;
    if (good.length > 0) {
      const rows = JSON.stringify(
        good.map((g) => ({
          key: g.event.id,
          type: g.event.type,
          customer_id: g.customerId,
          occurred_at: g.event.occurredAt.toISOString(),
          channel: g.event.channel,
          payload: g.event.payload,
        })),
      );
      // The ledger decides what is new (its primary key serialises concurrent ingestion of one key); only the
      // new keys' events are written, in the same statement.
      const inserted = await tx.rows<{ n: number }>(sql`
        with input as (
          select * from jsonb_to_recordset(${rows}::jsonb)
            as r(key text, type text, customer_id bigint, occurred_at timestamptz, channel text, payload jsonb)
        ), fresh as (
          insert into ${eventReceipts} (key, type, customer_id, event_id, occurred_at, received_at)
          select key, type, customer_id,
                 case when customer_id is null then null else nextval('events_ingest_id_seq') end,
                 occurred_at, ${received}::timestamptz
            from input
          on conflict (key) do nothing
          returning key, type, customer_id, event_id
        ), queued as (
          insert into ${eventQueue} (key, type, customer_id, event_id, received_at)
          select key, type, customer_id, event_id, ${received}::timestamptz from fresh order by key
          returning 1
        ), customer_events as (
          insert into events (customer_id, id, at, type, channel, payload)
          select f.customer_id, f.event_id, i.occurred_at, i.type, i.channel, i.payload
            from fresh f join input i using (key)
           where f.customer_id is not null
          returning 1
        ), market as (
          insert into market_events (key, type, occurred_at, payload, received_at)
          select i.key, i.type, i.occurred_at, i.payload, ${received}::timestamptz
            from fresh f join input i using (key)
           where f.customer_id is null
          returning 1
        )
        select (select count(*) from fresh)::int as n`);
      n = inserted[0]?.n ?? 0;
    }
    if (opts.letters && rejected.length > 0) {
      const dead = JSON.stringify(
        rejected.map((r) => ({ position: r.index, raw: rawText(raws[r.index]), error: r.error })),
      );
      await tx.run(sql`
        insert into ${eventDeadLetters} (received_at, source, position, raw, error)
        select ${received}::timestamptz, ${opts.source}, r.position, r.raw, r.error
          from jsonb_to_recordset(${dead}::jsonb) as r(position int, raw text, error text)`);
    }
    return n;
  });
  return {
    accepted,
    duplicates: good.length - accepted + batchDuplicates,
    rejected,
  };
};

export type DeadLetter = {
  id: number;
  receivedAt: Date;
  source: string;
  position: number;
  raw: string;
  error: string;
  replayedAt: Date | null;
  replayError: string | null;
};

/** Dead letters, oldest first; `open` = not replayed successfully yet. */
export const listDeadLetters = async (
  db: Queryable,
  opts: { open: boolean; limit: number },
): Promise<DeadLetter[]> =>
  db.orm
    .select()
    .from(eventDeadLetters)
    .where(opts.open ? isNull(eventDeadLetters.replayedAt) : undefined)
    .orderBy(asc(eventDeadLetters.id))
    .limit(opts.limit);

export type ReplayResult = {
  replayed: number;
  accepted: number;
  duplicates: number;
  failed: { id: number; error: string }[];
};

/**
 * Re-ingests open dead letters (all, or the given ids) as they were received — after the cause was fixed (the
 * customer's identity linked, the sender corrected). A letter that goes through is marked replayed; one that is
 * still rejected keeps its place with the new reason.
 */
export const replayDeadLetters = async (
  db: Database,
  opts: { now: Date; ids?: readonly number[] | undefined; limit?: number },
): Promise<ReplayResult> => {
  const letters = await db.orm
    .select()
    .from(eventDeadLetters)
    .where(
      and(
        isNull(eventDeadLetters.replayedAt),
        opts.ids ? inArray(eventDeadLetters.id, [...opts.ids]) : undefined,
      ),
    )
    .orderBy(asc(eventDeadLetters.id))
    .limit(opts.limit ?? MAX_BATCH);
  if (letters.length === 0) return { replayed: 0, accepted: 0, duplicates: 0, failed: [] };
  const raws = letters.map((l) => {
    try {
      return JSON.parse(l.raw) as unknown;
    } catch (e) {
      return new LineError(`not JSON (${(e as Error).message})`, l.raw);
    }
  });
  // Checked like a new batch; rejections are written back onto their letters instead of as new letters.
  const checked = await checkBatch(db, raws, opts.now);
  const result = await writeBatch(db, raws, checked, { now: opts.now, source: 'replay', letters: false });
  const errors = new Map<number, string>(checked.rejected.map((r) => [r.index, r.error]));
  const ok = letters.filter((_, i) => !errors.has(i)).map((l) => l.id);
  const failed = letters.flatMap((l, i) => (errors.has(i) ? [{ id: l.id, error: errors.get(i)! }] : []));
  await db.transaction(async (tx) => {
    if (ok.length > 0)
      await tx.orm
        .update(eventDeadLetters)
        .set({ replayedAt: opts.now, replayError: null })
        .where(inArray(eventDeadLetters.id, ok));
    if (failed.length > 0) {
      const rows = JSON.stringify(failed);
      await tx.run(sql`
        update ${eventDeadLetters} d set replay_error = r.error
          from jsonb_to_recordset(${rows}::jsonb) as r(id bigint, error text) where d.id = r.id`);
    }
  });
  return { replayed: ok.length, accepted: result.accepted, duplicates: result.duplicates, failed };
};
