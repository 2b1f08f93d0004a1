import { computeMetrics, type Metrics } from './metrics.js';
import { trailingReturns, type TrailingKey } from './periods.js';
import { returnsFromNav } from './returns.js';
import type { Series } from './stats.js';

/**
 * A trailing window whose start falls on a weekend or holiday still counts when the history starts within this
 * many calendar days after it (the longest Chinese market closure, Spring Festival/National Day, is 9 days).
 */
export const TRAILING_GRACE_DAYS = 10;

/**
 * Observations per calendar year of a dated series: returns / (calendar days / 365). Annualising with it makes
 * the annual return exactly (NAV_end / NAV_start)^(365 / days) − 1, the convention of Chinese fund platforms,
 * whatever the market's trading calendar (~242 days a year in China, not 252). NaN under a month of history.
 */
export const observationsPerYear = (dates: readonly string[]): number => {
  if (dates.length < 2) return NaN;
  const days = (Date.parse(dates[dates.length - 1]!) - Date.parse(dates[0]!)) / 86_400_000;
  return days < 30 ? NaN : (dates.length - 1) / (days / 365);
};

/** The headline figures of a product: the one computation behind the overview, the analytics tab and the API. */
export type ProductFigures = {
  asOf: string | null;
  trailing: Record<TrailingKey, number | null>;
  metrics: Metrics;
  /** The benchmark's trailing returns and annual return on the same dates, when a benchmark is given. */
  benchmark: { trailing: Record<TrailingKey, number | null>; annualReturn: number } | null;
};

/**
 * Trailing returns and the metric set of a dated, dividend-adjusted NAV series (and of its benchmark on the same
 * dates), annualised by the series' own observations per calendar year.
 */
export const productFigures = (input: {
  dates: readonly string[];
  nav: Series;
  benchmark?: Series;
  riskFree?: number;
}): ProductFigures => {
  const { dates, nav, benchmark } = input;
  const annualization = observationsPerYear(dates);
  const returns = returnsFromNav(nav);
  const b = benchmark ? returnsFromNav(benchmark) : undefined;
  const common = {
    dates: dates.slice(1),
    riskFree: input.riskFree ?? 0,
    ...(Number.isFinite(annualization) ? { annualization } : {}),
  };
  const metrics = computeMetrics({ returns, ...common, ...(b ? { benchmark: b } : {}) });
  // Annualising under a month of history would quote a meaningless figure.
  if (!Number.isFinite(annualization)) metrics.annual_return = NaN;
  return {
    asOf: dates.length > 0 ? dates[dates.length - 1]! : null,
    trailing: trailingReturns({ dates, nav }, TRAILING_GRACE_DAYS),
    metrics,
    benchmark:
      benchmark && b
        ? {
            trailing: trailingReturns({ dates, nav: benchmark }, TRAILING_GRACE_DAYS),
            annualReturn: computeMetrics({ returns: b, ...common }).annual_return,
          }
        : null,
  };
};
