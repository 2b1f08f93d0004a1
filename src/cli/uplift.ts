import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { z } from 'zod';
import { intFlag, parseOptions } from './io/options.js';
import { profitCurve, targetingList, upliftByBin } from '../core/causal/targeting.js';
import type { UpliftData } from '../core/causal/uplift.js';
import { causalmlScores, skliftQiniAuc, skliftUpliftAtK, skliftUpliftAuc } from '../core/causal/uplift.js';
import { badInput } from '../core/errors.js';
import { numericColumn, readTable, rowNumberOf } from './io/table.js';
import { printJson, runAction } from './io/output.js';

type MetricsOpts = {
  data: string;
  score: string;
  treatment: string;
  outcome: string;
  bins: string;
  value?: string;
  cost?: string;
  budget?: string;
  listOut?: string;
  json?: boolean;
};

const positive = (v: string | undefined, flag: string): number | undefined => {
  if (v === undefined) return undefined;
  const x = Number(v);
  if (!Number.isFinite(x) || x < 0) throw badInput(flag, `expected a non-negative number, got "${v}"`);
  return x;
};

const isBinary = (y: Float64Array): boolean => y.every((v) => v === 0 || v === 1);

const metrics = async (opts: MetricsOpts): Promise<void> => {
  const table = await readTable(opts.data);
  const d: UpliftData = {
    score: numericColumn(table, opts.score, '--score'),
    treatment: numericColumn(table, opts.treatment, '--treatment'),
    outcome: numericColumn(table, opts.outcome, '--outcome'),
  };
  const { bins } = parseOptions(z.object({ bins: intFlag(1, 1000) }), { bins: opts.bins });
  const cm = causalmlScores(d);
  const binary = isBinary(d.outcome);
  const out: Record<string, unknown> = {
    n: d.score.length,
    causalml: { auuc: cm.auuc, qini: cm.qini },
    // scikit-uplift's areas are defined for a 0/1 outcome only.
    sklift: binary
      ? { qini_auc: skliftQiniAuc(d), uplift_auc: skliftUpliftAuc(d), uplift_at_30: skliftUpliftAtK(d, 0.3) }
      : { qini_auc: null, uplift_auc: null, uplift_at_30: skliftUpliftAtK(d, 0.3) },
    by_bin: upliftByBin(d, bins),
  };
  const value = positive(opts.value, '--value');
  const cost = positive(opts.cost, '--cost');
  if (value !== undefined && cost !== undefined) out.profit_curve = profitCurve(d, value, cost);
  const budget = positive(opts.budget, '--budget');
  if (budget !== undefined) {
    if (value === undefined || cost === undefined)
      throw badInput('--budget', 'a targeting list needs --value and --cost');
    const list = targetingList(d.score, value, cost, budget);
    out.targeting = {
      contacts: list.length,
      spend: list.length * cost,
      expected_profit: list.reduce((s, c) => s + c.expected_profit, 0),
    };
    if (opts.listOut) {
      const lines = ['row,score,expected_profit'];
      for (const c of list) lines.push(`${rowNumberOf(table, c.index)},${c.score},${c.expected_profit}`);
      await writeFile(opts.listOut, lines.join('\n') + '\n');
    }
  }
  printJson(out);
};

export const register = (program: Command): void => {
  const uplift = program
    .command('uplift')
    .description('Uplift model evaluation and targeting / 增量模型评估');
  uplift
    .command('metrics')
    .description('AUUC/Qini (causalml and scikit-uplift conventions), uplift by decile, profit, targeting')
    .requiredOption('--data <file>', 'CSV or .xlsx with score, treatment (0/1) and outcome columns')
    .requiredOption('--score <col>', 'predicted uplift column')
    .requiredOption('--treatment <col>', 'treatment column (0/1)')
    .requiredOption('--outcome <col>', 'outcome column')
    .option('--bins <k>', 'number of score bins for uplift by bin', '10')
    .option('--value <v>', 'value of one extra conversion (for the profit curve)')
    .option('--cost <c>', 'cost of one contact (for the profit curve)')
    .option('--budget <b>', 'contact budget: build a targeting list (needs --value and --cost)')
    .option('--list-out <file>', 'write the targeting list (data row, score, expected profit) as CSV')
    .option('--json', 'print one JSON document on stdout')
    .action(async (opts: MetricsOpts) => runAction(opts.json === true, () => metrics(opts)));
};
