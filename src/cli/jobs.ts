import type { Command } from 'commander';
import { z } from 'zod';
import { badInput } from '../core/errors.js';
import { JOB_CATALOGUE } from '../server/jobs/catalogue.js';
import { runJobNow } from '../server/jobs/registry.js';
import { jobsStatus } from '../server/jobs/status.js';
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

const parseData = (text: string | undefined): unknown => {
  if (text === undefined) return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw badInput('--data', `expected a JSON object such as '{"segmentId":1}', got ${JSON.stringify(text)}`);
  }
};

const list = async (opts: DbFlags & { json?: boolean }): Promise<void> => {
  const { db } = await openFromFlags(opts);
  try {
    const s = await jobsStatus(db, JOB_CATALOGUE);
    if (opts.json === true) return printJson(s);
    if (!s.installed)
      log('job tables not installed yet (they are created when `caiban start` first runs jobs)');
    for (const q of s.queues)
      log(
        `${q.name.padEnd(24)} ${(q.schedule ?? '-').padEnd(12)} failed ${q.counts.failed}, queued ${q.counts.created + q.counts.retry}, running ${q.counts.active}  ${q.description}`,
      );
  } finally {
    await db.close();
  }
};

const run = async (name: string, opts: DbFlags & { now?: string; data?: string; json?: boolean }) => {
  const { now } = parseOptions(z.object({ now: Now }), { now: opts.now });
  const data = parseData(opts.data);
  const { db } = await openFromFlags(opts);
  try {
    const r = await runJobNow(db, JOB_CATALOGUE, name, now === undefined ? new Date() : new Date(now), data);
    if (opts.json === true) printJson(r);
    else log(`${r.name} ran for ${r.now} in ${r.ms} ms: ${JSON.stringify(r.result)}`);
  } finally {
    await db.close();
  }
};

/** `caiban jobs list|run`: the durable job catalogue, its queues and last runs; run one job's handler now. */
export const register = (program: Command): void => {
  const jobs = program.command('jobs').description('Durable jobs: queues, schedules, run now / 后台任务');
  withDbFlags(
    jobs.command('list').description('queues with schedules, counts by state and last runs / 任务列表'),
  )
    .option('--json', 'print one JSON document')
    .action((opts: DbFlags & { json?: boolean }) => runAction(opts.json === true, () => list(opts)));
  withDbFlags(
    jobs
      .command('run')
      .argument('<name>', `job name (${JOB_CATALOGUE.map((j) => j.name).join(', ')})`)
      .description('run one job’s handler now in this process, outside the queue / 立即执行任务'),
  )
    .option('--now <instant>', 'the instant the run stands for (default: now)')
    .option('--data <json>', 'the job data as a JSON object (default {})')
    .option('--json', 'print one JSON document')
    .action((name: string, opts: DbFlags & { now?: string; data?: string; json?: boolean }) =>
      runAction(opts.json === true, () => run(name, opts)),
    );
};
