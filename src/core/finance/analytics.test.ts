import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { drawdownEpisodes, maxDrawdown } from './drawdown.js';
import { computeMetrics } from './metrics.js';
import { incomePer10k, incomePer10kFromYield, sevenDayAnnualizedYield } from './money-market.js';
import { calendarYearReturns, rollingReturns, trailingReturns } from './periods.js';
import { productAnalytics } from './product-analytics.js';
import { aggregateReturns, cumReturnsFinal, returnsFromNav } from './returns.js';

const days = (start: string, n: number): string[] =>
  Array.from({ length: n }, (_, i) =>
    new Date(Date.parse(`${start}T00:00:00Z`) + i * 86_400_000).toISOString().slice(0, 10),
  );

describe('drawdown episodes', () => {
  it('dates the peak, trough and recovery of the deepest fall', () => {
    const nav = [1, 1.1, 0.99, 0.88, 1.0, 1.1, 1.2];
    const dates = days('2024-01-01', nav.length);
    const r = returnsFromNav(nav);
    const [worst] = drawdownEpisodes(r, dates.slice(1));
    expect(worst!.depth).toBeCloseTo(0.88 / 1.1 - 1, 12);
    expect(worst!.peakDate).toBe('2024-01-02');
    expect(worst!.troughDate).toBe('2024-01-04');
    expect(worst!.recoveryDate).toBe('2024-01-06');
    expect(worst!.recoveryPeriods).toBe(2);
  });

  it('leaves the recovery open when the series ends under water', () => {
    const [worst] = drawdownEpisodes([0.1, -0.2, 0.05], ['a', 'b', 'c']);
    expect(worst!.recoveryDate).toBeNull();
    expect(worst!.troughDate).toBe('b');
  });

  it('max drawdown equals the deepest episode and is never positive (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -0.5, max: 0.5, noNaN: true }), { minLength: 1, maxLength: 60 }),
        (r) => {
          const mdd = maxDrawdown(r);
          expect(mdd).toBeLessThanOrEqual(0);
          const ep = drawdownEpisodes(r);
          expect(ep.length === 0 ? 0 : ep[0]!.depth).toBeCloseTo(mdd, 12);
        },
      ),
    );
  });
});

describe('period and calendar returns', () => {
  const dates = days('2021-01-01', 1200);
  const nav = dates.map((_, i) => 1 + i * 0.001);
  it('measures trailing returns from the same calendar day months earlier', () => {
    const t = trailingReturns({ dates, nav });
    const end = dates.length - 1; // 2024-04-14
    const base1m = dates.indexOf('2024-03-14');
    expect(t['1m']).toBeCloseTo(nav[end]! / nav[base1m]! - 1, 12);
    expect(t.ytd).toBeCloseTo(nav[end]! / nav[dates.indexOf('2023-12-31')]! - 1, 12);
    expect(t['3y']).toBeCloseTo(nav[end]! / nav[dates.indexOf('2021-04-14')]! - 1, 12);
    expect(t['5y']).toBeNull();
    expect(t.inception).toBeCloseTo(nav[end]! - 1, 12);
  });

  it('chains calendar-year returns to the since-inception return', () => {
    const years = calendarYearReturns({ dates, nav });
    expect(years.map((y) => y.year)).toEqual([2021, 2022, 2023, 2024]);
    expect(years[0]!.partial).toBe(true);
    const chained = years.reduce((a, y) => a * (1 + y.value), 1) - 1;
    expect(chained).toBeCloseTo(nav[nav.length - 1]! / nav[0]! - 1, 12);
  });

  it('monthly aggregation compounds the daily returns of each month', () => {
    const r = returnsFromNav(nav);
    const months = aggregateReturns(dates.slice(1), r, 'monthly');
    expect(months.reduce((a, m) => a * (1 + m.value), 1) - 1).toBeCloseTo(cumReturnsFinal(r), 10);
    expect(months[0]!.period).toBe('2021-01');
  });

  it('rolling returns cover every full window', () => {
    const rr = rollingReturns({ dates, nav }, 250, { annualize: true });
    expect(rr.length).toBe(dates.length - 250);
    expect(rr[0]!.value).toBeCloseTo((nav[250]! / nav[0]!) ** (252 / 250) - 1, 12);
  });
});

describe('money-market yields', () => {
  it('turns a flat 万份收益 of 0.5 yuan into the published 7-day yields', () => {
    const income = new Float64Array(7).fill(0.5);
    expect(sevenDayAnnualizedYield(income, 'monthly')).toBeCloseTo(0.01825, 12);
    expect(sevenDayAnnualizedYield(income, 'daily')).toBeCloseTo(1.00005 ** 365 - 1, 12);
    expect(incomePer10kFromYield(sevenDayAnnualizedYield(income, 'daily'))).toBeCloseTo(0.5, 10);
    expect(incomePer10k([0.00005])[0]).toBeCloseTo(0.5, 12);
  });
});

describe('metrics summary', () => {
  it('reports alpha and beta only with a benchmark and dates the max drawdown', () => {
    const r = [0.01, -0.02, 0.015, -0.03, 0.02, 0.01, 0.005];
    const dates = days('2024-01-01', r.length);
    const plain = computeMetrics({ returns: r, dates });
    expect(plain.alpha).toBeUndefined();
    expect(plain.max_drawdown_trough).toBe('2024-01-04');
    const withB = computeMetrics({ returns: r, dates, benchmark: r });
    expect(withB.beta).toBeCloseTo(1, 12);
    expect(withB.alpha).toBeCloseTo(0, 12);
    expect(withB.n).toBe(7);
  });
});

describe('product analytics tab', () => {
  it('bundles metrics, rebased curves, calendar returns against the benchmark and drawdowns', () => {
    const dates = days('2022-01-01', 800);
    const nav = dates.map((_, i) => 1 + 0.0004 * i + 0.05 * Math.sin(i / 40));
    const bench = dates.map((_, i) => 100 * (1 + 0.0002 * i + 0.03 * Math.sin(i / 50)));
    const a = productAnalytics({ dates, nav, benchmark: bench });
    expect(a.chart.nav[0]).toBe(1);
    expect(a.chart.benchmark![0]).toBe(1);
    expect(a.chart.drawdown).toHaveLength(dates.length);
    expect(a.calendar.map((y) => y.year)).toEqual([2022, 2023, 2024]);
    expect(a.calendar[1]!.benchmark).toBeCloseTo(
      bench[dates.indexOf('2023-12-31')]! / bench[dates.indexOf('2022-12-31')]! - 1,
      12,
    );
    expect(a.metrics.beta).toBeDefined();
    expect(a.drawdowns[0]!.depth).toBeCloseTo(a.metrics.max_drawdown, 12);
    expect(a.rolling_1y.length).toBe(dates.length - 250);
  });
});
