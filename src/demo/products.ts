import type { Rng } from '../core/random.js';
import { addDays } from './calendar.js';
import type { TypeSpec } from './product-specs.js';
import { TYPE_SPECS, u } from './product-specs.js';
import type { DemoProduct, ProductType } from './product-types.js';

export type { DemoProduct, NavModel, ProductType, RiskRating } from './product-types.js';

/** Fictitious managers and issuers (no real company is named). */
const FUND_HOUSES = [
  '华岳基金',
  '青松基金',
  '长川基金',
  '明远基金',
  '泰和基金',
  '云帆基金',
  '嘉禾基金',
  '中衡基金',
];
const WM_HOUSES = ['澜川理财', '恒信理财', '星河理财'];
const INSURERS = ['安泰人寿', '福安保险'];
const SURNAMES = '王李张刘陈杨赵黄周吴徐孙朱马胡郭林何高罗';
const GIVEN = [
  '晓明',
  '思远',
  '雨涵',
  '志强',
  '嘉怡',
  '文博',
  '子轩',
  '海峰',
  '静怡',
  '建华',
  '一鸣',
  '若彤',
];

const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[rng.int(xs.length)]!;

const CODE_PREFIX: Readonly<Record<ProductType, string>> = {
  money_market: 'MM',
  short_bond: 'SB',
  pure_bond: 'PB',
  bond_plus: 'BP',
  hybrid: 'HY',
  equity: 'EQ',
  index: 'IX',
  sector: 'SE',
  qdii: 'QD',
  bank_wm: 'WM',
  insurance: 'IN',
  advisory: 'AD',
};

const rate = (x: number): string => x.toFixed(4);
const ADVISORY_PRICES_FEN = [29_900, 49_900, 99_900];
const WM_TERMS = [0, 0, 90, 180, 365, 365, 730, 1095];

/**
 * The product shelf of the demo bank: 65 products over every type. `windowStart` is the first NAV date of
 * the demo; funds were launched earlier (they carry past dividends), bank WM products launch inside the window
 * so that some are close to par when the bond sell-off arrives (破净).
 */
export const generateProducts = (rng: Rng, windowStart: string, windowDays: number): DemoProduct[] => {
  const out: DemoProduct[] = [];
  for (const s of TYPE_SPECS) {
    for (let i = 0; i < s.count; i++) out.push(makeProduct(rng, s, i, windowStart, windowDays));
  }
  return out;
};

const makeProduct = (
  rng: Rng,
  s: TypeSpec,
  i: number,
  windowStart: string,
  windowDays: number,
): DemoProduct => {
  const house =
    s.type === 'bank_wm'
      ? pick(rng, WM_HOUSES)
      : s.type === 'insurance'
        ? pick(rng, INSURERS)
        : pick(rng, FUND_HOUSES);
  const base = s.model(rng);
  const par =
    s.type === 'bank_wm' || s.type === 'insurance' || s.type === 'advisory' || s.type === 'money_market';
  const bondLike = base.equity < 0.3 && base.overseas === 0;
  const startUnit = par ? 1 : Math.round((bondLike ? u(rng, 1.0, 1.2) : u(rng, 0.85, 2.6)) * 10000) / 10000;
  const pastDividends =
    base.dividendEvery > 0 && !par ? Math.round(u(rng, 0.02, bondLike ? 0.2 : 0.6) * 10000) / 10000 : 0;
  const insideWindow = s.type === 'bank_wm';
  // WM products launch at 25–60% of the window (calendar days), shortly before the bond sell-off at ~62%, so
  // the younger ones have not yet earned enough to absorb it and fall below par (破净).
  const inception = insideWindow
    ? addDays(windowStart, Math.floor(u(rng, 0.25, 0.6) * windowDays))
    : addDays(windowStart, -(365 + rng.int(365 * 6)));
  const term =
    s.type === 'bank_wm' ? WM_TERMS[i % WM_TERMS.length]! : s.type === 'insurance' ? 365 * (5 + i * 5) : null;
  const termDays = term === null || term === 0 ? null : term;
  const maturityDate = termDays === null ? null : addDays(inception, termDays);
  const [fp, fr, fm, fc, fs] = s.fees;
  const name = `${house.replace(/基金|理财|人寿|保险/, '')}${s.prefix}${s.suffix[i % s.suffix.length]!}`;
  const annualFee = fm + fc + fs;
  return {
    code: `${CODE_PREFIX[s.type]}${String(i + 1).padStart(3, '0')}`,
    name,
    type: s.type,
    riskLevel: s.risk[i % s.risk.length]!,
    issuer: house,
    manager: s.type === 'insurance' ? house : `${pick(rng, [...SURNAMES])}${pick(rng, GIVEN)}`,
    benchmark: s.benchmark,
    benchmarkIndex: s.index,
    inceptionDate: inception,
    termDays,
    maturityDate,
    minPurchaseFen: s.minYuan * 100,
    purchaseFeeRate: rate(fp),
    redemptionFeeRate: rate(fr),
    managementFeeRate: rate(fm),
    custodyFeeRate: rate(fc),
    salesServiceFeeRate: rate(fs),
    annualPriceFen: s.type === 'advisory' ? ADVISORY_PRICES_FEN[i % ADVISORY_PRICES_FEN.length]! : null,
    dividendPolicy: base.dividendEvery > 0 ? 'cash' : s.type === 'money_market' ? 'reinvest' : 'none',
    status: 'open',
    description: `${name}（演示产品，非真实产品）`,
    model: { ...base, drift: base.drift - annualFee / 242, startUnit, pastDividends },
  };
};
