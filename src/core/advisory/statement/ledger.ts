import { badInput } from '../../errors.js';
import { addDays, assertAscending, lastIndexOnOrBefore, monthEnd } from '../days.js';
import { toScaled, valueFen } from '../decimal.js';
import type { FlowSeries } from './twr.js';
import {
  TRANSACTION_TYPES,
  type StatementFlowDetail,
  type StatementInput,
  type StatementProduct,
  type StatementTransaction,
} from './types.js';

/** Per-product daily money (fen) on the valuation dates; index 0 is the opening date (the day before `from`). */
export type ProductTrack = FlowSeries & {
  readonly code: string;
  readonly product: StatementProduct;
  readonly cashDividend: Float64Array;
  readonly reinvestedDividend: Float64Array;
  readonly fees: Float64Array;
};

export type Ledger = {
  readonly dates: readonly string[];
  readonly tracks: readonly ProductTrack[];
  readonly total: FlowSeries;
  readonly details: readonly StatementFlowDetail[];
};

type Tx = StatementTransaction & { readonly k: number; readonly units100: number; readonly nav4: number };

const validateTx = (t: StatementTransaction, k: number): Tx => {
  const f = `transactions[${k}]`;
  if (!TRANSACTION_TYPES.includes(t.type))
    throw badInput(`${f}.type`, `expected ${TRANSACTION_TYPES.join('|')}, got "${String(t.type)}"`);
  addDays(t.tradeDate, 0, `${f}.tradeDate`);
  for (const key of ['amountFen', 'feeFen'] as const) {
    if (!Number.isSafeInteger(t[key]) || t[key] < 0)
      throw badInput(`${f}.${key}`, `expected a whole number of fen ≥ 0, got ${t[key]}`);
  }
  const units100 = toScaled(t.units, 2, `${f}.units`);
  const nav4 = toScaled(t.nav, 4, `${f}.nav`);
  const sign = t.type === 'purchase' ? 1 : t.type === 'dividend' ? 0 : -1;
  if ((sign === 1 && units100 <= 0) || (sign === -1 && units100 >= 0) || (sign === 0 && units100 < 0)) {
    const want = sign === 1 ? '> 0' : sign === -1 ? '< 0' : '≥ 0 (0 for a cash dividend)';
    throw badInput(`${f}.units`, `a ${t.type} needs units ${want}, got ${String(t.units)}`);
  }
  return { ...t, k, units100, nav4 };
};

/** Unit NAVs of one product as 1/10 000 yuan from the last date on or before `begin` to `to`. */
const navTable = (p: StatementProduct, begin: string, to: string) => {
  const field = `products[${p.code}].nav`;
  if (p.nav.dates.length !== p.nav.unit.length)
    throw badInput(field, 'dates and unit must have the same length');
  assertAscending(p.nav.dates, `${field}.dates`);
  const first = Math.max(0, lastIndexOnOrBefore(p.nav.dates, begin));
  const last = lastIndexOnOrBefore(p.nav.dates, to);
  const dates: string[] = [];
  const nav4: number[] = [];
  for (let i = first; i <= last; i++) {
    dates.push(p.nav.dates[i]!);
    nav4.push(toScaled(p.nav.unit[i]!, 4, `${field}.unit[${i}]`));
  }
  return { dates, nav4 };
};

const valuationDates = (
  begin: string,
  from: string,
  to: string,
  txs: readonly Tx[],
  tables: readonly { dates: string[] }[],
): string[] => {
  const set = new Set<string>([begin, to]);
  for (const t of tables) for (const d of t.dates) if (d > begin) set.add(d);
  for (const t of txs) if (t.tradeDate > begin) set.add(t.tradeDate);
  for (let m = monthEnd(from); m < to; m = monthEnd(addDays(m, 1))) set.add(m);
  return [...set].sort();
};

const emptyTrack = (code: string, product: StatementProduct, n: number): ProductTrack => ({
  code,
  product,
  value: new Float64Array(n),
  inflow: new Float64Array(n),
  outflow: new Float64Array(n),
  entry: new Float64Array(n),
  cashDividend: new Float64Array(n),
  reinvestedDividend: new Float64Array(n),
  fees: new Float64Array(n),
});

type Mut = {
  -readonly [K in keyof ProductTrack]: ProductTrack[K] extends ArrayLike<number>
    ? Float64Array
    : ProductTrack[K];
};

/** Books one transaction on valuation day t (t = 0: before the period, units only). */
const book = (tr: Mut, tx: Tx, t: number, details: StatementFlowDetail[], units: number): number => {
  const next = units + tx.units100;
  if (next < 0)
    throw badInput(
      `transactions[${tx.k}].units`,
      `${tx.productCode} would hold fewer than 0 units after this ${tx.type}`,
    );
  if (t === 0) return next;
  const flow = (type: StatementFlowDetail['type'], amount: number) =>
    details.push({ date: tx.tradeDate, product_code: tx.productCode, type, amount_fen: amount });
  if (tx.type === 'purchase') {
    tr.inflow[t]! += tx.amountFen;
    tr.entry[t]! += tx.amountFen - valueFen(tx.units100, tx.nav4);
    flow('purchase', tx.amountFen);
  } else if (tx.type === 'dividend' && tx.units100 > 0) {
    tr.reinvestedDividend[t]! += tx.amountFen;
  } else {
    tr.outflow[t]! += tx.amountFen;
    if (tx.type === 'dividend') tr.cashDividend[t]! += tx.amountFen;
    flow(tx.type === 'dividend' ? 'cash_dividend' : tx.type, -tx.amountFen);
  }
  tr.fees[t]! += tx.feeFen;
  return next;
};

/**
 * Replays the customer's transactions and values every position at each valuation date of the period
 * (NAV dates of the products held, trade dates, month ends, the last day) as units × latest unit NAV on or
 * before the date, rounded to the fen per position (the trade NAV when it is more recent than the table).
 * Integer fen throughout.
 */
export const buildLedger = (input: StatementInput): Ledger => {
  const from = input.from;
  const to = input.to;
  const begin = addDays(from, -1, 'from');
  addDays(to, 0, 'to');
  if (to < from) throw badInput('to', `the period ends (${to}) before it starts (${from})`);
  const byCode = new Map(input.products.map((p) => [p.code, p]));
  const txs = input.transactions
    .map(validateTx)
    .filter((t) => t.tradeDate <= to)
    .sort((a, b) => (a.tradeDate < b.tradeDate ? -1 : a.tradeDate > b.tradeDate ? 1 : a.k - b.k));
  const codes = [...new Set(txs.map((t) => t.productCode))];
  const products = codes.map((c) => {
    const p = byCode.get(c);
    if (p === undefined) {
      const k = txs.find((t) => t.productCode === c)!.k;
      throw badInput(`transactions[${k}].productCode`, `no product ${c} among the products given`);
    }
    return p;
  });
  const tables = products.map((p) => navTable(p, begin, to));
  const dates = valuationDates(begin, from, to, txs, tables);
  const n = dates.length;
  const tracks = products.map((p, i) => emptyTrack(codes[i]!, p, n)) as unknown as Mut[];
  const index = new Map(codes.map((c, i) => [c, i]));
  const units = new Float64Array(codes.length);
  const lastTx = codes.map(() => ({ date: '', nav4: 0 }));
  const navPtr = new Int32Array(codes.length).fill(-1);
  const details: StatementFlowDetail[] = [];
  let q = 0;
  for (let t = 0; t < n; t++) {
    const d = dates[t]!;
    for (; q < txs.length && txs[q]!.tradeDate <= d; q++) {
      const tx = txs[q]!;
      const i = index.get(tx.productCode)!;
      units[i] = book(tracks[i]!, tx, t, details, units[i]!);
      lastTx[i] = { date: tx.tradeDate, nav4: tx.nav4 };
    }
    for (let i = 0; i < codes.length; i++) {
      const tb = tables[i]!;
      while (navPtr[i]! + 1 < tb.dates.length && tb.dates[navPtr[i]! + 1]! <= d) navPtr[i]!++;
      if (units[i] === 0) continue;
      const p = navPtr[i]!;
      const nav4 = p >= 0 && tb.dates[p]! >= lastTx[i]!.date ? tb.nav4[p]! : lastTx[i]!.nav4;
      tracks[i]!.value[t] = valueFen(units[i]!, nav4);
    }
  }
  return { dates, tracks, total: sumTracks(tracks, n), details };
};

const sumTracks = (tracks: readonly FlowSeries[], n: number): FlowSeries => {
  const keys = ['value', 'inflow', 'outflow', 'entry'] as const;
  const out = Object.fromEntries(keys.map((k) => [k, new Float64Array(n)])) as Record<
    (typeof keys)[number],
    Float64Array
  >;
  for (const tr of tracks) for (const k of keys) for (let t = 0; t < n; t++) out[k][t]! += tr[k][t]!;
  return out;
};
