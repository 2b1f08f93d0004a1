import { badInput } from '../../errors.js';
import { addDays, lastIndexOnOrBefore, monthOf } from '../days.js';
import { buildLedger, type Ledger, type ProductTrack } from './ledger.js';
import { linkTwr, type FlowSeries } from './twr.js';
import type {
  BenchmarkLeg,
  CategoryPnl,
  MonthlyPnl,
  ProductPnl,
  Statement,
  StatementFlow,
  StatementInput,
} from './types.js';
import { xirr } from './xirr.js';

const sumRange = (x: ArrayLike<number>, a: number, b: number): number => {
  let s = 0;
  for (let t = a + 1; t <= b; t++) s += x[t]!;
  return s;
};

const netInflow = (s: FlowSeries, a: number, b: number): number =>
  sumRange(s.inflow, a, b) - sumRange(s.outflow, a, b);

/** Compounded return of a fixed-weight benchmark mix between the closes on or before `start` and `end`. */
export const benchmarkReturn = (
  legs: readonly BenchmarkLeg[] | undefined,
  start: string,
  end: string,
): number | null => {
  if (legs === undefined || legs.length === 0) return null;
  const wsum = legs.reduce((s, l) => s + l.weight, 0);
  legs.forEach((l, k) => {
    if (!(l.weight >= 0) || l.dates.length !== l.close.length)
      throw badInput(`benchmark[${k}]`, 'weight must be ≥ 0 and dates and close of the same length');
  });
  if (!(wsum > 0)) throw badInput('benchmark', 'the weights must add up to more than 0');
  let r = 0;
  for (const l of legs) {
    const i0 = lastIndexOnOrBefore(l.dates, start);
    const i1 = lastIndexOnOrBefore(l.dates, end);
    if (i0 < 0 || i1 < 0 || !(l.close[i0]! > 0)) return null;
    r += (l.weight / wsum) * (l.close[i1]! / l.close[i0]! - 1);
  }
  return r;
};

const flowsByDate = (ledger: Ledger): StatementFlow[] => {
  const out: StatementFlow[] = [];
  for (let t = 1; t < ledger.dates.length; t++) {
    const amount = ledger.total.inflow[t]! - ledger.total.outflow[t]!;
    const any = ledger.total.inflow[t]! !== 0 || ledger.total.outflow[t]! !== 0;
    if (any) out.push({ date: ledger.dates[t]!, amount_fen: amount });
  }
  return out;
};

const productPnl = (tr: ProductTrack, last: number): ProductPnl => {
  const net = netInflow(tr, 0, last);
  return {
    product_code: tr.code,
    name: tr.product.name ?? null,
    category: tr.product.category,
    begin_value_fen: tr.value[0]!,
    end_value_fen: tr.value[last]!,
    net_inflow_fen: net,
    dividends_fen: sumRange(tr.cashDividend, 0, last) + sumRange(tr.reinvestedDividend, 0, last),
    pnl_fen: tr.value[last]! - tr.value[0]! - net,
    twr: linkTwr(tr, 0, last),
  };
};

const categories = (rows: readonly ProductPnl[], total: number): CategoryPnl[] => {
  const by = new Map<string, number>();
  for (const r of rows) by.set(r.category, (by.get(r.category) ?? 0) + r.pnl_fen);
  return [...by.entries()]
    .map(([category, pnl]) => ({ category, pnl_fen: pnl, share: total === 0 ? null : pnl / total }))
    .sort((a, b) => Math.abs(b.pnl_fen) - Math.abs(a.pnl_fen) || (a.category < b.category ? -1 : 1));
};

const monthly = (ledger: Ledger, input: StatementInput): MonthlyPnl[] => {
  const out: MonthlyPnl[] = [];
  const { dates, total } = ledger;
  let a = 0;
  for (let b = 1; b < dates.length; b++) {
    const d = dates[b]!;
    const closes = b === dates.length - 1 || monthOf(dates[b + 1]!) !== monthOf(d);
    if (!closes) continue;
    const net = netInflow(total, a, b);
    out.push({
      month: monthOf(d),
      from: a === 0 ? input.from : addDays(dates[a]!, 1),
      to: d,
      begin_value_fen: total.value[a]!,
      end_value_fen: total.value[b]!,
      net_inflow_fen: net,
      pnl_fen: total.value[b]! - total.value[a]! - net,
      twr: linkTwr(total, a, b),
      benchmark_return: benchmarkReturn(input.benchmark, dates[a]!, d),
    });
    a = b;
  }
  return out;
};

/**
 * The customer statement for any period [from, to]: opening value (close of the day before `from`), closing
 * value, external flows into (+) and out of (−) the invested portfolio (purchases +, redemptions, cash
 * dividends and maturity payouts −), dividends and fees, pnl = end − begin − net inflow exactly in integer
 * fen, P&L by product and category, the time-weighted return (linked daily at every flow), the
 * money-weighted return (XIRR, ACT/365, of −begin at the opening date, −flows and +end at `to`), the
 * benchmark mix's return and a monthly P&L series (months sum to the period exactly). Pure.
 */
export const buildStatement = (input: StatementInput): Statement => {
  const ledger = buildLedger(input);
  const last = ledger.dates.length - 1;
  const { total, tracks } = ledger;
  const inflow = sumRange(total.inflow, 0, last);
  const outflow = sumRange(total.outflow, 0, last);
  const begin = total.value[0]!;
  const end = total.value[last]!;
  const pnl = end - begin - (inflow - outflow);
  const flows = flowsByDate(ledger);
  const irr = xirr([
    { date: ledger.dates[0]!, amount: -begin },
    ...flows.map((f) => ({ date: f.date, amount: -f.amount_fen })),
    { date: input.to, amount: end },
  ]);
  const byProduct = tracks
    .map((tr) => productPnl(tr, last))
    .filter(
      (r) => r.begin_value_fen !== 0 || r.end_value_fen !== 0 || r.net_inflow_fen !== 0 || r.pnl_fen !== 0,
    );
  const sumOver = (pick: (tr: ProductTrack) => ArrayLike<number>) =>
    tracks.reduce((s, tr) => s + sumRange(pick(tr), 0, last), 0);
  const cashDiv = sumOver((tr) => tr.cashDividend);
  const reinvested = sumOver((tr) => tr.reinvestedDividend);
  return {
    from: input.from,
    to: input.to,
    begin_date: ledger.dates[0]!,
    begin_value_fen: begin,
    end_value_fen: end,
    net_inflow_fen: inflow - outflow,
    inflow_fen: inflow,
    outflow_fen: outflow,
    dividends_fen: cashDiv + reinvested,
    cash_dividends_fen: cashDiv,
    reinvested_dividends_fen: reinvested,
    fees_fen: sumOver((tr) => tr.fees),
    pnl_fen: pnl,
    twr: linkTwr(total, 0, last),
    irr: irr.rate,
    irr_status: irr.status,
    benchmark_return: benchmarkReturn(input.benchmark, ledger.dates[0]!, input.to),
    flows,
    flow_details: ledger.details,
    by_product: byProduct,
    by_category: categories(byProduct, pnl),
    monthly: monthly(ledger, input),
  };
};
