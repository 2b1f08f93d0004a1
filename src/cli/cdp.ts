import type { Command } from 'commander';
import { z } from 'zod';
import { refreshCdp } from '../server/modules/cdp/service.js';
import { mergeCandidates, mergeCustomers } from '../server/modules/identity/service.js';
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
  withDbFlags(
    cdp
      .command('identities')
      .description('ONE-ID: list merge candidates and conflicts; --apply merges the candidates / 身份合并'),
  )
    .option('--apply', 'merge every candidate of the deterministic rules (same verified phone, same ECIF)')
    .option('--json', 'print one JSON document')
    .action(async (opts: DbFlags & { apply?: boolean; json?: boolean }) => {
      await runAction(opts.json === true, async () => {
        const { db } = await openFromFlags(opts);
        try {
          const found = await mergeCandidates(db);
          const merged: { survivor: number; merged: number; rule: string; mergeId: number }[] = [];
          if (opts.apply === true)
            await db.transaction(async (tx) => {
              const done = new Set<number>();
              for (const m of found.merges) {
                // A record already folded in this run (several shared identities) is merged once.
                if (done.has(m.merged) || done.has(m.survivor)) continue;
                const mergeId = await mergeCustomers(tx, {
                  survivor: m.survivor,
                  merged: m.merged,
                  rule: m.rule,
                  by: 'cli:cdp identities',
                  reason: `${m.rule} ${m.value}`,
                  at: new Date(),
                });
                done.add(m.merged);
                merged.push({ survivor: m.survivor, merged: m.merged, rule: m.rule, mergeId });
              }
            });
          const out = { candidates: found.merges, conflicts: found.conflicts, merged };
          if (opts.json) printJson(out);
          else
            log(
              `${found.merges.length} merge candidate(s), ${found.conflicts.length} conflict(s), ${merged.length} merged`,
            );
        } finally {
          await db.close();
        }
      });
    });
};
