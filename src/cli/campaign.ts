import type { Command } from 'commander';
import { z } from 'zod';
import { campaignResultsOf } from '../server/modules/campaigns/results.js';
import { listCampaigns } from '../server/modules/campaigns/service.js';
import { openFromFlags, withDbFlags } from './db-target.js';
import type { DbFlags } from './db-target.js';
import { log, printJson, runAction } from './io/output.js';
import { parseOptions } from './io/options.js';

const Options = z.object({
  id: z.coerce.number().int().positive({ message: 'expected a campaign id such as 1' }),
  now: z
    .string()
    .refine((s) => !Number.isNaN(Date.parse(s)), {
      message: 'expected an ISO instant such as 2026-03-20T09:00:00+08:00',
    })
    .optional(),
});

/**
 * `caiban campaign list|results`: the campaigns and an experiment's measured results, read from the platform's data
 * (launching sends through the outbox and is done from the console or the API).
 */
export const register = (program: Command): void => {
  const campaign = program
    .command('campaign')
    .description('Campaigns and experiments: list, results / 活动与实验');
  withDbFlags(campaign.command('list').description('the campaigns, newest first / 活动列表'))
    .option('--json', 'print one JSON document')
    .action(async (opts: DbFlags & { json?: boolean }) => {
      await runAction(opts.json === true, async () => {
        const { db } = await openFromFlags(opts);
        try {
          const r = await listCampaigns(db);
          if (opts.json) printJson(r);
          else for (const c of r.items) log(`${c.id}\t${c.key}\t${c.status}\t${c.name}`);
        } finally {
          await db.close();
        }
      });
    });
  withDbFlags(
    campaign
      .command('results')
      .description(
        'measure a campaign at --now and print per-arm conversions, lift vs holdout, SRM / 实验结果',
      ),
  )
    .requiredOption('--id <id>', 'the campaign id')
    .option('--now <instant>', 'the clock of this run (default: now)')
    .option('--json', 'print one JSON document')
    .action(async (opts: DbFlags & { id: string; now?: string; json?: boolean }) => {
      await runAction(opts.json === true, async () => {
        const { id, now } = parseOptions(Options, { id: opts.id, now: opts.now });
        const { db } = await openFromFlags(opts);
        try {
          const r = await campaignResultsOf(db, id, now === undefined ? new Date() : new Date(now));
          if (opts.json) printJson(r);
          else
            for (const a of r.arms)
              log(
                `${a.arm}\tassigned ${a.assigned}\tconverted ${a.conversions}\trate ${(a.rate * 100).toFixed(2)}%`,
              );
        } finally {
          await db.close();
        }
      });
    });
};
