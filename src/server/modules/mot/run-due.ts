import { sql } from 'drizzle-orm';
import { percentText, yuanText } from '../../../core/engagement/evaluate.js';
import { isMarketTrigger } from '../../../core/engagement/mot-rule.js';
import type { Database, Queryable } from '../../db/index.js';
import { eventReceipts, events, holdings, marketEvents, customers as c } from '../../db/schema.js';
import { commentaryTexts } from './content.js';
import type { Candidate } from './fire.js';
import { fireCandidates } from './fire.js';
import { eventDaysOf } from './rules.js';
import type { MotCounts, MotDeps, RunContext } from './state.js';
import { addCounts, loadContext, loadStates, zeroCounts } from './state.js';

/**
 * `runDue` evaluates what ingestion received and the MOT engine has not seen (`event_receipts.processed_at` null):
 * it claims receipts in batches with FOR UPDATE SKIP LOCKED (two workers split the work, neither waits), loads
 * the batch's customers in a few set queries, fires the rules, and marks the receipts processed — one transaction
 * per batch, so a crash leaves the batch unclaimed and a retry fires nothing twice (the firing ledger's key).
 */
type Receipt = {
  key: string;
  type: string;
  customer_id: number | null;
  event_id: number | null;
  occurred_at: Date;
};

/** The candidates of customer events: the event's payload as facts (amount, product). */
const customerCandidates = async (tx: Queryable, rs: readonly Receipt[]): Promise<Candidate[]> => {
  const own = rs.filter((r) => r.customer_id !== null && r.event_id !== null);
  if (own.length === 0) return [];
  const ids = JSON.stringify(own.map((r) => ({ customer_id: r.customer_id, id: r.event_id })));
  const rows = await tx.rows<{
    customer_id: number;
    type: string;
    at: Date;
    payload: Record<string, unknown>;
  }>(sql`
    select e.customer_id, e.type, e.at, e.payload
      from jsonb_to_recordset(${ids}::jsonb) as r(customer_id bigint, id bigint)
      join ${events} e on e.customer_id = r.customer_id and e.id = r.id`);
  return rows.map((e) => {
    const code = typeof e.payload.product_code === 'string' ? e.payload.product_code : undefined;
    const amount = typeof e.payload.amount === 'number' ? yuanText(e.payload.amount) : undefined;
    return {
      customerId: e.customer_id,
      trigger: { kind: 'event', type: e.type, payload: e.payload, at: e.at },
      facts: { amount, product: code },
      ...(code === undefined ? {} : { productCode: code }),
    };
  });
};

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

/** One batch: claim, evaluate, act, mark processed. Returns the counts and how many receipts were claimed. */
const runBatch = async (
  db: Database,
  now: Date,
  deps: MotDeps,
  ctx: RunContext,
  size: number,
): Promise<{ claimed: number; counts: MotCounts }> =>
  db.transaction(async (tx) => {
    const rs = await tx.rows<Receipt>(sql`
      select key, type, customer_id, event_id, occurred_at from ${eventReceipts}
       where processed_at is null
       order by received_at, key
       limit ${size}
       for update skip locked`);
    if (rs.length === 0) return { claimed: 0, counts: zeroCounts() };
    const candidates = [...(await customerCandidates(tx, rs)), ...(await marketCandidates(tx, rs, ctx))];
    const states = await loadStates(
      tx,
      candidates.map((x) => x.customerId),
      now,
      eventDaysOf(ctx.rules),
    );
    const counts = await fireCandidates(tx, candidates, states, now, deps, ctx);
    await tx.run(sql`
      update ${eventReceipts} set processed_at = ${now.toISOString()}::timestamptz
       where key in (select jsonb_array_elements_text(${JSON.stringify(rs.map((r) => r.key))}::jsonb))`);
    return { claimed: rs.length, counts };
  });

/**
 * Processes every receipt due at `now`, batch after batch, until none is left unclaimed (receipts another worker
 * holds are skipped, not awaited). Returns the contract counts of what this call did.
 */
export const runDue = async (db: Database, now: Date, deps: MotDeps): Promise<MotCounts> => {
  const ctx = await loadContext(db);
  const size = deps.batchSize ?? 5000;
  let total = zeroCounts();
  for (;;) {
    const { claimed, counts } = await runBatch(db, now, deps, ctx, size);
    total = addCounts(total, counts);
    if (claimed < size) return total;
  }
};
