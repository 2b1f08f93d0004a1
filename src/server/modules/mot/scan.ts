import { sql } from 'drizzle-orm';
import { addDays } from '../../../core/advisory/days.js';
import { percentText } from '../../../core/engagement/evaluate.js';
import type { MotRule, Scan, ScheduleTrigger } from '../../../core/engagement/mot-rule.js';
import { isScheduleTrigger } from '../../../core/engagement/mot-rule.js';
import { DEFAULT_POLICY, type SuitabilityPolicy } from '../../../core/suitability/policy.js';
import { assessmentCutoff } from '../../../core/suitability/validity.js';
import type { Database, Queryable } from '../../db/index.js';
import { customers as c, events, holdings, navLatest, products, transactions } from '../../db/schema.js';
import { chinaDate } from '../customers/service.js';
import { attributionTexts, withShelf } from './content.js';
import type { Candidate } from './fire.js';
import { fireCandidates } from './fire.js';
import { eventDaysOf } from './rules.js';
import type { MotCounts, MotDeps, RunContext } from './state.js';
import { addCounts, loadContext, loadStates, zeroCounts } from './state.js';

/**
 * The daily triggers (maturity in N days, assessment expiring, birthdays, repeat views without a purchase,
 * holdings down beyond a threshold), found with one set query per scan and fired like events. Idempotent by the
 * same firing keys: a scan run twice on a day (or by two workers) creates nothing new — the subject (product and
 * maturity date, assessment date, year) is part of the key.
 */
type Hit = {
  customer_id: number;
  subject: string;
  product?: string;
  code?: string;
  date?: string;
  x?: number;
};

const live = sql`${c.mergedInto} is null and ${c.status} <> 'closed'`;

const scanRows = async (
  db: Queryable,
  scan: Scan,
  t: ScheduleTrigger,
  now: Date,
  policy: SuitabilityPolicy = DEFAULT_POLICY,
): Promise<Hit[]> => {
  const today = chinaDate(now);
  const days = t.days ?? (scan === 'assessment_expiry' ? 30 : 7);
  switch (scan) {
    case 'maturity':
      return db.rows<Hit>(sql`
        select h.customer_id, p.code || '@' || p.maturity_date as subject, p.name as product, p.code,
               p.maturity_date::text as date
          from ${holdings} h join ${products} p on p.code = h.product_code
          join ${c} on ${c.id} = h.customer_id and ${live}
         where h.units > 0 and p.maturity_date >= ${today}::date and p.maturity_date <= ${addDays(today, days)}::date`);
    case 'assessment_expiry': {
      const months = policy.validityMonths.bank;
      const from = assessmentCutoff(policy, 'bank', today);
      const to = assessmentCutoff(policy, 'bank', addDays(today, days));
      return db.rows<Hit>(sql`
        select ${c.id} as customer_id, ${c.riskAssessedAt}::text as subject,
               (${c.riskAssessedAt} + make_interval(months => ${months}::int))::date::text as date
          from ${c} where ${live} and ${c.riskAssessedAt} >= ${from}::date and ${c.riskAssessedAt} < ${to}::date`);
    }
    case 'birthday':
      return db.rows<Hit>(sql`
        select ${c.id} as customer_id, ${today.slice(0, 4)} as subject from ${c}
         where ${live} and to_char(${c.birthDate}, 'MM-DD') = ${today.slice(5)}`);
    case 'repeat_view': {
      const from = new Date(now.getTime() - days * 86_400_000).toISOString();
      return db.rows<Hit>(sql`
        select v.customer_id, v.code as subject, v.code, coalesce(p.name, v.code) as product
          from (select e.customer_id, e.payload->>'product_code' as code, count(*) as n
                  from ${events} e
                 where e.type = 'page_view' and e.at > ${from}::timestamptz and e.at <= ${now.toISOString()}::timestamptz
                 group by 1, 2 having count(*) >= ${t.minCount ?? 3}::int) v
          join ${c} on ${c.id} = v.customer_id and ${live}
          left join ${products} p on p.code = v.code
         where not exists (select 1 from ${transactions} x
                            where x.customer_id = v.customer_id and x.product_code = v.code and x.type = 'purchase'
                              and x.trade_date > ${addDays(today, -days)}::date)`);
    }
    case 'drawdown':
      return db.rows<Hit>(sql`
        select h.customer_id, p.code as subject, p.code, p.name as product,
               (h.units * n.unit * 100 - h.cost_fen) / h.cost_fen as x
          from ${holdings} h join ${products} p on p.code = h.product_code
          join ${navLatest} n on n.product_code = h.product_code
          join ${c} on ${c.id} = h.customer_id and ${live}
         where h.units > 0 and h.cost_fen > 0
           and h.units * n.unit * 100 <= h.cost_fen * (1 - ${t.threshold ?? 0.1}::numeric)`);
  }
};

const candidateOf = (scan: Scan, h: Hit, now: Date): Candidate => {
  const x = h.x === undefined || h.x === null ? undefined : percentText(Number(h.x));
  return {
    customerId: Number(h.customer_id),
    trigger: { kind: 'scan', scan, at: now, subject: h.subject },
    facts: { product: h.product, date: h.date, change: x },
    ...(h.code === undefined || h.code === null ? {} : { productCode: h.code }),
  };
};

/** Adds the attribution sentence to drawdown candidates. */
const withAttribution = async (
  db: Queryable,
  cands: Candidate[],
  now: Date,
  deps: MotDeps,
): Promise<Candidate[]> => {
  const items = cands.flatMap((x) =>
    x.productCode === undefined ? [] : [{ customerId: x.customerId, code: x.productCode }],
  );
  const texts = await attributionTexts(db, items, now, deps.policy);
  return cands.map((x) => {
    const t = texts.get(`${x.customerId}|${x.productCode ?? ''}`);
    return {
      ...x,
      facts: { ...x.facts, attribution: t === undefined ? '' : `${t.zh}` },
      factsEn: { ...x.facts, attribution: t === undefined ? '' : `${t.en} ` },
    };
  });
};

const CHUNK = 500;

/** Runs one scan of one rule trigger and fires its hits, a chunk of customers per transaction. */
const runScan = async (
  db: Database,
  rule: MotRule & { trigger: ScheduleTrigger },
  now: Date,
  deps: MotDeps,
  ctx: RunContext,
): Promise<MotCounts> => {
  const hits = await scanRows(db, rule.trigger.scan, rule.trigger, now, deps.policy);
  let total = zeroCounts();
  for (let i = 0; i < hits.length; i += CHUNK) {
    let cands = hits.slice(i, i + CHUNK).map((h) => candidateOf(rule.trigger.scan, h, now));
    if (rule.trigger.scan === 'drawdown') cands = await withAttribution(db, cands, now, deps);
    const counts = await db.transaction(async (tx) => {
      const states = await loadStates(
        tx,
        cands.map((x) => x.customerId),
        now,
        eventDaysOf(ctx.rules),
      );
      // Only this rule is evaluated for its own scan (two rules sharing a scan each run their own query).
      return fireCandidates(tx, cands, states, now, deps, { ...ctx, rules: [rule] });
    });
    total = addCounts(total, counts);
  }
  return total;
};

/** Runs every enabled scheduled rule for the day of `now`. Idempotent by the firing keys. */
export const scanSchedules = async (db: Database, now: Date, deps: MotDeps): Promise<MotCounts> => {
  const ctx = await withShelf(db, await loadContext(db), now);
  let total = zeroCounts();
  for (const rule of ctx.rules) {
    if (!rule.enabled || !isScheduleTrigger(rule.trigger)) continue;
    total = addCounts(
      total,
      await runScan(db, rule as MotRule & { trigger: ScheduleTrigger }, now, deps, ctx),
    );
  }
  return total;
};

/** The scan hits of one rule as candidates, without firing (for the dry run). */
export const scanCandidates = async (
  db: Queryable,
  rule: MotRule & { trigger: ScheduleTrigger },
  now: Date,
): Promise<Candidate[]> =>
  (await scanRows(db, rule.trigger.scan, rule.trigger, now)).map((h) =>
    candidateOf(rule.trigger.scan, h, now),
  );
