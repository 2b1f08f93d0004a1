import type { Command } from 'commander';
import { z } from 'zod';
import { BusinessDate } from '../contracts/advisory.js';
import { badInput } from '../core/errors.js';
import { chinaDate } from '../server/modules/customers/service.js';
import { advisoryRunner, type AdvisoryRunner } from '../server/modules/advisory/service.js';
import { openFromFlags, withDbFlags, type DbFlags } from './db-target.js';
import { intFlag, parseOptions } from './io/options.js';
import { log, printJson, runAction } from './io/output.js';

/** Flags every advisory twin takes: the customer, the business date (default today in China) and --json. */
export type AdvisoryFlags = DbFlags & { customer?: string; asOf?: string; json?: boolean };

export const withAdvisoryFlags = (cmd: Command): Command =>
  withDbFlags(cmd)
    .requiredOption('--customer <id>', 'customer id')
    .option('--as-of <date>', 'business date YYYY-MM-DD the advice is for (default: today in China)')
    .option('--json', 'print one JSON document');

/** A date flag (YYYY-MM-DD, a real calendar day) or bad input naming the flag. */
export const dateFlag = (flag: string, raw: string | undefined): string => {
  const r = BusinessDate.safeParse(raw);
  if (!r.success) throw badInput(flag, `expected a date YYYY-MM-DD, got "${String(raw)}"`, { flag });
  return r.data;
};

/**
 * Runs one advisory twin on the platform's database (read directly, like the other DB-reading commands):
 * parses --customer and --as-of, opens the database, prints the result (JSON or a short human summary).
 */
export const runAdvisory = async <T>(
  opts: AdvisoryFlags,
  work: (run: AdvisoryRunner, customer: number, today: string) => Promise<T>,
  summary: (out: T) => string,
): Promise<void> => {
  await runAction(opts.json === true, async () => {
    const { customer } = parseOptions(z.object({ customer: intFlag(1) }), { customer: opts.customer });
    const today = opts.asOf === undefined ? chinaDate(new Date()) : dateFlag('--as-of', opts.asOf);
    const { db } = await openFromFlags(opts);
    try {
      const out = await work(advisoryRunner(db, today), customer, today);
      if (opts.json === true) printJson(out);
      else log(summary(out));
    } finally {
      await db.close();
    }
  });
};
