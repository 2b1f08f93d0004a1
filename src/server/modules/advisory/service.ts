import type {
  AlertsResponse,
  InsuranceCompareBody,
  InsuranceCompareResponse,
  InsuranceSelectionBody,
  InsuranceSelectionResponse,
  AttributionResponse,
  CheckupResponse,
  CommentaryQuery,
  CommentaryResponse,
  ManagerRecommendationsResponse,
  RecommendationsQuery,
  RecommendationsResponse,
  StatementQuery,
  StatementResponse,
  TargetsBody,
  TargetsResponse,
} from '../../../contracts/advisory.js';
import { AppError, badInput } from '../../../core/errors.js';
import type { SuitabilityPolicy } from '../../../core/suitability/policy.js';
import { actorOf, writeAudit, type AuditEntry } from '../../auth/audit.js';
import type { Principal } from '../../auth/principal.js';
import type { Queryable } from '../../db/index.js';
import type { AppDeps } from '../../http/deps.js';
import { chinaDate, customerInScope } from '../customers/service.js';
import {
  alertsOf,
  attributionOf,
  checkupOf,
  commentaryOf,
  latestTradingDate,
  managersFor,
  recommendationsOf,
  statementOf,
  targetsOfHolding,
  type CustomerBundle,
} from './engines.js';
import {
  customerFacts,
  deleteTargets,
  holdingsOf,
  targetsOf,
  transactionsOf,
  upsertTargets,
  type TargetRow,
} from './repo.js';
import { advisoryShelf } from './shelf.js';
import { insuranceComparisonOf, insuranceSelectionOf } from './insurance.js';
import { stateOf } from './engines.js';

/**
 * The stored facts of many customers at once (one query per table), keyed by id; `transactions: false`
 * skips the transactions (the check-up and recommendations do not read them).
 */
export const loadBundles = async (
  db: Queryable,
  ids: readonly number[],
  opts: { transactions?: boolean; targets?: boolean } = {},
): Promise<Map<number, CustomerBundle>> => {
  if (ids.length === 0) return new Map();
  const [facts, holdings, txs, targets] = await Promise.all([
    customerFacts(db, ids),
    holdingsOf(db, ids),
    opts.transactions === false ? Promise.resolve([]) : transactionsOf(db, ids),
    opts.targets === true ? targetsOf(db, ids) : Promise.resolve([]),
  ]);
  const out = new Map<number, CustomerBundle>();
  const group = <T extends { customerId: number }>(rows: readonly T[]) => {
    const m = new Map<number, T[]>();
    for (const r of rows) {
      const l = m.get(r.customerId);
      if (l === undefined) m.set(r.customerId, [r]);
      else l.push(r);
    }
    return m;
  };
  const h = group(holdings);
  const t = group(txs);
  const g = group(targets);
  for (const f of facts)
    out.set(f.id, {
      facts: f,
      holdings: h.get(f.id) ?? [],
      transactions: t.get(f.id) ?? [],
      targets: g.get(f.id) ?? [],
    });
  return out;
};

/** One customer's bundle or 404 (no scope check: callers check scope first, or read directly as the CLI). */
export const loadBundle = async (
  db: Queryable,
  id: number,
  opts: { transactions?: boolean; targets?: boolean } = {},
): Promise<CustomerBundle> => {
  const b = (await loadBundles(db, [id], opts)).get(id);
  if (b === undefined) throw new AppError('NOT_FOUND', `customer ${id} not found`, { id });
  return b;
};

/** The advisory engines over a database without HTTP (the CLI twins and the bench use these). */
export type AdvisoryRunner = {
  checkup: (id: number) => Promise<CheckupResponse>;
  statement: (id: number, q: StatementQuery) => Promise<StatementResponse>;
  recommendations: (id: number, q: RecommendationsQuery) => Promise<RecommendationsResponse>;
  /** `asOf` (default today): the last day of the window explained. */
  attribution: (id: number, code: string, days: number, asOf?: string) => Promise<AttributionResponse>;
};

export const advisoryRunner = (db: Queryable, today: string, policy?: SuitabilityPolicy): AdvisoryRunner => ({
  checkup: async (id) =>
    checkupOf(
      await loadBundle(db, id, { transactions: false }),
      await advisoryShelf(db, today),
      today,
      policy,
    ),
  statement: async (id, q) =>
    statementOf(await loadBundle(db, id), await advisoryShelf(db, today), q.from, q.to, today),
  recommendations: async (id, q) =>
    recommendationsOf(
      await loadBundle(db, id, { transactions: false }),
      await advisoryShelf(db, today),
      q,
      today,
      policy,
    ),
  attribution: async (id, code, days, asOf = today) =>
    attributionOf(
      await loadBundle(db, id, { transactions: false }),
      await advisoryShelf(db, asOf),
      code,
      days,
      today,
      policy,
      asOf,
    ),
});

// --------------------------------------------------------------------------------------------- HTTP side

/** The customer in the caller's scope (403/404 as the customer 360, audited) and today's business date. */
const subject = async (deps: AppDeps, p: Principal, id: number, requestId: string) => {
  await customerInScope(deps, p, id, requestId);
  return chinaDate(deps.now());
};

export const customerCheckup = async (
  deps: AppDeps,
  p: Principal,
  id: number,
  requestId: string,
): Promise<CheckupResponse> => {
  const today = await subject(deps, p, id, requestId);
  const [b, shelf] = await Promise.all([
    loadBundle(deps.db, id, { transactions: false }),
    advisoryShelf(deps.db, today),
  ]);
  return checkupOf(b, shelf, today, deps.policy);
};

export const customerStatement = async (
  deps: AppDeps,
  p: Principal,
  id: number,
  q: StatementQuery,
  requestId: string,
): Promise<StatementResponse> => {
  const today = await subject(deps, p, id, requestId);
  if (q.to > today)
    throw badInput('to', `${q.to} is in the future (today is ${today}); give a date up to today`);
  if (q.from > q.to) throw badInput('from', `from ${q.from} is after to ${q.to}; give from ≤ to`);
  const [b, shelf] = await Promise.all([loadBundle(deps.db, id), advisoryShelf(deps.db, today)]);
  return statementOf(b, shelf, q.from, q.to, today);
};

export const customerRecommendations = async (
  deps: AppDeps,
  p: Principal,
  id: number,
  q: RecommendationsQuery,
  requestId: string,
): Promise<RecommendationsResponse> => {
  const today = await subject(deps, p, id, requestId);
  const [b, shelf] = await Promise.all([
    loadBundle(deps.db, id, { transactions: false }),
    advisoryShelf(deps.db, today),
  ]);
  const out = recommendationsOf(b, shelf, q, today, deps.policy);
  // Recommendations are advice: the audit log records what was shown to whom (as for proposals).
  await writeAudit(deps.db, actorOf(p), requestId, [
    {
      action: 'advice.recommendations',
      targetKind: 'customer',
      target: String(id),
      customerId: id,
      details: {
        request: q,
        effectiveLevel: out.effective_level,
        items: out.items.map((i) => ({ code: i.product_code, risk: i.risk_level, score: i.score })),
      },
    },
  ]);
  return out;
};

export const customerManagers = async (
  deps: AppDeps,
  p: Principal,
  id: number,
  limit: number,
  requestId: string,
): Promise<ManagerRecommendationsResponse> => {
  const today = await subject(deps, p, id, requestId);
  const [b, shelf] = await Promise.all([
    loadBundle(deps.db, id, { transactions: false }),
    advisoryShelf(deps.db, today),
  ]);
  return managersFor(b, shelf, today, limit, deps.policy);
};

export const customerAttribution = async (
  deps: AppDeps,
  p: Principal,
  id: number,
  code: string,
  days: number,
  requestId: string,
): Promise<AttributionResponse> => {
  const today = await subject(deps, p, id, requestId);
  const [b, shelf] = await Promise.all([
    loadBundle(deps.db, id, { transactions: false }),
    advisoryShelf(deps.db, today),
  ]);
  return attributionOf(b, shelf, code, days, today, deps.policy);
};

export const customerAlerts = async (
  deps: AppDeps,
  p: Principal,
  id: number,
  asOf: string | undefined,
  requestId: string,
): Promise<AlertsResponse> => {
  const today = await subject(deps, p, id, requestId);
  const on = asOf ?? today;
  if (on > today)
    throw badInput('asOf', `${on} is in the future (today is ${today}); give a date up to today`);
  const [b, shelf] = await Promise.all([
    loadBundle(deps.db, id, { targets: true }),
    advisoryShelf(deps.db, on),
  ]);
  return alertsOf(b, shelf, on, deps.policy);
};

const heldOrFail = (b: CustomerBundle, code: string): void => {
  if (!b.holdings.some((h) => h.productCode === code))
    throw new AppError('NOT_FOUND', `customer ${b.facts.id} holds no ${code}`, { field: 'code', code });
};

export const holdingTargets = async (
  deps: AppDeps,
  p: Principal,
  id: number,
  code: string,
  requestId: string,
): Promise<TargetsResponse> => {
  const today = await subject(deps, p, id, requestId);
  const [b, shelf] = await Promise.all([
    loadBundle(deps.db, id, { transactions: false, targets: true }),
    advisoryShelf(deps.db, today),
  ]);
  heldOrFail(b, code);
  return targetsOfHolding(b, shelf, code);
};

/**
 * Writes a holding's targets (both null: none) and the audit row, and answers from the bundle read before the
 * write with the new row put in (one read of the customer, not two).
 */
const writeTargets = async (
  deps: AppDeps,
  p: Principal,
  id: number,
  code: string,
  requestId: string,
  next: (current: TargetRow | undefined) => { tp: number | null; sl: number | null },
  audit: (tp: number | null, sl: number | null) => Pick<AuditEntry, 'action' | 'details'>,
): Promise<TargetsResponse> => {
  const today = await subject(deps, p, id, requestId);
  const b = await loadBundle(deps.db, id, { transactions: false, targets: true });
  heldOrFail(b, code);
  const { tp, sl } = next(b.targets.find((t) => t.productCode === code));
  const at = deps.now();
  if (tp === null && sl === null) await deleteTargets(deps.db, id, code);
  else await upsertTargets(deps.db, id, code, tp, sl, at);
  await writeAudit(deps.db, actorOf(p), requestId, [
    { ...audit(tp, sl), targetKind: 'customer', target: String(id), customerId: id },
  ]);
  const others = b.targets.filter((t) => t.productCode !== code);
  const stored: TargetRow[] =
    tp === null && sl === null
      ? others
      : [
          ...others,
          {
            customerId: id,
            productCode: code,
            takeProfit: tp === null ? null : tp.toFixed(4),
            stopLoss: sl === null ? null : sl.toFixed(4),
            updatedAt: at,
          },
        ];
  return targetsOfHolding({ ...b, targets: stored }, await advisoryShelf(deps.db, today), code);
};

const storedNumber = (v: string | null | undefined): number | null => (v == null ? null : Number(v));

/** Sets the customer's targets on a holding (a side left out keeps its value; null clears it). Audited. */
export const setHoldingTargets = (
  deps: AppDeps,
  p: Principal,
  id: number,
  code: string,
  body: TargetsBody,
  requestId: string,
): Promise<TargetsResponse> =>
  writeTargets(
    deps,
    p,
    id,
    code,
    requestId,
    (cur) => ({
      tp: body.take_profit !== undefined ? body.take_profit : storedNumber(cur?.takeProfit),
      sl: body.stop_loss !== undefined ? body.stop_loss : storedNumber(cur?.stopLoss),
    }),
    (tp, sl) => ({
      action: 'alerts.targets_set',
      details: { productCode: code, takeProfit: tp, stopLoss: sl },
    }),
  );

export const clearHoldingTargets = (
  deps: AppDeps,
  p: Principal,
  id: number,
  code: string,
  requestId: string,
): Promise<TargetsResponse> =>
  writeTargets(
    deps,
    p,
    id,
    code,
    requestId,
    () => ({ tp: null, sl: null }),
    () => ({ action: 'alerts.targets_cleared', details: { productCode: code } }),
  );

export const marketCommentaryOf = async (deps: AppDeps, q: CommentaryQuery): Promise<CommentaryResponse> => {
  const today = chinaDate(deps.now());
  const shelf = await advisoryShelf(deps.db, today);
  return commentaryOf(shelf, q.date ?? latestTradingDate(shelf, today), q.kind, today, null, deps.policy);
};

export const customerCommentary = async (
  deps: AppDeps,
  p: Principal,
  id: number,
  q: CommentaryQuery,
  requestId: string,
): Promise<CommentaryResponse> => {
  const today = await subject(deps, p, id, requestId);
  const [b, shelf] = await Promise.all([
    loadBundle(deps.db, id, { transactions: false }),
    advisoryShelf(deps.db, today),
  ]);
  return commentaryOf(shelf, q.date ?? latestTradingDate(shelf, today), q.kind, today, b, deps.policy);
};

/** Insurance selection for a customer in scope, over quoted offers (the body). */
export const customerInsurance = async (
  deps: AppDeps,
  p: Principal,
  id: number,
  body: InsuranceSelectionBody,
  requestId: string,
): Promise<InsuranceSelectionResponse> => {
  const today = await subject(deps, p, id, requestId);
  const b = await loadBundle(deps.db, id, { transactions: false });
  return insuranceSelectionOf(b.facts, stateOf(b.facts, today), body, today);
};

/** 保险PK of 2–5 quoted policies. */
export const insuranceCompare = (deps: AppDeps, body: InsuranceCompareBody): InsuranceCompareResponse =>
  insuranceComparisonOf(body.offers, chinaDate(deps.now()));
