import { cumReturns } from './returns.js';
import type { Series } from './stats.js';

/**
 * Maximum drawdown (empyrical `max_drawdown`): min over t of W_t / max_{s≤t} W_s − 1 on the wealth curve
 * W that starts at a base of 100 before the first return (so a first-day loss counts). ≤ 0; NaN when empty.
 */
export const maxDrawdown = (returns: Series): number => {
  if (returns.length < 1) return NaN;
  const dd = drawdownSeries(returns);
  let m = 0;
  for (let i = 0; i < dd.length; i++) if (dd[i]! < m) m = dd[i]!;
  return m;
};

/** Drawdown at each observation, W_t / peak_t − 1, on the base-100 wealth curve (≤ 0). */
export const drawdownSeries = (returns: Series): Float64Array => {
  const wealth = cumReturns(returns, 100);
  const out = new Float64Array(wealth.length);
  let peak = 100;
  for (let i = 0; i < wealth.length; i++) {
    const w = wealth[i]!;
    if (w > peak) peak = w;
    out[i] = w / peak - 1;
  }
  return out;
};

/** One drawdown episode: from a peak to its trough and, when it happened, back to the peak level. */
export type DrawdownEpisode = {
  /** Depth, W_trough / W_peak − 1 (negative). */
  depth: number;
  /** Index of the last observation at the peak (−1 = the base before the first return). */
  peakIndex: number;
  troughIndex: number;
  /** First index at or above the previous peak, or null when not yet recovered. */
  recoveryIndex: number | null;
  peakDate: string | null;
  troughDate: string | null;
  recoveryDate: string | null;
  /** Observations from peak to trough and from trough to recovery (null if not recovered). */
  declinePeriods: number;
  recoveryPeriods: number | null;
};

/**
 * Drawdown episodes, deepest first (pyfolio `gen_drawdown_table` semantics): an episode runs from a running
 * peak of the wealth curve until wealth first regains it. `dates[i]` labels `returns[i]`; the peak before the
 * first return has no date of its own and is labelled with the first date.
 */
export const drawdownEpisodes = (returns: Series, dates?: readonly string[], top = 5): DrawdownEpisode[] => {
  const dd = drawdownSeries(returns);
  const episodes: DrawdownEpisode[] = [];
  const label = (i: number | null): string | null =>
    i === null || !dates ? null : (dates[Math.max(0, i)] ?? null);
  let i = 0;
  while (i < dd.length) {
    if (dd[i]! >= 0) {
      i++;
      continue;
    }
    const peak = i - 1;
    let trough = i;
    while (i < dd.length && dd[i]! < 0) {
      if (dd[i]! < dd[trough]!) trough = i;
      i++;
    }
    const recovery = i < dd.length ? i : null;
    episodes.push({
      depth: dd[trough]!,
      peakIndex: peak,
      troughIndex: trough,
      recoveryIndex: recovery,
      peakDate: label(peak),
      troughDate: label(trough),
      recoveryDate: label(recovery),
      declinePeriods: trough - peak,
      recoveryPeriods: recovery === null ? null : recovery - trough,
    });
  }
  return episodes.sort((a, b) => a.depth - b.depth || a.troughIndex - b.troughIndex).slice(0, top);
};

/** Max drawdown over each trailing window of `window` returns (empyrical `roll_max_drawdown`). */
export const rollingMaxDrawdown = (returns: Series, window: number): Float64Array =>
  rolling(returns, window, maxDrawdown);

/** Applies `fn` to every full trailing window (length n − window + 1, empyrical `_roll_ndarray`). */
export const rolling = (returns: Series, window: number, fn: (w: Float64Array) => number): Float64Array => {
  const n = Math.max(0, returns.length - window + 1);
  const out = new Float64Array(n);
  const arr = Float64Array.from(returns);
  for (let i = 0; i < n; i++) out[i] = fn(arr.subarray(i, i + window));
  return out;
};
