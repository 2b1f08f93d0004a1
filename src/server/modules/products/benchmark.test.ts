import { describe, expect, it } from 'vitest';
import { benchmarkName, benchmarkSources, compositeLevels, parseBenchmark } from './benchmark.js';

const NAMES = new Map([
  ['CSI300', '沪深300指数(模拟)'],
  ['CSI500', '中证500指数(模拟)'],
  ['CBA', '中债综合财富指数(模拟)'],
]);

describe('product benchmark', () => {
  it('parses a weighted formula and refuses weights that do not add up to 100%', () => {
    expect(parseBenchmark('中债综合指数收益率×60%+沪深300指数收益率×40%')).toEqual([
      { text: '中债综合指数收益率', weight: 0.6 },
      { text: '沪深300指数收益率', weight: 0.4 },
    ]);
    expect(parseBenchmark('中债综合全价指数收益率')).toEqual([{ text: '中债综合全价指数收益率', weight: 1 }]);
    expect(parseBenchmark('沪深300×60%+中债综合×30%')).toBeNull();
  });

  it('names the composite from the formula, not from the proxy index', () => {
    const s = benchmarkSources('中债综合指数收益率×60%+沪深300指数收益率×40%', 'CSI300', NAMES)!;
    expect(s.map((x) => (x.kind === 'index' ? x.code : x.annual))).toEqual(['CBA', 'CSI300']);
    expect(benchmarkName(s)).toBe('中债综合×60%+沪深300×40%');
  });

  it('uses deposit rates, quoted annual ranges at their midpoint, and the proxy for an unnamed index', () => {
    const ix = benchmarkSources('标的指数收益率×95%+银行活期存款利率×5%', 'CSI500', NAMES)!;
    expect(ix).toEqual([
      { kind: 'index', code: 'CSI500', label: '中证500指数(模拟)', weight: 0.95 },
      { kind: 'rate', annual: 0.0035, label: '银行活期存款利率', weight: 0.05 },
    ]);
    const wm = benchmarkSources('业绩比较基准2.60%–3.60%(年化)', 'CBA', NAMES)!;
    expect(wm).toHaveLength(1);
    expect(wm[0]).toMatchObject({ kind: 'rate', weight: 1 });
    expect((wm[0] as { annual: number }).annual).toBeCloseTo(0.031, 12);
    expect(benchmarkSources('某未知指数收益率', null, NAMES)).toBeNull();
  });

  it('rebalances the composite daily to the stated weights and carries an index over its holidays', () => {
    const dates = ['2026-01-05', '2026-01-06', '2026-01-07'];
    const series = new Map([
      ['CSI300', { dates: ['2026-01-05', '2026-01-06', '2026-01-07'], close: [100, 110, 99] }],
      // No close on 01-06: the 01-05 level carries forward.
      ['CBA', { dates: ['2026-01-02', '2026-01-05', '2026-01-07'], close: [199, 200, 202] }],
    ]);
    const s = benchmarkSources('沪深300×50%+中债综合×50%', null, NAMES)!;
    const level = compositeLevels(dates, s, series)!;
    expect(level[0]).toBe(1);
    expect(level[1]).toBeCloseTo(1 + 0.5 * 0.1 + 0.5 * 0, 12);
    expect(level[2]).toBeCloseTo(level[1]! * (1 + 0.5 * (99 / 110 - 1) + 0.5 * (202 / 200 - 1)), 12);
    const rate = compositeLevels(
      ['2026-01-01', '2027-01-01'],
      [{ kind: 'rate', annual: 0.02, label: 'r', weight: 1 }],
      series,
    )!;
    expect(rate[1]).toBeCloseTo(1.02, 12);
    // An index starting after the first date cannot price the composite there.
    expect(compositeLevels(['2025-12-31', ...dates], s, series)).toBeNull();
  });
});
