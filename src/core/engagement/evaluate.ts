import { evaluateRule } from '../segment/evaluate.js';
import type { CustomerSnapshot } from '../segment/evaluate.js';
import type { Bilingual, MotRule, Scan, Where } from './mot-rule.js';
import { isEventTrigger, isMarketTrigger, isScheduleTrigger } from './mot-rule.js';

/**
 * Which MOT rules fire, pure: for a trigger (a customer event, a scan hit, a market move) and the customer's
 * snapshot, the enabled rules whose trigger matches, whose payload conditions hold, whose segment conditions the
 * customer meets and which the customer's branch or outlet has not switched off — highest priority first.
 *
 * Dedupe (chosen and documented in docs/engagement.md): a firing is keyed by rule × customer × subject × bucket,
 * bucket = floor(epochDay(at) / dedupeWindowDays) with epochDay the China business day (UTC+8) of the trigger's
 * time (the event's occurred_at, the scan's or the move's day). A fixed calendar bucket, not "since the last
 * lead", so the key is a pure function of the trigger: a retry, a replay or a second worker computes the same
 * key and the database's unique index keeps one. The subject (product code, maturity date, year) separates two
 * different reasons of one rule for one customer (two funds maturing the same week).
 */
export type MotTrigger =
  | { kind: 'event'; type: string; payload: Readonly<Record<string, unknown>>; at: Date }
  | { kind: 'scan'; scan: Scan; at: Date; subject: string }
  | { kind: 'market'; index: string; change: number; at: Date };

const DAY_MS = 86_400_000;
const CHINA_OFFSET_MS = 8 * 3_600_000;

/** Days since 1970-01-01 of the China business date (UTC+8) of an instant. */
export const epochDay = (at: Date): number => Math.floor((at.getTime() + CHINA_OFFSET_MS) / DAY_MS);

/** The dedupe bucket of a rule at an instant: floor(epochDay / window). */
export const dedupeBucket = (rule: Pick<MotRule, 'dedupeWindowDays'>, at: Date): number =>
  Math.floor(epochDay(at) / rule.dedupeWindowDays);

/** The event's subject, if it names one (the product viewed, abandoned or matured). */
export const subjectOfEvent = (payload: Readonly<Record<string, unknown>>): string | undefined =>
  typeof payload.product_code === 'string' ? payload.product_code : undefined;

/** The trigger's subject: a scan's, an event's product, or the moved index. */
export const subjectOf = (t: MotTrigger): string | undefined =>
  t.kind === 'scan' ? t.subject : t.kind === 'event' ? subjectOfEvent(t.payload) : t.index;

/** The lead's unique key within the customer: `<rule>:<subject>:<bucket>` (subject when there is one). */
export const dedupeKey = (rule: MotRule, t: MotTrigger): string => {
  const s = subjectOf(t);
  return `${rule.key}:${s === undefined ? '' : `${s}:`}${dedupeBucket(rule, t.at)}`;
};

/** The outbox key of the rule's message: `mot:<rule>:<customer>:<dedupe bucket>` (bucket with its subject). */
export const messageKey = (rule: MotRule, customerId: number, t: MotTrigger): string => {
  const s = subjectOf(t);
  return `mot:${rule.key}:${customerId}:${s === undefined ? '' : `${s}:`}${dedupeBucket(rule, t.at)}`;
};

/** Whether one payload condition holds; a missing or mistyped field never matches. */
export const whereHolds = (w: Where, payload: Readonly<Record<string, unknown>>): boolean => {
  const v = payload[w.field];
  if (typeof w.value === 'string') {
    if (typeof v !== 'string' && typeof v !== 'number') return false;
    const s = String(v);
    if (w.op === 'eq') return s === w.value;
    if (w.op === 'ne') return s !== w.value;
    return false;
  }
  if (typeof v !== 'number' || !Number.isFinite(v)) return false;
  switch (w.op) {
    case 'eq':
      return v === w.value;
    case 'ne':
      return v !== w.value;
    case 'gt':
      return v > w.value;
    case 'gte':
      return v >= w.value;
    case 'lt':
      return v < w.value;
    case 'lte':
      return v <= w.value;
    case 'abs_gte':
      return Math.abs(v) >= w.value;
  }
};

/** Whether the rule's trigger (and its payload conditions) matches — before any customer condition. */
export const triggerMatches = (rule: MotRule, t: MotTrigger): boolean => {
  const tr = rule.trigger;
  if (isEventTrigger(tr))
    return (
      t.kind === 'event' && t.type === tr.event && (tr.where ?? []).every((w) => whereHolds(w, t.payload))
    );
  if (isScheduleTrigger(tr)) return t.kind === 'scan' && t.scan === tr.scan;
  if (isMarketTrigger(tr))
    return (
      t.kind === 'market' &&
      Math.abs(t.change) >= tr.minAbsChange &&
      (tr.indices === undefined || tr.indices.includes(t.index))
    );
  return false;
};

/**
 * The rules that fire for this trigger and customer, highest priority first. `switchedOff` holds the keys of
 * rules the customer's branch or outlet has switched off.
 */
export const rulesFiring = (
  rules: readonly MotRule[],
  t: MotTrigger,
  customer: CustomerSnapshot,
  switchedOff: ReadonlySet<string>,
): MotRule[] =>
  rules
    .filter(
      (r) =>
        r.enabled &&
        !switchedOff.has(r.key) &&
        triggerMatches(r, t) &&
        (r.conditions === undefined || evaluateRule(r.conditions, customer, t.at)),
    )
    .sort((a, b) => b.priority - a.priority || a.key.localeCompare(b.key));

export type Facts = Readonly<Record<string, string | number | undefined>>;

/** Fills `{name}`-style placeholders from the customer's facts; an unknown placeholder stays as it is. */
export const renderTemplate = (t: Bilingual, zh: Facts, en: Facts = zh): Bilingual => {
  const fill = (s: string, f: Facts) =>
    s.replace(/\{([a-z_]+)\}/g, (m, k: string) => {
      const v = f[k];
      return v === undefined ? m : String(v);
    });
  return { zh: fill(t.zh, zh), en: fill(t.en, en) };
};

/**
 * One formatter for every amount: `toLocaleString` with options builds a new Intl.NumberFormat on each call, which
 * cost ≈ 150 µs an event on the MOT path (bench/engagement-cpu.ts profile); `format` of a built one is the same text.
 */
const YUAN = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** Yuan with thousands separators for scripts (600000 → 600,000). */
export const yuanText = (amount: number): string => YUAN.format(Math.round(amount));

/** A fraction as a signed percent with two decimals (−0.125 → −12.50%). */
export const percentText = (x: number): string => `${x > 0 ? '+' : ''}${(x * 100).toFixed(2)}%`;
