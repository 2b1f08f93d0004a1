import { asc, desc, eq, or, sql } from 'drizzle-orm';
import { evaluateRule } from '../../../core/segment/evaluate.js';
import { eventDaysOf, ruleIssues } from '../../../core/segment/rule.js';
import type { Rule } from '../../../core/segment/rule.js';
import type { Queryable } from '../../db/index.js';
import { customerMerges, customerTags, segments } from '../../db/schema.js';
import type { TagSource } from '../../db/schema.js';
import { loadSnapshots } from '../segments/snapshots.js';

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
 * The groups and tags of one customer for the 360: groups are evaluated now, in memory, on the customer's
 * snapshot (the evaluator agrees with the compiler that counts the same groups); tags are as stored. The group
 * rules are read as stored on every call but validated once per rule text; the snapshot loads only the events
 * the rules can count (the longest event window among them; none when no rule counts events).
 */
export const customerCdp = async (
  db: Queryable,
  id: number,
  asOf: Date,
): Promise<{ groups: string[]; tags: { key: string; source: TagSource }[]; merges: MergeHistoryItem[] }> => {
  const [groupRows, tagRows, merges] = await Promise.all([
    db.orm
      .select({ key: segments.key, rule: sql<string>`${segments.rule}::text` })
      .from(segments)
      .where(eq(segments.kind, 'group'))
      .orderBy(asc(segments.key)),
    db.orm
      .select({ key: customerTags.tagKey, source: customerTags.source })
      .from(customerTags)
      .where(eq(customerTags.customerId, id))
      .orderBy(asc(customerTags.tagKey)),
    mergeHistory(db, id),
  ]);
  const rules = groupRows.flatMap((g) => {
    const c = checkRule(g.rule);
    return g.key !== null && c.rule !== null ? [{ key: g.key, rule: c.rule, eventDays: c.eventDays }] : [];
  });
  if (rules.length === 0) return { groups: [], tags: tagRows, merges };
  const eventDays = Math.max(0, ...rules.map((r) => r.eventDays));
  const snap = (await loadSnapshots(db, [id], asOf, eventDays))[0];
  const groups =
    snap === undefined ? [] : rules.filter((g) => evaluateRule(g.rule, snap, asOf)).map((g) => g.key);
  return { groups, tags: tagRows, merges };
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

/** Merges this customer took part in (as survivor or as the merged duplicate), newest first: who, when, why. */
export const mergeHistory = async (db: Queryable, id: number): Promise<MergeHistoryItem[]> => {
  const rows = await db.orm
    .select()
    .from(customerMerges)
    .where(or(eq(customerMerges.customerId, id), eq(customerMerges.mergedCustomerId, id)))
    .orderBy(desc(customerMerges.at));
  return rows.map((r) => ({
    id: r.id,
    survivor: r.customerId,
    merged: r.mergedCustomerId,
    rule: r.rule,
    status: r.status,
    movedEvents: Array.isArray(r.moved.events) ? r.moved.events.length : 0,
    at: r.at.toISOString(),
    by: r.by,
    reason: r.reason,
    unmergedAt: r.unmergedAt?.toISOString() ?? null,
    unmergedBy: r.unmergedBy,
  }));
};
