import { eq, sql } from 'drizzle-orm';
import { inIds } from '../../db/conditions.js';
import type { CustomerSnapshot } from '../../../core/segment/evaluate.js';
import type { SuitabilityPolicy } from '../../../core/suitability/policy.js';
import type { Queryable } from '../../db/index.js';
import { customers as c, orgUnits, staff } from '../../db/schema.js';
import { loadSnapshots } from '../segments/snapshots.js';
import type { MotRule } from '../../../core/engagement/mot-rule.js';
import type { AdvisoryShelf } from '../advisory/shelf.js';
import type { SwitchRow } from './rules.js';
import { loadRules, loadSwitches } from './rules.js';

/**
 * The customers' state for one batch, in a few set queries (never one query per customer): the segment snapshot
 * the conditions are evaluated on, and the facts scripts and assignment need.
 */

/** Hands messages to the outbox (`enqueueMessages`, run inside the batch's transaction). */
export type { Enqueue } from '../outbox/service.js';
import type { Enqueue } from '../outbox/service.js';

export type MotDeps = {
  enqueue: Enqueue;
  /** The institution's suitability policy for the recommender and assessment validity (default: DEFAULT_POLICY). */
  policy?: SuitabilityPolicy;
  /** Receipts claimed per transaction (default 5000: bench/engagement.ts evaluated 2.0× faster than at 500). */
  batchSize?: number;
};

/** The contract counts of `caiban mot run` (../shared/CLI.md "Engagement"). */
export type MotCounts = {
  leads_created: number;
  messages_queued: number;
  messages_deferred: number;
  messages_suppressed: number;
};

export const zeroCounts = (): MotCounts => ({
  leads_created: 0,
  messages_queued: 0,
  messages_deferred: 0,
  messages_suppressed: 0,
});

export const addCounts = (a: MotCounts, b: MotCounts): MotCounts => ({
  leads_created: a.leads_created + b.leads_created,
  messages_queued: a.messages_queued + b.messages_queued,
  messages_deferred: a.messages_deferred + b.messages_deferred,
  messages_suppressed: a.messages_suppressed + b.messages_suppressed,
});

export type CustomerState = {
  snapshot: CustomerSnapshot;
  name: string;
  gender: 'M' | 'F';
  orgUnitId: string;
  branchId: string | null;
  rmId: number | null;
};

/** What one run reads once: the effective rules, the switches and the active RMs of each outlet. */
export type RunContext = {
  rules: readonly MotRule[];
  switches: readonly SwitchRow[];
  rmsByOutlet: ReadonlyMap<string, readonly number[]>;
  /**
   * The advisory shelf of the run's day, loaded once before the first transaction (`withShelf`) when a rule
   * recommends products: without it every batch would rebuild it from the NAV table inside its transaction.
   */
  shelf?: AdvisoryShelf;
};

export const loadContext = async (db: Queryable): Promise<RunContext> => {
  const [rules, switches, rms] = await Promise.all([
    loadRules(db),
    loadSwitches(db),
    db.orm
      .select({ id: staff.id, orgUnitId: staff.orgUnitId })
      .from(staff)
      .where(sql`${staff.role} = 'rm' and ${staff.active}`)
      .orderBy(staff.id),
  ]);
  const rmsByOutlet = new Map<string, number[]>();
  for (const r of rms) rmsByOutlet.set(r.orgUnitId, [...(rmsByOutlet.get(r.orgUnitId) ?? []), r.id]);
  return { rules, switches, rmsByOutlet };
};

/** State of the given customers (merged-away records are skipped: ingestion already resolved to survivors). */
export const loadStates = async (
  db: Queryable,
  ids: readonly number[],
  now: Date,
  eventDays: number,
): Promise<Map<number, CustomerState>> => {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const [snaps, facts] = await Promise.all([
    loadSnapshots(db, unique, now, eventDays),
    db.orm
      .select({
        id: c.id,
        name: c.name,
        gender: c.gender,
        orgUnitId: c.orgUnitId,
        branchId: orgUnits.parentId,
        rmId: c.rmId,
        mergedInto: c.mergedInto,
      })
      .from(c)
      .innerJoin(orgUnits, eq(orgUnits.id, c.orgUnitId))
      .where(inIds(c.id, unique)),
  ]);
  const byId = new Map(facts.map((f) => [f.id, f]));
  const out = new Map<number, CustomerState>();
  for (const s of snaps) {
    const f = byId.get(s.id);
    if (f === undefined || f.mergedInto !== null) continue;
    out.set(s.id, {
      snapshot: s,
      name: f.name,
      gender: f.gender,
      orgUnitId: f.orgUnitId,
      branchId: f.branchId,
      rmId: f.rmId,
    });
  }
  return out;
};

/** How a script addresses the customer: surname and title (张先生 / 李女士), not the full name. */
export const addressOf = (s: Pick<CustomerState, 'name' | 'gender'>): { zh: string; en: string } => {
  const surname = Array.from(s.name.trim())[0] ?? '';
  return {
    zh: `${surname}${s.gender === 'M' ? '先生' : '女士'}`,
    en: `${s.gender === 'M' ? 'Mr' : 'Ms'} ${surname}`,
  };
};

/**
 * The RM a lead goes to: the customer's own RM, else one of the active RMs of the customer's outlet chosen by
 * customer id (a stable round-robin: the same customer always reaches the same RM), else none (the branch sees it).
 */
export const assignRm = (st: CustomerState, customerId: number, ctx: RunContext): number | null => {
  if (st.rmId !== null) return st.rmId;
  const rms = ctx.rmsByOutlet.get(st.orgUnitId) ?? [];
  return rms.length === 0 ? null : rms[customerId % rms.length]!;
};
