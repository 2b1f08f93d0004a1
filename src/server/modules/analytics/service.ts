import type { CompareResponse, ProductAnalyticsResponse } from '../../../contracts/analytics.js';
import { compareFunds } from '../../../core/finance/compare.js';
import { productAnalytics } from '../../../core/finance/product-analytics.js';
import { AppError } from '../../../core/errors.js';
import type { AppDeps } from '../../http/deps.js';
import { adjustedNavHistories, productSeries, productShelf } from '../products/service.js';

/** JSON has no NaN: undefined metrics travel as null. */
export const num = (v: number | undefined | null): number | null =>
  v === undefined || v === null || !Number.isFinite(v) ? null : v;

export const metricsTable = (m: object): Record<string, number | string | null> =>
  Object.fromEntries(
    Object.entries(m).map(([k, v]) => [k, typeof v === 'number' ? num(v) : ((v as string | null) ?? null)]),
  );

const numbers = (xs: ArrayLike<number>): Array<number | null> => Array.from(xs, (v) => num(v));

/** Analytics tab of the product page: the same series and figures as the overview (`productSeries`). */
export const productAnalyticsOf = async (deps: AppDeps, code: string): Promise<ProductAnalyticsResponse> => {
  const { row, dates, adjusted, benchmark } = await productSeries(deps, code);
  if (dates.length < 3)
    throw new AppError('INSUFFICIENT_EVIDENCE', `product ${code} has fewer than 3 NAV dates`, { code });
  const a = productAnalytics({ dates, nav: adjusted, ...(benchmark ? { benchmark: benchmark.level } : {}) });
  const trailing = (t: Record<string, number | null>) =>
    Object.fromEntries(Object.entries(t).map(([k, v]) => [k, num(v)]));
  return {
    code,
    name: row.name,
    benchmarkName: a.benchmark === null ? null : (benchmark?.name ?? null),
    metrics: metricsTable(a.metrics),
    trailing: trailing(a.trailing),
    benchmarkTrailing: a.benchmark === null ? null : trailing(a.benchmark.trailing),
    calendar: a.calendar.map((y) => ({
      year: y.year,
      value: num(y.value),
      partial: y.partial,
      benchmark: num(y.benchmark),
    })),
    chart: {
      dates: a.chart.dates,
      nav: numbers(a.chart.nav),
      benchmark: a.chart.benchmark === null ? null : numbers(a.chart.benchmark),
      drawdown: numbers(a.chart.drawdown),
    },
    rolling1y: a.rolling_1y.map((r) => ({ date: r.date, value: num(r.value) })),
    drawdowns: a.drawdowns.map((d) => ({
      depth: num(d.depth),
      peakDate: d.peakDate,
      troughDate: d.troughDate,
      recoveryDate: d.recoveryDate,
    })),
  };
};

/** Rebased adjusted NAV of each fund on the common dates (for the PK chart). */
const commonChart = (
  series: ReadonlyArray<{ dates: string[]; nav: Float64Array }>,
  start: string,
  end: string,
) => {
  const maps = series.map((s) => new Map(s.dates.map((d, i) => [d, s.nav[i]!])));
  const dates = series[0]!.dates.filter((d) => d >= start && d <= end && maps.every((m) => m.has(d)));
  return {
    dates,
    series: maps.map((m) => {
      const base = m.get(dates[0]!)!;
      return dates.map((d) => num(m.get(d)! / base));
    }),
  };
};

/** Fund PK (基金PK) of 2–5 products on their common window (core `compareFunds`). */
export const compareProducts = async (deps: AppDeps, codes: readonly string[]): Promise<CompareResponse> => {
  const shelf = new Map((await productShelf(deps)).map((r) => [r.code, r]));
  const missing = codes.filter((c) => !shelf.has(c));
  if (missing.length > 0)
    throw new AppError('NOT_FOUND', `products not found: ${missing.join(', ')}`, { field: 'codes', missing });
  const navs = await adjustedNavHistories(deps, codes);
  const series = codes.map((c) => navs.get(c) ?? { code: c, dates: [], nav: new Float64Array(0) });
  const cmp = compareFunds(
    series.map((s, k) => ({ name: shelf.get(codes[k]!)!.name, dates: s.dates, nav: s.nav })),
  );
  return {
    window: cmp.window,
    funds: cmp.funds.map((f, k) => {
      const { name, trailing, recovery_periods, ...metrics } = f;
      return {
        code: codes[k]!,
        name,
        riskLevel: shelf.get(codes[k]!)!.risk_level,
        metrics: metricsTable(metrics),
        trailing: Object.fromEntries(Object.entries(trailing).map(([t, v]) => [t, num(v)])),
        recoveryPeriods: num(recovery_periods),
      };
    }),
    correlation: cmp.correlation.map(numbers),
    drawdownOverlap: cmp.drawdown_overlap.map(numbers),
    chart: commonChart(series, cmp.window.start, cmp.window.end),
    summary: { zh: cmp.summary, en: cmp.summary_en },
  };
};
