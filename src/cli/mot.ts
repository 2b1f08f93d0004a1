import type { Command } from 'commander';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { badInput } from '../core/errors.js';
import { staff } from '../server/db/schema.js';
import { enqueueMessages } from '../server/modules/outbox/service.js';
import { listLeads, motTick } from '../server/modules/mot/service.js';
import { openFromFlags, withDbFlags } from './db-target.js';
import type { DbFlags } from './db-target.js';
import { log, printJson, runAction } from './io/output.js';
import { parseOptions } from './io/options.js';
import { sql } from 'drizzle-orm';

const Now = z
  .string()
  .refine((s) => !Number.isNaN(Date.parse(s)), {
    message: 'expected an ISO instant such as 2026-11-30T09:30:00+08:00',
  })
  .optional();

/** `caiban mot run` (../shared/CLI.md "Engagement"): one pass of the MOT engine at --now. */
export const register = (program: Command): void => {
  const mot = program.command('mot').description('MOT rules: process what is due / 关键时刻规则');
  withDbFlags(
    mot
      .command('run')
      .description('process due events, the daily scans and SLA escalations / 处理待评估事件与每日扫描'),
  )
    .option('--now <instant>', 'the clock of this run (default: now)')
    .option('--json', 'print one JSON document')
    .action(async (opts: DbFlags & { now?: string; json?: boolean }) => {
      await runAction(opts.json === true, async () => {
        const { now } = parseOptions(z.object({ now: Now }), { now: opts.now });
        const { db } = await openFromFlags(opts);
        try {
          const r = await motTick(db, now ? new Date(now) : new Date(), { enqueue: enqueueMessages });
          if (opts.json) printJson(r);
          else
            log(
              `${r.leads_created} lead(s); messages ${r.messages_queued} queued, ${r.messages_deferred} deferred, ${r.messages_suppressed} suppressed; ${r.escalated} escalated`,
            );
        } finally {
          await db.close();
        }
      });
    });
};

/** `caiban leads list [--rm rm001]`: the leads of an RM (by the staff username), or all. */
export const registerLeads = (program: Command): void => {
  const leads = program.command('leads').description('RM leads from MOT rules / 线索');
  withDbFlags(leads.command('list').description('list leads, soonest due first / 线索列表'))
    .option('--rm <username>', 'staff username of the RM, e.g. rm001')
    .option('--status <status>', 'new | contacted | won | lost')
    .option('--now <instant>', 'the clock for SLA states (default: now)')
    .option('--json', 'print one JSON document')
    .action(async (opts: DbFlags & { rm?: string; status?: string; now?: string; json?: boolean }) => {
      await runAction(opts.json === true, async () => {
        const o = parseOptions(
          z.object({
            now: Now,
            rm: z
              .string()
              .regex(/^[a-z0-9_]{2,32}$/, { message: 'a staff username such as rm001' })
              .optional(),
            status: z.enum(['new', 'contacted', 'won', 'lost']).optional(),
          }),
          { now: opts.now, rm: opts.rm, status: opts.status },
        );
        const { db } = await openFromFlags(opts);
        try {
          let rmId: number | undefined;
          if (o.rm !== undefined) {
            const [s] = await db.orm.select({ id: staff.id }).from(staff).where(eq(staff.username, o.rm));
            if (s === undefined)
              throw badInput('--rm', `no staff member "${o.rm}"; give a username such as rm001`);
            rmId = s.id;
          }
          const list = await listLeads(
            db,
            sql`true`,
            {
              limit: 10_000,
              ...(rmId === undefined ? {} : { rmId }),
              ...(o.status === undefined ? {} : { status: o.status }),
            },
            o.now ? new Date(o.now) : new Date(),
          );
          if (opts.json) printJson(list);
          else
            for (const l of list)
              log(`${l.id}\t${l.customer_id}\t${l.rule}\t${l.status}\t${l.due_at}\t${l.script}`);
        } finally {
          await db.close();
        }
      });
    });
};
