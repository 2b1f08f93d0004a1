import { and, asc, count, eq, sql } from 'drizzle-orm';
import { AppError } from '../../../core/errors.js';
import type { Principal } from '../../auth/principal.js';
import { scopeCondition, scopeOf } from '../../auth/principal.js';
import { actorOf, writeAudit } from '../../auth/audit.js';
import type { AppDeps } from '../../http/deps.js';
import type { Queryable } from '../../db/index.js';
import { customers as c, customerTagHistory, customerTags, tagDefinitions } from '../../db/schema.js';
import type { TagSource } from '../../db/schema.js';

/**
 * Sets one tag on one customer (manual tags from an RM, conversation tags from the conversation analyser):
 * upserts the current row and appends a history row with the previous value. Returns whether anything changed.
 */
export const setCustomerTag = async (
  db: Queryable,
  t: {
    customerId: number;
    key: string;
    source: TagSource;
    by: string;
    reason: string | null;
    score?: string | null;
    at: Date;
  },
): Promise<boolean> => {
  const [prev] = await db.orm
    .select()
    .from(customerTags)
    .where(and(eq(customerTags.customerId, t.customerId), eq(customerTags.tagKey, t.key)));
  if (prev !== undefined && prev.source === t.source && (prev.score ?? null) === (t.score ?? null))
    return false;
  await db.orm
    .insert(customerTags)
    .values({
      customerId: t.customerId,
      tagKey: t.key,
      source: t.source,
      score: t.score ?? null,
      setAt: t.at,
      setBy: t.by,
      reason: t.reason,
    })
    .onConflictDoUpdate({
      target: [customerTags.customerId, customerTags.tagKey],
      set: { source: t.source, score: t.score ?? null, setAt: t.at, setBy: t.by, reason: t.reason },
    });
  await db.orm.insert(customerTagHistory).values({
    customerId: t.customerId,
    tagKey: t.key,
    action: 'set',
    source: t.source,
    previous:
      prev === undefined
        ? null
        : {
            source: prev.source,
            score: prev.score,
            set_at: prev.setAt.toISOString(),
            set_by: prev.setBy,
            reason: prev.reason,
          },
    at: t.at,
    by: t.by,
    reason: t.reason,
  });
  return true;
};

/** Removes one tag from one customer with a history row keeping the removed value. */
export const removeCustomerTag = async (
  db: Queryable,
  t: { customerId: number; key: string; by: string; reason: string | null; at: Date },
): Promise<boolean> => {
  const [prev] = await db.orm
    .delete(customerTags)
    .where(and(eq(customerTags.customerId, t.customerId), eq(customerTags.tagKey, t.key)))
    .returning();
  if (prev === undefined) return false;
  await db.orm.insert(customerTagHistory).values({
    customerId: t.customerId,
    tagKey: t.key,
    action: 'removed',
    source: prev.source,
    previous: {
      source: prev.source,
      score: prev.score,
      set_at: prev.setAt.toISOString(),
      set_by: prev.setBy,
      reason: prev.reason,
    },
    at: t.at,
    by: t.by,
    reason: t.reason,
  });
  return true;
};

/** The tag catalogue with the number of customers in the caller's scope holding each tag. */
export const tagCatalogue = async (deps: AppDeps, p: Principal) => {
  const counts = await deps.db.orm
    .select({ key: customerTags.tagKey, n: count() })
    .from(customerTags)
    .innerJoin(c, eq(c.id, customerTags.customerId))
    .where(scopeCondition(scopeOf(p)))
    .groupBy(customerTags.tagKey);
  const byKey = new Map(counts.map((r) => [r.key, r.n]));
  const defs = await deps.db.orm.select().from(tagDefinitions).orderBy(asc(tagDefinitions.key));
  return {
    items: defs.map((d) => ({
      key: d.key,
      name: d.name,
      kind: d.kind,
      description: d.description,
      rule: d.rule,
      score: d.score,
      threshold: d.threshold === null ? null : Number(d.threshold),
      count: byKey.get(d.key) ?? 0,
    })),
  };
};

const customerInScope = async (deps: AppDeps, p: Principal, id: number): Promise<void> => {
  const [r] = await deps.db.orm
    .select({ inScope: sql<boolean>`${scopeCondition(scopeOf(p))}` })
    .from(c)
    .where(eq(c.id, id));
  if (r === undefined) throw new AppError('NOT_FOUND', `customer ${id} not found`, { id });
  if (!r.inScope) throw new AppError('FORBIDDEN', `customer ${id} is outside your scope`, { id });
};

const manualDefinition = async (db: Queryable, key: string): Promise<void> => {
  const [d] = await db.orm.select().from(tagDefinitions).where(eq(tagDefinitions.key, key));
  if (d === undefined)
    throw new AppError('NOT_FOUND', `tag "${key}" is not in the catalogue (GET /api/tags)`, { key });
  if (d.kind !== 'manual')
    throw new AppError('CONFLICT', `tag "${key}" is ${d.kind}-based: the platform sets it, not a person`, {
      key,
    });
};

/** An RM (own customers) or operations sets a manual tag with a reason; audited. */
export const tagCustomer = async (
  deps: AppDeps,
  p: Principal,
  id: number,
  body: { key: string; reason: string },
  requestId: string,
): Promise<{ changed: boolean }> => {
  await customerInScope(deps, p, id);
  await manualDefinition(deps.db, body.key);
  const changed = await deps.db.transaction(async (tx) => {
    const ch = await setCustomerTag(tx, {
      customerId: id,
      key: body.key,
      source: 'manual',
      by: `staff:${p.id}`,
      reason: body.reason,
      at: deps.now(),
    });
    await writeAudit(tx, actorOf(p), requestId, [
      {
        action: 'tag.set',
        targetKind: 'customer',
        target: String(id),
        customerId: id,
        details: { tag: body.key, reason: body.reason },
      },
    ]);
    return ch;
  });
  return { changed };
};

export const untagCustomer = async (
  deps: AppDeps,
  p: Principal,
  id: number,
  key: string,
  reason: string,
  requestId: string,
): Promise<{ changed: boolean }> => {
  await customerInScope(deps, p, id);
  await manualDefinition(deps.db, key);
  const changed = await deps.db.transaction(async (tx) => {
    const ch = await removeCustomerTag(tx, {
      customerId: id,
      key,
      by: `staff:${p.id}`,
      reason,
      at: deps.now(),
    });
    await writeAudit(tx, actorOf(p), requestId, [
      {
        action: 'tag.remove',
        targetKind: 'customer',
        target: String(id),
        customerId: id,
        details: { tag: key, reason },
      },
    ]);
    return ch;
  });
  return { changed };
};

export const tagHistory = async (deps: AppDeps, p: Principal, id: number) => {
  await customerInScope(deps, p, id);
  const rows = await deps.db.orm
    .select()
    .from(customerTagHistory)
    .where(eq(customerTagHistory.customerId, id))
    .orderBy(asc(customerTagHistory.id));
  return {
    items: rows.map((r) => ({
      key: r.tagKey,
      action: r.action,
      source: r.source,
      previous: r.previous,
      at: r.at.toISOString(),
      by: r.by,
      reason: r.reason,
    })),
  };
};
