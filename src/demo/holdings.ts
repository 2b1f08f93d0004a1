import type { Rng } from '../core/random.js';
import type { DemoCustomer } from './customers.js';
import type { NavSeries } from './nav.js';
import type { DemoProduct } from './products.js';

export type DemoHolding = {
  customerId: number;
  productCode: string;
  units: number;
  costFen: number;
  openedAt: string;
};
export type DemoTransaction = {
  customerId: number;
  id: number;
  productCode: string;
  type: 'purchase' | 'redemption' | 'dividend' | 'maturity';
  tradeDate: string;
  amountFen: number;
  units: number;
  nav: number;
  feeFen: number;
  channel: 'app' | 'counter' | 'wechat' | 'rm';
};

/** What the holdings generator needs from the bank: the shelf, NAV by code and the reference date. */
export type ShelfContext = {
  asOf: string;
  products: readonly DemoProduct[];
  nav: ReadonlyMap<string, NavSeries>;
};

export const round2 = (x: number): number => Math.round(x * 100) / 100;
const RISK_RANK: Readonly<Record<string, number>> = { R1: 1, R2: 2, R3: 3, R4: 4, R5: 5 };

const channelOf = (rng: Rng, c: DemoCustomer): DemoTransaction['channel'] => {
  const r = rng.next();
  if (r < 0.2 + 0.6 * c.engagement) return 'app';
  if (r < 0.3 + 0.6 * c.engagement) return 'wechat';
  return c.rmId !== null && rng.next() < 0.7 ? 'rm' : 'counter';
};

/** Products a customer may plausibly hold: within their risk level (5% one level above, as in real books). */
const eligible = (rng: Rng, c: DemoCustomer, ctx: ShelfContext): DemoProduct[] => {
  const cap = c.lowestCategory ? 1 : Number(c.riskLevel[1]) + (rng.next() < 0.05 ? 1 : 0);
  return ctx.products.filter((p) => p.type !== 'advisory' && RISK_RANK[p.riskLevel]! <= cap);
};

/**
 * Holdings and the transactions that produce them, consistent with NAV: every purchase happens on a trading
 * day of the product at that day's unit NAV, units = round2(net amount / NAV) with the front-end fee
 * net = amount / (1 + rate); cash dividends pay units × dividend on each ex-date held; money-market income is
 * reinvested as units; closed-end products that matured pay out and leave no holding. Invariant: a holding's
 * units equal the sum of its transactions' signed units.
 */
export const generateHoldings = (
  rng: Rng,
  c: DemoCustomer,
  ctx: ShelfContext,
): { holdings: DemoHolding[]; transactions: DemoTransaction[] } => {
  const none = { holdings: [], transactions: [] };
  const investFen = Math.round((c.depositFen / Math.max(0.08, 1 - c.investShare)) * c.investShare);
  if (rng.next() < 0.12 || investFen < 100_000) return none;
  const pool = eligible(rng, c, ctx);
  if (pool.length === 0) return none;
  const k = Math.min(
    pool.length,
    1 + Math.floor(-Math.log(Math.max(1e-9, rng.next())) * (1.2 + c.investShare * 3)),
  );
  const chosen = new Set<DemoProduct>();
  while (chosen.size < k) chosen.add(pool[rng.int(pool.length)]!);
  const weights = [...chosen].map(() => -Math.log(Math.max(1e-9, rng.next())));
  const wsum = weights.reduce((a, b) => a + b, 0);
  const book = newBook(c);
  [...chosen].forEach((p, j) => {
    const s = ctx.nav.get(p.code);
    if (s === undefined || s.dates.length < 2) return;
    const amountFen = Math.max(p.minPurchaseFen, Math.round((investFen * weights[j]!) / wsum / 100) * 100);
    position(rng, book, { product: p, nav: s, asOf: ctx.asOf }, amountFen);
  });
  return { holdings: book.holdings, transactions: book.txs };
};

/** One customer's book being written: holdings, transactions and their ids (customer id × 1000 + n). */
type Book = {
  readonly customer: DemoCustomer;
  readonly holdings: DemoHolding[];
  readonly txs: DemoTransaction[];
  seq: number;
};

const newBook = (customer: DemoCustomer): Book => ({ customer, holdings: [], txs: [], seq: 0 });

/** Appends a transaction of the book's customer with the next id. */
const record = (
  book: Book,
  t: Omit<DemoTransaction, 'customerId' | 'id' | 'feeFen' | 'channel'> &
    Partial<Pick<DemoTransaction, 'feeFen' | 'channel'>>,
): void => {
  book.txs.push({
    customerId: book.customer.id,
    id: book.customer.id * 1000 + ++book.seq,
    productCode: t.productCode,
    type: t.type,
    tradeDate: t.tradeDate,
    amountFen: t.amountFen,
    units: t.units,
    nav: t.nav,
    feeFen: t.feeFen ?? 0,
    channel: t.channel ?? 'app',
  });
};

/** A product with its NAV series, as of the reference date. */
type Line = { product: DemoProduct; nav: NavSeries; asOf: string };

type Bought = { buyK: number; units: number };

/**
 * The purchase: a trading day after onboarding (and, for products still open, before the reference date) at
 * that day's unit NAV, net of the front-end fee; null when there is no such day or no unit.
 */
const purchase = (rng: Rng, book: Book, l: Line, amountFen: number, matured: boolean): Bought | null => {
  const { product: p, nav: s } = l;
  const c = book.customer;
  const last = s.dates.length - 1;
  let k0 = 0;
  while (k0 < last && s.dates[k0]! < c.onboardedAt) k0++;
  const span = last - k0 - (matured ? 0 : 1);
  if (span < 1) return null;
  const buyK = k0 + rng.int(span);
  const unit = s.unit[buyK]!;
  const channel = channelOf(rng, c);
  // Online channels sell funds at one-tenth of the posted front-end fee, as Chinese platforms do.
  const feeRate = Number(p.purchaseFeeRate) * (channel === 'app' || channel === 'wechat' ? 0.1 : 1);
  const netFen = Math.round(amountFen / (1 + feeRate));
  const units = round2(netFen / 100 / unit);
  if (units <= 0) return null;
  record(book, {
    productCode: p.code,
    type: 'purchase',
    tradeDate: s.dates[buyK]!,
    amountFen,
    units,
    nav: unit,
    feeFen: amountFen - netFen,
    channel,
  });
  return { buyK, units };
};

/** A matured closed-end product pays out at its last NAV and leaves no holding. */
const maturity = (book: Book, l: Line, units: number): void => {
  const last = l.nav.dates.length - 1;
  record(book, {
    productCode: l.product.code,
    type: 'maturity',
    tradeDate: l.nav.dates[last]!,
    amountFen: Math.round(units * l.nav.unit[last]! * 100),
    units: -units,
    nav: l.nav.unit[last]!,
  });
};

/**
 * While held: cash dividends on every ex-date, and for one open-ended position in five a partial redemption
 * (20–60% of the units) on a random later day. Returns the units and cost still held.
 */
const holdingPeriod = (
  rng: Rng,
  book: Book,
  l: Line,
  b: Bought,
  costFen: number,
): { units: number; costFen: number } => {
  const { product: p, nav: s } = l;
  const last = s.dates.length - 1;
  const redeemK =
    p.termDays === null && rng.next() < 0.2 && last - b.buyK > 5
      ? b.buyK + 1 + rng.int(last - b.buyK - 1)
      : -1;
  let units = b.units;
  let heldCost = costFen;
  for (let k = b.buyK + 1; k <= last; k++) {
    const div = s.dividend[k]!;
    if (div > 0 && units > 0) {
      record(book, {
        productCode: p.code,
        type: 'dividend',
        tradeDate: s.dates[k]!,
        amountFen: Math.round(units * div * 100),
        units: 0,
        nav: s.unit[k]!,
      });
    }
    if (k === redeemK) {
      const red = round2(units * (0.2 + 0.4 * rng.next()));
      const gross = red * s.unit[k]!;
      const fee = Math.round(gross * Number(p.redemptionFeeRate) * 100);
      record(book, {
        productCode: p.code,
        type: 'redemption',
        tradeDate: s.dates[k]!,
        amountFen: Math.round(gross * 100) - fee,
        units: -red,
        nav: s.unit[k]!,
        feeFen: fee,
        channel: channelOf(rng, book.customer),
      });
      heldCost = Math.round((heldCost * (units - red)) / units);
      units = round2(units - red);
    }
  }
  return { units, costFen: heldCost };
};

/** Money-market income accrues daily and is carried over as new units (unit NAV stays 1). */
const moneyMarketIncome = (book: Book, l: Line, buyK: number, units: number): number => {
  const s = l.nav;
  if (s.income10k === null) return units;
  const last = s.dates.length - 1;
  const gained = round2(units * (s.adjusted[last]! / s.adjusted[buyK]! - 1));
  if (!(gained > 0)) return units;
  record(book, {
    productCode: l.product.code,
    type: 'dividend',
    tradeDate: s.dates[last]!,
    amountFen: Math.round(gained * 100),
    units: gained,
    nav: 1,
  });
  return round2(units + gained);
};

/** One position from purchase to the reference date: bought, then matured, or held (and perhaps part sold). */
const position = (rng: Rng, book: Book, l: Line, amountFen: number): void => {
  const matured = l.product.maturityDate !== null && l.product.maturityDate <= l.asOf;
  const bought = purchase(rng, book, l, amountFen, matured);
  if (bought === null) return;
  if (matured) return maturity(book, l, bought.units);
  const held = holdingPeriod(rng, book, l, bought, amountFen);
  const units = moneyMarketIncome(book, l, bought.buyK, held.units);
  if (units > 0)
    book.holdings.push({
      customerId: book.customer.id,
      productCode: l.product.code,
      units,
      costFen: held.costFen,
      openedAt: l.nav.dates[bought.buyK]!,
    });
};

/** Market value in fen of holdings at the latest NAV on or before asOf (units × unit NAV). */
export const marketValueFen = (h: readonly DemoHolding[], nav: ReadonlyMap<string, NavSeries>): number => {
  let v = 0;
  for (const x of h) {
    const s = nav.get(x.productCode);
    if (s !== undefined) v += Math.round(x.units * s.unit[s.dates.length - 1]! * 100);
  }
  return v;
};
