import type { Command } from 'commander';
import { RecommendationsQuery } from '../contracts/advisory.js';
import { badInput } from '../core/errors.js';
import { runAdvisory, withAdvisoryFlags, type AdvisoryFlags } from './advisory-run.js';

type Flags = AdvisoryFlags & { purpose?: string; amount?: string; horizonMonths?: string; limit?: string };

const FLAG: Readonly<Record<string, string>> = {
  purpose: '--purpose',
  amount: '--amount',
  horizonMonths: '--horizon-months',
  limit: '--limit',
};

/** `caiban recommend --customer ID [--purpose P --amount YUAN --horizon-months N] --json`. */
export const register = (program: Command): void => {
  withAdvisoryFlags(
    program
      .command('recommend')
      .description('Suitable product recommendations for a customer / 产品推荐')
      .option('--purpose <p>', 'retirement | education | house | emergency | growth (default growth)')
      .option('--amount <yuan>', 'money to invest in yuan (default 100000)')
      .option('--horizon-months <n>', 'months until the money is needed (default 36)')
      .option('--limit <n>', 'number of products (default 5)'),
  ).action(async (opts: Flags) => {
    await runAdvisory(
      opts,
      (run, id) => {
        const raw = Object.fromEntries(
          (['purpose', 'amount', 'horizonMonths', 'limit'] as const).flatMap((k) =>
            opts[k] === undefined ? [] : [[k, opts[k]]],
          ),
        );
        const r = RecommendationsQuery.safeParse(raw);
        if (!r.success) {
          const key = String(r.error.issues[0]!.path[0] ?? '');
          throw badInput(FLAG[key] ?? key, r.error.issues[0]!.message, { flag: FLAG[key] ?? key });
        }
        return run.recommendations(id, r.data);
      },
      (r) =>
        r.items.map((i) => `${i.product_code} ${i.risk_level} ${i.score.toFixed(1)} ${i.name}`).join('\n'),
    );
  });
};
