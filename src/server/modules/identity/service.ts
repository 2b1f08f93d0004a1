import { and, desc, eq, sql } from 'drizzle-orm';
import { AppError } from '../../../core/errors.js';
import { actorOf, writeAudit } from '../../auth/audit.js';
import type { Principal } from '../../auth/principal.js';
import type { AppDeps } from '../../http/deps.js';
import type { Queryable } from '../../db/index.js';
import { customers as c, customerIdentities as ci, customerMerges, events } from '../../db/schema.js';
import type { IdentityChannel } from '../../db/schema.js';

/**
 * ONE-ID: one customer behind many channel identities (phone, ECIF, app user id, WeChat unionid/openid, WeCom
 * external id). `resolve` answers which live customer a channel value belongs to, following merges; identities
 * shared by several live customers are conflicts, reported and never silently merged. Merges fold a duplicate
 * record into a survivor (its events move to the survivor; `customers.merged_into` points at it) and can be undone:
 * the moved events go back, recorded by id in customer_merges.
 */
export const RESOLVE_BY = ['customer_id', 'phone', 'ecif', 'app_user', 'unionid', 'openid', 'wecom'] as const;
export type ResolveBy = (typeof RESOLVE_BY)[number];

const CHANNEL: Readonly<Record<Exclude<ResolveBy, 'customer_id'>, IdentityChannel>> = {
  phone: 'phone',
  ecif: 'ecif',
  app_user: 'app',
  unionid: 'wechat_unionid',
  openid: 'wechat_openid',
  wecom: 'wecom_external',
};

/** Follows merged_into to the surviving record (bounded: merges never chain more than a few steps). */
const survivorOf = async (db: Queryable, id: number): Promise<number | null> => {
  let cur = id;
  for (let i = 0; i < 16; i++) {
    const [r] = await db.orm.select({ mergedInto: c.mergedInto }).from(c).where(eq(c.id, cur));
    if (r === undefined) return null;
    if (r.mergedInto === null) return cur;
    cur = r.mergedInto;
  }
  throw new AppError('CONFLICT', `customer ${id}: merge chain too long`, { id });
};

/** The live customer of a channel value, null when unknown; CONFLICT when it names several live customers. */
export const resolveCustomer = async (
  db: Queryable,
  by: ResolveBy,
  value: string,
): Promise<number | null> => {
  if (by === 'customer_id') {
    const id = Number(value);
    return Number.isSafeInteger(id) && id > 0 ? survivorOf(db, id) : null;
  }
  const rows = await db.orm
    .selectDistinct({ id: ci.customerId })
    .from(ci)
    .where(and(eq(ci.channel, CHANNEL[by]), eq(ci.value, value)));
  const live = new Set<number>();
  for (const r of rows) {
    const s = await survivorOf(db, r.id);
    if (s !== null) live.add(s);
  }
  if (live.size > 1)
    throw new AppError(
      'CONFLICT',
      `${by} ${value} belongs to several customers; resolve the conflict first`,
      {
        by,
        customers: [...live].sort((a, b) => a - b),
      },
    );
  return live.size === 1 ? [...live][0]! : null;
};

export type MergeCandidate = {
  survivor: number;
  merged: number;
  rule: 'verified_phone' | 'ecif';
  value: string;
};
export type IdentityConflict = { channel: string; value: string; customers: number[]; reason: string };

/**
 * Deterministic merge rules: two live customers sharing a verified phone, or sharing an ECIF number, are the same
 * person — unless they hold different ECIF numbers (then it is a conflict to look at). Any other identity shared
 * by live customers is a conflict. The survivor is the older record (lower id).
 */
export const mergeCandidates = async (
  db: Queryable,
): Promise<{ merges: MergeCandidate[]; conflicts: IdentityConflict[] }> => {
  const shared = await db.rows<{ channel: string; value: string; ids: number[]; verified: boolean[] }>(sql`
    SELECT ${ci.channel} AS channel, ${ci.value} AS value,
      array_agg(${ci.customerId} ORDER BY ${ci.customerId})::bigint[] AS ids,
      array_agg(${ci.verified} ORDER BY ${ci.customerId}) AS verified
    FROM ${ci} JOIN ${c} ON ${c.id} = ${ci.customerId}
    WHERE ${c.mergedInto} IS NULL
    GROUP BY ${ci.channel}, ${ci.value} HAVING count(DISTINCT ${ci.customerId}) > 1
    ORDER BY 1, 2`);
  const ecifOf = new Map<number, string[]>();
  const ids = [...new Set(shared.flatMap((s) => s.ids.map(Number)))];
  if (ids.length > 0) {
    const rows = await db.rows<{ id: number; value: string }>(
      sql`SELECT ${ci.customerId} AS id, ${ci.value} AS value FROM ${ci}
          WHERE ${ci.channel} = 'ecif' AND ${ci.customerId} IN (${sql.join(
            ids.map((i) => sql`${i}`),
            sql`, `,
          )})`,
    );
    for (const r of rows) ecifOf.set(Number(r.id), [...(ecifOf.get(Number(r.id)) ?? []), r.value]);
  }
  const merges: MergeCandidate[] = [];
  const conflicts: IdentityConflict[] = [];
  for (const s of shared) {
    const list = s.ids.map(Number);
    const ecifs = new Set(list.flatMap((i) => ecifOf.get(i) ?? []));
    const allVerified = s.verified.every(Boolean);
    if (s.channel === 'ecif' || (s.channel === 'phone' && allVerified && ecifs.size <= 1)) {
      for (const m of list.slice(1))
        merges.push({
          survivor: list[0]!,
          merged: m,
          rule: s.channel === 'ecif' ? 'ecif' : 'verified_phone',
          value: s.value,
        });
    } else {
      conflicts.push({
        channel: s.channel,
        value: s.value,
        customers: list,
        reason:
          s.channel === 'phone' && ecifs.size > 1
            ? 'same phone, different ECIF numbers'
            : !allVerified
              ? 'shared by an unverified identity'
              : `shared ${s.channel} (no deterministic rule merges on it)`,
      });
    }
  }
  return { merges, conflicts };
};

/** Folds `merged` into `survivor`: its events move to the survivor; recorded so that unmerge restores them. */
export const mergeCustomers = async (
  db: Queryable,
  m: { survivor: number; merged: number; rule: string; by: string; reason: string | null; at: Date },
): Promise<number> => {
  if (m.survivor === m.merged)
    throw new AppError('BAD_INPUT', 'merged: a customer cannot merge into itself', { field: 'merged' });
  const live = await db.orm
    .select({ id: c.id, mergedInto: c.mergedInto })
    .from(c)
    .where(sql`${c.id} IN (${m.survivor}, ${m.merged})`);
  for (const id of [m.survivor, m.merged]) {
    const r = live.find((x) => x.id === id);
    if (r === undefined) throw new AppError('NOT_FOUND', `customer ${id} not found`, { id });
    if (r.mergedInto !== null)
      throw new AppError('CONFLICT', `customer ${id} is already merged into ${r.mergedInto}`, { id });
  }
  // Delete + insert rather than UPDATE of customer_id (the Citus distribution column cannot be updated).
  const moved = await db.rows<{ id: number }>(sql`WITH moved AS (
      DELETE FROM ${events} WHERE ${events.customerId} = ${m.merged} RETURNING *)
    INSERT INTO ${events} (customer_id, id, at, type, channel, payload)
      SELECT ${m.survivor}, id, at, type, channel, payload FROM moved RETURNING id`);
  await db.orm.update(c).set({ mergedInto: m.survivor }).where(eq(c.id, m.merged));
  const [row] = await db.orm
    .insert(customerMerges)
    .values({
      customerId: m.survivor,
      mergedCustomerId: m.merged,
      rule: m.rule,
      status: 'merged',
      moved: { events: moved.map((r) => Number(r.id)).sort((a, b) => a - b) },
      at: m.at,
      by: m.by,
      reason: m.reason,
    })
    .returning({ id: customerMerges.id });
  return row!.id;
};

/** Undoes a merge: the events it moved go back to the merged record, which stands on its own again. */
export const unmergeCustomers = async (
  db: Queryable,
  u: { survivor: number; mergeId: number; by: string; at: Date },
): Promise<{ merged: number; events: number }> => {
  const [m] = await db.orm
    .select()
    .from(customerMerges)
    .where(and(eq(customerMerges.customerId, u.survivor), eq(customerMerges.id, u.mergeId)))
    .orderBy(desc(customerMerges.id));
  if (m === undefined)
    throw new AppError('NOT_FOUND', `merge ${u.mergeId} of customer ${u.survivor} not found`, u);
  if (m.status !== 'merged') throw new AppError('CONFLICT', `merge ${u.mergeId} was already undone`, u);
  const ids = ((m.moved as { events?: number[] }).events ?? []).map(Number);
  let back = 0;
  if (ids.length > 0) {
    const rows = await db.rows<{ id: number }>(sql`WITH back AS (
        DELETE FROM ${events} WHERE ${events.customerId} = ${u.survivor}
          AND ${events.id} IN (${sql.join(
            ids.map((i) => sql`${i}`),
            sql`, `,
          )}) RETURNING *)
      INSERT INTO ${events} (customer_id, id, at, type, channel, payload)
        SELECT ${m.mergedCustomerId}, id, at, type, channel, payload FROM back RETURNING id`);
    back = rows.length;
  }
  await db.orm.update(c).set({ mergedInto: null }).where(eq(c.id, m.mergedCustomerId));
  await db.orm
    .update(customerMerges)
    .set({ status: 'unmerged', unmergedAt: u.at, unmergedBy: u.by })
    .where(and(eq(customerMerges.customerId, u.survivor), eq(customerMerges.id, u.mergeId)));
  return { merged: m.mergedCustomerId, events: back };
};

export const manualMerge = async (
  deps: AppDeps,
  p: Principal,
  body: { survivor: number; merged: number; reason: string },
  requestId: string,
): Promise<{ mergeId: number }> =>
  deps.db.transaction(async (tx) => {
    const mergeId = await mergeCustomers(tx, {
      ...body,
      rule: 'manual',
      by: `staff:${p.id}`,
      at: deps.now(),
    });
    await writeAudit(tx, actorOf(p), requestId, [
      {
        action: 'customer.merge',
        targetKind: 'customer',
        target: String(body.merged),
        customerId: body.survivor,
        details: { survivor: body.survivor, merged: body.merged, mergeId, reason: body.reason },
      },
    ]);
    return { mergeId };
  });

export const manualUnmerge = async (
  deps: AppDeps,
  p: Principal,
  body: { survivor: number; mergeId: number; reason: string },
  requestId: string,
): Promise<{ merged: number; events: number }> =>
  deps.db.transaction(async (tx) => {
    const r = await unmergeCustomers(tx, {
      survivor: body.survivor,
      mergeId: body.mergeId,
      by: `staff:${p.id}`,
      at: deps.now(),
    });
    await writeAudit(tx, actorOf(p), requestId, [
      {
        action: 'customer.unmerge',
        targetKind: 'customer',
        target: String(r.merged),
        customerId: body.survivor,
        details: { mergeId: body.mergeId, events: r.events, reason: body.reason },
      },
    ]);
    return r;
  });
