import {
  alphaBeta,
  downCapture,
  informationRatio,
  trackingError,
  upCapture,
  winRate,
} from './benchmark-stats.js';
import { drawdownEpisodes, maxDrawdown } from './drawdown.js';
import {
  annualVolatility,
  calmarRatio,
  conditionalValueAtRisk,
  downsideRisk,
  omegaRatio,
  sharpeRatio,
  sortinoRatio,
  stabilityOfTimeseries,
  tailRatio,
  valueAtRisk,
} from './ratios.js';
import { annualReturn, annualizationFactor, cumReturnsFinal, type Period } from './returns.js';
import type { Series } from './stats.js';

export type MetricsInput = {
  returns: Series;
  /** ISO dates labelling each return (for drawdown dates). */
  dates?: readonly string[];
  /** Benchmark returns aligned with `returns` (same length, same dates). */
  benchmark?: Series;
  /** Risk-free rate per period (empyrical convention). */
  riskFree?: number;
  period?: Period;
  /** Periods per year; overrides `period` (e.g. the observations per calendar year of a dated NAV series). */
  annualization?: number;
};

/** The metric set of `caiban metrics` and of the product analytics tab; plain JSON, NaN where undefined. */
export type Metrics = {
  annual_return: number;
  cumulative_return: number;
  annual_volatility: number;
  sharpe: number;
  sortino: number;
  downside_risk: number;
  max_drawdown: number;
  max_drawdown_peak: string | null;
  max_drawdown_trough: string | null;
  max_drawdown_recovery: string | null;
  calmar: number;
  omega: number;
  tail_ratio: number;
  value_at_risk: number;
  cvar: number;
  stability: number;
  win_rate: number;
  alpha?: number;
  beta?: number;
  tracking_error?: number;
  information_ratio?: number;
  up_capture?: number;
  down_capture?: number;
  n: number;
};

/** Computes every headline metric with empyrical conventions (one pass per metric; O(n log n) for quantiles). */
export const computeMetrics = (input: MetricsInput): Metrics => {
  const { returns, dates, benchmark } = input;
  const rf = input.riskFree ?? 0;
  const period = input.period ?? 'daily';
  const a = input.annualization;
  const worst = drawdownEpisodes(returns, dates, 1)[0];
  const m: Metrics = {
    annual_return: annualReturn(returns, period, a),
    cumulative_return: cumReturnsFinal(returns),
    annual_volatility: annualVolatility(returns, period, a),
    sharpe: sharpeRatio(returns, rf, period, a),
    sortino: sortinoRatio(returns, rf, period, a),
    downside_risk: downsideRisk(returns, rf, period, a),
    max_drawdown: maxDrawdown(returns),
    max_drawdown_peak: worst?.peakDate ?? null,
    max_drawdown_trough: worst?.troughDate ?? null,
    max_drawdown_recovery: worst?.recoveryDate ?? null,
    calmar: calmarRatio(returns, period, a),
    omega: omegaRatio(returns, rf, 0, annualizationFactor(period, a)),
    tail_ratio: tailRatio(returns),
    value_at_risk: valueAtRisk(returns),
    cvar: conditionalValueAtRisk(returns),
    stability: stabilityOfTimeseries(returns),
    win_rate: winRate(returns),
    n: returns.length,
  };
  if (benchmark) {
    const ab = alphaBeta(returns, benchmark, rf, period, a);
    m.alpha = ab.alpha;
    m.beta = ab.beta;
    m.tracking_error = trackingError(returns, benchmark, period, a);
    m.information_ratio = informationRatio(returns, benchmark, period, a);
    m.up_capture = upCapture(returns, benchmark, period);
    m.down_capture = downCapture(returns, benchmark, period);
  }
  return m;
};
