import { asc, eq } from 'drizzle-orm';
import { evaluateRule } from '../../../core/segment/evaluate.js';
import { ruleIssues } from '../../../core/segment/rule.js';
import type { Rule } from '../../../core/segment/rule.js';
import type { Queryable } from '../../db/index.js';
import { customerTags, segments } from '../../db/schema.js';
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
): Promise<{ groups: string[]; tags: { key: string; source: TagSource }[] }> => {
  const [groupRows, tagRows, snaps] = await Promise.all([
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
  return { groups, tags: tagRows };
};
