import type { Command } from 'commander';
import { badInput } from '../core/errors.js';
import { compareFunds } from '../core/finance/compare.js';
import type { Period } from '../core/finance/returns.js';
import { printJson, runAction } from './io/output.js';
import { readDatedSeries } from './metrics.js';

type Opts = {
  nav: string[];
  name: string[];
  dateCol: string;
  valueCol: string;
  rf: string;
  period: string;
  json?: boolean;
};

const collect = (v: string, prev: string[]): string[] => [...prev, v];

const run = async (o: Opts): Promise<void> => {
  if (o.nav.length < 2 || o.nav.length > 5)
    throw badInput('--nav', `give 2 to 5 NAV files (got ${o.nav.length})`);
  if (o.name.length > 0 && o.name.length !== o.nav.length)
    throw badInput('--name', 'give one --name per --nav, in the same order');
  const rf = Number(o.rf);
  if (!Number.isFinite(rf)) throw badInput('--rf', `"${o.rf}" is not a number`);
  const funds = await Promise.all(
    o.nav.map(async (path, i) => {
      const s = await readDatedSeries(path, '--nav', o.dateCol, o.valueCol, true);
      if (!s.dates)
        throw badInput(
          '--date-col',
          `"${path}" has no column "${o.dateCol}"; fund PK joins products on dates`,
        );
      return { name: o.name[i] ?? s.name, dates: s.dates, nav: s.values };
    }),
  );
  const result = compareFunds(funds, { riskFree: rf, period: o.period as Period });
  if (o.json) printJson(result);
  else process.stdout.write(`${result.summary}\n\n${result.summary_en}\n`);
};

export const register = (program: Command): void => {
  program
    .command('compare')
    .description('Fund PK: 2–5 NAV series on their common window / 基金PK')
    .option('--nav <file>', 'NAV file (repeat 2–5 times)', collect, [])
    .option('--name <name>', 'display name for each --nav, in order (default: file name)', collect, [])
    .option('--date-col <name>', 'date column', 'date')
    .option('--value-col <name>', 'NAV column (dividend-adjusted / 复权净值)', 'value')
    .option('--rf <rate>', 'risk-free rate per period', '0')
    .option('--period <p>', 'daily|weekly|monthly', 'daily')
    .option('--json', 'print one JSON document')
    .action(async (o: Opts) => runAction(Boolean(o.json), () => run(o)));
};
