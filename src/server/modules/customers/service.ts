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
import { ageOn } from '../../../core/suitability/dates.js';
import type { AuditEntry } from '../../auth/audit.js';
import { actorOf, writeAudit } from '../../auth/audit.js';
import { maskIdentity, maskIdNumber, maskName, maskPhone } from '../../auth/masking.js';
import type { Principal } from '../../auth/principal.js';
import { scopeOf, seesClearPii } from '../../auth/principal.js';
import type { AppDeps } from '../../http/deps.js';
import type { CustomerDetailRow, CustomerRow } from './repo.js';
import { findCustomer, listConsents, listCustomers, listIdentities } from './repo.js';
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
  age: ageOn(r.birth_date, today),
  phone: clear ? r.phone : maskPhone(r.phone),
  city: r.city,
  cityTier: r.city_tier,
  segment: r.segment,
  aum: fenToYuan(r.aum_fen),
  riskLevel: r.risk_level,
  riskAssessedAt: r.risk_assessed_at,
  assessmentExpired: r.assessment_expired,
  rmId: r.rm_id,
  rmName: r.rm_name,
  orgUnitId: r.org_unit_id,
  orgUnitName: r.org_unit_name,
  masked: !clear,
});

const piiRead = (customerId: number, fields: string[], via: string): AuditEntry => ({
  action: 'pii.read',
  targetKind: 'customer',
  target: String(customerId),
  customerId,
  details: { fields, via },
});

/** Customers in the caller's scope, filtered and paged; clear PII reads are written to the audit log. */
export const searchCustomers = async (
  deps: AppDeps,
  p: Principal,
  q: CustomerListQuery,
  requestId: string,
): Promise<CustomerPage> => {
  const today = chinaDate(deps.now());
  const { rows, total } = await listCustomers(deps.db, scopeOf(p), q, today);
  const clear = seesClearPii(p.role);
  if (clear)
    await writeAudit(
      deps.db,
      actorOf(p),
      requestId,
      rows.map((r) => piiRead(r.id, ['name', 'phone'], 'customer_list')),
    );
  return { items: rows.map((r) => summaryOf(r, today, clear)), total };
};

/**
 * Loads one customer the caller may see: 404 when it does not exist, 403 when it exists outside the
 * caller's scope (the refusal is audited, so repeated probing shows up in the log).
 */
const customerInScope = async (
  deps: AppDeps,
  p: Principal,
  id: number,
  requestId: string,
): Promise<CustomerDetailRow> => {
  const row = await findCustomer(deps.db, scopeOf(p), id, chinaDate(deps.now()));
  if (row === null) throw new AppError('NOT_FOUND', `customer ${id} not found`, { id });
  if (!row.in_scope) {
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
  birthDate: clear ? r.birth_date : `${r.birth_date.slice(0, 4)}-**-**`,
  idNumber: clear ? r.id_number : maskIdNumber(r.id_number),
  province: r.province,
  county: r.county,
  occupation: r.occupation,
  education: r.education,
  annualIncome: fenToYuan(r.annual_income_fen),
  lowestCategory: r.lowest_category,
  professional: r.professional,
  payroll: r.payroll,
  elderly: r.elderly,
  carOwner: r.car_owner,
  onboardedAt: r.onboarded_at,
  status: r.status,
});

/** P&L rate = pnl / cost, as a plain fraction (0.05 = 5%); null when nothing was paid. */
const rate = (pnlFen: number, costFen: number): number | null => (costFen > 0 ? pnlFen / costFen : null);

export const holdingOf = (h: HoldingRow): Holding => {
  const valued = h.market_value !== null;
  const mvFen = valued ? yuanToFen(h.market_value!) : h.cost_fen;
  return {
    productCode: h.product_code,
    productName: h.product_name,
    productType: h.product_type,
    productRisk: h.product_risk,
    units: h.units,
    navDate: h.nav_date,
    latestNav: h.nav_unit,
    marketValue: fenToYuan(mvFen),
    cost: fenToYuan(h.cost_fen),
    pnl: fenToYuan(mvFen - h.cost_fen),
    pnlRate: rate(mvFen - h.cost_fen, h.cost_fen),
    valuation: valued ? 'nav' : 'cost',
    openedAt: h.opened_at,
  };
};

export const transactionOf = (t: TransactionRow): Transaction => ({
  id: t.id,
  productCode: t.product_code,
  productName: t.product_name,
  type: t.type,
  tradeDate: t.trade_date,
  amount: fenToYuan(t.amount_fen),
  units: t.units,
  nav: t.nav,
  fee: fenToYuan(t.fee_fen),
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

/** Customer 360: profile, ONE-ID identities, valued holdings with P&L and mix, recent trades and events. */
export const customer360 = async (
  deps: AppDeps,
  p: Principal,
  id: number,
  requestId: string,
): Promise<Customer360> => {
  const row = await customerInScope(deps, p, id, requestId);
  const clear = seesClearPii(p.role);
  const [identities, consents, holdingRows, txs, events] = await Promise.all([
    listIdentities(deps.db, id),
    listConsents(deps.db, id),
    listHoldings(deps.db, id),
    listTransactions(deps.db, id, 100, 0),
    listEvents(deps.db, id, null, 100, 0),
  ]);
  if (clear)
    await writeAudit(deps.db, actorOf(p), requestId, [
      piiRead(id, ['name', 'phone', 'id_number', 'identities'], 'customer_360'),
    ]);
  const holdings = holdingRows.map(holdingOf);
  const mv = holdings.reduce((a, h) => a + yuanToFen(h.marketValue), 0);
  const cost = holdings.reduce((a, h) => a + yuanToFen(h.cost), 0);
  return {
    profile: profileOf(row, chinaDate(deps.now()), clear),
    identities: identities.map((i) => ({
      channel: i.channel,
      value: clear ? i.value : maskIdentity(i.channel, i.value),
      verified: i.verified,
      linkedAt: i.linked_at.toISOString(),
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
    riskLevel: row.risk_level,
    riskAssessedAt: row.risk_assessed_at,
    birthDate: row.birth_date,
    lowestCategory: row.lowest_category,
    professional: row.professional,
    today: chinaDate(deps.now()),
    holdings,
  };
};
