import type { Command } from 'commander';
import { z } from 'zod';
import { refreshCdp } from '../server/modules/cdp/service.js';
import { openFromFlags, withDbFlags } from './db-target.js';
import type { DbFlags } from './db-target.js';
import { log, printJson, runAction } from './io/output.js';
import { parseOptions } from './io/options.js';

const AsOf = z
  .string()
  .refine((s) => !Number.isNaN(Date.parse(s)), { message: 'expected an ISO date or instant' })
  .optional();

/** `caiban cdp refresh`: recompute tiers, grades, lifecycle, groups and rule/model tags of every customer. */
export const register = (program: Command): void => {
  const cdp = program
    .command('cdp')
    .description('Customer data platform: tiers, lifecycle, tags / 客户数据平台');
  withDbFlags(
    cdp.command('refresh').description('recompute 三分体系, lifecycle, groups and tags / 重算客户分层'),
  )
    .option('--as-of <instant>', 'classify as of this instant (default: now)')
    .option('--json', 'print one JSON document')
    .action(async (opts: DbFlags & { asOf?: string; json?: boolean }) => {
      await runAction(opts.json === true, async () => {
        const { asOf } = parseOptions(z.object({ asOf: AsOf }), { asOf: opts.asOf });
        const { db } = await openFromFlags(opts);
        try {
          const r = await db.transaction((tx) =>
            refreshCdp(tx, { asOf: asOf ? new Date(asOf) : new Date() }),
          );
          if (opts.json) printJson(r);
          else log(`${r.customers} customers classified in ${r.ms} ms: ${JSON.stringify(r.tiers)}`);
        } finally {
          await db.close();
        }
      });
    });
};
