import { inArray, sql } from 'drizzle-orm';
import { marketCommentary } from '../../../core/advisory/commentary/commentary.js';
import type { SuitabilityPolicy } from '../../../core/suitability/policy.js';
import type { Queryable } from '../../db/index.js';
import { holdings, indices, products } from '../../db/schema.js';
import { recommendedProductCodes } from '../../../core/advisory/recommend/rank.js';
import { attributionOf, heldUnits, stateOf } from '../advisory/engines.js';
import { loadBundles } from '../advisory/service.js';
import { advisoryShelf, type AdvisoryShelf } from '../advisory/shelf.js';
import { chinaDate } from '../customers/service.js';
import type { RunContext } from './state.js';

/**
 * What MOT messages say, from the engines that already exist: the recommender's picks (never above the customer's
 * level; none with an expired assessment), the market commentary for index moves, the attribution of a falling
 * holding. A customer the engine refuses simply gets no picks or no attribution sentence — the outbox's guard
 * checks the final text and products again.
 */

/**
 * The run context with the advisory shelf of `now`'s day when an enabled rule recommends products. Read through
 * `db` (the pool, outside any transaction: on PGlite a read beside an open transaction would wait for it), from
 * the per-database cache that a new NAV day or product invalidates.
 */
export const withShelf = async (db: Queryable, ctx: RunContext, now: Date): Promise<RunContext> =>
  ctx.rules.some((r) => r.enabled && r.actions.message?.products === 'recommend')
    ? { ...ctx, shelf: await advisoryShelf(db, chinaDate(now)) }
    : ctx;

/** What a MOT message recommends for: growth of 10万 over three years, three products at most. */
const REQUEST = { purpose: 'growth', amountFen: 10_000_000, horizonMonths: 36, limit: 3 } as const;

/**
 * Up to three suitable product codes per customer (empty when the recommender refuses). `cached`: the run's
 * shelf when it is of the same day (else it is read through `db`).
 */
export const recommendedCodes = async (
  db: Queryable,
  ids: readonly number[],
  now: Date,
  policy: SuitabilityPolicy | undefined,
  cached?: AdvisoryShelf,
): Promise<Map<number, string[]>> => {
  const out = new Map<number, string[]>();
  if (ids.length === 0) return out;
  const today = chinaDate(now);
  const [bundles, shelf] = await Promise.all([
    loadBundles(db, ids, { transactions: false }),
    cached !== undefined && cached.asOf === today ? cached : advisoryShelf(db, today),
  ]);
  // The core ranker alone, codes only: MOT needs the codes, not the reasons' texts the HTTP answer guards (never
  // sent here; the message's own text and products go through the outbox's guard). A refusal (assessment expired
  // or missing) gives no picks.
  for (const [id, b] of bundles) {
    try {
      const codes = recommendedProductCodes({
        asOf: today,
        customer: stateOf(b.facts, today),
        holdings: heldUnits(b, shelf),
        shelf: shelf.ctx,
        managers: shelf.managers,
        request: REQUEST,
        ...(policy === undefined ? {} : { suitabilityPolicy: policy }),
      });
      out.set(id, codes ?? []);
    } catch {
      // Stored facts the engine cannot judge (an assessment dated after today): no picks, as a refusal.
      out.set(id, []);
    }
  }
  return out;
};

/** The attribution sentence of a holding's move over the last 30 days, or '' when it cannot be explained. */
export const attributionTexts = async (
  db: Queryable,
  items: readonly { customerId: number; code: string }[],
  now: Date,
  policy: SuitabilityPolicy | undefined,
): Promise<Map<string, { zh: string; en: string }>> => {
  const out = new Map<string, { zh: string; en: string }>();
  if (items.length === 0) return out;
  const today = chinaDate(now);
  const [bundles, shelf] = await Promise.all([
    loadBundles(
      db,
      items.map((i) => i.customerId),
      { transactions: false },
    ),
    advisoryShelf(db, today),
  ]);
  for (const i of items) {
    const b = bundles.get(i.customerId);
    if (b === undefined) continue;
    try {
      const a = attributionOf(b, shelf, i.code, 30, today, policy);
      out.set(`${i.customerId}|${i.code}`, { zh: a.explanation, en: a.explanation_en });
    } catch {
      // No NAV window or not explainable: the message goes without the sentence.
    }
  }
  return out;
};

/**
 * The commentary on an index move for each customer, naming what it meant for their holdings (funds tracking
 * the index are estimated from its move).
 */
export const commentaryTexts = async (
  db: Queryable,
  ids: readonly number[],
  move: { index: string; change: number; at: Date },
): Promise<Map<number, { zh: string; en: string }>> => {
  const out = new Map<number, { zh: string; en: string }>();
  if (ids.length === 0) return out;
  const [idx] = await db.orm
    .select()
    .from(indices)
    .where(inArray(indices.code, [move.index]));
  const name = { zh: idx?.name ?? move.index, en: move.index };
  const rows = await db.orm
    .select({
      customerId: holdings.customerId,
      code: products.code,
      type: products.type,
      risk: products.riskLevel,
      benchmarkIndex: products.benchmarkIndex,
    })
    .from(holdings)
    .innerJoin(products, sql`${products.code} = ${holdings.productCode}`)
    .where(sql`${inArray(holdings.customerId, [...ids])} and ${holdings.units} > 0`);
  const held = new Map<number, typeof rows>();
  for (const r of rows) held.set(r.customerId, [...(held.get(r.customerId) ?? []), r]);
  const date = chinaDate(move.at);
  for (const id of ids) {
    const c = marketCommentary({
      date,
      session: 'close',
      indices: [{ code: move.index, name, change: move.change }],
      holdings: (held.get(id) ?? []).map((h) => ({
        code: h.code,
        type: h.type,
        risk: h.risk,
        benchmarkIndex: h.benchmarkIndex,
      })),
    });
    out.set(id, c.text);
  }
  return out;
};
