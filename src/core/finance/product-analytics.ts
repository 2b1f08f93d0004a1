import { drawdownEpisodes, drawdownSeries } from './drawdown.js';
import { calendarYearReturns, rollingReturns } from './periods.js';
import { productFigures, type ProductFigures } from './product-figures.js';
import { returnsFromNav } from './returns.js';
import type { Series } from './stats.js';

export type ProductAnalytics = ProductFigures & {
  calendar: Array<{ year: number; value: number; partial: boolean; benchmark: number | null }>;
  /** NAV and benchmark rebased to 1 at the first common date (the "NAV vs benchmark" chart). */
  chart: { dates: string[]; nav: number[]; benchmark: number[] | null; drawdown: number[] };
  rolling_1y: Array<{ date: string; value: number }>;
  drawdowns: ReturnType<typeof drawdownEpisodes>;
};

/**
 * Everything the product analytics tab shows, from one dated NAV series (and optionally a benchmark on the
 * same dates): the headline figures (`productFigures`, shared with the product overview), calendar-year
 * returns, the rebased NAV/benchmark and drawdown curves, rolling one-year returns and the five deepest
 * drawdowns with dates.
 */
export const productAnalytics = (input: {
  dates: readonly string[];
  nav: Series;
  benchmark?: Series;
  riskFree?: number;
}): ProductAnalytics => {
  const { dates, nav, benchmark } = input;
  const r = returnsFromNav(nav);
  const rd = dates.slice(1);
  const figures = productFigures(input);
  const benchYears = benchmark
    ? new Map(calendarYearReturns({ dates, nav: benchmark }).map((y) => [y.year, y.value]))
    : null;
  const n0 = nav[0]!;
  const b0 = benchmark ? benchmark[0]! : 1;
  return {
    ...figures,
    calendar: calendarYearReturns({ dates, nav }).map((y) => ({
      ...y,
      benchmark: benchYears?.get(y.year) ?? null,
    })),
    chart: {
      dates: [...dates],
      nav: Array.from(nav, (v) => v / n0),
      benchmark: benchmark ? Array.from(benchmark, (v) => v / b0) : null,
      drawdown: [0, ...drawdownSeries(r)],
    },
    rolling_1y: rollingReturns({ dates, nav }, 250),
    drawdowns: drawdownEpisodes(r, rd, 5),
  };
};
