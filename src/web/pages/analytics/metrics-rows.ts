/** The metric rows shown in the analytics tab and the fund PK table, in display order, with their format. */
export type MetricFormat = 'pct' | 'ratio' | 'date' | 'int';

export const METRIC_ROWS: ReadonlyArray<[key: string, format: MetricFormat]> = [
  ['cumulative_return', 'pct'],
  ['annual_return', 'pct'],
  ['annual_volatility', 'pct'],
  ['sharpe', 'ratio'],
  ['sortino', 'ratio'],
  ['calmar', 'ratio'],
  ['max_drawdown', 'pct'],
  ['max_drawdown_peak', 'date'],
  ['max_drawdown_trough', 'date'],
  ['max_drawdown_recovery', 'date'],
  ['downside_risk', 'pct'],
  ['value_at_risk', 'pct'],
  ['cvar', 'pct'],
  ['omega', 'ratio'],
  ['tail_ratio', 'ratio'],
  ['win_rate', 'pct'],
  ['alpha', 'pct'],
  ['beta', 'ratio'],
  ['tracking_error', 'pct'],
  ['information_ratio', 'ratio'],
  ['up_capture', 'ratio'],
  ['down_capture', 'ratio'],
  ['n', 'int'],
];

export const formatMetric = (v: number | string | null | undefined, f: MetricFormat): string => {
  if (v === null || v === undefined) return '—';
  if (typeof v === 'string') return v;
  if (!Number.isFinite(v)) return '—';
  if (f === 'int') return String(Math.round(v));
  // "-0.00" would suggest a sign the number does not have at this precision.
  const s = (f === 'pct' ? v * 100 : v).toFixed(2).replace(/^-(0\.0+)$/, '$1');
  return f === 'pct' ? `${s}%` : s;
};

export const TRAILING_KEYS = ['1m', '3m', '6m', 'ytd', '1y', '3y', 'inception'] as const;
