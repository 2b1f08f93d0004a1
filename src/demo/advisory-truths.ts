import type { BankContext, CustomerBundle } from './bank.js';
import { buildBankContext, DEMO_DEFAULTS, generateBundle, validateDemoOptions } from './bank.js';
import { addDays } from './calendar.js';

/**
 * What the advisory services must find on a demo bank (issue 11), located by plain rules over the generated
 * data — not by the engines they test:
 * - a customer holding a product rated above their level and one product above its concentration limit
 *   (share of the invested value at the latest NAV: R2 60 %, R3 40 %, R4 30 %, R5 25 %; from 10,000 yuan);
 * - a customer holding the planted closed-end product that matures 20 days after the reference date;
 * - an equity fund tracking CSI 300 over the planted bear phase (the window of the check), held by a customer.
 */
export type AdvisoryTruths = {
  concentrated_mismatched: {
    customer_id: number;
    level: string;
    mismatch_products: string[];
    concentration_products: string[];
  } | null;
  maturity_soon: { customer_id: number; product_code: string; maturity_date: string } | null;
  bear_attribution: {
    customer_id: number;
    product_code: string;
    from: string;
    to: string;
    /** Trading days (NAV observations) of the window. */
    days: number;
  } | null;
};

const LIMIT: Readonly<Record<string, number>> = { R2: 0.6, R3: 0.4, R4: 0.3, R5: 0.25 };
const rank = (level: string): number => Number(level.slice(1));

/** Latest unit NAV on or before the reference date. */
const lastUnit = (bank: BankContext, code: string): number | null => {
  const s = bank.nav.get(code);
  if (s === undefined) return null;
  let k = s.dates.length - 1;
  while (k >= 0 && s.dates[k]! > bank.asOf) k--;
  return k < 0 ? null : s.unit[k]!;
};

const concentratedMismatched = (bank: BankContext, b: CustomerBundle) => {
  const c = b.customer;
  if (c.professional) return null;
  const risk = new Map(bank.products.map((p) => [p.code, p.riskLevel]));
  const values = b.holdings.map((h) => ({
    code: h.productCode,
    value: Math.round(h.units * (lastUnit(bank, h.productCode) ?? 0) * 100),
  }));
  const total = values.reduce((s, v) => s + v.value, 0);
  if (total < 1_000_000) return null;
  const cap = c.lowestCategory ? 1 : rank(c.riskLevel);
  const mismatch = values.filter((v) => rank(risk.get(v.code)!) > cap).map((v) => v.code);
  const concentration = values
    .filter((v) => LIMIT[risk.get(v.code)!] !== undefined && v.value / total > LIMIT[risk.get(v.code)!]!)
    .map((v) => v.code);
  if (mismatch.length === 0 || concentration.length === 0) return null;
  return {
    customer_id: c.id,
    level: c.riskLevel,
    mismatch_products: mismatch.sort(),
    concentration_products: concentration.sort(),
  };
};

/** The advisory truths of the first `customers` customers of a bank (in customer order: the first match). */
export const advisoryTruthsOf = (bank: BankContext, customers: number): AdvisoryTruths => {
  const soon = bank.products.find(
    (p) => p.maturityDate !== null && p.maturityDate > bank.asOf && p.maturityDate <= addDays(bank.asOf, 30),
  );
  const [b0, b1] = bank.market.regimes.bear;
  const from = bank.market.days[b0]!;
  const to = bank.market.days[b1]!;
  const bearFunds = bank.products
    .filter((p) => p.type === 'index' && p.benchmarkIndex === 'CSI300')
    .map((p) => p.code)
    .filter((code) => {
      const d = bank.nav.get(code)?.dates ?? [];
      return d.length > 0 && d[0]! < addDays(from, -60);
    });
  const out: AdvisoryTruths = { concentrated_mismatched: null, maturity_soon: null, bear_attribution: null };
  for (let i = 0; i < customers; i++) {
    const b = generateBundle(bank, i);
    if (out.concentrated_mismatched === null) out.concentrated_mismatched = concentratedMismatched(bank, b);
    if (
      out.maturity_soon === null &&
      soon !== undefined &&
      b.holdings.some((h) => h.productCode === soon.code)
    )
      out.maturity_soon = {
        customer_id: b.customer.id,
        product_code: soon.code,
        maturity_date: soon.maturityDate!,
      };
    if (out.bear_attribution === null) {
      const held = bearFunds.find((code) => b.holdings.some((h) => h.productCode === code));
      if (held !== undefined) {
        const d = bank.nav.get(held)!.dates;
        const days = d.filter((x) => x > from && x <= to).length;
        out.bear_attribution = {
          customer_id: b.customer.id,
          product_code: held,
          from,
          to,
          days: Math.min(250, days),
        };
      }
    }
    if (out.concentrated_mismatched !== null && out.maturity_soon !== null && out.bear_attribution !== null)
      break;
  }
  return out;
};

/** Advisory truths of the bank `seedDemoBank(db, opts)` generates (in memory; no database). */
export const advisoryTruths = (
  opts: { customers?: number; seed?: number; asOf?: string } = {},
): AdvisoryTruths => {
  const customers = opts.customers ?? DEMO_DEFAULTS.customers;
  const seed = opts.seed ?? DEMO_DEFAULTS.seed;
  const asOf = opts.asOf ?? DEMO_DEFAULTS.asOf;
  validateDemoOptions({ customers, seed, asOf });
  return advisoryTruthsOf(buildBankContext(seed, asOf), customers);
};
