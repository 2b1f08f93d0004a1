import { describe, expect, it } from 'vitest';
import { readBenchmarkJson } from '../../../test/support/finance-data.js';
import { alphaBeta, capture, downCapture, upAlphaBeta, upCapture, upDownCapture } from './benchmark-stats.js';
import { maxDrawdown, rollingMaxDrawdown } from './drawdown.js';
import {
  annualVolatility,
  calmarRatio,
  downsideRisk,
  excessSharpe,
  omegaRatio,
  rollingSharpe,
  sharpeRatio,
  sortinoRatio,
  stabilityOfTimeseries,
  tailRatio,
  valueAtRisk,
} from './ratios.js';
import { aggregateReturns, annualReturn, cumReturns, cumReturnsFinal, type Period } from './returns.js';

type Fixture = {
  series: Record<string, { values: Array<number | null>; start?: string; freq: string }>;
  cases: Array<{ fn: string; args: Record<string, unknown>; expected: unknown; decimal: number }>;
};

const fx = readBenchmarkJson<Fixture>('portfolio', 'empyrical_fixtures.json');

const values = (name: string): number[] => fx!.series[name]!.values.map((v) => (v === null ? NaN : v));

/** Resolves a fixture argument: a number, an inline array, or a series name with optional `-` and `[1:]`. */
const arg = (v: unknown): number | number[] => {
  if (typeof v === 'number') return v;
  if (Array.isArray(v)) return v as number[];
  const m = /^(-?)([a-z_0-9]+)(\[1:\])?/.exec(String(v));
  if (!m) throw new Error(`unknown fixture argument ${String(v)}`);
  let s = values(m[2]!);
  if (m[1] === '-') s = s.map((x) => -x);
  if (m[3]) s = s.slice(1);
  return s;
};

const seriesArg = (v: unknown): number[] => arg(v) as number[];

/** Aligns returns to a factor sliced with `[1:]` (the fixtures pair them by date). */
const aligned = (args: Record<string, unknown>): [number[], number[]] => {
  const r = seriesArg(args.returns);
  const f = seriesArg(args.factor_returns);
  return [r.slice(r.length - f.length), f];
};

const dateList = (name: string, n: number): string[] => {
  const s = fx!.series[name]!;
  const start = new Date(`${s.start ?? '2000-01-30'}T00:00:00Z`);
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    let d: Date;
    if (s.freq === 'D') d = new Date(start.getTime() + i * 86_400_000);
    else if (s.freq === 'W') d = new Date(start.getTime() + i * 7 * 86_400_000);
    else d = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + i + 1, 0)); // month ends
    out.push(d.toISOString().slice(0, 10));
  }
  return out;
};

const compute = (fn: string, a: Record<string, unknown>): unknown => {
  const period = (a.period ?? 'daily') as Period;
  const r = (): number[] => seriesArg(a.returns);
  switch (fn) {
    case 'cum_returns':
      return Array.from(cumReturns(r(), a.starting_value as number));
    case 'cum_returns_final':
      return cumReturnsFinal(r(), a.starting_value as number);
    case 'max_drawdown':
      return maxDrawdown(r());
    case 'annual_return':
    case 'cagr':
      return annualReturn(r(), period);
    case 'annual_volatility':
      return annualVolatility(r(), period);
    case 'calmar_ratio':
      return calmarRatio(r(), period);
    case 'omega_ratio':
      return omegaRatio(r(), arg(a.risk_free), a.required_return as number);
    case 'sharpe_ratio':
      return sharpeRatio(r(), arg(a.risk_free));
    case 'downside_risk':
      return downsideRisk(r(), arg(a.required_return), period);
    case 'sortino_ratio':
      return sortinoRatio(r(), arg(a.required_return), period);
    case 'excess_sharpe':
      return excessSharpe(r(), arg(a.factor_returns));
    case 'alpha_beta': {
      const ab = alphaBeta(...aligned(a));
      return [ab.alpha, ab.beta];
    }
    case 'alpha':
      return alphaBeta(...aligned(a)).alpha;
    case 'up_alpha_beta': {
      const ab = upAlphaBeta(...aligned(a));
      return [ab.alpha, ab.beta];
    }
    case 'stability_of_timeseries':
      return stabilityOfTimeseries(r());
    case 'tail_ratio':
      return tailRatio(r());
    case 'roll_max_drawdown':
      return Array.from(rollingMaxDrawdown(r(), a.window as number));
    case 'roll_sharpe_ratio':
      return Array.from(rollingSharpe(r(), a.window as number));
    case 'capture':
      return capture(...aligned(a));
    case 'up_capture':
      return upCapture(...aligned(a));
    case 'down_capture':
      return downCapture(...aligned(a));
    case 'up_down_capture':
      return upDownCapture(...aligned(a));
    case 'aggregate_returns': {
      const name = String(a.returns);
      const rs = r();
      const to = a.convert_to as 'monthly' | 'quarterly' | 'yearly';
      return aggregateReturns(dateList(name, rs.length), rs, to).map((p) => p.value);
    }
    case 'value_at_risk':
      return valueAtRisk(r(), a.cutoff as number);
    default:
      throw new Error(`fixture function ${fn} not mapped`);
  }
};

/** Expected values: numbers, "NaN"/"Infinity", or a note that refers to cum_returns_final (computed directly). */
const expectedValue = (e: unknown, a: Record<string, unknown>): unknown => {
  if (typeof e === 'string' && e.startsWith('= cum_returns_final')) {
    return seriesArg(a.returns).reduce((acc, x) => acc * (1 + x), 1) - 1;
  }
  if (e === 'NaN') return NaN;
  if (e === 'Infinity') return Infinity;
  if (e === '-Infinity') return -Infinity;
  return e;
};

const close = (got: number, exp: number, decimal: number): boolean => {
  if (Number.isNaN(exp)) return Number.isNaN(got);
  if (!Number.isFinite(exp)) return got === exp;
  return Math.abs(got - exp) < 1.5 * 10 ** -decimal;
};

describe.skipIf(!fx)('empyrical reference fixtures (quantopian/empyrical tests)', () => {
  it('reproduces every fixture within its decimal tolerance', () => {
    const failures: string[] = [];
    for (const c of fx!.cases) {
      const got = compute(c.fn, c.args);
      const exp = expectedValue(c.expected, c.args);
      const g = Array.isArray(got) ? got : [got];
      const e = Array.isArray(exp) ? exp : [exp];
      const ok = g.length === e.length && g.every((v, i) => close(v as number, e[i] as number, c.decimal));
      if (!ok)
        failures.push(
          `${c.fn}(${JSON.stringify(c.args)}): got ${JSON.stringify(g)} want ${JSON.stringify(e)}`,
        );
    }
    expect(failures).toEqual([]);
    expect(fx!.cases.length).toBeGreaterThanOrEqual(95);
  });
});
