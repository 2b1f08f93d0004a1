import type { Command } from 'commander';
import { z } from 'zod';
import { channelAdapters, providersFromEnv } from '../server/modules/outbox/adapters.js';
import { listOutbox } from '../server/modules/outbox/list.js';
import { attributeConversions, dispatchDue } from '../server/modules/outbox/service.js';
import { openFromFlags, withDbFlags } from './db-target.js';
import type { DbFlags } from './db-target.js';
import { log, printJson, runAction } from './io/output.js';
import { parseOptions } from './io/options.js';

const Now = z
  .string()
  .refine((s) => !Number.isNaN(Date.parse(s)), {
    message: 'expected an ISO instant such as 2026-11-30T09:30:00+08:00',
  })
  .optional();

const ListFlags = z.object({
  customer: z.coerce.number().int().positive().optional(),
  status: z.enum(['queued', 'deferred', 'sent', 'suppressed']).optional(),
  channel: z.enum(['app', 'sms', 'wecom', 'email', 'chat']).optional(),
  reason: z.string().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(100_000).default(100),
});

type ListOpts = DbFlags & {
  customer?: string;
  status?: string;
  channel?: string;
  reason?: string;
  limit?: string;
  json?: boolean;
};

const listAction = async (opts: ListOpts): Promise<void> => {
  const f = parseOptions(ListFlags, {
    customer: opts.customer,
    status: opts.status,
    channel: opts.channel,
    reason: opts.reason,
    limit: opts.limit,
  });
  const { db } = await openFromFlags(opts);
  try {
    const rows = await listOutbox(db, { kind: 'all' }, { ...f, customerId: f.customer });
    if (opts.json) {
      printJson(rows);
      return;
    }
    for (const r of rows)
      process.stdout.write(
        `${r.id}\t${r.customer_id}\t${r.channel}\t${r.purpose}\t${r.status}\t${r.scheduled_at}\t${r.reason ?? ''}` +
          `${r.reason_label === null ? '' : `\t${r.reason_label.zh}`}\n`,
      );
    log(`${rows.length} message(s)`);
  } finally {
    await db.close();
  }
};

/** `caiban outbox list|dispatch|attribute` (../shared/CLI.md "Engagement"). */
export const register = (program: Command): void => {
  const outbox = program
    .command('outbox')
    .description('The outbox: messages to customers and their reach / 触达');
  withDbFlags(outbox.command('list').description('messages with status and reason, newest first / 触达记录'))
    .option('--customer <id>', 'only this customer')
    .option('--status <status>', 'queued|deferred|sent|suppressed')
    .option('--channel <channel>', 'app|sms|wecom|email|chat')
    .option('--reason <code>', 'a reason code or group (no_consent, cap:day, guard …)')
    .option('--limit <n>', 'at most N rows (default 100)')
    .option('--json', 'print one JSON document')
    .action(async (opts: ListOpts) => runAction(opts.json === true, () => listAction(opts)));
  withDbFlags(
    outbox.command('dispatch').description('send what is due through the channel adapters / 发送到期消息'),
  )
    .option('--now <instant>', 'the clock of this run (default: now)')
    .option('--json', 'print one JSON document')
    .action(async (opts: DbFlags & { now?: string; json?: boolean }) => {
      await runAction(opts.json === true, async () => {
        const { now } = parseOptions(z.object({ now: Now }), { now: opts.now });
        const adapters = channelAdapters(providersFromEnv(process.env), {}, log);
        const { db } = await openFromFlags(opts);
        try {
          const r = await dispatchDue(db, now ? new Date(now) : new Date(), adapters);
          if (opts.json) printJson(r);
          else log(`${r.sent} sent, ${r.suppressed} suppressed, ${r.failed} failed`);
        } finally {
          await db.close();
        }
      });
    });
  withDbFlags(
    outbox
      .command('attribute')
      .description('link purchases to the messages that named the product / 转化归因'),
  )
    .option('--now <instant>', 'the clock of this run (default: now)')
    .option('--window-days <n>', 'days after sending that a purchase counts (default 7)')
    .option('--json', 'print one JSON document')
    .action(async (opts: DbFlags & { now?: string; windowDays?: string; json?: boolean }) => {
      await runAction(opts.json === true, async () => {
        const f = parseOptions(
          z.object({ now: Now, windowDays: z.coerce.number().int().min(0).max(90).default(7) }),
          { now: opts.now, windowDays: opts.windowDays },
        );
        const { db } = await openFromFlags(opts);
        try {
          const n = await attributeConversions(db, f.now ? new Date(f.now) : new Date(), f.windowDays);
          if (opts.json) printJson({ attributed: n });
          else log(`${n} purchase(s) attributed`);
        } finally {
          await db.close();
        }
      });
    });
};
