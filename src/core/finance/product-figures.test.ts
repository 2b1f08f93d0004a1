import { describe, expect, it } from 'vitest';
import { productAnalytics } from './product-analytics.js';
import { observationsPerYear, productFigures } from './product-figures.js';

/** Weekday dates from `start` for `n` observations. */
const weekdays = (start: string, n: number): string[] => {
  const out: string[] = [];
  for (let t = Date.parse(`${start}T00:00:00Z`); out.length < n; t += 86_400_000) {
    const d = new Date(t);
    if (d.getUTCDay() !== 0 && d.getUTCDay() !== 6) out.push(d.toISOString().slice(0, 10));
  }
  return out;
};

describe('product figures', () => {
  const dates = weekdays('2023-10-31', 784);
  const nav = Float64Array.from(dates, (_d, i) => 1 + 0.0002 * i + 0.01 * Math.sin(i / 9));

  it('annualises by calendar days, whatever the number of observations per year', () => {
    const f = productFigures({ dates, nav });
    const days = (Date.parse(dates.at(-1)!) - Date.parse(dates[0]!)) / 86_400_000;
    expect(f.metrics.annual_return).toBeCloseTo((nav.at(-1)! / nav[0]!) ** (365 / days) - 1, 12);
    expect(observationsPerYear(dates)).toBeCloseTo((dates.length - 1) / (days / 365), 12);
    expect(f.asOf).toBe(dates.at(-1));
  });

  it('quotes 近3年 when the history starts on the first trading day after the three-year mark', () => {
    // 2026-10-30 minus three years is 2023-10-30; the history starts a day later.
    const end = dates.findIndex((d) => d === '2026-10-30');
    expect(end).toBeGreaterThan(0);
    const f = productFigures({ dates: dates.slice(0, end + 1), nav: nav.slice(0, end + 1) });
    expect(f.trailing['3y']).toBeCloseTo(nav[end]! / nav[0]! - 1, 12);
    const short = productFigures({ dates: dates.slice(40, end + 1), nav: nav.slice(40, end + 1) });
    expect(short.trailing['3y']).toBeNull();
  });

  it('is what the analytics tab shows, with the benchmark on the same dates', () => {
    const bench = Float64Array.from(dates, (_d, i) => 1 + 0.0001 * i);
    const f = productFigures({ dates, nav, benchmark: bench });
    const a = productAnalytics({ dates, nav, benchmark: bench });
    expect(a.metrics).toEqual(f.metrics);
    expect(a.trailing).toEqual(f.trailing);
    expect(f.benchmark!.trailing.inception).toBeCloseTo(bench.at(-1)! / bench[0]! - 1, 12);
    expect(f.metrics.beta).toEqual(expect.any(Number));
  });

  it('leaves the annual return undefined under a month of history', () => {
    expect(
      productFigures({ dates: dates.slice(0, 10), nav: nav.slice(0, 10) }).metrics.annual_return,
    ).toBeNaN();
  });
});
