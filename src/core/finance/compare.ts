import { badInput } from '../errors.js';
import { drawdownEpisodes } from './drawdown.js';
import { computeMetrics, type Metrics } from './metrics.js';
import { trailingReturns, type TrailingKey } from './periods.js';
import { returnsFromNav, type Period } from './returns.js';
import { pairwiseCorrelation, type Series } from './stats.js';
import { compareSummary } from './compare-summary.js';

/** One product in a comparison: a dated, dividend-adjusted NAV series. */
export type NavInput = { name: string; dates: readonly string[]; nav: Series };

export type FundComparison = Metrics & {
  name: string;
  trailing: Record<TrailingKey, number | null>;
  /** Observations from the deepest peak to full recovery (null: not recovered within the window). */
  recovery_periods: number | null;
};

export type Comparison = {
  window: { start: string; end: string; observations: number };
  funds: FundComparison[];
  /** Pearson correlation of the periodic returns on the common dates. */
  correlation: number[][];
  /**
   * Overlap of the worst drawdown episodes (peak → recovery or window end) as intersection / union of their
   * date ranges: near 1 means both funds fell in the same stretch.
   */
  drawdown_overlap: number[][];
  summary: string;
  summary_en: string;
};

/** Dates present in every series within the common window, ascending. */
const commonDates = (funds: readonly NavInput[]): string[] => {
  const sets = funds.map((f) => new Set(f.dates.filter((_, i) => Number.isFinite(f.nav[i]!))));
  const first = [...sets[0]!].sort();
  return first.filter((d) => sets.every((s) => s.has(d)));
};

const navOn = (f: NavInput, dates: readonly string[]): Float64Array => {
  const pos = new Map(f.dates.map((d, i) => [d, i]));
  return Float64Array.from(dates, (d) => f.nav[pos.get(d)!]!);
};

const episodeRange = (returns: Float64Array): [number, number] | null => {
  const worst = drawdownEpisodes(returns, undefined, 1)[0];
  if (!worst) return null;
  return [Math.max(0, worst.peakIndex), worst.recoveryIndex ?? returns.length - 1];
};

const overlap = (a: [number, number] | null, b: [number, number] | null): number => {
  if (!a || !b) return 0;
  const inter = Math.max(0, Math.min(a[1], b[1]) - Math.max(a[0], b[0]) + 1);
  const union = Math.max(a[1], b[1]) - Math.min(a[0], b[0]) + 1;
  return inter / union;
};

/**
 * Fund PK (基金PK): 2–5 products on their common dates — metrics side by side (empyrical conventions),
 * trailing returns, correlation, drawdown overlap and a factual bilingual summary built only from these numbers.
 */
export const compareFunds = (
  funds: readonly NavInput[],
  opts: { period?: Period; riskFree?: number } = {},
): Comparison => {
  if (funds.length < 2 || funds.length > 5)
    throw badInput('funds', `compare 2 to 5 products (got ${funds.length})`);
  const dates = commonDates(funds);
  if (dates.length < 3)
    throw badInput('funds', 'the products share fewer than 3 dates; check that their NAV histories overlap');
  const period = opts.period ?? 'daily';
  const retDates = dates.slice(1);
  const returns = funds.map((f) => returnsFromNav(navOn(f, dates)));
  const rows: FundComparison[] = funds.map((f, k) => {
    const m = computeMetrics({ returns: returns[k]!, dates: retDates, riskFree: opts.riskFree ?? 0, period });
    const worst = drawdownEpisodes(returns[k]!, retDates, 1)[0];
    return {
      name: f.name,
      ...m,
      trailing: trailingReturns({ dates, nav: navOn(f, dates) }),
      recovery_periods: worst
        ? worst.recoveryIndex === null
          ? null
          : worst.recoveryIndex - Math.max(0, worst.peakIndex)
        : 0,
    };
  });
  const correlation = returns.map((a) => returns.map((b) => (a === b ? 1 : pairwiseCorrelation(a, b))));
  const ranges = returns.map(episodeRange);
  const drawdown_overlap = ranges.map((a, i) => ranges.map((b, j) => (i === j ? 1 : overlap(a, b))));
  const window = { start: dates[0]!, end: dates[dates.length - 1]!, observations: retDates.length };
  const { zh, en } = compareSummary(rows, correlation, window);
  return { window, funds: rows, correlation, drawdown_overlap, summary: zh, summary_en: en };
};
