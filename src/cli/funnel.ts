import type { Command } from 'commander';
import { analyzeFunnel, funnelFlows } from '../core/causal/funnel.js';
import { badInput } from '../core/errors.js';
import { readTable, rowNumberOf, stringColumn } from './io/table.js';
import { printJson, runAction } from './io/output.js';

const DAY = 86_400_000;
const NO = new Set(['', '0', 'false', 'no', 'n', 'f']);
const YES = new Set(['1', 'true', 'yes', 'y', 't']);

/**
 * A stage cell: a 0/1 (true/false, yes/no) flag, or the date the stage was reached (YYYY-MM-DD…), or blank.
 * Returns days since 1970-01-01 for a date, −Infinity for "reached, date unknown", NaN for not reached.
 */
export const parseStageCell = (raw: string, column: string, row: number): number => {
  const s = raw.trim().toLowerCase();
  if (NO.has(s)) return NaN;
  if (YES.has(s)) return -Infinity;
  if (/^\d{4}-\d{2}-\d{2}/.test(s)) {
    const t = Date.parse(s.length === 10 ? `${s}T00:00:00Z` : s);
    if (Number.isFinite(t)) return t / DAY;
  }
  const v = Number(s);
  if (Number.isFinite(v)) return v === 0 ? NaN : -Infinity;
  throw badInput('--stages', `column "${column}" row ${row}: "${raw}" is neither a 0/1 flag nor a date`, {
    column,
    row,
  });
};

const parseDate = (s: string, flag: string): number => {
  const t = Date.parse(`${s}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s) || !Number.isFinite(t))
    throw badInput(flag, `"${s}" is not a date YYYY-MM-DD`);
  return t / DAY;
};

type Opts = {
  data: string;
  stages: string;
  by?: string;
  from?: string;
  to?: string;
  alpha: string;
  json?: boolean;
};

export const register = (program: Command): void => {
  program
    .command('funnel')
    .description('AIPL funnel: stage counts, conversion with Wilson CIs, break point per group / 漏斗分析')
    .requiredOption('--data <file>', 'CSV or .xlsx, one row per customer')
    .requiredOption('--stages <cols>', 'ordered stage columns (0/1 flags or dates reached), e.g. a,i,p,l')
    .option('--by <col>', 'group column (channel, segment, branch) for the break point')
    .option('--from <date>', 'with --to: flows between the stages held on two dates (YYYY-MM-DD)')
    .option('--to <date>', 'second date of the flows')
    .option('--alpha <a>', 'false discovery rate for the break point', '0.05')
    .option('--json', 'print one JSON document on stdout')
    .action(async (opts: Opts) =>
      runAction(opts.json === true, async () => {
        const table = await readTable(opts.data);
        const stages = opts.stages
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean);
        const reached = stages.map((c) =>
          Float64Array.from(stringColumn(table, c, '--stages'), (v, i) =>
            parseStageCell(v, c, rowNumberOf(table, i)),
          ),
        );
        const groups = opts.by ? stringColumn(table, opts.by, '--by') : undefined;
        const alpha = Number(opts.alpha);
        if (!(alpha > 0 && alpha < 1)) throw badInput('--alpha', 'expected a number in (0, 1)');
        const inp = groups ? { stages, reached, groups } : { stages, reached };
        const res = analyzeFunnel(inp, alpha);
        const out: Record<string, unknown> = { ...res };
        if (opts.from !== undefined || opts.to !== undefined) {
          if (!opts.from || !opts.to) throw badInput('--from', 'flows need both --from and --to');
          out.flows = {
            from: opts.from,
            to: opts.to,
            ...funnelFlows(inp, parseDate(opts.from, '--from'), parseDate(opts.to, '--to')),
          };
        }
        printJson(out);
      }),
    );
};
