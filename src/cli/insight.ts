import type { Command } from 'commander';
import { z } from 'zod';
import { badInput } from '../core/errors.js';
import { OUTCOMES } from '../core/insight/factors.js';
import type { Database } from '../server/db/connection.js';
import { readSeedMarker } from '../server/db/seeding.js';
import {
  leversOnDatabase,
  strategyTable,
  studyOnDatabase,
  whatIfOnDatabase,
} from '../server/modules/insight/analysis.js';
import { openFromFlags, withDbFlags } from './db-target.js';
import { registerReview } from './insight-review.js';
import type { DbFlags } from './db-target.js';
import { intFlag, numberFlag, parseOptions } from './io/options.js';
import { log, printJson, runAction } from './io/output.js';
import { writeTable } from './io/table-write.js';
import { readFile } from 'node:fs/promises';
import type { Principal } from '../server/auth/principal.js';
import { llmConfigFromEnv } from '../server/llm/client.js';
import { importSurveys, surveyDriversOn, surveySummary } from '../server/modules/insight/survey.js';

type Common = DbFlags & { outcome: string; asOf?: string; now?: string; seed?: string; json?: boolean };

const Base = z.object({
  outcome: z.enum(OUTCOMES, { message: `expected one of ${OUTCOMES.join(', ')}` }),
  asOf: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'expected a date YYYY-MM-DD' })
    .optional(),
  now: z.string().datetime({ offset: true, message: 'expected an ISO instant' }).optional(),
  seed: intFlag(0, 1_000_000).optional(),
});

/**
 * The decision date: --as-of, else the demo bank's reference date when the database holds one, else the China
 * date of --now (or of the clock: the CLI is an edge of the system).
 */
const decisionDate = async (db: Database, o: z.infer<typeof Base>): Promise<string> => {
  if (o.asOf) return o.asOf;
  const marker = await readSeedMarker(db);
  if (marker) return marker.asOf;
  const now = o.now ? new Date(o.now) : new Date();
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
};

const withDb = async <T>(opts: DbFlags, fn: (db: Database) => Promise<T>): Promise<T> => {
  const { db } = await openFromFlags(opts);
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
};

const common = (cmd: Command): Command =>
  withDbFlags(cmd)
    .requiredOption('--outcome <outcome>', `the decision studied: ${OUTCOMES.join('|')}`)
    .option('--as-of <date>', 'decisions on or before this date (default: the demo bank date, else today)')
    .option('--now <iso>', 'the clock for the default date (ISO instant)')
    .option('--seed <n>', 'random seed of cross-fitting and bootstraps (default 0)')
    .option('--json', 'print one JSON document');

const registerStudy = (ins: Command): void => {
  common(ins.command('study').description('causal drivers of an outcome / 因果驱动分析'))
    .option('--refute <n>', 'refutation simulations per refuter (default 0: none)')
    .option('--oracle', 'demo only: also adjust for the latent columns (the oracle comparison)')
    .action(async (opts: Common & { refute?: string; oracle?: boolean }) => {
      await runAction(opts.json === true, async () => {
        const o = parseOptions(Base.extend({ refute: intFlag(0, 20).optional() }), opts);
        await withDb(opts, async (db) => {
          const asOf = await decisionDate(db, o);
          const r = await studyOnDatabase(
            db,
            { outcome: o.outcome, asOf },
            { seed: o.seed ?? 0, refuteSimulations: o.refute ?? 0, oracle: opts.oracle === true },
            (f, stage) => log(`${Math.round(f * 100)}% ${stage}`),
          );
          if (opts.json) printJson(r);
          else
            for (const e of r.effects)
              log(`${e.factor}: ${e.ate ?? 'insufficient evidence'} [${e.ci_low}, ${e.ci_high}]`);
        });
      });
    });
};

const registerWhatIf = (ins: Command): void => {
  common(ins.command('whatif').description('simulate an intervention / 情景模拟'))
    .requiredOption('--intervene <expr>', 'e.g. "livestream_audience_2000=1", "coupon=1 for price >= 5"')
    .action(async (opts: Common & { intervene: string }) => {
      await runAction(opts.json === true, async () => {
        const o = parseOptions(Base, opts);
        await withDb(opts, async (db) => {
          const asOf = await decisionDate(db, o);
          const r = await whatIfOnDatabase(db, { outcome: o.outcome, asOf }, opts.intervene, {
            seed: o.seed ?? 0,
          });
          if (opts.json) printJson(r);
          else log(`${r.baseline} → ${r.intervened} (${r.effect} [${r.ci_low}, ${r.ci_high}])`);
        });
      });
    });
};

const registerLevers = (ins: Command): void => {
  common(ins.command('levers').description('per-customer levers and a budgeted strategy list / 策略名单'))
    .option('--budget <yuan>', 'total contact budget in yuan (default: no limit)')
    .requiredOption('--out <file>', 'strategy list: .xlsx or .csv')
    .action(async (opts: Common & { budget?: string; out: string }) => {
      await runAction(opts.json === true, async () => {
        const o = parseOptions(Base.extend({ budget: numberFlag({ min: 0 }).optional() }), opts);
        if (!/\.(xlsx|csv)$/i.test(opts.out))
          throw badInput('--out', `"${opts.out}" must end in .xlsx or .csv`);
        await withDb(opts, async (db) => {
          const asOf = await decisionDate(db, o);
          const s = await leversOnDatabase(db, { outcome: o.outcome, asOf }, o.budget ?? null, {
            seed: o.seed ?? 0,
          });
          const t = strategyTable(s);
          await writeTable(opts.out, t.columns, t.rows);
          if (opts.json) printJson(s);
          else
            log(
              `${s.rows.length} customers; expected +${s.expected_incremental.toFixed(2)} for ${s.cost} yuan`,
            );
        });
      });
    });
};

/** The operator of a CLI import (audited as the CLI). */
const CLI_OPERATOR: Principal = {
  kind: 'staff',
  id: 'cli',
  role: 'ops',
  displayName: 'caiban CLI',
  username: null,
  orgUnitId: null,
  branchId: null,
  staffId: null,
  customerId: null,
  sessionHash: 'cli',
};

type SurveyFlags = DbFlags & { json?: boolean };

const registerSurvey = (ins: Command): void => {
  const survey = ins
    .command('survey')
    .description('survey (X-data) fusion: import, summary, drivers / 调研融合');
  withDbFlags(
    survey
      .command('import')
      .description(
        'import survey responses (csv/xlsx: customer_id, nps, csat_*, comment, response_date) / 导入调研',
      )
      .requiredOption('--file <file>', 'the survey file (.csv in UTF-8 or .xlsx)')
      .option(
        '--keep-good-rows',
        'store the good rows of a file with bad rows (default: reject the whole file)',
      )
      .option('--json', 'print one JSON document'),
  ).action(async (opts: SurveyFlags & { file: string; keepGoodRows?: boolean }) => {
    await runAction(opts.json === true, async () => {
      let bytes: Buffer;
      try {
        bytes = await readFile(opts.file);
      } catch {
        throw badInput('--file', `cannot read "${opts.file}"`);
      }
      await withDb(opts, async (db) => {
        const r = await importSurveys(
          { db, llm: llmConfigFromEnv(), now: () => new Date() },
          CLI_OPERATOR,
          {
            bytes,
            ...(/\.xlsx$/i.test(opts.file) ? { format: 'xlsx' as const } : {}),
            keepGoodRows: opts.keepGoodRows === true,
          },
          `cli-${process.pid}`,
        );
        if (opts.json) printJson(r);
        else log(`${r.imported} responses imported (${r.rejected_rows} rows rejected), batch ${r.batch_id}`);
      });
    });
  });
  withDbFlags(
    survey
      .command('summary')
      .description('NPS distribution, CSAT means, topic × sentiment / 调研概览')
      .option('--json', 'print one JSON document'),
  ).action(async (opts: SurveyFlags) => {
    await runAction(opts.json === true, async () => {
      await withDb(opts, async (db) => {
        const r = await surveySummary(db);
        if (opts.json) printJson(r);
        else log(`${r.responses} responses, NPS ${r.nps_score?.toFixed(1) ?? '—'}`);
      });
    });
  });
  withDbFlags(
    survey
      .command('drivers')
      .description('drivers of NPS and detractors; renewal effects with/without survey measures / 满意度驱动')
      .option(
        '--as-of <date>',
        'responses and decisions on or before this date (default: the demo bank date)',
      )
      .option('--seed <n>', 'random seed (default 0)')
      .option('--json', 'print one JSON document'),
  ).action(async (opts: SurveyFlags & { asOf?: string; seed?: string }) => {
    await runAction(opts.json === true, async () => {
      const o = parseOptions(Base.omit({ outcome: true }), opts);
      await withDb(opts, async (db) => {
        const asOf = await decisionDate(db, { ...o, outcome: 'renewal' });
        const r = await surveyDriversOn(db, { asOf, seed: o.seed ?? 0 });
        if (opts.json) printJson(r);
        else
          for (const d of r.satisfaction)
            log(`${d.key}: ${d.estimate ?? 'insufficient evidence'} [${d.ci_low}, ${d.ci_high}]`);
      });
    });
  });
};

/** `caiban insight study|whatif|levers|survey|review` (CLI.md "Insight") on the database the CLI uses. */
export const register = (program: Command): void => {
  const ins = program.command('insight').description('Insight console: drivers, what-if, levers / 洞察分析');
  registerStudy(ins);
  registerWhatIf(ins);
  registerLevers(ins);
  registerSurvey(ins);
  registerReview(ins);
};
