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
  const holdings: DemoHolding[] = [];
  const txs: DemoTransaction[] = [];
  const investFen = Math.round((c.depositFen / Math.max(0.08, 1 - c.investShare)) * c.investShare);
  if (rng.next() < 0.12 || investFen < 100_000) return { holdings, transactions: txs };
  const pool = eligible(rng, c, ctx);
  if (pool.length === 0) return { holdings, transactions: txs };
  const k = Math.min(
    pool.length,
    1 + Math.floor(-Math.log(Math.max(1e-9, rng.next())) * (1.2 + c.investShare * 3)),
  );
  const chosen = new Set<DemoProduct>();
  while (chosen.size < k) chosen.add(pool[rng.int(pool.length)]!);
  const weights = [...chosen].map(() => -Math.log(Math.max(1e-9, rng.next())));
  const wsum = weights.reduce((a, b) => a + b, 0);
  let seq = 0;
  const nextId = (): number => c.id * 1000 + ++seq;
  [...chosen].forEach((p, j) => {
    const s = ctx.nav.get(p.code);
    if (s === undefined || s.dates.length < 2) return;
    const amountFen = Math.max(p.minPurchaseFen, Math.round((investFen * weights[j]!) / wsum / 100) * 100);
    position(rng, c, p, s, amountFen, ctx.asOf, nextId, holdings, txs);
  });
  return { holdings, transactions: txs };
};

const position = (
  rng: Rng,
  c: DemoCustomer,
  p: DemoProduct,
  s: NavSeries,
  amountFen: number,
  asOf: string,
  nextId: () => number,
  holdings: DemoHolding[],
  txs: DemoTransaction[],
): void => {
  const last = s.dates.length - 1;
  const matured = p.maturityDate !== null && p.maturityDate <= asOf;
  // Buy after becoming a customer and, for products still open, before the reference date.
  let k0 = 0;
  while (k0 < last && s.dates[k0]! < c.onboardedAt) k0++;
  const span = last - k0 - (matured ? 0 : 1);
  if (span < 1) return;
  const buyK = k0 + rng.int(span);
  const buyDate = s.dates[buyK]!;
  const unit = s.unit[buyK]!;
  const channel = channelOf(rng, c);
  // Online channels sell funds at one-tenth of the posted front-end fee, as Chinese platforms do.
  const feeRate = Number(p.purchaseFeeRate) * (channel === 'app' || channel === 'wechat' ? 0.1 : 1);
  const netFen = Math.round(amountFen / (1 + feeRate));
  let units = round2(netFen / 100 / unit);
  if (units <= 0) return;
  const costFen = amountFen;
  txs.push({
    customerId: c.id,
    id: nextId(),
    productCode: p.code,
    type: 'purchase',
    tradeDate: buyDate,
    amountFen,
    units,
    nav: unit,
    feeFen: amountFen - netFen,
    channel,
  });
  if (matured) {
    const payout = Math.round(units * s.unit[last]! * 100);
    txs.push({
      customerId: c.id,
      id: nextId(),
      productCode: p.code,
      type: 'maturity',
      tradeDate: s.dates[last]!,
      amountFen: payout,
      units: -units,
      nav: s.unit[last]!,
      feeFen: 0,
      channel: 'app',
    });
    return;
  }
  const redeemK =
    p.termDays === null && rng.next() < 0.2 && last - buyK > 5 ? buyK + 1 + rng.int(last - buyK - 1) : -1;
  let heldCost = costFen;
  for (let k = buyK + 1; k <= last; k++) {
    const div = s.dividend[k]!;
    if (div > 0 && units > 0) {
      txs.push({
        customerId: c.id,
        id: nextId(),
        productCode: p.code,
        type: 'dividend',
        tradeDate: s.dates[k]!,
        amountFen: Math.round(units * div * 100),
        units: 0,
        nav: s.unit[k]!,
        feeFen: 0,
        channel: 'app',
      });
    }
    if (k === redeemK) {
      const red = round2(units * (0.2 + 0.4 * rng.next()));
      const gross = red * s.unit[k]!;
      const fee = Math.round(gross * Number(p.redemptionFeeRate) * 100);
      txs.push({
        customerId: c.id,
        id: nextId(),
        productCode: p.code,
        type: 'redemption',
        tradeDate: s.dates[k]!,
        amountFen: Math.round(gross * 100) - fee,
        units: -red,
        nav: s.unit[k]!,
        feeFen: fee,
        channel: channelOf(rng, c),
      });
      heldCost = Math.round((heldCost * (units - red)) / units);
      units = round2(units - red);
    }
  }
  if (s.income10k !== null) {
    // Money-market income accrues daily and is carried over as new units (unit NAV stays 1).
    const gained = round2(units * (s.adjusted[last]! / s.adjusted[buyK]! - 1));
    if (gained > 0) {
      txs.push({
        customerId: c.id,
        id: nextId(),
        productCode: p.code,
        type: 'dividend',
        tradeDate: s.dates[last]!,
        amountFen: Math.round(gained * 100),
        units: gained,
        nav: 1,
        feeFen: 0,
        channel: 'app',
      });
      units = round2(units + gained);
    }
  }
  if (units > 0)
    holdings.push({ customerId: c.id, productCode: p.code, units, costFen: heldCost, openedAt: buyDate });
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
