/**
 * A small deterministic market and shelf for the advisory tests: weekday trading days, an equity factor with
 * a bear phase, a bond factor, two sector factors, and products that load on them like the demo bank's.
 */
import type { ProductType } from '../product-types.js';
import { createRng } from '../random.js';
import type { ProductRiskLevel } from '../suitability/types.js';
import type { AdvisoryProduct, ProductFees } from './product.js';

export type Market = {
  readonly dates: string[];
  readonly equity: Float64Array;
  readonly bond: Float64Array;
  readonly sectorA: Float64Array;
  readonly sectorB: Float64Array;
};

export const weekdays = (from: string, to: string): string[] => {
  const out: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000) {
    const d = new Date(t);
    if (d.getUTCDay() !== 0 && d.getUTCDay() !== 6) out.push(d.toISOString().slice(0, 10));
  }
  return out;
};

/** Daily factor returns; `bear` = [start, end) fractions of the window with a falling equity market. */
export const makeMarket = (
  seed = 1,
  from = '2024-10-01',
  to = '2026-10-30',
  bear: [number, number] = [0.4, 0.55],
): Market => {
  const rng = createRng(seed);
  const dates = weekdays(from, to);
  const n = dates.length;
  const equity = new Float64Array(n);
  const bond = new Float64Array(n);
  const sectorA = new Float64Array(n);
  const sectorB = new Float64Array(n);
  for (let i = 1; i < n; i++) {
    const inBear = i >= bear[0] * n && i < bear[1] * n;
    equity[i] = (inBear ? -0.0018 : 0.0006) + 0.012 * rng.normal();
    bond[i] = 0.00013 + 0.0007 * rng.normal();
    sectorA[i] = 0.009 * rng.normal();
    sectorB[i] = 0.009 * rng.normal();
  }
  return { dates, equity, bond, sectorA, sectorB };
};

export type ProductSpec = {
  readonly code: string;
  readonly type: ProductType;
  readonly risk: ProductRiskLevel;
  readonly name?: string;
  readonly issuer?: string;
  readonly manager?: string;
  readonly equity?: number;
  readonly bond?: number;
  readonly sectorA?: number;
  readonly sectorB?: number;
  readonly drift?: number;
  readonly idio?: number;
  readonly fees?: Partial<ProductFees>;
  readonly termDays?: number | null;
  readonly maturityDate?: string | null;
  readonly benchmarkIndex?: string | null;
  readonly start?: number;
  readonly seed?: number;
  readonly status?: AdvisoryProduct['status'];
  readonly minPurchaseFen?: number;
};

const DEFAULT_FEES: ProductFees = {
  purchase: 0.012,
  redemption: 0.005,
  management: 0.012,
  custody: 0.002,
  salesService: 0,
};

/** A product whose adjusted NAV follows its factor loadings plus its own noise; unit NAV = adjusted (no dividends). */
export const makeProduct = (m: Market, s: ProductSpec): AdvisoryProduct => {
  const rng = createRng(s.seed ?? s.code.split('').reduce((h, ch) => (h * 31 + ch.charCodeAt(0)) | 0, 7));
  const start = s.start ?? 0;
  const dates = m.dates.slice(start);
  const nav = new Float64Array(dates.length);
  let v = 1;
  for (let j = 0; j < dates.length; j++) {
    const i = j + start;
    if (j > 0) {
      const r =
        (s.drift ?? 0) +
        (s.equity ?? 0) * m.equity[i]! +
        (s.bond ?? 0) * m.bond[i]! +
        (s.sectorA ?? 0) * m.sectorA[i]! +
        (s.sectorB ?? 0) * m.sectorB[i]! +
        (s.idio ?? 0.001) * rng.normal();
      v *= 1 + r;
    }
    nav[j] = Math.round(v * 10_000) / 10_000;
  }
  return {
    code: s.code,
    name: s.name ?? `演示${s.code}`,
    type: s.type,
    risk: s.risk,
    issuer: s.issuer ?? `发行人${s.code}`,
    manager: s.manager ?? `经理${s.code}`,
    benchmarkIndex: s.benchmarkIndex ?? null,
    termDays: s.termDays ?? null,
    maturityDate: s.maturityDate ?? null,
    status: s.status ?? 'open',
    minPurchaseFen: s.minPurchaseFen ?? 100_000,
    fees: { ...DEFAULT_FEES, ...s.fees },
    nav: { dates, unit: nav, adjusted: nav },
  };
};

/** An index level series from a factor (level 1000 at the start). */
export const makeIndex = (m: Market, factor: Float64Array, start = 1000): Float64Array => {
  const out = new Float64Array(factor.length);
  let v = start;
  for (let i = 0; i < factor.length; i++) {
    if (i > 0) v *= 1 + factor[i]!;
    out[i] = Math.round(v * 10_000) / 10_000;
  }
  return out;
};

const money = { purchase: 0, redemption: 0, management: 0.0025, custody: 0.0008, salesService: 0.0025 };
const bondFees = {
  purchase: 0.008,
  redemption: 0.005,
  management: 0.003,
  custody: 0.001,
  salesService: 0.003,
};

/** A shelf of every type (3+ per fund type so categories have medians and percentiles). */
export const fixtureShelf = (m: Market): AdvisoryProduct[] => [
  ...['MM1', 'MM2', 'MM3'].map((code, k) =>
    makeProduct(m, {
      code,
      type: 'money_market',
      risk: 'R1',
      drift: 0.00006 + k * 0.000003,
      idio: 0.00001,
      fees: money,
    }),
  ),
  ...['SB1', 'SB2', 'SB3'].map((code, k) =>
    makeProduct(m, {
      code,
      type: 'short_bond',
      risk: 'R2',
      bond: 0.5,
      drift: 0.00008,
      idio: 0.0003 + k * 0.0001,
      fees: bondFees,
    }),
  ),
  ...['PB1', 'PB2', 'PB3', 'PB4'].map((code, k) =>
    makeProduct(m, {
      code,
      type: 'pure_bond',
      risk: 'R2',
      bond: 1,
      drift: 0.00002 * k,
      idio: 0.0005,
      fees: bondFees,
    }),
  ),
  ...['BP1', 'BP2', 'BP3'].map((code, k) =>
    makeProduct(m, { code, type: 'bond_plus', risk: 'R3', bond: 0.8, equity: 0.15 + 0.05 * k, idio: 0.001 }),
  ),
  ...['HY1', 'HY2', 'HY3', 'HY4'].map((code, k) =>
    makeProduct(m, {
      code,
      type: 'hybrid',
      risk: 'R3',
      equity: 0.6 + 0.1 * k,
      sectorA: 0.2 * (k % 2),
      idio: 0.004,
      benchmarkIndex: 'CSI300',
    }),
  ),
  ...['EQ1', 'EQ2', 'EQ3', 'EQ4'].map((code, k) =>
    makeProduct(m, {
      code,
      type: 'equity',
      risk: 'R4',
      equity: 0.9 + 0.05 * k,
      sectorB: 0.3,
      idio: 0.006,
      benchmarkIndex: 'CSI300',
      fees: { management: 0.012 + 0.002 * k },
    }),
  ),
  ...['IX1', 'IX2', 'IX3'].map((code) =>
    makeProduct(m, {
      code,
      type: 'index',
      risk: 'R4',
      equity: 1,
      idio: 0.0008,
      benchmarkIndex: 'CSI300',
      fees: { management: 0.005, custody: 0.001 },
    }),
  ),
  ...['SE1', 'SE2', 'SE3'].map((code, k) =>
    makeProduct(m, {
      code,
      type: 'sector',
      risk: 'R5',
      equity: 0.8,
      sectorA: k === 2 ? 0 : 1.2,
      sectorB: k === 2 ? 1.2 : 0,
      idio: 0.006,
      benchmarkIndex: 'CSI300',
    }),
  ),
  makeProduct(m, {
    code: 'WM1',
    type: 'bank_wm',
    risk: 'R2',
    bond: 0.35,
    drift: 0.0001,
    idio: 0.0002,
    termDays: 180,
    maturityDate: '2026-11-04',
  }),
  makeProduct(m, { code: 'WM2', type: 'bank_wm', risk: 'R2', bond: 0.35, drift: 0.0001, idio: 0.0002 }),
  makeProduct(m, {
    code: 'WM3',
    type: 'bank_wm',
    risk: 'R3',
    bond: 0.35,
    equity: 0.1,
    idio: 0.0004,
    termDays: 720,
    maturityDate: '2027-12-01',
  }),
];
