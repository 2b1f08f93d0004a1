import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildStatement } from './statement.js';
import type { StatementProduct, StatementTransaction } from './types.js';

const F: StatementProduct = {
  code: 'F1',
  name: '演示成长混合',
  category: 'hybrid',
  nav: {
    dates: ['2025-12-31', '2026-01-15', '2026-01-30', '2026-02-27'],
    unit: ['1.0000', '1.0500', '1.1000', '1.0800'],
  },
};
const B: StatementProduct = {
  code: 'B1',
  category: 'pure_bond',
  nav: {
    dates: ['2026-01-30', '2026-02-10', '2026-02-11', '2026-02-27'],
    unit: [1.02, 1.03, 1.01, 1.015],
  },
};
const buy = (
  code: string,
  date: string,
  amountFen: number,
  units: string,
  nav: string,
  feeFen = 0,
): StatementTransaction => ({
  productCode: code,
  type: 'purchase',
  tradeDate: date,
  amountFen,
  units,
  nav,
  feeFen,
});
const OPENING = buy('F1', '2025-12-31', 1_000_000, '10000.00', '1.0000');

describe('statement — hand-computed cases', () => {
  it('no flows: pnl is the change in value and the TWR is the NAV return', () => {
    const s = buildStatement({
      from: '2026-01-01',
      to: '2026-01-31',
      transactions: [OPENING],
      products: [F],
    });
    expect([s.begin_date, s.begin_value_fen, s.end_value_fen, s.net_inflow_fen, s.pnl_fen]).toEqual([
      '2025-12-31',
      1_000_000,
      1_100_000,
      0,
      100_000,
    ]);
    expect(s.twr).toBeCloseTo(0.1, 14);
    // −1,000,000 on 2025-12-31 and +1,100,000 31 days later: 1.1^(365/31) − 1.
    expect(s.irr).toBeCloseTo(1.1 ** (365 / 31) - 1, 9);
    expect(s.flows).toEqual([]);
    expect(s.monthly).toEqual([
      expect.objectContaining({ month: '2026-01', from: '2026-01-01', to: '2026-01-31', pnl_fen: 100_000 }),
    ]);
    expect(s.by_category).toEqual([{ category: 'hybrid', pnl_fen: 100_000, share: 1 }]);
  });

  it('one purchase with a 1.5% fee: the fee is a loss, TWR links the sub-periods at the flow', () => {
    // 5,000 yuan at NAV 1.05 with fee: units = round2(5000 / 1.015 / 1.05) = 4691.53, worth 4,926.11 yuan.
    const add = buy('F1', '2026-01-15', 500_000, '4691.53', '1.0500', 7_389);
    const s = buildStatement({
      from: '2026-01-01',
      to: '2026-01-31',
      transactions: [OPENING, add],
      products: [F],
    });
    // End: 14,691.53 units × 1.10 = 16,160.683 yuan → 1,616,068 fen.
    expect([s.end_value_fen, s.inflow_fen, s.fees_fen, s.pnl_fen]).toEqual([
      1_616_068, 500_000, 7_389, 116_068,
    ]);
    expect(s.flows).toEqual([{ date: '2026-01-15', amount_fen: 500_000 }]);
    // Day 15: old units 10,000 × 1.05 = 1,050,000 on 1,000,000. Then 1,542,611 + 7,389 fee at work → 1,616,068.
    expect(s.twr).toBeCloseTo((1_050_000 / 1_000_000) * (1_616_068 / 1_550_000) - 1, 14);
    expect(s.twr!).toBeCloseTo(0.0947557, 6);
    const t = (d: string) => (Date.parse(d) - Date.parse('2025-12-31')) / 86_400_000 / 365;
    const npv = (r: number) =>
      -1_000_000 - 500_000 * (1 + r) ** -t('2026-01-15') + 1_616_068 * (1 + r) ** -t('2026-01-31');
    expect(Math.abs(npv(s.irr!))).toBeLessThan(1e-6);
  });

  it('a cash dividend is a flow out and part of the dividends; the ex-date drop is not a loss', () => {
    const hold = buy('B1', '2026-01-30', 1_020_000, '10000.00', '1.0200');
    const div: StatementTransaction = {
      productCode: 'B1',
      type: 'dividend',
      tradeDate: '2026-02-11',
      amountFen: 25_000,
      units: 0,
      nav: '1.0100',
      feeFen: 0,
    };
    const s = buildStatement({
      from: '2026-02-01',
      to: '2026-02-28',
      transactions: [hold, div],
      products: [B],
    });
    expect([s.begin_value_fen, s.end_value_fen, s.net_inflow_fen, s.outflow_fen, s.pnl_fen]).toEqual([
      1_020_000, 1_015_000, -25_000, 25_000, 20_000,
    ]);
    expect([s.dividends_fen, s.cash_dividends_fen, s.reinvested_dividends_fen]).toEqual([25_000, 25_000, 0]);
    expect(s.flow_details).toEqual([
      { date: '2026-02-11', product_code: 'B1', type: 'cash_dividend', amount_fen: -25_000 },
    ]);
    const twr = (1_030_000 / 1_020_000) * ((1_010_000 + 25_000) / 1_030_000) * (1_015_000 / 1_010_000) - 1;
    expect(s.twr).toBeCloseTo(twr, 14);
  });

  it('a full redemption ends the money at work: TWR stops at the redemption, pnl counts the fee', () => {
    const redeem: StatementTransaction = {
      productCode: 'F1',
      type: 'redemption',
      tradeDate: '2026-01-15',
      amountFen: 1_044_750,
      units: '-10000.00',
      nav: '1.0500',
      feeFen: 5_250,
    };
    const s = buildStatement({
      from: '2026-01-01',
      to: '2026-01-31',
      transactions: [OPENING, redeem],
      products: [F],
    });
    expect([s.end_value_fen, s.net_inflow_fen, s.pnl_fen, s.fees_fen]).toEqual([
      0, -1_044_750, 44_750, 5_250,
    ]);
    expect(s.twr).toBeCloseTo(0.04475, 14);
    expect(s.irr).toBeCloseTo(1.04475 ** (365 / 15) - 1, 8);
    expect(s.by_product[0]).toMatchObject({ product_code: 'F1', end_value_fen: 0, pnl_fen: 44_750 });
  });

  it('a period with no holdings: zeros, no TWR, no IRR — and says why', () => {
    const s = buildStatement({ from: '2026-03-01', to: '2026-03-31', transactions: [], products: [F] });
    expect([s.begin_value_fen, s.end_value_fen, s.pnl_fen, s.twr, s.irr, s.irr_status]).toEqual([
      0,
      0,
      0,
      null,
      null,
      'no_flows',
    ]);
    expect(s.by_product).toEqual([]);
    expect(s.by_category).toEqual([]);
    expect(s.monthly).toEqual([expect.objectContaining({ month: '2026-03', pnl_fen: 0, twr: null })]);
  });

  it('a first purchase inside the period: the TWR starts with the money, the fee counts as a loss', () => {
    const first = buy('F1', '2026-01-15', 500_000, '4691.53', '1.0500', 7_389);
    const s = buildStatement({ from: '2026-01-01', to: '2026-02-28', transactions: [first], products: [F] });
    // 4,691.53 × 1.08 = 5,066.8524 → 506,685 fen at the end of February.
    expect([s.begin_value_fen, s.end_value_fen, s.pnl_fen]).toEqual([0, 506_685, 6_685]);
    expect(s.twr).toBeCloseTo(506_685 / 500_000 - 1, 12);
    expect(s.monthly.map((m) => m.month)).toEqual(['2026-01', '2026-02']);
    const jan = s.monthly[0]!;
    const feb = s.monthly[1]!;
    expect(jan.pnl_fen + feb.pnl_fen).toBe(s.pnl_fen);
    expect((1 + jan.twr!) * (1 + feb.twr!) - 1).toBeCloseTo(s.twr!, 14);
  });

  it('a reinvested dividend adds units and income without a flow', () => {
    const mm: StatementProduct = {
      code: 'M1',
      category: 'money_market',
      nav: { dates: ['2026-01-02', '2026-01-30'], unit: ['1.0000', '1.0000'] },
    };
    const s = buildStatement({
      from: '2026-01-01',
      to: '2026-01-31',
      transactions: [
        buy('M1', '2025-12-20', 100_000, '1000.00', '1.0000'),
        {
          productCode: 'M1',
          type: 'dividend',
          tradeDate: '2026-01-30',
          amountFen: 150,
          units: '1.50',
          nav: '1.0000',
          feeFen: 0,
        },
      ],
      products: [mm],
    });
    expect([
      s.end_value_fen,
      s.net_inflow_fen,
      s.pnl_fen,
      s.reinvested_dividends_fen,
      s.flows.length,
    ]).toEqual([100_150, 0, 150, 150, 0]);
    expect(s.twr).toBeCloseTo(0.0015, 14);
  });

  it('P&L by category carries each category’s share of the total', () => {
    const s = buildStatement({
      from: '2026-02-01',
      to: '2026-02-28',
      transactions: [OPENING, buy('B1', '2026-01-30', 1_020_000, '10000.00', '1.0200')],
      products: [F, B],
    });
    // F1: 1.10 → 1.08 on 10,000 units = −20,000; B1: 1.02 → 1.015 = −5,000.
    expect(s.by_category).toEqual([
      { category: 'hybrid', pnl_fen: -20_000, share: 0.8 },
      { category: 'pure_bond', pnl_fen: -5_000, share: 0.2 },
    ]);
  });

  it('benchmark: a fixed-weight mix of index returns over the same dates', () => {
    const s = buildStatement({
      from: '2026-01-01',
      to: '2026-01-31',
      transactions: [OPENING],
      products: [F],
      benchmark: [
        { code: 'CSI300', weight: 0.6, dates: ['2025-12-31', '2026-01-30'], close: [4000, 4200] },
        { code: 'CBA', weight: 0.4, dates: ['2025-12-31', '2026-01-30'], close: [250, 251] },
      ],
    });
    expect(s.benchmark_return).toBeCloseTo(0.6 * 0.05 + 0.4 * 0.004, 14);
  });

  it('names the bad field: unknown product, impossible units, redeeming more than held, bad period', () => {
    const base = { from: '2026-01-01', to: '2026-01-31', products: [F] };
    expect(() =>
      buildStatement({ ...base, transactions: [buy('X9', '2026-01-05', 1, '1.00', '1.0000')] }),
    ).toThrow(/transactions\[0\]\.productCode/);
    expect(() =>
      buildStatement({ ...base, transactions: [buy('F1', '2026-01-05', 1, '1.001', '1.0000')] }),
    ).toThrow(/transactions\[0\]\.units/);
    expect(() =>
      buildStatement({
        ...base,
        transactions: [
          OPENING,
          { ...OPENING, type: 'redemption', units: '-10000.01', tradeDate: '2026-01-15' },
        ],
      }),
    ).toThrow(/transactions\[1\]\.units: F1 would hold fewer than 0 units/);
    expect(() => buildStatement({ ...base, to: '2025-12-01', transactions: [] })).toThrow(/^to:/);
  });
});

describe('statement — properties', () => {
  const day = (n: number): string =>
    new Date(Date.UTC(2025, 10, 1) + n * 86_400_000).toISOString().slice(0, 10);
  const navPath = (seed: number[]): StatementProduct['nav'] => {
    const dates: string[] = [];
    const unit: number[] = [];
    let v = 10_000;
    seed.forEach((r, i) => {
      v = Math.max(1000, Math.round(v * (1 + r / 1000)));
      dates.push(day(i * 2));
      unit.push(v / 10_000);
    });
    return { dates, unit };
  };
  const arbTx = fc.record({
    p: fc.integer({ min: 0, max: 2 }),
    d: fc.integer({ min: 0, max: 200 }),
    kind: fc.constantFrom('buy', 'sell', 'cash', 'reinvest'),
    amt: fc.integer({ min: 100, max: 5_000_000 }),
    frac: fc.double({ min: 0.05, max: 1, noNaN: true }),
  });

  it('pnl = end − begin − net inflow exactly; products, categories and months add up to it', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.integer({ min: -40, max: 40 }), { minLength: 101, maxLength: 101 }), {
          minLength: 3,
          maxLength: 3,
        }),
        fc.array(arbTx, { maxLength: 25 }),
        fc.integer({ min: 1, max: 150 }),
        fc.integer({ min: 0, max: 60 }),
        (paths, raw, fromDay, len) => {
          const products = paths.map((path, i) => ({
            code: `P${i}`,
            category: i === 2 ? 'bond' : 'fund',
            nav: navPath(path),
          }));
          const held = [0, 0, 0];
          const txs: StatementTransaction[] = [];
          for (const r of [...raw].sort((a, b) => a.d - b.d)) {
            const nav = products[r.p]!.nav;
            const i = Math.min(100, Math.floor(r.d / 2));
            const date = nav.dates[i]!;
            const nav4 = Math.round((nav.unit[i] as number) * 10_000);
            const navText = (nav4 / 10_000).toFixed(4);
            if (r.kind === 'buy') {
              const units = Math.floor((r.amt * 10_000) / nav4);
              if (units <= 0) continue;
              held[r.p]! += units;
              txs.push(buy(`P${r.p}`, date, r.amt, (units / 100).toFixed(2), navText, 0));
            } else if (held[r.p]! > 0) {
              const units =
                r.kind === 'sell'
                  ? Math.max(1, Math.floor(held[r.p]! * r.frac))
                  : r.kind === 'reinvest'
                    ? 100
                    : 0;
              const amount = Math.max(1, Math.round((units * nav4) / 10_000));
              if (r.kind === 'sell') held[r.p]! -= units;
              if (r.kind === 'reinvest') held[r.p]! += units;
              txs.push({
                productCode: `P${r.p}`,
                type: r.kind === 'sell' ? 'redemption' : 'dividend',
                tradeDate: date,
                amountFen: r.kind === 'cash' ? Math.round(r.amt / 100) : amount,
                units: ((r.kind === 'sell' ? -units : units) / 100).toFixed(2),
                nav: navText,
                feeFen: 0,
              });
            }
          }
          const s = buildStatement({
            from: day(fromDay),
            to: day(fromDay + len),
            transactions: txs,
            products,
          });
          expect(Number.isSafeInteger(s.pnl_fen)).toBe(true);
          expect(s.pnl_fen).toBe(s.end_value_fen - s.begin_value_fen - s.net_inflow_fen);
          expect(s.net_inflow_fen).toBe(s.flows.reduce((a, f) => a + f.amount_fen, 0));
          expect(s.by_product.reduce((a, r) => a + r.pnl_fen, 0)).toBe(s.pnl_fen);
          expect(s.by_category.reduce((a, r) => a + r.pnl_fen, 0)).toBe(s.pnl_fen);
          expect(s.monthly.reduce((a, m) => a + m.pnl_fen, 0)).toBe(s.pnl_fen);
          const linked = s.monthly.reduce((g, m) => g * (1 + (m.twr ?? 0)), 1) - 1;
          if (s.twr !== null) expect(linked).toBeCloseTo(s.twr, 9);
          if (s.flows.length === 0 && s.begin_value_fen > 0 && s.reinvested_dividends_fen === 0)
            expect(s.twr).toBeCloseTo(s.end_value_fen / s.begin_value_fen - 1, 12);
        },
      ),
      { numRuns: 250 },
    );
  });
});
