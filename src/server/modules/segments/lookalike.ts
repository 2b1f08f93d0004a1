import { and, asc, gt, inArray, sql } from 'drizzle-orm';
import type { SQL } from 'drizzle-orm';
import type { LookalikeBody, LookalikeResult } from '../../../contracts/segments.js';
import type { LookalikeProfile } from '../../../core/cdp/lookalike.js';
import { TopK, trainLookalike } from '../../../core/cdp/lookalike.js';
import { businessDate, completedMonths, completedYears } from '../../../core/segment/evaluate.js';
import type { Principal } from '../../auth/principal.js';
import { scopeCondition, scopeOf } from '../../auth/principal.js';
import type { Queryable } from '../../db/index.js';
import { customers as c, events, holdings, products } from '../../db/schema.js';
import type { AppDeps } from '../../http/deps.js';
import { segmentWhere } from './repo.js';
import { segmentRule } from './service.js';

/** Unlabelled customers the model is trained against (a deterministic pseudo-random sample of the scope). */
const UNLABELLED = 5000;
const PAGE = 5000;

/** Profiles of customers matching `where`, id order after `after` (keyset), or a sample by a hash order. */
const profiles = async (
  db: Queryable,
  where: SQL,
  asOf: Date,
  page: { after: number; limit: number } | { sample: number },
): Promise<LookalikeProfile[]> => {
  const today = businessDate(asOf);
  const from = new Date(asOf.getTime() - 90 * 86_400_000);
  const base = db.orm
    .select({
      id: c.id,
      birthDate: c.birthDate,
      onboardedAt: c.onboardedAt,
      aumFen: c.aumFen,
      riskLevel: c.riskLevel,
      tier: c.tier,
      grade: c.grade,
      cityTier: c.cityTier,
      county: c.county,
      payroll: c.payroll,
      carOwner: c.carOwner,
      types: sql<
        string[] | null
      >`(SELECT array_agg(DISTINCT ${products.type}) FROM ${holdings} INNER JOIN ${products} ON ${products.code} = ${holdings.productCode} WHERE ${holdings.customerId} = ${c.id})`,
      recent: sql<number>`(SELECT count(*) FROM ${events} WHERE ${events.customerId} = ${c.id} AND ${events.at} > ${from.toISOString()}::timestamptz AND ${events.at} <= ${asOf.toISOString()}::timestamptz)::int`,
    })
    .from(c);
  const rows =
    'sample' in page
      ? await base
          .where(where)
          .orderBy(sql`md5(${c.id}::text)`)
          .limit(page.sample)
      : await base
          .where(and(where, gt(c.id, page.after)))
          .orderBy(asc(c.id))
          .limit(page.limit);
  return rows.map((r) => ({
    id: r.id,
    age: completedYears(r.birthDate, today),
    tenureMonths: completedMonths(r.onboardedAt, today),
    aumFen: r.aumFen,
    riskLevel: r.riskLevel,
    tier: r.tier,
    grade: r.grade,
    cityTier: r.cityTier,
    county: r.county,
    payroll: r.payroll,
    carOwner: r.carOwner,
    productTypes: r.types ?? [],
    recentEvents: Number(r.recent),
  }));
};

/**
 * Lookalike customers of a seed within the caller's scope: a PU logistic model trained on the seed against a
 * sample of the scope, then every live customer in scope outside the seed scored page by page (bounded memory),
 * the best `size` returned.
 */
export const lookalike = async (
  deps: AppDeps,
  p: Principal,
  body: LookalikeBody,
): Promise<LookalikeResult> => {
  const started = performance.now();
  const asOf = deps.now();
  const scope = scopeOf(p);
  const live = and(scopeCondition(scope), sql`${c.mergedInto} IS NULL`)!;
  const seedWhere =
    body.segmentId !== undefined
      ? segmentWhere(scope, await segmentRule(deps.db, body.segmentId), asOf)
      : and(live, inArray(c.id, body.customerIds!))!;
  const seed: LookalikeProfile[] = [];
  for (let after = 0; ;) {
    const page = await profiles(deps.db, seedWhere, asOf, { after, limit: PAGE });
    seed.push(...page);
    if (page.length < PAGE || seed.length >= 20_000) break;
    after = page[page.length - 1]!.id;
  }
  const unlabelled = await profiles(deps.db, live, asOf, { sample: UNLABELLED });
  const model = trainLookalike(seed, unlabelled);
  const seedIds = new Set(seed.map((s) => s.id));
  const top = new TopK(body.size);
  let scored = 0;
  for (let after = 0; ;) {
    const page = await profiles(deps.db, live, asOf, { after, limit: PAGE });
    const candidates = page.filter((x) => !seedIds.has(x.id));
    const scores = model.score(candidates);
    candidates.forEach((x, i) => top.push(x.id, scores[i]!));
    scored += candidates.length;
    if (page.length < PAGE) break;
    after = page[page.length - 1]!.id;
  }
  return {
    seedSize: seed.length,
    trainedOn: { positives: model.positives, unlabelled: model.unlabelled },
    holdoutAuc: model.holdoutAuc,
    scored,
    customers: top.result().map((x) => ({ id: x.id, score: Math.round(x.score * 10_000) / 10_000 })),
    ms: Math.round(performance.now() - started),
  };
};
