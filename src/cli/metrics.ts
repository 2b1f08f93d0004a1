import type { Command } from 'commander';
import { badInput } from '../core/errors.js';
import { computeMetrics } from '../core/finance/metrics.js';
import { returnsFromNav, type Period } from '../core/finance/returns.js';
import { printJson, runAction } from './io/output.js';
import { numericColumn, readTable, rowNumberOf, stringColumn } from './io/table.js';

/** A dated series read from a file; `dates` is null when the file has no date column. */
export type DatedSeries = { name: string; dates: string[] | null; values: Float64Array };

/** A real calendar date in ISO form (2024-02-30 is not). */
const isIsoDate = (s: string): boolean => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
};

const PERIODS: readonly Period[] = ['daily', 'weekly', 'monthly', 'quarterly', 'yearly'];

/** Normalises 2024/1/5, 20240105 and 2024-01-05 to ISO YYYY-MM-DD (or keeps the text when it is none of these). */
export const normaliseDate = (s: string): string => {
  const t = s.trim();
  let m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})/.exec(t);
  if (m) return `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
  m = /^(\d{4})(\d{2})(\d{2})$/.exec(t);
  if (m) return `${m[1]}-${m[2]}-${m[3]}`;
  return t;
};

/** Reads one value column (and the date column when present), sorted by date ascending. */
export const readDatedSeries = async (
  path: string,
  flag: string,
  dateCol: string,
  valueCol: string,
  isNav = false,
): Promise<DatedSeries> => {
  const table = await readTable(path, { flag });
  const values = numericColumn(table, valueCol, flag);
  if (isNav) {
    values.forEach((v, k) => {
      if (v <= 0) {
        const row = rowNumberOf(table, k);
        throw badInput(
          flag,
          `column "${valueCol}" row ${row}: NAV ${v} is not positive; a net asset value is above 0 (blank for a missing day)`,
          { column: valueCol, row },
        );
      }
    });
  }
  const name = path.replace(/^.*[\\/]/, '').replace(/\.(csv|xlsx)$/i, '');
  if (!table.columns.includes(dateCol)) return { name, dates: null, values };
  const dates = stringColumn(table, dateCol, flag).map(normaliseDate);
  dates.forEach((d, k) => {
    if (!isIsoDate(d)) {
      const row = rowNumberOf(table, k);
      throw badInput(
        flag,
        `column "${dateCol}" row ${row}: "${d}" is not a date; expected YYYY-MM-DD (or 2024/1/5, 20240105)`,
        { column: dateCol, row },
      );
    }
  });
  const order = dates
    .map((_, i) => i)
    .sort((a, b) => (dates[a]! < dates[b]! ? -1 : dates[a]! > dates[b]! ? 1 : 0));
  for (let k = 1; k < order.length; k++) {
    if (dates[order[k]!] === dates[order[k - 1]!]) {
      throw badInput(flag, `date ${dates[order[k]!]} appears twice in "${path}"; give one row per date`);
    }
  }
  return { name, dates: order.map((i) => dates[i]!), values: Float64Array.from(order, (i) => values[i]!) };
};

/** Series A re-indexed on the dates of series B (inner join); without dates both must have equal length. */
export const alignOn = (
  a: DatedSeries,
  b: DatedSeries,
  flag: string,
): [Float64Array, Float64Array, string[] | null] => {
  if (!a.dates || !b.dates) {
    if (a.values.length !== b.values.length) {
      throw badInput(
        flag,
        `without a date column the benchmark needs ${a.values.length} rows (it has ${b.values.length})`,
      );
    }
    return [a.values, b.values, a.dates ?? b.dates];
  }
  const pos = new Map(b.dates.map((d, i) => [d, i]));
  const keep: number[] = [];
  a.dates.forEach((d, i) => {
    if (pos.has(d)) keep.push(i);
  });
  if (keep.length < 2)
    throw badInput(flag, 'the benchmark shares fewer than 2 dates with the series; check the date columns');
  return [
    Float64Array.from(keep, (i) => a.values[i]!),
    Float64Array.from(keep, (i) => b.values[pos.get(a.dates![i]!)!]!),
    keep.map((i) => a.dates![i]!),
  ];
};

type MetricsOpts = {
  returns?: string;
  nav?: string;
  dateCol: string;
  valueCol: string;
  benchmark?: string;
  benchmarkCol?: string;
  rf: string;
  period: string;
  json?: boolean;
};

const toReturns = (s: DatedSeries, isNav: boolean): DatedSeries =>
  isNav ? { name: s.name, dates: s.dates ? s.dates.slice(1) : null, values: returnsFromNav(s.values) } : s;

const run = async (o: MetricsOpts): Promise<void> => {
  if (!o.returns === !o.nav)
    throw badInput('--returns/--nav', 'give exactly one of --returns FILE or --nav FILE');
  if (!PERIODS.includes(o.period as Period))
    throw badInput('--period', `expected one of ${PERIODS.join('|')}`);
  const rf = Number(o.rf);
  if (!Number.isFinite(rf))
    throw badInput('--rf', `"${o.rf}" is not a number; give the risk-free rate per period, e.g. 0.0001`);
  const isNav = Boolean(o.nav);
  const flag = isNav ? '--nav' : '--returns';
  const main = toReturns(
    await readDatedSeries((o.nav ?? o.returns)!, flag, o.dateCol, o.valueCol, isNav),
    isNav,
  );
  let returns = main.values;
  let dates = main.dates;
  let benchmark: Float64Array | undefined;
  if (o.benchmark) {
    const b = toReturns(
      await readDatedSeries(o.benchmark, '--benchmark', o.dateCol, o.benchmarkCol ?? o.valueCol, isNav),
      isNav,
    );
    [returns, benchmark, dates] = alignOn(main, b, '--benchmark');
  }
  const m = computeMetrics({
    returns,
    ...(dates ? { dates } : {}),
    ...(benchmark ? { benchmark } : {}),
    riskFree: rf,
    period: o.period as Period,
  });
  if (o.json) printJson(m);
  else for (const [k, v] of Object.entries(m)) process.stdout.write(`${k.padEnd(24)} ${String(v)}\n`);
};

export const register = (program: Command): void => {
  program
    .command('metrics')
    .description('Return and risk metrics of a return or NAV series (empyrical conventions) / 收益风险指标')
    .option('--returns <file>', 'CSV/XLSX with periodic simple returns')
    .option('--nav <file>', 'CSV/XLSX with a (dividend-adjusted) NAV series; returns are computed from it')
    .option('--date-col <name>', 'date column', 'date')
    .option('--value-col <name>', 'value column (returns or NAV)', 'value')
    .option('--benchmark <file>', 'benchmark file of the same kind (returns or NAV), joined on dates')
    .option('--benchmark-col <name>', 'value column of the benchmark file (default: --value-col)')
    .option(
      '--rf <rate>',
      'risk-free rate per period (empyrical convention; 0.02/252 for 2% a year on daily data)',
      '0',
    )
    .option('--period <p>', 'daily|weekly|monthly|quarterly|yearly', 'daily')
    .option('--json', 'print one JSON document')
    .action(async (o: MetricsOpts) => runAction(Boolean(o.json), () => run(o)));
};
