import { describe, expect, it } from 'vitest';
import { buildBankContext } from './bank.js';
import { dayNumber, isTradingDay } from './calendar.js';

const ctx = buildBankContext(7, '2026-10-30');
const series = [...ctx.nav.values()];
const productOf = (code: string) => ctx.products.find((p) => p.code === code)!;

describe('demo NAV series', () => {
  it('covers three years of trading days ending on the reference date', () => {
    expect(ctx.navEnd).toBe('2026-10-30');
    expect(ctx.market.days[0]! >= '2023-10-30').toBe(true);
    expect(ctx.market.days.length).toBeGreaterThan(700);
    for (const d of ctx.market.days) expect(isTradingDay(d), d).toBe(true);
    expect(ctx.market.days).not.toContain('2025-10-01');
    expect(ctx.market.days).not.toContain('2025-01-29');
  });

  it('has about 60 products over every type', () => {
    expect(ctx.products.length).toBeGreaterThanOrEqual(55);
    const types = new Set(ctx.products.map((p) => p.type));
    expect(types.size).toBe(12);
  });

  it('chains adjusted NAV through dividends: adj_t / adj_t-1 = (unit_t + div_t) / unit_t-1', () => {
    for (const s of series) {
      if (s.income10k !== null) continue;
      for (let k = 1; k < s.dates.length; k++) {
        const lhs = s.adjusted[k]! / s.adjusted[k - 1]!;
        const rhs = (s.unit[k]! + s.dividend[k]!) / s.unit[k - 1]!;
        // Both adjusted values are rounded to 4 decimals: allow that rounding on each.
        expect(Math.abs(lhs - rhs), `${s.code} ${s.dates[k]}`).toBeLessThan(
          1.1e-4 / s.adjusted[k - 1]! + 1e-9,
        );
      }
    }
  });

  it('keeps accumulated − unit equal to the dividends paid so far', () => {
    for (const s of series) {
      if (s.income10k !== null) continue;
      const base = s.accumulated[0]! - s.unit[0]!;
      let paid = 0;
      for (let k = 0; k < s.dates.length; k++) {
        paid += s.dividend[k]!;
        expect(s.accumulated[k]! - s.unit[k]!).toBeCloseTo(base + paid, 3);
      }
    }
  });

  it('makes unit, accumulated and adjusted NAV differ for dividend-paying funds', () => {
    const payers = series.filter((s) => s.dividend.some((d) => d > 0));
    expect(payers.length).toBeGreaterThan(10);
    for (const s of payers) {
      const last = s.dates.length - 1;
      expect(s.accumulated[last]).toBeGreaterThan(s.unit[last]!);
      expect(s.adjusted[last]).not.toBe(s.accumulated[last]);
    }
  });

  it('publishes money-market funds at unit 1 with 万份收益 and a consistent 7日年化', () => {
    const mmfs = series.filter((s) => s.income10k !== null);
    expect(mmfs.length).toBeGreaterThanOrEqual(3);
    for (const s of mmfs) {
      for (let k = 8; k < s.dates.length; k++) {
        expect(s.unit[k]).toBe(1);
        const gap = dayNumber(s.dates[k]!) - dayNumber(s.dates[k - 1]!);
        // Income over a weekend or holiday covers every calendar day since the previous trading day.
        expect(s.income10k![k]! / gap).toBeGreaterThan(0.2);
        expect(s.income10k![k]! / gap).toBeLessThan(0.8);
        expect(s.yield7d![k]!).toBeGreaterThan(0.8);
        expect(s.yield7d![k]!).toBeLessThan(3);
      }
      const k = s.dates.length - 1;
      expect(s.adjusted[k]).toBeGreaterThan(s.adjusted[0]!);
    }
  });

  it('has fat-tailed equity returns, a bear phase and a bond sell-off', () => {
    const r = ctx.market.equity;
    const n = r.length;
    const mean = r.reduce((a, b) => a + b, 0) / n;
    let m2 = 0;
    let m4 = 0;
    for (const x of r) {
      m2 += (x - mean) ** 2;
      m4 += (x - mean) ** 4;
    }
    expect(m4 / n / (m2 / n) ** 2).toBeGreaterThan(4); // excess kurtosis > 1
    const csi = ctx.indices.find((i) => i.index.code === 'CSI300')!.series.close;
    const [b0, b1] = ctx.market.regimes.bear;
    expect(csi[b1]! / csi[b0]!).toBeLessThan(0.85);
    const bond = ctx.indices.find((i) => i.index.code === 'CBA')!.series.close;
    const [s0, s1] = ctx.market.regimes.bondSelloff;
    expect(bond[s1]! / bond[s0]!).toBeLessThan(0.985);
  });

  it('pushes some bank WM products below par (破净) during the bond sell-off', () => {
    const wm = series.filter((s) => productOf(s.code).type === 'bank_wm');
    const broken = wm.filter((s) => s.unit.some((u) => u < 0.995));
    expect(broken.length).toBeGreaterThanOrEqual(1);
  });

  it('stops the NAV of closed-end products at maturity', () => {
    for (const p of ctx.products.filter((x) => x.maturityDate !== null && x.maturityDate <= ctx.asOf)) {
      const s = ctx.nav.get(p.code)!;
      expect(p.status).toBe('matured');
      expect(s.dates[s.dates.length - 2]! < p.maturityDate!).toBe(true);
    }
  });
});
