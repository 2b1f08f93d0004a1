import { sql } from 'drizzle-orm';
import type { OutboundMessage } from '../../../core/engagement/message.js';
import {
  dedupeKey,
  messageKey,
  renderTemplate,
  rulesFiring,
  type Facts,
  type MotTrigger,
} from '../../../core/engagement/evaluate.js';
import type { MotRule } from '../../../core/engagement/mot-rule.js';
import { completedText } from '../../../core/guard/complete.js';
import type { ProductType } from '../../../core/product-types.js';
import type { Queryable } from '../../db/index.js';
import { leads, motFirings, products } from '../../db/schema.js';
import { offKeysFor } from './rules.js';
import { recommendedCodes } from './content.js';
import type { CustomerState, MotCounts, MotDeps, RunContext } from './state.js';
import { addressOf, assignRm, zeroCounts } from './state.js';

/**
 * From candidates (a customer and what happened) to effects, inside the caller's transaction: evaluate the rules,
 * record each firing in the ledger (INSERT … ON CONFLICT DO NOTHING: the database decides what is new, so a retry
 * or a second worker never fires twice), create the leads of the new firings, build their messages and hand them
 * to the outbox, then record what the outbox did. Returns the contract counts from the enqueue outcomes.
 */
export type Candidate = {
  customerId: number;
  trigger: MotTrigger;
  /** Placeholders for the templates (amount, product, date, change, commentary, attribution …). */
  facts: Facts;
  factsEn?: Facts;
  /** The product the trigger is about (for `products: 'held'`). */
  productCode?: string;
};

export type Firing = Candidate & { rule: MotRule; key: string; state: CustomerState };

/** The firings of the candidates: every enabled, not switched-off rule whose trigger and conditions match. */
export const firingsOf = (
  candidates: readonly Candidate[],
  states: ReadonlyMap<number, CustomerState>,
  ctx: RunContext,
): Firing[] =>
  candidates.flatMap((cand) => {
    const st = states.get(cand.customerId);
    if (st === undefined) return [];
    const off = offKeysFor(ctx.switches, st.orgUnitId, st.branchId);
    return rulesFiring(ctx.rules, cand.trigger, st.snapshot, off).map((rule) => ({
      ...cand,
      rule,
      key: dedupeKey(rule, cand.trigger),
      state: st,
    }));
  });

const factsOf = (f: Firing): { zh: Facts; en: Facts } => {
  const a = addressOf(f.state);
  return { zh: { ...f.facts, name: a.zh }, en: { ...(f.factsEn ?? f.facts), name: a.en } };
};

const HOUR_MS = 3_600_000;

/** Records the firings; returns those that are new (not already in the ledger). */
const recordFirings = async (tx: Queryable, firings: readonly Firing[], now: Date): Promise<Firing[]> => {
  if (firings.length === 0) return [];
  // One firing per (customer, key) even if two candidates of the batch produced it.
  const unique = [...new Map(firings.map((f) => [`${f.customerId}|${f.key}`, f])).values()];
  const rows = JSON.stringify(
    unique.map((f) => ({
      customer_id: f.customerId,
      dedupe_key: f.key,
      rule_key: f.rule.key,
      rule_version: f.rule.version,
      trigger_kind: f.trigger.kind,
    })),
  );
  const fresh = await tx.rows<{ customer_id: number; dedupe_key: string }>(sql`
    insert into ${motFirings} (customer_id, dedupe_key, rule_key, rule_version, trigger_kind, fired_at)
    select customer_id, dedupe_key, rule_key, rule_version, trigger_kind, ${now.toISOString()}::timestamptz
      from jsonb_to_recordset(${rows}::jsonb)
        as r(customer_id bigint, dedupe_key text, rule_key text, rule_version int, trigger_kind text)
    on conflict (customer_id, dedupe_key) do nothing
    returning customer_id, dedupe_key`);
  const isNew = new Set(fresh.map((r) => `${r.customer_id}|${r.dedupe_key}`));
  return unique.filter((f) => isNew.has(`${f.customerId}|${f.key}`));
};

/** Creates the leads of new firings whose rule has a lead action; returns how many were written. */
const createLeads = async (
  tx: Queryable,
  firings: readonly Firing[],
  now: Date,
  ctx: RunContext,
): Promise<number> => {
  const withLead = firings.filter((f) => f.rule.actions.lead !== undefined);
  if (withLead.length === 0) return 0;
  const rows = JSON.stringify(
    withLead.map((f) => {
      const lead = f.rule.actions.lead!;
      const { zh, en } = factsOf(f);
      const script = renderTemplate(lead.script, zh, en);
      return {
        customer_id: f.customerId,
        rule_key: f.rule.key,
        rule_version: f.rule.version,
        dedupe_key: f.key,
        rm_id: assignRm(f.state, f.customerId, ctx),
        org_unit_id: f.state.orgUnitId,
        script: script.zh,
        script_en: script.en,
        due_at: new Date(now.getTime() + lead.slaHours * HOUR_MS).toISOString(),
      };
    }),
  );
  const made = await tx.rows<{ id: number; customer_id: number; dedupe_key: string }>(sql`
    with made as (
      insert into ${leads} (customer_id, rule_key, rule_version, dedupe_key, rm_id, org_unit_id, script, script_en,
                            due_at, created_at)
      select customer_id, rule_key, rule_version, dedupe_key, rm_id, org_unit_id, script, script_en, due_at,
             ${now.toISOString()}::timestamptz
        from jsonb_to_recordset(${rows}::jsonb)
          as r(customer_id bigint, rule_key text, rule_version int, dedupe_key text, rm_id int, org_unit_id text,
               script text, script_en text, due_at timestamptz)
      on conflict (customer_id, dedupe_key) do nothing
      returning id, customer_id, dedupe_key
    ), linked as (
      update ${motFirings} f set lead_id = m.id from made m
       where f.customer_id = m.customer_id and f.dedupe_key = m.dedupe_key
    )
    select id, customer_id, dedupe_key from made`);
  return made.length;
};

/** Shelf types of the products messages may name: the recommender's picks and the firings' own products. */
const productTypesOf = async (
  tx: Queryable,
  picked: readonly string[],
  firings: readonly Firing[],
): Promise<Map<string, ProductType>> => {
  const codes = [...new Set([...picked, ...firings.flatMap((f) => f.productCode ?? [])])];
  if (codes.length === 0) return new Map();
  const rows = await tx.rows<{ code: string; type: ProductType }>(sql`
    select code, type from ${products}
     where code in (select jsonb_array_elements_text(${JSON.stringify(codes)}::jsonb))`);
  return new Map(rows.map((r) => [r.code, r.type]));
};

/** The outbound messages of new firings (message and chat actions). */
const messagesOf = async (
  tx: Queryable,
  firings: readonly Firing[],
  now: Date,
  deps: MotDeps,
  ctx: RunContext,
): Promise<OutboundMessage[]> => {
  const recommend = firings.filter((f) => f.rule.actions.message?.products === 'recommend');
  const picks = await recommendedCodes(
    tx,
    recommend.map((f) => f.customerId),
    now,
    deps.policy,
    ctx.shelf,
  );
  const types = await productTypesOf(tx, [...picks.values()].flat(), firings);
  const out: OutboundMessage[] = [];
  for (const f of firings) {
    const { zh, en } = factsOf(f);
    const key = messageKey(f.rule, f.customerId, f.trigger);
    const source = { kind: 'mot' as const, ref: f.rule.key };
    const m = f.rule.actions.message;
    if (m !== undefined) {
      let body = renderTemplate(m.template, zh, en);
      const codes =
        m.products === 'recommend'
          ? (picks.get(f.customerId) ?? [])
          : m.products === 'held' && f.productCode !== undefined
            ? [f.productCode]
            : [];
      // A marketing text offers its products: it carries their disclosures (the outbox's guard checks the result,
      // so what would remain after completion is not linted for here).
      if (m.purpose === 'marketing' && codes.length > 0) {
        const productTypes = [...new Set(codes.flatMap((c) => types.get(c) ?? []))];
        body = completedText(body, { productTypes });
      }
      out.push({
        key,
        customerId: f.customerId,
        channel: m.channel,
        purpose: m.purpose,
        ...(m.title === undefined ? {} : { title: renderTemplate(m.title, zh, en).zh }),
        body: body.zh,
        bodyEn: body.en,
        ...(codes.length === 0 ? {} : { productCodes: codes }),
        source,
      });
    }
    const chat = f.rule.actions.chat;
    if (chat !== undefined) {
      const body = renderTemplate(chat.template, zh, en);
      out.push({
        key: `${key}:chat`,
        customerId: f.customerId,
        channel: 'chat',
        purpose: 'service',
        body: body.zh,
        bodyEn: body.en,
        source,
      });
    }
  }
  return out;
};

/** Evaluates, records and acts on the candidates of one batch (inside the caller's transaction). */
export const fireCandidates = async (
  tx: Queryable,
  candidates: readonly Candidate[],
  states: ReadonlyMap<number, CustomerState>,
  now: Date,
  deps: MotDeps,
  ctx: RunContext,
): Promise<MotCounts> => {
  const counts = zeroCounts();
  const fresh = await recordFirings(tx, firingsOf(candidates, states, ctx), now);
  if (fresh.length === 0) return counts;
  counts.leads_created = await createLeads(tx, fresh, now, ctx);
  const msgs = await messagesOf(tx, fresh, now, deps, ctx);
  if (msgs.length === 0) return counts;
  const outcomes = await deps.enqueue(tx, msgs, now);
  for (const o of outcomes) {
    if (o.duplicate) continue;
    if (o.status === 'queued' || o.status === 'sent') counts.messages_queued += 1;
    else if (o.status === 'deferred') counts.messages_deferred += 1;
    else counts.messages_suppressed += 1;
  }
  const byKey = new Map(outcomes.map((o) => [o.key, o]));
  const rows = JSON.stringify(
    fresh.flatMap((f) => {
      const o = byKey.get(messageKey(f.rule, f.customerId, f.trigger));
      return o === undefined
        ? []
        : [{ customer_id: f.customerId, dedupe_key: f.key, key: o.key, status: o.status, reason: o.reason }];
    }),
  );
  await tx.run(sql`
    update ${motFirings} f set message_key = r.key, message_status = r.status, message_reason = r.reason
      from jsonb_to_recordset(${rows}::jsonb)
        as r(customer_id bigint, dedupe_key text, key text, status text, reason text)
     where f.customer_id = r.customer_id and f.dedupe_key = r.dedupe_key`);
  return counts;
};
