import { drawdownEpisodes, drawdownSeries } from './drawdown.js';
import { computeMetrics, type Metrics } from './metrics.js';
import { calendarYearReturns, rollingReturns, trailingReturns, type TrailingKey } from './periods.js';
import { returnsFromNav } from './returns.js';
import type { Series } from './stats.js';

export type ProductAnalytics = {
  metrics: Metrics;
  trailing: Record<TrailingKey, number | null>;
  calendar: Array<{ year: number; value: number; partial: boolean; benchmark: number | null }>;
  /** NAV and benchmark rebased to 1 at the first common date (the "NAV vs benchmark" chart). */
  chart: { dates: string[]; nav: number[]; benchmark: number[] | null; drawdown: number[] };
  rolling_1y: Array<{ date: string; value: number }>;
  drawdowns: ReturnType<typeof drawdownEpisodes>;
};

/**
 * Everything the product analytics tab shows, from one dated NAV series (and optionally a benchmark index
 * on the same dates): metrics (empyrical conventions), trailing and calendar-year returns, the rebased
 * NAV/benchmark and drawdown curves, rolling one-year returns and the five deepest drawdowns with dates.
 */
export const productAnalytics = (input: {
  dates: readonly string[];
  nav: Series;
  benchmark?: Series;
  riskFree?: number;
}): ProductAnalytics => {
  const { dates, nav, benchmark } = input;
  const r = returnsFromNav(nav);
  const b = benchmark ? returnsFromNav(benchmark) : undefined;
  const rd = dates.slice(1);
  const metrics = computeMetrics({
    returns: r,
    dates: rd,
    riskFree: input.riskFree ?? 0,
    ...(b ? { benchmark: b } : {}),
  });
  const benchYears = benchmark
    ? new Map(calendarYearReturns({ dates, nav: benchmark }).map((y) => [y.year, y.value]))
    : null;
  const n0 = nav[0]!;
  const b0 = benchmark ? benchmark[0]! : 1;
  return {
    metrics,
    trailing: trailingReturns({ dates, nav }),
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
