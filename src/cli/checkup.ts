import type { Command } from 'commander';
import { runAdvisory, withAdvisoryFlags, type AdvisoryFlags } from './advisory-run.js';

/** `caiban checkup --customer ID [--as-of D] --json` (the twin of GET /api/customers/:id/checkup). */
export const register = (program: Command): void => {
  withAdvisoryFlags(
    program.command('checkup').description('Wealth check-up of a customer / 财富体检'),
  ).action(async (opts: AdvisoryFlags) => {
    await runAdvisory(
      opts,
      (run, id) => run.checkup(id),
      (c) =>
        [
          `score ${c.score}`,
          ...c.findings.map((f) => `[${f.severity}] ${f.code} ${f.products.join(',')}: ${f.message}`),
        ].join('\n'),
    );
  });
};
