import type { Command } from 'commander';
import { z } from 'zod';
import { intFlag, parseOptions } from './io/options.js';
import { runAdvisory, withAdvisoryFlags, type AdvisoryFlags } from './advisory-run.js';

/** `caiban attribution --customer ID --product CODE --days N --json` (why a held fund moved). */
export const register = (program: Command): void => {
  withAdvisoryFlags(
    program
      .command('attribution')
      .description('Why a held fund moved: market, style and its own / 涨跌归因')
      .requiredOption('--product <code>', 'product code the customer holds')
      .option('--days <n>', 'trading days to explain, 1–250 (default 20)'),
  ).action(async (opts: AdvisoryFlags & { product?: string; days?: string }) => {
    await runAdvisory(
      opts,
      (run, id) => {
        const { days } = parseOptions(z.object({ days: intFlag(1, 250) }), { days: opts.days ?? '20' });
        return run.attribution(id, String(opts.product), days);
      },
      (a) => a.explanation,
    );
  });
};
