import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { guardOutbound } from '../../guard/guard.js';
import { buildShelfContext } from '../shelf-context.js';
import { makeIndex, makeMarket, makeProduct } from '../shelf.fixture.js';
import { attributeHolding, type IndexLevels } from './attribution.js';

const AS_OF = '2026-10-30';
// The equity bear phase covers the last 8% of the window, so the last weeks fall.
const market = makeMarket(3, '2025-06-02', AS_OF, [0.92, 1.01]);
const peers = ['P1', 'P2', 'P3', 'P4', 'P5'].map((code, k) =>
  makeProduct(market, { code, type: 'sector', risk: 'R5', equity: 0.85 + 0.05 * k, sectorA: 1, idio: 0.003 }),
);
const fund = makeProduct(market, {
  code: 'FUND',
  name: '演示新能源主题',
  type: 'sector',
  risk: 'R5',
  equity: 1.2,
  sectorA: 0.8,
  drift: -0.002,
  idio: 0.002,
});
const shelf = buildShelfContext([...peers, fund], AS_OF);
const CSI300: IndexLevels = {
  code: 'CSI300',
  name: { zh: '沪深300指数', en: 'the CSI 300 index' },
  dates: market.dates,
  close: makeIndex(market, market.equity),
};

describe('attribution — "why is my fund falling"', () => {
  const a = attributeHolding({ asOf: AS_OF, productCode: 'FUND', days: 20, shelf, benchmark: CSI300 });

  it('splits the fall into market, style and fund-specific parts that add up exactly', () => {
    expect(a.total).toBeLessThan(0);
    expect(a.market + a.style + a.specific).toBeCloseTo(a.total, 14);
    expect(a.window).toEqual({ start: market.dates.at(-21), end: market.dates.at(-1), days: 20 });
  });

  it('estimates the betas on the window before: near the true loadings 1.2 (market) and 0.8 (sector style)', () => {
    expect(a.estimation_observations).toBe(120);
    expect(a.beta).toBeGreaterThan(1.05);
    expect(a.beta).toBeLessThan(1.35);
    expect(a.style_beta).toBeGreaterThan(0.6);
    expect(a.style_beta).toBeLessThan(1.0);
    expect(a.market).toBeCloseTo(a.beta * a.benchmark!.return, 14);
  });

  it('ranks the fund among its category over the same days: its own drag puts it at the bottom', () => {
    expect(a.category).toMatchObject({ type: 'sector', peers: 5 });
    expect(a.peer_percentile).toBe(0);
    // The fund's own drift of −0.2% a day over 20 days (≈ −3.9%) shows up as the specific part.
    expect(a.specific).toBeGreaterThan(-0.05);
    expect(a.specific).toBeLessThan(-0.015);
  });

  it('explains calmly with the figures, and the explanation passes the outbound guard', () => {
    expect(a.explanation.zh).toContain('演示新能源主题近20个交易日');
    expect(a.explanation.zh).toContain('沪深300指数');
    expect(a.explanation.zh).toContain(`β约${a.beta.toFixed(2)}`);
    expect(a.explanation.zh).not.toMatch(/预计|将会|反弹|回本|保证/);
    for (const ai of [false, true]) {
      const x = attributeHolding({
        asOf: AS_OF,
        productCode: 'FUND',
        days: 20,
        shelf,
        benchmark: CSI300,
        aiGenerated: ai,
      });
      const g = guardOutbound({
        content: {
          texts: [{ text: x.explanation.zh, productTypes: ['sector'], aiGenerated: ai }],
          products: [{ code: 'FUND', risk: 'R5', type: 'sector', role: 'holding' }],
        },
        customer: { level: 'C2', assessedAt: '2026-05-01', channel: 'bank' },
        now: AS_OF,
      });
      expect(g.allowed).toBe(true);
      expect(x.explanation.en).toMatch(/Funds carry risk/);
    }
  });

  it('without a benchmark index the market part is 0 and the text says it was not estimated', () => {
    const x = attributeHolding({ asOf: AS_OF, productCode: 'FUND', days: 20, shelf, benchmark: null });
    expect([x.market, x.beta, x.benchmark]).toEqual([0, 0, null]);
    expect(x.market + x.style + x.specific).toBeCloseTo(x.total, 14);
    expect(x.explanation.zh).toContain('未单独估算市场因素');
  });

  it('names the bad input', () => {
    expect(() =>
      attributeHolding({ asOf: AS_OF, productCode: 'FUND', days: 0, shelf, benchmark: null }),
    ).toThrow(/^days:/);
    expect(() =>
      attributeHolding({ asOf: AS_OF, productCode: 'NOPE', days: 5, shelf, benchmark: null }),
    ).toThrow(/productCode/);
    expect(() =>
      attributeHolding({ asOf: '2025-06-05', productCode: 'FUND', days: 20, shelf, benchmark: null }),
    ).toThrow(/days/);
  });

  it('property: total = market + style + specific for any window and fund', () => {
    const codes = ['FUND', 'P1', 'P2', 'P3', 'P4', 'P5'];
    fc.assert(
      fc.property(
        fc.constantFrom(...codes),
        fc.integer({ min: 1, max: 200 }),
        fc.integer({ min: 0, max: 150 }),
        fc.boolean(),
        (code, days, est, withIndex) => {
          const x = attributeHolding({
            asOf: AS_OF,
            productCode: code,
            days,
            shelf,
            benchmark: withIndex ? CSI300 : null,
            estimationDays: est,
          });
          expect(Math.abs(x.market + x.style + x.specific - x.total)).toBeLessThan(1e-14);
          if (est < 20) expect([x.beta, x.style_beta]).toEqual([0, 0]);
        },
      ),
      { numRuns: 80 },
    );
  });
});
