import { and, eq, gt, lte } from 'drizzle-orm';
import { evaluateRule } from '../../../core/segment/evaluate.js';
import type { CustomerSnapshot } from '../../../core/segment/evaluate.js';
import { eventsInWindow } from '../../../core/segment/event-window.js';
import type { RecentEvents } from '../../../core/segment/event-window.js';
import { eventDaysOf, ruleIssues } from '../../../core/segment/rule.js';
import type { Rule } from '../../../core/segment/rule.js';
import type { Queryable } from '../../db/index.js';
import { events } from '../../db/schema.js';

/** A stored group rule checked once: the typed rule (null when invalid) and the longest event window it reads. */
type CheckedRule = { rule: Rule | null; eventDays: number };

/** Checked rules by their stored JSON text: a rule is validated once per text, not on every customer 360. */
const checkedRules = new Map<string, CheckedRule>();
const MAX_CHECKED = 1000;

const checkRule = (text: string): CheckedRule => {
  let c = checkedRules.get(text);
  if (c === undefined) {
    const input: unknown = JSON.parse(text);
    const rule = ruleIssues(input).length === 0 ? (input as Rule) : null;
    c = { rule, eventDays: rule === null ? 0 : eventDaysOf(rule) };
    if (checkedRules.size >= MAX_CHECKED) checkedRules.clear();
    checkedRules.set(text, c);
  }
  return c;
};

/**
 * The groups of one customer for the 360, evaluated now, in memory, on the customer's snapshot (the evaluator
 * agrees with the compiler that counts the same groups). The stored group rules are validated once per rule text;
 * the snapshot is built from what the 360 already read (profile, tags, holdings valued as the compiler values them,
 * and its newest events when they cover the longest event window of the rules); only when they do not are the
 * window's events read, in one statement.
 */
export const customerGroups = async (
  db: Queryable,
  groupRules: readonly { key: string | null; rule: string }[],
  snapshot: Omit<CustomerSnapshot, 'events'>,
  recent: RecentEvents,
  asOf: Date,
): Promise<string[]> => {
  const rules = groupRules.flatMap((g) => {
    const c = checkRule(g.rule);
    return g.key !== null && c.rule !== null ? [{ key: g.key, rule: c.rule, eventDays: c.eventDays }] : [];
  });
  if (rules.length === 0) return [];
  const eventDays = Math.max(0, ...rules.map((r) => r.eventDays));
  const from = new Date(asOf.getTime() - eventDays * 86_400_000);
  const evs =
    eventDays <= 0
      ? []
      : (eventsInWindow(recent, from, asOf) ??
        (await db.orm
          .select({ type: events.type, at: events.at })
          .from(events)
          .where(and(eq(events.customerId, snapshot.id), gt(events.at, from), lte(events.at, asOf)))));
  const snap: CustomerSnapshot = { ...snapshot, events: evs };
  return rules.filter((g) => evaluateRule(g.rule, snap, asOf)).map((g) => g.key);
};

export type MergeHistoryItem = {
  id: number;
  survivor: number;
  merged: number;
  rule: string;
  status: string;
  movedEvents: number;
  at: string;
  by: string;
  reason: string | null;
  unmergedAt: string | null;
  unmergedBy: string | null;
};
