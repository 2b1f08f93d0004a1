import { sql } from 'drizzle-orm';
import { percentText, triggerMatches, yuanText } from '../../../core/engagement/evaluate.js';
import { isEventTrigger, isMarketTrigger, type MotRule } from '../../../core/engagement/mot-rule.js';
import type { Database, Queryable } from '../../db/index.js';
import { eventQueue, events, holdings, marketEvents, customers as c } from '../../db/schema.js';
import { commentaryTexts, withShelf } from './content.js';
import type { Candidate } from './fire.js';
import { fireCandidates } from './fire.js';
import { eventDaysOf } from './rules.js';
import type { MotCounts, MotDeps, RunContext } from './state.js';
import { addCounts, loadContext, loadStates, zeroCounts } from './state.js';

/**
 * `runDue` evaluates what ingestion received and the MOT engine has not seen (the receipts in `event_queue`): it
 * claims receipts in batches with FOR UPDATE SKIP LOCKED (two workers split the work, neither waits) by deleting
 * them from the queue, loads the state of the customers whose events a rule's trigger matches in a few set
 * queries, and fires the rules — one transaction per batch, so a crash leaves the batch queued and a retry fires
 * nothing twice (the firing ledger's key).
 */
type Receipt = {
  key: string;
  type: string;
  customer_id: number | null;
  /** The customer event's time and payload, read only for types an enabled event rule triggers on. */
  at: Date | null;
  payload: Record<string, unknown> | null;
};

/** Event types some enabled rule triggers on: only their events' payloads are read and evaluated. */
const eventTypesOf = (rules: readonly MotRule[]): string[] => [
  ...new Set(rules.flatMap((r) => (r.enabled && isEventTrigger(r.trigger) ? [r.trigger.event] : []))),
];

/**
 * Claims up to `size` queued receipts (oldest first, SKIP LOCKED) by deleting them from the queue in one statement
 * — the caller's transaction puts them back if the batch fails —, with the payload of the customer events a rule
 * may fire on joined in.
 */
const claim = async (tx: Queryable, size: number, types: readonly string[]): Promise<Receipt[]> =>
  tx.rows<Receipt>(sql`
    with claimed as (
      select seq from ${eventQueue} order by seq limit ${size} for update skip locked
    ), taken as (
      delete from ${eventQueue} q using claimed c where q.seq = c.seq
      returning q.seq, q.key, q.type, q.customer_id, q.event_id
    )
    select m.key, m.type, m.customer_id, e.at, e.payload
      from taken m
      -- A lateral subquery kept apart (offset 0), so the type test gates the lookup: the events of types no rule
      -- triggers on (most of them) are never read. As a plain join condition it filtered after the lookup.
      left join lateral (
        select e.at, e.payload from ${events} e
         where e.customer_id = m.customer_id and e.id = m.event_id
           and m.type in (select jsonb_array_elements_text(${JSON.stringify(types)}::jsonb))
        offset 0
      ) e on true
     order by m.seq`);

/** The candidates of customer events: the event's payload as facts (amount, product). */
const customerCandidates = (rs: readonly Receipt[]): Candidate[] =>
  rs.flatMap((e) => {
    if (e.customer_id === null || e.at === null || e.payload === null) return [];
    const code = typeof e.payload.product_code === 'string' ? e.payload.product_code : undefined;
    const amount = typeof e.payload.amount === 'number' ? yuanText(e.payload.amount) : undefined;
    return [
      {
        customerId: e.customer_id,
        trigger: { kind: 'event', type: e.type, payload: e.payload, at: e.at },
        facts: { amount, product: code },
        ...(code === undefined ? {} : { productCode: code }),
      },
    ];
  });

/** Customers a market rule may reach: those holding anything (the rule's conditions pick among them). */
const holders = async (tx: Queryable): Promise<number[]> =>
  (
    await tx.rows<{ id: number }>(sql`
      select distinct h.customer_id as id from ${holdings} h
        join ${c} on ${c.id} = h.customer_id and ${c.mergedInto} is null
       where h.units > 0 order by 1`)
  ).map((r) => r.id);

/** Index moves: every holder is a candidate, with the commentary written for their holdings. */
const marketCandidates = async (
  tx: Queryable,
  rs: readonly Receipt[],
  ctx: RunContext,
): Promise<Candidate[]> => {
  const keys = rs.filter((r) => r.customer_id === null).map((r) => r.key);
  if (keys.length === 0) return [];
  const moves = await tx.rows<{ payload: Record<string, unknown>; occurred_at: Date }>(sql`
    select payload, occurred_at from ${marketEvents}
     where key in (select jsonb_array_elements_text(${JSON.stringify(keys)}::jsonb))`);
  const threshold = Math.min(
    ...ctx.rules.flatMap((r) => (r.enabled && isMarketTrigger(r.trigger) ? [r.trigger.minAbsChange] : [])),
  );
  const out: Candidate[] = [];
  for (const m of moves) {
    const index = typeof m.payload.index === 'string' ? m.payload.index : '';
    const change = Number(m.payload.change);
    if (!Number.isFinite(change) || !(Math.abs(change) >= threshold)) continue;
    const ids = await holders(tx);
    const texts = await commentaryTexts(tx, ids, { index, change, at: m.occurred_at });
    for (const id of ids) {
      const t = texts.get(id);
      out.push({
        customerId: id,
        trigger: { kind: 'market', index, change, at: m.occurred_at },
        facts: { change: percentText(change), commentary: t?.zh },
        factsEn: { change: percentText(change), commentary: t?.en },
      });
    }
  }
  return out;
};

/** One batch: claim, evaluate, act. Returns the counts and how many receipts were claimed. */
const runBatch = async (
  db: Database,
  now: Date,
  deps: MotDeps,
  ctx: RunContext,
  size: number,
): Promise<{ claimed: number; counts: MotCounts }> =>
  db.transaction(async (tx) => {
    const rs = await claim(tx, size, eventTypesOf(ctx.rules));

    if (rs.length === 0) return { claimed: 0, counts: zeroCounts() };
    // Only candidates some enabled rule's trigger matches need the customer's state (most events fire nothing).
    const candidates = [...customerCandidates(rs), ...(await marketCandidates(tx, rs, ctx))].filter((x) =>
      ctx.rules.some((r) => r.enabled && triggerMatches(r, x.trigger)),
    );
    const states = await loadStates(
      tx,
      candidates.map((x) => x.customerId),
      now,
      eventDaysOf(ctx.rules),
    );
    const counts = await fireCandidates(tx, candidates, states, now, deps, ctx);
    return { claimed: rs.length, counts };
  });

/**
 * Processes every receipt due at `now`, batch after batch, until none is left unclaimed (receipts another worker
 * holds are skipped, not awaited). Returns the contract counts of what this call did.
 */
export const runDue = async (db: Database, now: Date, deps: MotDeps): Promise<MotCounts> => {
  const size = deps.batchSize ?? 5000;
  let ctx: RunContext | null = null;
  let total = zeroCounts();
  for (;;) {
    // Nothing pending (the common case of a polling job): no rules or shelf read.
    if (ctx === null && !(await pending(db))) return total;
    ctx ??= await withShelf(db, await loadContext(db), now);
    const { claimed, counts } = await runBatch(db, now, deps, ctx, size);
    total = addCounts(total, counts);
    if (claimed < size) return total;
  }
};

/** Whether any receipt waits for evaluation (a probe of the queue's key index). */
const pending = async (db: Queryable): Promise<boolean> =>
  (await db.rows(sql`select 1 from ${eventQueue} order by seq limit 1`)).length > 0;
