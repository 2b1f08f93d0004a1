import { and, asc, eq, gt, lte, sql } from 'drizzle-orm';
import { inIds } from '../../db/conditions.js';
import type { CustomerSnapshot } from '../../../core/segment/evaluate.js';
import type { Queryable } from '../../db/index.js';
import { customers as c, customerTags, events, holdings, products } from '../../db/schema.js';
import { holdingValueFen } from './compile.js';

/**
 * Snapshots of customers for the in-memory evaluator (per-event checks): the attribute columns, the current
 * tags, the events of the last `eventDays` days up to `asOf`, and the holdings valued as the compiler values
 * them. Reads only rows of the given customers (every query filters on customer_id); `eventDays` ≤ 0 reads no events.
 */
export const loadSnapshots = async (
  db: Queryable,
  ids: readonly number[],
  asOf: Date,
  eventDays = 3650,
): Promise<CustomerSnapshot[]> => {
  if (ids.length === 0) return [];
  const list = [...ids];
  const from = new Date(asOf.getTime() - eventDays * 86_400_000);
  const [rows, tags, evs, hs] = await Promise.all([
    db.orm
      .select({
        id: c.id,
        birthDate: c.birthDate,
        aumFen: c.aumFen,
        riskLevel: c.riskLevel,
        tier: c.tier,
        grade: c.grade,
        lifecycle: c.lifecycle,
        cityTier: c.cityTier,
        county: c.county,
        payroll: c.payroll,
        elderly: c.elderly,
        carOwner: c.carOwner,
        onboardedAt: c.onboardedAt,
        segment: c.segment,
        riskAssessedAt: c.riskAssessedAt,
        rmId: c.rmId,
      })
      .from(c)
      .where(inIds(c.id, list))
      .orderBy(asc(c.id)),
    db.orm
      .select({ customerId: customerTags.customerId, tag: customerTags.tagKey })
      .from(customerTags)
      .where(inIds(customerTags.customerId, list)),
    // No event window (no rule counts events): no events to read.
    eventDays <= 0
      ? Promise.resolve([])
      : db.orm
          .select({ customerId: events.customerId, type: events.type, at: events.at })
          .from(events)
          .where(and(inIds(events.customerId, list), gt(events.at, from), lte(events.at, asOf))),
    db.orm
      .select({
        customerId: holdings.customerId,
        productType: products.type,
        productRisk: products.riskLevel,
        valueFen: sql<number>`${holdingValueFen()}`.mapWith(Number),
      })
      .from(holdings)
      .innerJoin(products, eq(products.code, holdings.productCode))
      .where(inIds(holdings.customerId, list)),
  ]);
  const group = <T extends { customerId: number }>(xs: T[]) => {
    const m = new Map<number, T[]>();
    for (const x of xs) {
      const l = m.get(x.customerId);
      if (l === undefined) m.set(x.customerId, [x]);
      else l.push(x);
    }
    return m;
  };
  const t = group(tags);
  const e = group(evs);
  const h = group(hs);
  return rows.map((r) => ({
    ...r,
    tags: (t.get(r.id) ?? []).map((x) => x.tag),
    events: (e.get(r.id) ?? []).map((x) => ({ type: x.type, at: x.at })),
    holdings: (h.get(r.id) ?? []).map((x) => ({
      productType: x.productType,
      productRisk: x.productRisk,
      valueFen: x.valueFen,
    })),
  }));
};
