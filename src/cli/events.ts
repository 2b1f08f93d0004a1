import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import type { Command } from 'commander';
import { z } from 'zod';
import { badInput } from '../core/errors.js';
import { csvRowToRaw, readJsonLines } from '../core/events/ingest-event.js';
import { ingestEvents, MAX_BATCH, replayDeadLetters } from '../server/modules/events/ingest.js';
import type { IngestResult } from '../server/modules/events/ingest.js';
import { openFromFlags, withDbFlags } from './db-target.js';
import type { DbFlags } from './db-target.js';
import { log, printJson, runAction } from './io/output.js';
import { parseOptions } from './io/options.js';
import { readTable } from './io/table.js';

const Now = z
  .string()
  .refine((s) => !Number.isNaN(Date.parse(s)), {
    message: 'expected an ISO instant such as 2026-11-30T09:30:00+08:00',
  })
  .optional();

/** The raw events of a .jsonl/.ndjson (one JSON object a line) or .csv file, in file order. */
export const readEventFile = async (path: string): Promise<unknown[]> => {
  const ext = extname(path).toLowerCase();
  if (ext === '.csv') {
    const table = await readTable(path, { flag: '--file' });
    for (const need of ['id', 'type', 'occurred_at'])
      if (!table.columns.includes(need))
        throw badInput(
          '--file',
          `${path} has no column "${need}"; columns: id,type,customer_by,customer_value,occurred_at[,channel][,payload]`,
        );
    return table.rows.map((cells, k) =>
      csvRowToRaw(Object.fromEntries(table.columns.map((c, j) => [c, cells[j] ?? ''])), k + 2),
    );
  }
  if (ext !== '.jsonl' && ext !== '.ndjson' && ext !== '.json')
    throw badInput('--file', `${path}: expected a .jsonl (one event a line) or .csv file`);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw badInput('--file', `cannot read "${path}" (${(e as Error).message})`);
  }
  return readJsonLines(text);
};

/** `caiban events ingest|replay` (../shared/CLI.md "Engagement"). */
export const register = (program: Command): void => {
  const events = program
    .command('events')
    .description('Behaviour and market events: ingest, replay dead letters / 事件接入');
  withDbFlags(
    events
      .command('ingest')
      .description('ingest events from a .jsonl or .csv file (idempotent by id) / 导入事件'),
  )
    .requiredOption('--file <path>', 'FILE.jsonl (one event a line) or FILE.csv')
    .option('--now <instant>', 'the clock of this run (default: now)')
    .option('--json', 'print one JSON document')
    .action(async (opts: DbFlags & { file: string; now?: string; json?: boolean }) => {
      await runAction(opts.json === true, async () => {
        const { now } = parseOptions(z.object({ now: Now }), { now: opts.now });
        const raws = await readEventFile(opts.file);
        const { db } = await openFromFlags(opts);
        try {
          const total: IngestResult = { accepted: 0, duplicates: 0, rejected: [] };
          for (let start = 0; start < raws.length; start += MAX_BATCH) {
            const r = await ingestEvents(db, raws.slice(start, start + MAX_BATCH), {
              now: now ? new Date(now) : new Date(),
              source: 'cli',
            });
            total.accepted += r.accepted;
            total.duplicates += r.duplicates;
            total.rejected.push(...r.rejected.map((x) => ({ index: x.index + start, error: x.error })));
          }
          if (opts.json) printJson(total);
          else {
            log(
              `${total.accepted} accepted, ${total.duplicates} duplicate(s), ${total.rejected.length} rejected`,
            );
            for (const r of total.rejected.slice(0, 20)) log(`  event ${r.index}: ${r.error}`);
          }
        } finally {
          await db.close();
        }
      });
    });
  withDbFlags(
    events
      .command('replay')
      .description('re-ingest the open dead letters after their cause was fixed / 重放死信'),
  )
    .option('--now <instant>', 'the clock of this run (default: now)')
    .option('--json', 'print one JSON document')
    .action(async (opts: DbFlags & { now?: string; json?: boolean }) => {
      await runAction(opts.json === true, async () => {
        const { now } = parseOptions(z.object({ now: Now }), { now: opts.now });
        const { db } = await openFromFlags(opts);
        try {
          const r = await replayDeadLetters(db, { now: now ? new Date(now) : new Date() });
          if (opts.json) printJson(r);
          else log(`${r.replayed} replayed (${r.accepted} accepted), ${r.failed.length} still failing`);
        } finally {
          await db.close();
        }
      });
    });
};
