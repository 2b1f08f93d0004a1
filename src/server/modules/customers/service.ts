import type {
  Customer360,
  CustomerListQuery,
  CustomerPage,
  CustomerProfile,
  CustomerSummary,
  Holding,
  TimelineEvent,
  Transaction,
} from '../../../contracts/customers.js';
import { fenToYuan, yuanToFen } from '../../../contracts/money.js';
import { AppError } from '../../../core/errors.js';
import { benefitsOf, serviceModeOf } from '../../../core/cdp/classify.js';
import { DEFAULT_CDP_POLICY } from '../../../core/cdp/policy.js';
import { customerGroups } from '../cdp/customer.js';
import { CUSTOMER_360_LIMIT, loadCustomer360 } from './customer360-query.js';
import { ageOn } from '../../../core/suitability/dates.js';
import type { SuitabilityPolicy } from '../../../core/suitability/policy.js';
import { assessmentCutoff } from '../../../core/suitability/validity.js';
import type { AuditEntry } from '../../auth/audit.js';
import { actorOf, writeAudit } from '../../auth/audit.js';
import { maskIdentity, maskIdNumber, maskName, maskPhone } from '../../auth/masking.js';
import type { Principal } from '../../auth/principal.js';
import { scopeOf, seesClearPii } from '../../auth/principal.js';
import type { AppDeps } from '../../http/deps.js';
import type { CustomerDetailRow, CustomerRow } from './repo.js';
import { customerSearchOf } from './search.js';
import { findCustomer, listCustomers } from './repo.js';
import type { EventRow, HoldingRow, TransactionRow } from './positions-repo.js';
import {
  countEvents,
  countTransactions,
  listEvents,
  listHoldings,
  listTransactions,
} from './positions-repo.js';

/** The business date in China (UTC+8), which decides ages and assessment expiry. */
export const chinaDate = (now: Date): string =>
  new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);

const summaryOf = (r: CustomerRow, today: string, clear: boolean): CustomerSummary => ({
  id: r.id,
  name: clear ? r.name : maskName(r.name),
  gender: r.gender,
  age: ageOn(r.birthDate, today),
  phone: clear ? r.phone : maskPhone(r.phone),
  city: r.city,
  cityTier: r.cityTier,
  segment: r.segment,
  aum: fenToYuan(r.aumFen),
  riskLevel: r.riskLevel,
  riskAssessedAt: r.riskAssessedAt,
  assessmentExpired: r.assessmentExpired,
  rmId: r.rmId,
  rmName: r.rmName,
  orgUnitId: r.orgUnitId,
  orgUnitName: r.orgUnitName,
  masked: !clear,
});

const piiRead = (customerId: number, fields: string[], via: string): AuditEntry => ({
  action: 'pii.read',
  targetKind: 'customer',
  target: String(customerId),
  customerId,
  details: { fields, via },
});

/**
 * Customers in the caller's scope, filtered and paged. Clear PII reads are written to the audit log, and so is
 * every search by `q` (its kind, exact or partial, and the number of matches; never the searched value) — by the
 * statement that reads the page (repo.ts), so before the page leaves.
 */
export const searchCustomers = async (
  deps: AppDeps,
  p: Principal,
  q: CustomerListQuery,
  requestId: string,
): Promise<CustomerPage> => {
  const today = chinaDate(deps.now());
  const clear = seesClearPii(p.role);
  const search = customerSearchOf(q.q, clear);
  const cutoff = assessmentCutoff(deps.policy, 'bank', today);
  const { rows, total } = await listCustomers(deps.db, scopeOf(p), q, search, cutoff, deps.now(), {
    actor: actorOf(p),
    requestId,
    clear,
  });
  return { items: rows.map((r) => summaryOf(r, today, clear)), total };
};

/**
 * Loads one customer the caller may see: 404 when it does not exist, 403 when it exists outside the
 * caller's scope (the refusal is audited, so repeated probing shows up in the log).
 */
export const customerInScope = async (
  deps: AppDeps,
  p: Principal,
  id: number,
  requestId: string,
): Promise<CustomerDetailRow> => {
  const cutoff = assessmentCutoff(deps.policy, 'bank', chinaDate(deps.now()));
  return inScopeOrRefuse(deps, p, id, requestId, await findCustomer(deps.db, scopeOf(p), id, cutoff));
};

/** 404 when the customer does not exist, an audited 403 when it lies outside the caller's scope, else the row. */
const inScopeOrRefuse = async <R extends { inScope: boolean }>(
  deps: AppDeps,
  p: Principal,
  id: number,
  requestId: string,
  row: R | null,
): Promise<R> => {
  if (row === null) throw new AppError('NOT_FOUND', `customer ${id} not found`, { id });
  if (!row.inScope) {
    await writeAudit(deps.db, actorOf(p), requestId, [
      {
        action: 'customer.access_denied',
        targetKind: 'customer',
        target: String(id),
        customerId: id,
        details: {},
      },
    ]);
    throw new AppError('FORBIDDEN', `customer ${id} is outside your scope`, { id });
  }
  return row;
};

const profileOf = (r: CustomerDetailRow, today: string, clear: boolean): CustomerProfile => ({
  ...summaryOf(r, today, clear),
  birthDate: clear ? r.birthDate : `${r.birthDate.slice(0, 4)}-**-**`,
  idNumber: clear ? r.idNumber : maskIdNumber(r.idNumber),
  province: r.province,
  county: r.county,
  occupation: r.occupation,
  education: r.education,
  annualIncome: fenToYuan(r.annualIncomeFen),
  lowestCategory: r.lowestCategory,
  professional: r.professional,
  payroll: r.payroll,
  elderly: r.elderly,
  carOwner: r.carOwner,
  onboardedAt: r.onboardedAt,
  status: r.status,
});

/** P&L rate = pnl / cost, as a plain fraction (0.05 = 5%); null when nothing was paid. */
const rate = (pnlFen: number, costFen: number): number | null => (costFen > 0 ? pnlFen / costFen : null);

export const holdingOf = (h: HoldingRow): Holding => {
  const valued = h.marketValue !== null;
  const mvFen = valued ? yuanToFen(h.marketValue!) : h.costFen;
  return {
    productCode: h.productCode,
    productName: h.productName,
    productType: h.productType,
    productRisk: h.productRisk,
    units: h.units,
    navDate: h.navDate,
    latestNav: h.navUnit,
    marketValue: fenToYuan(mvFen),
    cost: fenToYuan(h.costFen),
    pnl: fenToYuan(mvFen - h.costFen),
    pnlRate: rate(mvFen - h.costFen, h.costFen),
    valuation: valued ? 'nav' : 'cost',
    openedAt: h.openedAt,
  };
};

export const transactionOf = (t: TransactionRow): Transaction => ({
  id: t.id,
  productCode: t.productCode,
  productName: t.productName,
  type: t.type,
  tradeDate: t.tradeDate,
  amount: fenToYuan(t.amountFen),
  units: t.units,
  nav: t.nav,
  fee: fenToYuan(t.feeFen),
  channel: t.channel,
});

export const eventOf = (e: EventRow): TimelineEvent => ({
  id: e.id,
  at: e.at.toISOString(),
  type: e.type,
  channel: e.channel,
  payload: e.payload,
});

const mixOf = (holdings: Holding[]): Customer360['assetMix'] => {
  const byType = new Map<string, number>();
  for (const h of holdings)
    byType.set(h.productType, (byType.get(h.productType) ?? 0) + yuanToFen(h.marketValue));
  const total = [...byType.values()].reduce((a, b) => a + b, 0);
  return [...byType.entries()]
    .sort((a, b) => b[1] - a[1])
    .map(([productType, fen]) => ({
      productType,
      marketValue: fenToYuan(fen),
      share: total > 0 ? fen / total : 0,
    }));
};

/**
 * Customer 360: profile, ONE-ID identities, valued holdings with P&L and mix, recent trades and events, groups,
 * tags and merges — read in one statement (customer360-query.ts); the groups are evaluated on what it read (one
 * more statement only when a group rule counts events older than the newest 100).
 */
export const customer360 = async (
  deps: AppDeps,
  p: Principal,
  id: number,
  requestId: string,
): Promise<Customer360> => {
  const asOf = deps.now();
  const today = chinaDate(asOf);
  const cutoff = assessmentCutoff(deps.policy, 'bank', today);
  const clear = seesClearPii(p.role);
  // A read in clear writes its pii.read row in the same statement (only for an in-scope customer).
  const audit = clear
    ? {
        actor: actorOf(p),
        requestId,
        details: piiRead(id, ['name', 'phone', 'id_number', 'identities'], 'customer_360').details,
      }
    : null;
  const data = await loadCustomer360(deps.db, scopeOf(p), id, cutoff, audit);
  const row = await inScopeOrRefuse(deps, p, id, requestId, data?.row ?? null);
  const { identities, consents, tags, merges, holdings: holdingRows, transactions: txs, events } = data!;
  const groups = await customerGroups(
    deps.db,
    data!.groupRules,
    {
      ...row,
      tags: tags.map((t) => t.key),
      holdings: holdingRows.map((h) => ({
        productType: h.productType,
        productRisk: h.productRisk,
        valueFen: h.valueFen,
      })),
    },
    { events, complete: events.length < CUSTOMER_360_LIMIT },
    asOf,
  );
  const holdings = holdingRows.map(holdingOf);
  const mv = holdings.reduce((a, h) => a + yuanToFen(h.marketValue), 0);
  const cost = holdings.reduce((a, h) => a + yuanToFen(h.cost), 0);
  return {
    profile: profileOf(row, today, clear),
    tier: row.tier,
    serviceMode: serviceModeOf(row.tier, DEFAULT_CDP_POLICY),
    grade: row.grade,
    benefits: [...benefitsOf(row.grade, DEFAULT_CDP_POLICY)],
    lifecycle: row.lifecycle,
    groups,
    tags,
    merges,
    identities: identities.map((i) => ({
      channel: i.channel,
      value: clear ? i.value : maskIdentity(i.channel, i.value),
      verified: i.verified,
      linkedAt: i.linkedAt.toISOString(),
    })),
    consents: consents.map((c) => ({
      purpose: c.purpose,
      channel: c.channel,
      granted: c.granted,
      at: c.at.toISOString(),
    })),
    holdings,
    totals: {
      marketValue: fenToYuan(mv),
      cost: fenToYuan(cost),
      pnl: fenToYuan(mv - cost),
      pnlRate: rate(mv - cost, cost),
    },
    assetMix: mixOf(holdings),
    transactions: txs.map(transactionOf),
    timeline: events.map(eventOf),
  };
};

export const customerTransactions = async (
  deps: AppDeps,
  p: Principal,
  id: number,
  page: { page: number; pageSize: number },
  requestId: string,
) => {
  await customerInScope(deps, p, id, requestId);
  const offset = (page.page - 1) * page.pageSize;
  const [rows, total] = await Promise.all([
    listTransactions(deps.db, id, page.pageSize, offset),
    countTransactions(deps.db, id),
  ]);
  return { items: rows.map(transactionOf), total };
};

export const customerEvents = async (
  deps: AppDeps,
  p: Principal,
  id: number,
  q: { page: number; pageSize: number; type?: string | undefined },
  requestId: string,
) => {
  await customerInScope(deps, p, id, requestId);
  const type = q.type ?? null;
  const [rows, total] = await Promise.all([
    listEvents(deps.db, id, type, q.pageSize, (q.page - 1) * q.pageSize),
    countEvents(deps.db, id, type),
  ]);
  return { items: rows.map(eventOf), total };
};

/** What advice needs about a customer in the caller's scope (403/404 as for the 360): profile facts and holdings. */
export type AdviceSubject = {
  id: number;
  riskLevel: string;
  riskAssessedAt: string | null;
  birthDate: string;
  lowestCategory: boolean;
  professional: boolean;
  today: string;
  holdings: Holding[];
  /** The institution's suitability policy, which the list's assessment status follows too. */
  policy: SuitabilityPolicy;
};

export const adviceSubject = async (
  deps: AppDeps,
  p: Principal,
  id: number,
  requestId: string,
): Promise<AdviceSubject> => {
  const row = await customerInScope(deps, p, id, requestId);
  const holdings = (await listHoldings(deps.db, id)).map(holdingOf);
  return {
    id,
    riskLevel: row.riskLevel,
    riskAssessedAt: row.riskAssessedAt,
    birthDate: row.birthDate,
    lowestCategory: row.lowestCategory,
    professional: row.professional,
    today: chinaDate(deps.now()),
    holdings,
    policy: deps.policy,
  };
};
