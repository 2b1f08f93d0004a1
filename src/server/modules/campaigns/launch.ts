import { and, eq } from 'drizzle-orm';
import type { LaunchReport } from '../../../contracts/campaigns.js';
import type { CampaignDefinition } from '../../../core/engagement/campaign.js';
import { assignArm, campaignMessage, HOLDOUT_ARM } from '../../../core/engagement/campaign.js';
import type { OutboundMessage } from '../../../core/engagement/message.js';
import { AppError } from '../../../core/errors.js';
import type { Rule } from '../../../core/segment/rule.js';
import { parseRule } from '../../../core/segment/rule.js';
import type { Database, Queryable } from '../../db/index.js';
import { campaigns } from '../../db/schema.js';
import { segmentCustomerIds, segmentRule } from '../segments/service.js';
import { exposedAmong, insertAssignments, insertExposures, liveCustomers, setPrePurchases } from './repo.js';
import { definitionOf, loadCampaign } from './service.js';

/**
 * The one outbound path as campaigns see it: the outbox's `enqueueMessages` (reach), which guards each message
 * (compliance + suitability), applies consent, quiet hours and caps, and stores one row per key.
 */
export type { Enqueue } from '../outbox/service.js';
import type { Enqueue } from '../outbox/service.js';

export type LaunchDeps = {
  readonly enqueue: Enqueue;
  /** Customers per batch (assignment rows, one enqueue call); memory stays bounded by it. */
  readonly batchSize?: number;
};

const DAY = 86_400_000;
const chinaDate = (t: number): string => new Date(t + 8 * 3600_000).toISOString().slice(0, 10);

const targetRule = async (db: Queryable, d: CampaignDefinition): Promise<Rule> =>
  'segmentId' in d.target
    ? segmentRule(db, d.target.segmentId)
    : parseRule('rule' in d.target ? d.target.rule : null, 'campaign.target.rule');

/** A fixed list target's live customers in id order, `size` at a time. */
async function* listCustomerIds(
  db: Queryable,
  list: readonly number[],
  size: number,
): AsyncGenerator<number[]> {
  const ids = [...list].sort((a, b) => a - b);
  for (let i = 0; i < ids.length; i += size) {
    const live = await liveCustomers(db, ids.slice(i, i + size));
    if (live.length > 0) yield live;
  }
}

type Tally = { messages: LaunchReport['messages']; byArm: Record<string, number> };

/** One batch: assign (kept if already assigned), record the covariate, hand the not-yet-handled messages over. */
const launchBatch = async (
  db: Database,
  id: number,
  d: CampaignDefinition,
  ids: readonly number[],
  now: Date,
  deps: LaunchDeps,
  tally: Tally,
): Promise<number> => {
  const arms = new Map(ids.map((c) => [c, assignArm(d, c)]));
  const today = chinaDate(now.getTime());
  const fresh = await db.transaction(async (tx) => {
    const added = await insertAssignments(
      tx,
      id,
      ids.map((customerId) => ({ customerId, arm: arms.get(customerId)! })),
      now,
    );
    await setPrePurchases(tx, id, added, chinaDate(now.getTime() - d.prePeriodDays * DAY), today);
    return added;
  });
  for (const c of fresh) tally.byArm[arms.get(c)!] = (tally.byArm[arms.get(c)!] ?? 0) + 1;
  const treated = ids.filter((c) => arms.get(c) !== HOLDOUT_ARM);
  const done = await exposedAmong(db, id, treated);
  const msgs = treated
    .filter((c) => !done.has(c))
    .map((c) => campaignMessage(d, arms.get(c)!, c, now))
    .filter((m): m is OutboundMessage => m !== null);
  if (msgs.length === 0) return fresh.length;
  const outcomes = await deps.enqueue(db, msgs, now);
  const byKey = new Map(msgs.map((m) => [m.key, m.customerId]));
  const rows = outcomes.flatMap((o) => {
    const customerId = byKey.get(o.key);
    return customerId === undefined ? [] : [{ customerId, arm: arms.get(customerId)!, outcome: o }];
  });
  await insertExposures(db, id, rows, now);
  for (const o of outcomes) {
    if (o.duplicate) tally.messages.duplicates++;
    tally.messages[o.status]++;
  }
  return fresh.length;
};

/**
 * Launches (or resumes) a campaign: materialises the target through the segment compiler at `now` (or takes a
 * fixed list's customers that still exist), assigns every
 * matching customer deterministically (hash of campaign key × customer id), and hands the treatment arms' messages
 * to `deps.enqueue` under the key `campaign:<key>:<customer>`; the holdout gets nothing. Batches of `batchSize`
 * keep memory bounded. Idempotent: a second launch keeps every assignment, skips customers whose outcome is
 * recorded, and the outbox's key stops a retried message from going out twice. An ended campaign is refused (409).
 */
export const launchCampaign = async (
  db: Database,
  id: number,
  now: Date,
  deps: LaunchDeps,
): Promise<LaunchReport> => {
  const row = await loadCampaign(db, id);
  if (row.status === 'ended')
    throw new AppError('CONFLICT', `campaign ${id} has ended; it cannot be launched`, { id });
  const d = definitionOf(row);
  const list = 'customerIds' in d.target ? d.target.customerIds : null;
  const rule = list === null ? await targetRule(db, d) : null;
  if (row.status === 'draft')
    await db.orm
      .update(campaigns)
      .set({ status: 'running', launchedAt: now, updatedAt: now })
      .where(and(eq(campaigns.id, id), eq(campaigns.status, 'draft')));
  const tally: Tally = {
    messages: { queued: 0, deferred: 0, sent: 0, suppressed: 0, duplicates: 0 },
    byArm: {},
  };
  let targeted = 0;
  let assigned = 0;
  let batches = 0;
  const size = deps.batchSize ?? 1000;
  const pages =
    rule === null ? listCustomerIds(db, list ?? [], size) : segmentCustomerIds(db, rule, now, size);
  for await (const ids of pages) {
    targeted += ids.length;
    batches++;
    assigned += await launchBatch(db, id, d, ids, now, deps, tally);
  }
  return {
    campaignId: id,
    status: 'running',
    targeted,
    assigned,
    byArm: tally.byArm,
    messages: tally.messages,
    batches,
  };
};
