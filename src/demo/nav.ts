import type { Rng } from '../core/random.js';
import { dayNumber } from './calendar.js';
import type { MarketFactors } from './market.js';
import { studentT } from './market.js';
import type { DemoProduct } from './products.js';

/**
 * One product's NAV history. All values are rounded to 4 decimals (the published precision) and kept as
 * numbers; the writer formats them.
 * - unit: published unit NAV; drops by the dividend on an ex-dividend date.
 * - accumulated: unit + cumulative dividends per unit (累计净值).
 * - adjusted: dividend-reinvested NAV (复权净值): adj_t = adj_{t−1} × (unit_t + div_t) / unit_{t−1}. Returns must be
 *   computed from it.
 * - Money-market funds: unit = 1, income10k = 万份收益 (yuan per 10,000 units, all calendar days since the
 *   previous trading day), yield7d = 7日年化 in percent = (Σ income of the last 7 calendar days / 10000) × 365/7 × 100.
 */
export type NavSeries = {
  code: string;
  /** Index into MarketFactors.days of the first NAV date. */
  start: number;
  dates: string[];
  unit: Float64Array;
  accumulated: Float64Array;
  adjusted: Float64Array;
  dividend: Float64Array;
  income10k: Float64Array | null;
  yield7d: Float64Array | null;
};

export const round4 = (x: number): number => Math.round(x * 10000) / 10000;

const firstIndexOnOrAfter = (days: readonly string[], iso: string): number => {
  let lo = 0;
  let hi = days.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (days[mid]! < iso) lo = mid + 1;
    else hi = mid;
  }
  return lo;
};

/** Last index (exclusive) of the NAV: the maturity date for closed-end products, else the window's end. */
const endIndex = (p: DemoProduct, days: readonly string[]): number =>
  p.maturityDate === null
    ? days.length
    : Math.min(days.length, firstIndexOnOrAfter(days, p.maturityDate) + 1);

export const generateNav = (rng: Rng, p: DemoProduct, m: MarketFactors): NavSeries => {
  const start = p.inceptionDate > m.days[0]! ? firstIndexOnOrAfter(m.days, p.inceptionDate) : 0;
  const end = Math.max(start + 1, endIndex(p, m.days));
  return p.type === 'money_market' ? moneyMarketNav(rng, p, m, start, end) : pricedNav(rng, p, m, start, end);
};

const alloc = (n: number) => ({
  unit: new Float64Array(n),
  accumulated: new Float64Array(n),
  adjusted: new Float64Array(n),
  dividend: new Float64Array(n),
});

const pricedNav = (rng: Rng, p: DemoProduct, m: MarketFactors, start: number, end: number): NavSeries => {
  const n = end - start;
  const s = alloc(n);
  const md = p.model;
  // Bank WM valuation is smoothed (amortised cost for part of the book), so shocks pass through partly.
  const smooth = p.type === 'bank_wm' ? 0.35 : 1;
  let exact = md.startUnit;
  let cumDiv = md.pastDividends;
  let adj = md.startUnit + md.pastDividends * 1.08;
  let sectorShock = 0;
  let carry = 0;
  for (let k = 0; k < n; k++) {
    const i = start + k;
    let div = 0;
    if (k > 0) {
      sectorShock = 0.9 * sectorShock + 0.004 * studentT(rng, 4);
      const r =
        md.drift +
        md.equity * m.equity[i]! +
        md.bond * m.bond[i]! +
        md.overseas * m.overseas[i]! +
        md.sector * (sectorShock * 0.3 + 0.006 * studentT(rng, 4)) +
        md.idioVol * studentT(rng, md.idioDf);
      carry = smooth < 1 ? carry + r : 0;
      const step = smooth < 1 ? smooth * carry : r;
      if (smooth < 1) carry -= step;
      const prevUnit = s.unit[k - 1]!;
      exact = Math.max(0.05, exact * (1 + step));
      if (md.dividendEvery > 0 && k % md.dividendEvery === 0 && exact > 1.02) {
        div = round4(Math.min(md.equity > 0.3 ? 0.1 : 0.03, (exact - 1) * 0.3));
        exact -= div;
      }
      const unit = round4(exact);
      adj = adj * ((unit + div) / prevUnit);
    }
    cumDiv = round4(cumDiv + div);
    s.unit[k] = round4(exact);
    s.dividend[k] = div;
    s.accumulated[k] = round4(s.unit[k]! + cumDiv);
    s.adjusted[k] = round4(adj);
  }
  return { code: p.code, start, dates: m.days.slice(start, end), ...s, income10k: null, yield7d: null };
};

const moneyMarketNav = (
  rng: Rng,
  p: DemoProduct,
  m: MarketFactors,
  start: number,
  end: number,
): NavSeries => {
  const n = end - start;
  const s = alloc(n);
  const income10k = new Float64Array(n);
  const yield7d = new Float64Array(n);
  const spread = 0.0015 * rng.next() - 0.0005;
  const daily: number[] = []; // per-calendar-day income per 10k units, most recent last
  let adj = 1;
  let cum = 0;
  for (let k = 0; k < n; k++) {
    const i = start + k;
    const gap = k === 0 ? 1 : dayNumber(m.days[i]!) - dayNumber(m.days[i - 1]!);
    let inc = 0;
    for (let g = 0; g < gap; g++) {
      const d = Math.max(0.05, ((m.moneyYield[i]! + spread) / 365) * 10000 * (1 + 0.03 * rng.normal()));
      daily.push(d);
      inc += d;
    }
    if (daily.length > 7) daily.splice(0, daily.length - 7);
    income10k[k] = round4(inc);
    yield7d[k] = round4((daily.reduce((a, b) => a + b, 0) / 10000) * (365 / daily.length) * 100);
    adj *= 1 + inc / 10000;
    cum += inc / 10000;
    s.unit[k] = 1;
    s.accumulated[k] = round4(1 + cum);
    s.adjusted[k] = round4(adj);
  }
  return { code: p.code, start, dates: m.days.slice(start, end), ...s, income10k, yield7d };
};

/** Index of `iso` in a series (exact trading date), or −1. */
export const navIndexOf = (s: NavSeries, iso: string): number => {
  const k = firstIndexOnOrAfter(s.dates, iso);
  return s.dates[k] === iso ? k : -1;
};

/** Index of the last NAV date on or before `iso`, or −1. */
export const navIndexOnOrBefore = (s: NavSeries, iso: string): number => {
  const k = firstIndexOnOrAfter(s.dates, iso);
  return s.dates[k] === iso ? k : k - 1;
};
