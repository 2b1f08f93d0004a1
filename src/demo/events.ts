import type { Rng } from '../core/random.js';
import { addDays, dayNumber, isoOfDay } from './calendar.js';
import type { DemoCustomer } from './customers.js';
import type { DemoTransaction } from './holdings.js';
import type { DemoProduct } from './products.js';
import type { DemoSubscription } from './subscriptions.js';
import type { EventType } from '../core/event-types.js';

export type { EventType };

export type DemoEvent = {
  customerId: number;
  id: number;
  /** ISO timestamp with the China offset, e.g. 2026-10-29T20:15:03+08:00. */
  at: string;
  type: EventType;
  channel: 'app' | 'wechat' | 'web' | 'counter';
  payload: Record<string, unknown>;
};

/** Behaviour events cover the last EVENT_WINDOW_DAYS days before asOf (older history is summarised elsewhere). */
export const EVENT_WINDOW_DAYS = 180;
const MAX_EVENTS = 999;

const PAGES = [
  'home',
  'fund_list',
  'fund_detail',
  'wealth_checkup',
  'holdings',
  'market_news',
  'fund_pk',
  'advisory',
  'investor_education',
];
const SEARCHES = [
  '货币基金',
  '稳健理财',
  '沪深300',
  '短债',
  '养老',
  '黄金',
  '医药基金',
  '新能源',
  '定投',
  '大额存单',
  '纳斯达克',
  '分红',
];

/** Poisson variate (Knuth for small means, normal approximation above 30). */
export const poisson = (rng: Rng, mean: number): number => {
  if (mean <= 0) return 0;
  if (mean > 30) return Math.max(0, Math.round(mean + Math.sqrt(mean) * rng.normal()));
  const l = Math.exp(-mean);
  let k = 0;
  let p = rng.next();
  while (p > l) {
    k++;
    p *= rng.next();
  }
  return k;
};

const ACTIVE_HOURS = [8, 9, 10, 12, 12, 13, 15, 19, 20, 20, 21, 22] as const;
const TWO_DIGITS = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0'));

const stamp = (day: string, rng: Rng): string => {
  // Activity peaks at lunch and in the evening (China time).
  const hour = ACTIVE_HOURS[rng.int(ACTIVE_HOURS.length)]!;
  const mm = TWO_DIGITS[rng.int(60)]!;
  const ss = TWO_DIGITS[rng.int(60)]!;
  return `${day}T${TWO_DIGITS[hour]!}:${mm}:${ss}+08:00`;
};

/** `at` plus `seconds` (< 1 hour), staying inside the same hour: visits do not cross the hour in the demo. */
const later = (at: string, seconds: number): string => {
  const mm = Number(at.slice(14, 16));
  const ss = Number(at.slice(17, 19));
  const t = Math.min(3599, mm * 60 + ss + seconds);
  return `${at.slice(0, 14)}${TWO_DIGITS[Math.floor(t / 60)]!}:${TWO_DIGITS[t % 60]!}${at.slice(19)}`;
};

type RawEvent = Omit<DemoEvent, 'id' | 'customerId'>;

/** What the event makers share: the customer's random stream, the window and the output list. */
type EventWriter = {
  rng: Rng;
  raw: RawEvent[];
  first: string;
  asOf: string;
  /** A random day in [from, to] ∩ the event window. */
  anyDay: (from?: string, to?: string) => string;
  channel: () => DemoEvent['channel'];
};

const writerFor = (rng: Rng, asOf: string): EventWriter => {
  const first = addDays(asOf, -EVENT_WINDOW_DAYS + 1);
  const firstDay = dayNumber(first);
  const lastDay = dayNumber(asOf);
  return {
    rng,
    raw: [],
    first,
    asOf,
    anyDay: (from = first, to = asOf) => {
      const a = from === first ? firstDay : Math.max(firstDay, dayNumber(from));
      const b = to === asOf ? lastDay : Math.min(lastDay, dayNumber(to));
      return isoOfDay(a + rng.int(Math.max(1, b - a + 1)));
    },
    channel: () => (rng.next() < 0.75 ? 'app' : rng.next() < 0.8 ? 'wechat' : 'web'),
  };
};

/** Logins, each followed by page views in the same visit (seconds to minutes apart). */
const visitEvents = (w: EventWriter, digital: number, shelf: readonly DemoProduct[]): void => {
  const { rng, raw } = w;
  for (let i = poisson(rng, 1 + 26 * digital * digital); i > 0; i--) {
    const channel = w.channel();
    const at = stamp(w.anyDay(), rng);
    raw.push({
      at,
      type: 'login',
      channel,
      payload: { method: rng.next() < 0.6 ? 'biometric' : 'password' },
    });
    let second = 0;
    for (let v = poisson(rng, 1.5); v > 0; v--) {
      second += 5 + rng.int(90);
      const page = PAGES[rng.int(PAGES.length)]!;
      const product = page === 'fund_detail' ? shelf[rng.int(shelf.length)]!.code : undefined;
      raw.push({
        at: later(at, second),
        type: 'page_view',
        channel,
        payload: product ? { page, product_code: product } : { page },
      });
    }
  }
};

/** Searches, abandoned purchases and advisor chats: signals of intent. */
const intentEvents = (w: EventWriter, digital: number, shelf: readonly DemoProduct[]): void => {
  const { rng, raw } = w;
  for (let i = poisson(rng, 3 * digital); i > 0; i--) {
    raw.push({
      at: stamp(w.anyDay(), rng),
      type: 'search',
      channel: w.channel(),
      payload: { query: SEARCHES[rng.int(SEARCHES.length)]! },
    });
  }
  for (let i = poisson(rng, 1.2 * digital); i > 0; i--) {
    const p = shelf[rng.int(shelf.length)]!;
    raw.push({
      at: stamp(w.anyDay(), rng),
      type: 'purchase_abandoned',
      channel: 'app',
      payload: { product_code: p.code, step: rng.next() < 0.5 ? 'risk_disclosure' : 'payment' },
    });
  }
  for (let i = poisson(rng, 0.6 * digital); i > 0; i--) {
    raw.push({
      at: stamp(w.anyDay(), rng),
      type: 'advisor_chat',
      channel: w.channel(),
      payload: { turns: 1 + rng.int(8) },
    });
  }
};

/** Large transfers (customers with ≥ 200,000 yuan of deposits) and maturities of closed-end products. */
const moneyEvents = (w: EventWriter, c: DemoCustomer, txs: readonly DemoTransaction[]): void => {
  const { rng, raw } = w;
  const bigMoves = c.depositFen >= 20_000_000 ? poisson(rng, 0.8) : 0;
  for (let i = 0; i < bigMoves; i++) {
    const out = rng.next() < 0.45;
    const amountFen = Math.round((c.depositFen * (0.1 + 0.4 * rng.next())) / 10_000) * 10_000;
    raw.push({
      at: stamp(w.anyDay(), rng),
      type: out ? 'large_transfer_out' : 'large_transfer_in',
      channel: 'counter',
      payload: { amount_fen: amountFen, counterparty: out ? '他行账户' : '本人他行账户' },
    });
  }
  for (const t of txs) {
    if (t.type !== 'maturity' || t.tradeDate < w.first) continue;
    raw.push({
      at: `${t.tradeDate}T09:00:00+08:00`,
      type: 'maturity',
      channel: 'app',
      payload: { product_code: t.productCode, amount_fen: t.amountFen },
    });
  }
};

/** Live-stream views and coupon use during the first subscription year, consistent with its columns. */
const subscriptionEvents = (w: EventWriter, subs: readonly DemoSubscription[]): void => {
  const { rng, raw } = w;
  for (const s of subs) {
    const end = s.endDate < w.asOf ? s.endDate : w.asOf;
    if (s.id % 10 !== 1 || end < w.first) continue;
    for (let v = 0; v < s.livestreamViews; v++) {
      const audience =
        v === 0
          ? s.maxLivestreamAudience
          : Math.min(s.maxLivestreamAudience, 100 + rng.int(Math.max(1, s.maxLivestreamAudience)));
      raw.push({
        at: stamp(w.anyDay(s.startDate, end), rng),
        type: 'livestream_view',
        channel: 'app',
        payload: { audience, product_code: s.productCode, minutes: 5 + rng.int(55) },
      });
    }
    if (s.couponUsed) {
      raw.push({
        at: stamp(w.anyDay(s.startDate, end), rng),
        type: 'coupon_use',
        channel: 'app',
        payload: { product_code: s.productCode, coupon: 'renewal_discount' },
      });
    }
  }
};

/** A customer's behaviour events of the last EVENT_WINDOW_DAYS days, in time order (at most 999). */
export const generateEvents = (
  rng: Rng,
  c: DemoCustomer,
  asOf: string,
  shelf: readonly DemoProduct[],
  txs: readonly DemoTransaction[],
  subs: readonly DemoSubscription[],
): DemoEvent[] => {
  const w = writerFor(rng, asOf);
  const digital = c.status === 'dormant' ? 0.1 : c.engagement;
  visitEvents(w, digital, shelf);
  intentEvents(w, digital, shelf);
  moneyEvents(w, c, txs);
  subscriptionEvents(w, subs);
  w.raw.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  return w.raw.slice(-MAX_EVENTS).map((e, i) => ({ ...e, customerId: c.id, id: c.id * 1000 + i + 1 }));
};
