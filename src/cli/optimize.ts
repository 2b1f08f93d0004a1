import type { Command } from 'commander';
import { badInput } from '../core/errors.js';
import {
  OBJECTIVES,
  optimizePortfolio,
  type Objective,
  type ReturnModel,
  type RiskModel,
} from '../core/portfolio/optimize.js';
import { newColumns } from '../core/portfolio/prices.js';
import { printJson, runAction } from './io/output.js';
import { readNumericCsv } from './io/numeric-csv.js';
import { streamTable } from './io/table.js';

type Opts = {
  prices: string;
  objective: string;
  rf: string;
  targetVolatility?: string;
  targetReturn?: string;
  riskAversion: string;
  frequency: string;
  expectedReturns: string;
  cov: string;
  bounds: string;
  last?: string;
  gamma: string;
  json?: boolean;
};

const num = (v: string | undefined, flag: string): number | undefined => {
  if (v === undefined) return undefined;
  const x = Number(v);
  if (!Number.isFinite(x)) throw badInput(flag, `"${v}" is not a number`);
  return x;
};

const parseBounds = (s: string): [number, number] => {
  const parts = s.split(',').map((p) => p.trim().toLowerCase());
  if (parts.length !== 2)
    throw badInput('--bounds', `expected "low,high" such as 0,1 or -1,1 (or none,none); got "${s}"`);
  const [lo, hi] = parts.map((p, i) =>
    p === 'none' || p === '' ? (i === 0 ? -Infinity : Infinity) : Number(p),
  );
  if (Number.isNaN(lo) || Number.isNaN(hi) || lo! > hi!)
    throw badInput('--bounds', `"${s}" is not a valid low,high pair`);
  return [lo!, hi!];
};

/**
 * Reads a price table: the first column holds dates, every other column one asset (blank before listing).
 * Cells are converted as rows stream in (a 500-asset × 1,000-day file never sits in memory as strings).
 */
export const readPrices = async (path: string): Promise<{ assets: string[]; cols: Float64Array[] }> => {
  const fast = readNumericCsv(path); // plain numeric files: parsed from bytes (null: the general reader below)
  if (fast) return toColumns(fast.columns.slice(1), fast.values, fast.rows, fast.firstLabel > fast.lastLabel);
  let buf = new Float64Array(0); // row-major prices, grown by doubling
  let rows = 0;
  let width = 0;
  let firstDate = '';
  let lastDate = '';
  const columns = await streamTable(path, { flag: '--prices' }, (cells, row, names) => {
    if (rows === 0) {
      if (names.length < 3)
        throw badInput('--prices', 'expected a date column followed by at least two asset columns');
      width = names.length - 1;
      firstDate = cells[0] ?? '';
    }
    lastDate = cells[0] ?? '';
    if ((rows + 1) * width > buf.length) {
      const grown = new Float64Array(Math.max(1024, 2 * buf.length, (rows + 1) * width));
      grown.set(buf);
      buf = grown;
    }
    const base = rows * width;
    for (let j = 0; j < width; j++) {
      const s = cells[j + 1]!;
      const v = Number(s); // ignores surrounding blanks; '' and all-blank give 0
      if (v > 0 && v < Infinity) buf[base + j] = v;
      else if (s.trim() === '') buf[base + j] = NaN;
      else {
        const a = names[j + 1]!;
        throw badInput('--prices', `column "${a}" row ${row}: "${s.trim()}" is not a positive price`, {
          column: a,
          row,
        });
      }
    }
    rows++;
  });
  if (columns.length < 3)
    throw badInput('--prices', 'expected a date column followed by at least two asset columns');
  // Files are usually oldest first; if the dates run backwards, reverse so that returns are forward in time.
  return toColumns(columns.slice(1), buf, rows, firstDate > lastDate);
};

/** Row-major prices (rows × assets) as one column per asset, oldest first. */
const toColumns = (
  assets: string[],
  buf: Float64Array,
  rows: number,
  backwards: boolean,
): { assets: string[]; cols: Float64Array[] } => {
  const width = assets.length;
  const cols = newColumns(width, rows);
  cols.forEach((c, j) => {
    for (let k = 0; k < rows; k++) c[backwards ? rows - 1 - k : k] = buf[k * width + j]!;
  });
  return { assets, cols };
};

const run = async (o: Opts): Promise<void> => {
  if (!OBJECTIVES.includes(o.objective as Objective))
    throw badInput('--objective', `expected one of ${OBJECTIVES.join('|')}`);
  if (!['mean-historical', 'ema', 'capm'].includes(o.expectedReturns)) {
    throw badInput('--expected-returns', 'expected mean-historical|ema|capm');
  }
  if (!['sample', 'ledoit-wolf', 'semicovariance', 'exp'].includes(o.cov))
    throw badInput('--cov', 'expected sample|ledoit-wolf|semicovariance|exp');
  const last = num(o.last, '--last');
  if (last !== undefined && !(Number.isInteger(last) && last >= 2))
    throw badInput('--last', 'must be an integer ≥ 2');
  const tv = num(o.targetVolatility, '--target-volatility');
  const tr = num(o.targetReturn, '--target-return');
  if (tv !== undefined && !(tv > 0))
    throw badInput('--target-volatility', `must be above 0 (a yearly volatility such as 0.15), got ${tv}`);
  if (o.objective === 'efficient-risk' && tv === undefined)
    throw badInput('--target-volatility', 'is required with --objective efficient-risk');
  if (o.objective === 'efficient-return' && tr === undefined)
    throw badInput('--target-return', 'is required with --objective efficient-return');
  const result = optimizePortfolio({
    prices: await readPrices(o.prices),
    objective: o.objective as Objective,
    riskFreeRate: num(o.rf, '--rf')!,
    ...(tv !== undefined ? { targetVolatility: tv } : {}),
    ...(tr !== undefined ? { targetReturn: tr } : {}),
    riskAversion: num(o.riskAversion, '--risk-aversion')!,
    frequency: num(o.frequency, '--frequency')!,
    expectedReturns: o.expectedReturns as ReturnModel,
    cov: o.cov as RiskModel,
    bounds: parseBounds(o.bounds),
    ...(last !== undefined ? { last } : {}),
    gamma: num(o.gamma, '--gamma')!,
  });
  if (o.json) printJson(result);
  else {
    for (const [a, w] of Object.entries(result.weights))
      if (Math.abs(w) > 1e-6) process.stdout.write(`${a.padEnd(12)} ${(w * 100).toFixed(2)}%\n`);
    process.stdout.write(
      `expected return ${(result.expected_return * 100).toFixed(2)}%  volatility ${(result.volatility * 100).toFixed(2)}%  Sharpe ${result.sharpe.toFixed(3)}\n`,
    );
  }
};

export const register = (program: Command): void => {
  program
    .command('optimize')
    .description('Portfolio optimisation from a price table (PyPortfolioOpt conventions) / 组合优化')
    .requiredOption('--prices <file>', 'CSV/XLSX: a date column, then one price column per asset')
    .requiredOption('--objective <name>', OBJECTIVES.join('|'))
    .option('--rf <rate>', 'annual risk-free rate', '0.02')
    .option('--target-volatility <x>', 'annual volatility target for efficient-risk')
    .option('--target-return <x>', 'annual return target for efficient-return')
    .option('--risk-aversion <x>', 'δ for max-quadratic-utility', '1')
    .option('--frequency <n>', 'periods per year', '252')
    .option('--expected-returns <model>', 'mean-historical|ema|capm', 'mean-historical')
    .option('--cov <model>', 'sample|ledoit-wolf|semicovariance|exp', 'sample')
    .option('--bounds <lo,hi>', 'per-asset weight bounds, e.g. 0,1 or -1,1 or none,none', '0,1')
    .option('--last <n>', 'use only the last N returns')
    .option('--gamma <x>', 'L2 regularisation γ (objective + γ‖w‖²)', '0')
    .option('--json', 'print one JSON document')
    .action(async (o: Opts) => runAction(Boolean(o.json), () => run(o)));
};
