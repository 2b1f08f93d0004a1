import type { Command } from 'commander';
import { dateFlag, runAdvisory, withAdvisoryFlags, type AdvisoryFlags } from './advisory-run.js';

/** `caiban statement --customer ID --from D --to D --json` (the twin of GET /api/customers/:id/statement). */
export const register = (program: Command): void => {
  withAdvisoryFlags(
    program
      .command('statement')
      .description('Statement of a customer for any period / 对账单')
      .requiredOption('--from <date>', 'first day YYYY-MM-DD')
      .requiredOption('--to <date>', 'last day YYYY-MM-DD (at most today)'),
  ).action(async (opts: AdvisoryFlags & { from?: string; to?: string }) => {
    await runAdvisory(
      opts,
      (run, id) => run.statement(id, { from: dateFlag('--from', opts.from), to: dateFlag('--to', opts.to) }),
      (s) =>
        `${s.from}..${s.to}: begin ${s.begin_value} end ${s.end_value} net inflow ${s.net_inflow} P&L ${s.pnl} TWR ${s.twr ?? 'n/a'} IRR ${s.irr ?? `n/a (${s.irr_reason})`}`,
    );
  });
};
