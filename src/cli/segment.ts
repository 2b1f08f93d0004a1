import { createWriteStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { z } from 'zod';
import { badInput } from '../core/errors.js';
import type { Rule } from '../core/segment/rule.js';
import { parseRule } from '../core/segment/rule.js';
import { exportSegment } from '../server/modules/segments/export.js';
import { countSegment, segmentWhere } from '../server/modules/segments/repo.js';
import { openFromFlags, withDbFlags } from './db-target.js';
import type { DbFlags } from './db-target.js';
import { log, printJson, runAction } from './io/output.js';
import { parseOptions } from './io/options.js';

const AsOf = z
  .string()
  .refine((s) => !Number.isNaN(Date.parse(s)), {
    message: 'expected an ISO date or instant (2026-03-01T08:00:00+08:00)',
  })
  .optional();

/** Reads and checks a rule file; problems name the file and the JSON path. */
export const readRuleFile = async (path: string): Promise<Rule> => {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw badInput('--rule', `cannot read "${path}" (${(e as Error).message})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw badInput('--rule', `"${path}" is not JSON (${(e as Error).message})`);
  }
  // A file may hold the rule itself or {"rule": …} as POST /api/segments/preview takes it.
  const rule = typeof json === 'object' && json !== null && 'rule' in json ? json.rule : json;
  return parseRule(rule, 'rule');
};

type Opts = DbFlags & { rule: string; asOf?: string; json?: boolean };

/** `caiban segment count|export`: a segment rule over every customer of the database (no data scope: an operator tool). */
export const register = (program: Command): void => {
  const seg = program.command('segment').description('Customer segments: count and export a rule / 客群圈选');
  withDbFlags(seg.command('count').description('count the customers matching a rule file / 客群计数'))
    .requiredOption('--rule <file>', 'segment rule JSON (CLI.md "Customer data")')
    .option('--as-of <instant>', 'evaluate ages, tenure and event windows at this instant (default: now)')
    .option('--json', 'print one JSON document')
    .action(async (opts: Opts) => {
      await runAction(opts.json === true, async () => {
        const { asOf } = parseOptions(z.object({ asOf: AsOf }), { asOf: opts.asOf });
        const rule = await readRuleFile(opts.rule);
        const { db } = await openFromFlags(opts);
        try {
          const started = performance.now();
          const count = await countSegment(
            db,
            segmentWhere({ kind: 'all' }, rule, asOf ? new Date(asOf) : new Date()),
          );
          const ms = Math.round((performance.now() - started) * 10) / 10;
          if (opts.json) printJson({ count, ms });
          else log(`${count} customers (${ms} ms)`);
        } finally {
          await db.close();
        }
      });
    });
  withDbFlags(seg.command('export').description('export the customers matching a rule file / 客群导出'))
    .requiredOption('--rule <file>', 'segment rule JSON')
    .requiredOption('--out <file>', 'output file: .xlsx or .csv')
    .option('--as-of <instant>', 'evaluate the rule at this instant (default: now)')
    .option('--json', 'print one JSON document')
    .action(async (opts: Opts & { out: string }) => {
      await runAction(opts.json === true, async () => {
        const { asOf } = parseOptions(z.object({ asOf: AsOf }), { asOf: opts.asOf });
        const format = /\.xlsx$/i.test(opts.out) ? 'xlsx' : /\.csv$/i.test(opts.out) ? 'csv' : null;
        if (format === null) throw badInput('--out', `"${opts.out}" must end in .xlsx or .csv`);
        const rule = await readRuleFile(opts.rule);
        const { db } = await openFromFlags(opts);
        try {
          const started = performance.now();
          const out = createWriteStream(opts.out);
          const opened = new Promise<void>((resolve, reject) => {
            out.once('open', () => resolve());
            out.once('error', (e) => reject(badInput('--out', `cannot write "${opts.out}" (${e.message})`)));
          });
          await opened;
          const closed = new Promise<void>((resolve) => out.once('close', () => resolve()));
          const rows = await exportSegment(
            db,
            segmentWhere({ kind: 'all' }, rule, asOf ? new Date(asOf) : new Date()),
            asOf ? new Date(asOf) : new Date(),
            format,
            out,
          );
          await closed;
          const ms = Math.round(performance.now() - started);
          if (opts.json) printJson({ rows, out: opts.out, format, ms });
          else log(`${rows} customers written to ${opts.out} (${ms} ms)`);
        } finally {
          await db.close();
        }
      });
    });
};
