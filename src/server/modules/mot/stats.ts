import { sql, type AnyColumn } from 'drizzle-orm';
import { dedupeKey, percentText, rulesFiring, yuanText } from '../../../core/engagement/evaluate.js';
import type { MotRule, ScheduleTrigger } from '../../../core/engagement/mot-rule.js';
import { isEventTrigger, isMarketTrigger, isScheduleTrigger } from '../../../core/engagement/mot-rule.js';
import { badInput } from '../../../core/errors.js';
import type { Queryable } from '../../db/index.js';
import { events, holdings, leads, marketEvents, motFirings, customers as c } from '../../db/schema.js';
import type { Candidate } from './fire.js';
import { offKeysFor, eventDaysOf } from './rules.js';
import { scanCandidates } from './scan.js';
import { loadContext, loadStates } from './state.js';

/**
 * Rule statistics for the console (fired, leads, won, messages by outbox status, per day for the charts) and the
 * dry run: "who would this rule have hit" over stored events, creating nothing.
 */
export type RuleStats = {
  rule: string;
  fired: number;
  leads: number;
  contacted: number;
  won: number;
  lost: number;
  messages: Record<string, number>;
  days: { date: string; fired: number; leads: number; won: number; messages: number }[];
};

/** The China business day (UTC+8) of a timestamptz column, as text. */
const chinaDay = (col: AnyColumn) =>
  sql`to_char((${col} at time zone 'UTC') + interval '8 hours', 'YYYY-MM-DD')`;

/** Per-rule statistics of firings and leads created in [from, to] (China business days, inclusive). */
export const ruleStats = async (db: Queryable, from: string, to: string): Promise<RuleStats[]> => {
  const start = `${from}T00:00:00+08:00`;
  const end = new Date(new Date(`${to}T00:00:00+08:00`).getTime() + 86_400_000).toISOString();
  const rows = await db.rows<{
    rule_key: string;
    day: string;
    fired: number;
    messages: number;
    status: string | null;
    n: number;
  }>(sql`
    select rule_key, ${chinaDay(motFirings.firedAt)} as day, message_status as status, count(*)::int as n,
           count(*)::int as fired, count(message_key)::int as messages
      from ${motFirings}
     where fired_at >= ${start}::timestamptz and fired_at < ${end}::timestamptz
     group by 1, 2, 3`);
  const leadRows = await db.rows<{ rule_key: string; day: string; status: string; n: number }>(sql`
    select rule_key, ${chinaDay(leads.createdAt)} as day, status, count(*)::int as n
      from ${leads}
     where created_at >= ${start}::timestamptz and created_at < ${end}::timestamptz
     group by 1, 2, 3`);
  const out = new Map<string, RuleStats>();
  const get = (rule: string) => {
    let s = out.get(rule);
    if (s === undefined)
      out.set(
        rule,
        (s = { rule, fired: 0, leads: 0, contacted: 0, won: 0, lost: 0, messages: {}, days: [] }),
      );
    return s;
  };
  const dayOf = (s: RuleStats, date: string) => {
    let d = s.days.find((x) => x.date === date);
    if (d === undefined) s.days.push((d = { date, fired: 0, leads: 0, won: 0, messages: 0 }));
    return d;
  };
  for (const r of rows) {
    const s = get(r.rule_key);
    s.fired += r.fired;
    if (r.status !== null) s.messages[r.status] = (s.messages[r.status] ?? 0) + r.messages;
    const d = dayOf(s, r.day);
    d.fired += r.fired;
    d.messages += r.messages;
  }
  for (const r of leadRows) {
    const s = get(r.rule_key);
    s.leads += r.n;
    if (r.status === 'contacted' || r.status === 'won' || r.status === 'lost') s[r.status] += r.n;
    const d = dayOf(s, r.day);
    d.leads += r.n;
    if (r.status === 'won') d.won += r.n;
  }
  for (const s of out.values()) s.days.sort((a, b) => a.date.localeCompare(b.date));
  return [...out.values()].sort((a, b) => a.rule.localeCompare(b.rule));
};

export type DryRunHit = { customer_id: number; at: string; subject: string | null; dedupe_key: string };
export type DryRunResult = { rule: string; from: string; to: string; count: number; hits: DryRunHit[] };

const MAX_DAYS = 92;
const MAX_HITS = 500;

/** The candidates a rule's trigger would have produced in [from, to]. */
const candidatesIn = async (db: Queryable, rule: MotRule, from: Date, to: Date): Promise<Candidate[]> => {
  const t = rule.trigger;
  if (isEventTrigger(t)) {
    const rows = await db.rows<{ customer_id: number; at: Date; payload: Record<string, unknown> }>(sql`
      select customer_id, at, payload from ${events}
       where type = ${t.event} and at >= ${from.toISOString()}::timestamptz and at < ${to.toISOString()}::timestamptz
       order by at limit 20000`);
    return rows.map((e) => ({
      customerId: e.customer_id,
      trigger: { kind: 'event', type: t.event, payload: e.payload, at: e.at },
      facts: { amount: typeof e.payload.amount === 'number' ? yuanText(e.payload.amount) : undefined },
    }));
  }
  if (isMarketTrigger(t)) {
    const moves = await db.rows<{ payload: Record<string, unknown>; occurred_at: Date }>(sql`
      select payload, occurred_at from ${marketEvents}
       where type = 'market_move' and occurred_at >= ${from.toISOString()}::timestamptz
         and occurred_at < ${to.toISOString()}::timestamptz`);
    const ids = (
      await db.rows<{ id: number }>(sql`
        select distinct h.customer_id as id from ${holdings} h
          join ${c} on ${c.id} = h.customer_id and ${c.mergedInto} is null where h.units > 0`)
    ).map((r) => r.id);
    return moves.flatMap((m) =>
      ids.map((id) => ({
        customerId: id,
        trigger: {
          kind: 'market' as const,
          index: typeof m.payload.index === 'string' ? m.payload.index : '',
          change: Number(m.payload.change),
          at: m.occurred_at,
        },
        facts: { change: percentText(Number(m.payload.change)) },
      })),
    );
  }
  if (isScheduleTrigger(t)) return scanCandidates(db, rule as MotRule & { trigger: ScheduleTrigger }, to);
  return [];
};

/**
 * Who `rule` would have hit between `from` and `to` (ISO dates or instants) over the stored events, customer
 * conditions and branch switches included — and nothing is written. A scheduled rule is scanned as of `to`.
 */
export const dryRun = async (
  db: Queryable,
  rule: MotRule,
  from: string,
  to: string,
): Promise<DryRunResult> => {
  const f = new Date(from.length === 10 ? `${from}T00:00:00+08:00` : from);
  const t = new Date(to.length === 10 ? `${to}T00:00:00+08:00` : to);
  if (Number.isNaN(f.getTime())) throw badInput('from', 'expected a date YYYY-MM-DD or an ISO instant');
  if (Number.isNaN(t.getTime())) throw badInput('to', 'expected a date YYYY-MM-DD or an ISO instant');
  if (t <= f) throw badInput('to', `to ${to} is not after from ${from}; give from < to`);
  if (t.getTime() - f.getTime() > MAX_DAYS * 86_400_000)
    throw badInput('to', `a dry run covers at most ${MAX_DAYS} days; shorten the window`);
  const ctx = await loadContext(db);
  const cands = await candidatesIn(db, { ...rule, enabled: true }, f, t);
  const states = await loadStates(
    db,
    cands.map((x) => x.customerId),
    t,
    eventDaysOf([rule]),
  );
  const seen = new Map<string, DryRunHit>();
  for (const cand of cands) {
    const st = states.get(cand.customerId);
    if (st === undefined) continue;
    const off = offKeysFor(ctx.switches, st.orgUnitId, st.branchId);
    if (rulesFiring([{ ...rule, enabled: true }], cand.trigger, st.snapshot, off).length === 0) continue;
    const key = dedupeKey(rule, cand.trigger);
    const id = `${cand.customerId}|${key}`;
    if (!seen.has(id))
      seen.set(id, {
        customer_id: cand.customerId,
        at: cand.trigger.at.toISOString(),
        subject: cand.trigger.kind === 'scan' ? cand.trigger.subject : null,
        dedupe_key: key,
      });
  }
  const hits = [...seen.values()];
  return { rule: rule.key, from, to, count: hits.length, hits: hits.slice(0, MAX_HITS) };
};
