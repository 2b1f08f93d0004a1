import { badInput } from '../core/errors.js';
import type { Rng } from '../core/random.js';
import { createRng } from '../core/random.js';
import {
  addDays,
  addMonths,
  CALENDAR_LAST_YEAR,
  dayNumber,
  isTradingDay,
  previousTradingDay,
  tradingDays,
} from './calendar.js';
import type { DemoAppUsage } from './app-usage.js';
import { generateAppUsage } from './app-usage.js';
import type { DemoCustomer } from './customers.js';
import { generateCustomer, segmentOf } from './customers.js';
import type { DemoEvent } from './events.js';
import { generateEvents } from './events.js';
import type { DemoHolding, DemoTransaction } from './holdings.js';
import { generateHoldings, marketValueFen } from './holdings.js';
import { generateIndexSeries } from './indices.js';
import type { DemoIndex, IndexSeries } from './indices.js';
import type { MarketFactors } from './market.js';
import { generateMarket } from './market.js';
import type { NavSeries } from './nav.js';
import { generateNav } from './nav.js';
import type { DemoOrg } from './org.js';
import { generateOrg } from './org.js';
import type { DemoProduct } from './products.js';
import { generateProducts } from './products.js';
import type { DemoSubscription } from './subscriptions.js';
import { generateSubscriptions } from './subscriptions.js';

/** The demo's fixed reference date and size, so the data is the same on every machine whatever its clock. */
export const DEMO_DEFAULTS = { customers: 5000, seed: 1, asOf: '2026-10-30' } as const;
export const NAV_YEARS = 3;

/**
 * The reference date for a demo bank created at `now` by `caiban start`: the last trading day before today in
 * China — the T−1 data a bank's systems hold in the morning — so the platform's dates (statements to today,
 * maturities in the next 30 days, assessment validity) are current on the day the bank is created. Never before
 * the fixed reference date (a wrong clock) nor past the calendar the generator knows. `caiban demo seed|truths`
 * keep DEMO_DEFAULTS.asOf unless given --as-of, so tests and truths stay the same on every machine.
 */
export const demoAsOfFor = (now: Date): string => {
  const today = new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
  const lastKnown = `${CALENDAR_LAST_YEAR}-12-31`;
  const day = today > lastKnown ? lastKnown : addDays(today, -1);
  return previousTradingDay(day < DEMO_DEFAULTS.asOf ? DEMO_DEFAULTS.asOf : day);
};

export type DemoIdentity = {
  customerId: number;
  channel: 'phone' | 'app' | 'wechat_unionid' | 'wechat_openid' | 'ecif';
  value: string;
  verified: boolean;
  linkedAt: string;
};
export type DemoConsent = {
  customerId: number;
  purpose: 'marketing' | 'profiling' | 'ai_advice' | 'data_sharing';
  channel: 'sms' | 'app_push' | 'wechat' | 'phone_call' | 'email';
  granted: boolean;
  at: string;
  textShown: string;
};

/** Everything about one customer, generated from that customer's own random stream. */
export type CustomerBundle = {
  customer: DemoCustomer & { aumFen: number; segment: ReturnType<typeof segmentOf> };
  identities: DemoIdentity[];
  consents: DemoConsent[];
  holdings: DemoHolding[];
  transactions: DemoTransaction[];
  events: DemoEvent[];
  subscriptions: DemoSubscription[];
  appUsage: DemoAppUsage[];
};

/** The shared, customer-independent part of the bank: org, staff, shelf, market and NAV. */
export type BankContext = {
  seed: number;
  asOf: string;
  /** Last NAV date (the last trading day on or before asOf). */
  navEnd: string;
  org: DemoOrg;
  products: DemoProduct[];
  market: MarketFactors;
  nav: Map<string, NavSeries>;
  indices: { index: DemoIndex; series: IndexSeries }[];
};

/** 32-bit mix of (seed, stream, index) so each customer has an independent, order-free random stream. */
export const streamSeed = (seed: number, stream: number, index: number): number => {
  let h = Math.imul((seed | 0) ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(stream + 0x632be5ab, 0xc2b2ae35);
  h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d) ^ Math.imul(index + 1, 0x297a2d39);
  h = Math.imul(h ^ (h >>> 12), 0x297a2d39);
  return (h ^ (h >>> 15)) >>> 0;
};

const isCalendarDate = (iso: string): boolean => {
  try {
    dayNumber(iso);
    return true;
  } catch {
    return false;
  }
};

export const validateDemoOptions = (o: { customers: number; seed: number; asOf: string }): void => {
  if (!Number.isInteger(o.customers) || o.customers < 0 || o.customers > 10_000_000) {
    throw badInput('--customers', `expected an integer from 0 to 10000000, got ${o.customers}`);
  }
  if (!Number.isInteger(o.seed) || o.seed < 0 || o.seed > 2 ** 31 - 1) {
    throw badInput('--seed', `expected an integer from 0 to 2147483647, got ${o.seed}`);
  }
  if (!isCalendarDate(o.asOf) || o.asOf < '2025-01-01' || o.asOf > '2026-12-31') {
    throw badInput(
      '--as-of',
      `expected a date from 2025-01-01 to 2026-12-31 (the calendar covers 2022–2026), got "${o.asOf}"`,
    );
  }
};

/** Days after the reference date on which the planted closed-end product matures (docs/demo-data.md). */
export const PLANTED_MATURITY_DAYS = 20;

/**
 * Planted for the wealth check-up (issue 11): the longest closed-end bank WM product (三年封闭) matures
 * PLANTED_MATURITY_DAYS after the reference date, so its holders get a `maturity_soon` finding. Only its term
 * and maturity date change (its inception, NAV and every random draw stay as they were; it is not matured by
 * the reference date either way, so holdings, events and subscriptions are unchanged).
 */
const plantMaturitySoon = (products: DemoProduct[], asOf: string): void => {
  const wm = products.filter((p) => p.type === 'bank_wm' && p.termDays !== null);
  const longest = wm.reduce<DemoProduct | null>(
    (a, p) => (a === null || p.termDays! > a.termDays! ? p : a),
    null,
  );
  if (longest === null) return;
  const maturity = addDays(asOf, PLANTED_MATURITY_DAYS);
  if (longest.maturityDate !== null && longest.maturityDate <= maturity) return;
  longest.maturityDate = maturity;
  longest.termDays = dayNumber(maturity) - dayNumber(longest.inceptionDate);
};

export const buildBankContext = (seed: number, asOf: string): BankContext => {
  validateDemoOptions({ customers: 0, seed, asOf });
  const navEnd = isTradingDay(asOf) ? asOf : previousTradingDay(asOf);
  const windowStart = addMonths(asOf, -12 * NAV_YEARS);
  const days = tradingDays(addDays(windowStart, 1), navEnd);
  const rng = createRng(streamSeed(seed, 1, 0));
  const org = generateOrg(rng.fork());
  const products = generateProducts(rng.fork(), days[0]!, dayNumber(asOf) - dayNumber(windowStart));
  plantMaturitySoon(products, asOf);
  const market = generateMarket(rng.fork(), days);
  const nav = new Map<string, NavSeries>();
  for (const p of products) {
    nav.set(p.code, generateNav(rng.fork(), p, market));
    if (p.maturityDate !== null && p.maturityDate <= asOf) p.status = 'matured';
  }
  return { seed, asOf, navEnd, org, products, market, nav, indices: generateIndexSeries(rng.fork(), market) };
};

const hex = (rng: Rng, n: number): string => {
  let s = '';
  for (let i = 0; i < n; i++) s += '0123456789abcdef'[rng.int(16)];
  return s;
};
const b64 = (rng: Rng, n: number): string => {
  const a = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  let s = '';
  for (let i = 0; i < n; i++) s += a[rng.int(64)];
  return s;
};

const identitiesOf = (rng: Rng, c: DemoCustomer): DemoIdentity[] => {
  const at = `${c.onboardedAt}T10:00:00+08:00`;
  const out: DemoIdentity[] = [
    {
      customerId: c.id,
      channel: 'ecif',
      value: `ECIF${String(c.id).padStart(12, '0')}`,
      verified: true,
      linkedAt: at,
    },
    { customerId: c.id, channel: 'phone', value: c.phone, verified: true, linkedAt: at },
  ];
  if (rng.next() < 0.35 + 0.6 * c.engagement)
    out.push({
      customerId: c.id,
      channel: 'app',
      value: `app_${hex(rng, 16)}`,
      verified: true,
      linkedAt: at,
    });
  if (rng.next() < 0.25 + 0.6 * c.engagement) {
    out.push({
      customerId: c.id,
      channel: 'wechat_unionid',
      value: `oU_demo${b64(rng, 21)}`,
      verified: rng.next() < 0.9,
      linkedAt: at,
    });
    out.push({
      customerId: c.id,
      channel: 'wechat_openid',
      value: `oO_demo${b64(rng, 21)}`,
      verified: true,
      linkedAt: at,
    });
  }
  return out;
};

const CONSENT_TEXT: Readonly<Record<DemoConsent['purpose'], string>> = {
  marketing: '本人同意贵行通过所选渠道向本人发送产品与活动信息，可随时退订。(v2.1)',
  profiling: '本人同意贵行基于本人交易与行为数据进行客户画像，用于提供适当的服务。(v1.4)',
  ai_advice: '本人知悉智能顾问由人工智能生成内容，仅供参考，不构成投资建议。(v1.0)',
  data_sharing: '本人同意贵行在集团内共享必要的客户信息。(v1.2)',
};

const maxIso = (a: string, b: string): string => (a > b ? a : b);

const consentsOf = (rng: Rng, c: DemoCustomer, asOf: string): DemoConsent[] => {
  const rows: [DemoConsent['purpose'], DemoConsent['channel'], number][] = [
    ['marketing', 'sms', 0.55],
    ['marketing', 'app_push', 0.5 + 0.3 * c.engagement],
    ['marketing', 'wechat', 0.3 + 0.4 * c.engagement],
    ['profiling', 'app_push', 0.8],
    ['ai_advice', 'app_push', 0.4 + 0.5 * c.engagement],
  ];
  return rows.map(([purpose, channel, p]) => ({
    customerId: c.id,
    purpose,
    channel,
    granted: rng.next() < p,
    at: `${maxIso(addDays(asOf, -rng.int(720)), c.onboardedAt)}T${String(9 + rng.int(12)).padStart(2, '0')}:00:00+08:00`,
    textShown: CONSENT_TEXT[purpose],
  }));
};

/** Generates customer number `index` (0-based) of the bank; pure and independent of any other customer. */
export const generateBundle = (ctx: BankContext, index: number): CustomerBundle => {
  const base = createRng(streamSeed(ctx.seed, 2, index));
  const profileRng = base.fork();
  const holdRng = base.fork();
  const subRng = base.fork();
  const eventRng = base.fork();
  const idRng = base.fork();
  const c = generateCustomer(profileRng, index, ctx.org, ctx.asOf);
  const { holdings, transactions } = generateHoldings(holdRng, c, {
    asOf: ctx.asOf,
    products: ctx.products,
    nav: ctx.nav,
  });
  const aumFen = c.depositFen + marketValueFen(holdings, ctx.nav);
  const advisory = ctx.products.filter((p) => p.type === 'advisory');
  const subscriptions = generateSubscriptions(subRng, c, aumFen, ctx.asOf, advisory, ctx.nav);
  const shelf = ctx.products.filter((p) => p.status === 'open');
  return {
    customer: { ...c, aumFen, segment: segmentOf(aumFen) },
    identities: identitiesOf(idRng, c),
    consents: consentsOf(idRng, c, ctx.asOf),
    holdings,
    transactions,
    events: generateEvents(eventRng, c, ctx.asOf, shelf, transactions, subscriptions),
    subscriptions,
    // Stream 3: the monthly app-usage rollup was added later; its own stream leaves every other draw unchanged.
    appUsage: generateAppUsage(createRng(streamSeed(ctx.seed, 3, index)), c, aumFen, ctx.asOf, subscriptions),
  };
};
