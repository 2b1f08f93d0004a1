import { asc, desc, eq, or } from 'drizzle-orm';
import { evaluateRule } from '../../../core/segment/evaluate.js';
import { ruleIssues } from '../../../core/segment/rule.js';
import type { Rule } from '../../../core/segment/rule.js';
import type { Queryable } from '../../db/index.js';
import { customerMerges, customerTags, segments } from '../../db/schema.js';
import type { TagSource } from '../../db/schema.js';
import { loadSnapshots } from '../segments/snapshots.js';

/**
 * The groups and tags of one customer for the 360: groups are evaluated now, in memory, on the customer's
 * snapshot (the evaluator agrees with the compiler that counts the same groups); tags are as stored.
 */
export const customerCdp = async (
  db: Queryable,
  id: number,
  asOf: Date,
): Promise<{ groups: string[]; tags: { key: string; source: TagSource }[]; merges: MergeHistoryItem[] }> => {
  const [groupRows, tagRows, snaps, merges] = await Promise.all([
    db.orm
      .select({ key: segments.key, rule: segments.rule })
      .from(segments)
      .where(eq(segments.kind, 'group'))
      .orderBy(asc(segments.key)),
    db.orm
      .select({ key: customerTags.tagKey, source: customerTags.source })
      .from(customerTags)
      .where(eq(customerTags.customerId, id))
      .orderBy(asc(customerTags.tagKey)),
    loadSnapshots(db, [id], asOf),
    mergeHistory(db, id),
  ]);
  const snap = snaps[0];
  const groups =
    snap === undefined
      ? []
      : groupRows
          .filter(
            (g) =>
              g.key !== null && ruleIssues(g.rule).length === 0 && evaluateRule(g.rule as Rule, snap, asOf),
          )
          .map((g) => g.key!);
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
