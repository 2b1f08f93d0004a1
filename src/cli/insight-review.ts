import type { Command } from 'commander';
import { z } from 'zod';
import type { Database } from '../server/db/connection.js';
import { reviewView, runReview } from '../server/modules/insight/review.js';
import { openFromFlags, withDbFlags } from './db-target.js';
import type { DbFlags } from './db-target.js';
import { intFlag, parseOptions } from './io/options.js';
import { log, printJson, runAction } from './io/output.js';

const Options = z.object({
  study: intFlag(1, Number.MAX_SAFE_INTEGER),
  now: z.string().datetime({ offset: true, message: 'expected an ISO instant' }).optional(),
});

const withDb = async <T>(opts: DbFlags, fn: (db: Database) => Promise<T>): Promise<T> => {
  const { db } = await openFromFlags(opts);
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
};

/**
 * `caiban insight review --study ID [--now ISO] --json`: one periodic review by hand — re-runs the saved study as
 * of the China date of --now (default: the clock), compares with its previous run and stores the comparison; the
 * same code as the `insight.review-due` job. Exit 0 whether or not an alert was raised (see `alert`).
 */
export const registerReview = (ins: Command): void => {
  withDbFlags(
    ins.command('review').description('re-run a saved study and compare with its previous run / 定期复盘'),
  )
    .requiredOption('--study <id>', 'the saved study to review')
    .option('--now <iso>', 'the instant the review stands for (default: the clock)')
    .option('--json', 'print one JSON document')
    .action(async (opts: DbFlags & { study: string; now?: string; json?: boolean }) => {
      await runAction(opts.json === true, async () => {
        const o = parseOptions(Options, opts);
        await withDb(opts, async (db) => {
          const r = reviewView(await runReview(db, o.study, { now: o.now ? new Date(o.now) : new Date() }));
          if (opts.json) printJson(r);
          else
            log(
              `review ${r.id} of study ${r.study_id}: ${r.status}${r.alert ? ` — ALERT: ${r.alert_reasons.join('; ')}` : ', nothing moved'}`,
            );
        });
      });
    });
};
