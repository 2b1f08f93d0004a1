/**
 * The renewal study end to end, on the path the API runs (`runStudyJob`: the point-in-time dataset built in keyset
 * batches, then the estimation in a worker thread writing progress to the study row, then the stored result):
 *   small   — the default demo bank (--customers 5,000, seed 1) in a fresh PostgreSQL database
 *             (caiban_insight_bench_small, dropped at the end): wall time per phase;
 *   million — --million customers (default 1,000,000, seed 1) in caiban_insight_bench, seeded by the demo generator
 *             in streaming fashion (bench/insight-bank.ts) and kept for the next run: dataset build time and rows,
 *             study time per phase, peak RSS (process.resourceUsage().maxRSS: the whole process, worker included)
 *             and the main thread's heap high water (sampled every 100 ms; the worker's own heap is in the RSS only).
 * Phases come from the study row itself (polled every 100 ms: stage `dataset` → `estimating` → `effect:…` →
 * `importance` → `graph` → done), so they are the API's own phases, ±0.1 s.
 * Ceilings in the same run, on the same database and decision date: (1) a plain `count(*) … GROUP BY renewed,
 * coupon_used` over the decided subscriptions; (2) one SQL statement that reads the same rows the builder reads
 * (each decided subscription's customer, events in its 180 days, transactions up to D) and only counts them.
 *
 * Run: npx tsx bench/insight.ts [--only small|million] [--customers 5000] [--million 1000000]
 *   [--database caiban_insight_bench]. Prints one JSON report on stdout; progress on stderr.
 */
import { loadavg } from 'node:os';
import { sql } from 'drizzle-orm';
import type { StudyInput } from '../src/contracts/insight.js';
import { seedDemoBank } from '../src/demo/index.js';
import { openPostgres } from '../src/server/db/connection.js';
import type { Database } from '../src/server/db/index.js';
import { migrate } from '../src/server/db/migrate.js';
import { seedingPort } from '../src/server/db/seeding.js';
import { findStudy, insertStudy } from '../src/server/modules/insight/repo.js';
import { runStudyJob } from '../src/server/modules/insight/service.js';
import { ensureBank } from './insight-bank.js';
import { admin, dbUrl } from './support.js';

const arg = (name: string, dflt: string): string => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? dflt) : dflt;
};
const ONLY = arg('only', 'both');
const SMALL = Number(arg('customers', '5000'));
const MILLION = Number(arg('million', '1000000'));
const BIG_DB = arg('database', 'caiban_insight_bench');
const SMALL_DB = 'caiban_insight_bench_small';
const AS_OF = '2026-10-30';
const log = (m: string) => process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${m}\n`);
const mb = (bytes: number) => Math.round(bytes / 2 ** 20);
const load = () => Number(loadavg()[0]!.toFixed(2));

/** Samples memory every 100 ms: process RSS (worker included) and the main thread's heap + typed arrays. */
const memorySampler = () => {
  let rss = 0;
  let heap = 0;
  const tick = () => {
    const m = process.memoryUsage();
    rss = Math.max(rss, m.rss);
    heap = Math.max(heap, m.heapUsed + m.arrayBuffers);
  };
  const timer = setInterval(tick, 100);
  return {
    /** High water since the last reset, then reset. */
    take(): { rss_mb: number; main_heap_mb: number } {
      tick();
      const r = { rss_mb: mb(rss), main_heap_mb: mb(heap) };
      rss = 0;
      heap = 0;
      return r;
    },
    stop: () => clearInterval(timer),
  };
};

type Phase = { stage: string; seconds: number; loadavg_1m: number; rss_mb: number; main_heap_mb: number };

/** Runs one study as the API's job does and times its phases from the study row's stage transitions. */
const timedStudy = async (db: Database, label: string) => {
  const params: StudyInput = {
    outcome: 'renewal',
    as_of: AS_OF,
    seed: 0,
    folds: 5,
    refute_simulations: 0,
    oracle: false,
  };
  const row = await insertStudy(db, { outcome: 'renewal', params, createdBy: 'bench', now: new Date() });
  const mem = memorySampler();
  const phases: Phase[] = [];
  let stage = 'dataset';
  let since = performance.now();
  const close = (next: string) => {
    const now = performance.now();
    phases.push({ stage, seconds: (now - since) / 1000, loadavg_1m: load(), ...mem.take() });
    log(`${label} ${stage} ${((now - since) / 1000).toFixed(1)} s`);
    stage = next;
    since = now;
  };
  const started = performance.now();
  const job = runStudyJob(db, row.id, params, () => new Date());
  let finished = false;
  void job.finally(() => (finished = true));
  while (!finished) {
    await new Promise((r) => setTimeout(r, 100));
    const s = await findStudy(db, row.id);
    if (s?.stage && s.stage !== stage && s.status === 'running') close(s.stage);
  }
  await job;
  close('done');
  mem.stop();
  const total = (performance.now() - started) / 1000;
  const end = await findStudy(db, row.id);
  if (end?.status !== 'done')
    throw new Error(`study ${row.id} ended ${end?.status}: ${JSON.stringify(end?.error)}`);
  const result = end.result as { n: number; outcome_rate: number; effects: Array<Record<string, unknown>> };
  return {
    total,
    phases: phases.map((p) => ({ ...p, seconds: Number(p.seconds.toFixed(2)) })),
    n: result.n,
    outcome_rate: Number(result.outcome_rate.toFixed(4)),
    effects: result.effects.map((e) => ({
      factor: e.factor,
      status: e.status,
      ate: e.ate === null ? null : Number(Number(e.ate).toFixed(4)),
      ci:
        e.ci_low === null
          ? null
          : [Number(Number(e.ci_low).toFixed(4)), Number(Number(e.ci_high).toFixed(4))],
    })),
  };
};

/** The two ceilings (see the header), in ms, with what they counted. */
const ceilings = async (db: Database) => {
  let t = performance.now();
  const grouped = await db.rows<{ renewed: boolean; coupon_used: boolean; n: number }>(sql`
    SELECT renewed, coupon_used, count(*)::int AS n FROM advisory_subscriptions
    WHERE renewed IS NOT NULL AND end_date <= ${AS_OF}::date GROUP BY 1, 2`);
  const groupMs = performance.now() - t;
  t = performance.now();
  const reads = await db.one<{ decisions: number; events: number; trades: number }>(sql`
    SELECT count(*)::int AS decisions, sum(ev.n)::bigint AS events, sum(tx.n)::bigint AS trades
    FROM advisory_subscriptions s
    JOIN customers c ON c.id = s.customer_id
    LEFT JOIN LATERAL (SELECT count(*) AS n FROM events e WHERE e.customer_id = s.customer_id
      AND e.at < ((s.end_date + 1)::timestamp - interval '8 hours') AT TIME ZONE 'UTC'
      AND e.at >= ((s.end_date + 1)::timestamp - interval '8 hours') AT TIME ZONE 'UTC' - interval '180 days') ev ON true
    LEFT JOIN LATERAL (SELECT count(*) AS n FROM transactions t WHERE t.customer_id = s.customer_id
      AND t.trade_date <= s.end_date) tx ON true
    WHERE s.renewed IS NOT NULL AND s.end_date <= ${AS_OF}::date`);
  const readsMs = performance.now() - t;
  return {
    group_by_ms: Math.round(groupMs),
    group_by_decisions: grouped.reduce((s, r) => s + r.n, 0),
    same_reads_one_statement_ms: Math.round(readsMs),
    same_reads_counted: {
      decisions: Number(reads?.decisions),
      events: Number(reads?.events),
      trades: Number(reads?.trades),
    },
    loadavg_1m: load(),
  };
};

const small = async () => {
  await admin(`DROP DATABASE IF EXISTS ${SMALL_DB} WITH (FORCE)`);
  await admin(`CREATE DATABASE ${SMALL_DB}`);
  const db = await openPostgres(dbUrl(SMALL_DB), { max: 4 });
  try {
    await migrate(db);
    const t = performance.now();
    await seedDemoBank(seedingPort(db), { customers: SMALL, seed: 1 });
    const seedS = (performance.now() - t) / 1000;
    log(`small: seeded ${SMALL} in ${seedS.toFixed(1)} s`);
    const study = await timedStudy(db, 'small');
    return {
      customers: SMALL,
      seed_s_not_counted: Number(seedS.toFixed(1)),
      study_total_s: Number(study.total.toFixed(2)),
      target_s: 30,
      ...study,
      total: undefined,
      ceiling: await ceilings(db),
    };
  } finally {
    await db.close();
    await admin(`DROP DATABASE IF EXISTS ${SMALL_DB} WITH (FORCE)`);
  }
};

const million = async () => {
  const bank = await ensureBank(BIG_DB, MILLION);
  log(`million: bank ${bank.reused ? 'reused' : `seeded in ${bank.seconds} s`}`);
  const db = await openPostgres(dbUrl(BIG_DB), { max: 4 });
  try {
    const study = await timedStudy(db, 'million');
    return {
      customers: MILLION,
      bank,
      study_total_s: Number(study.total.toFixed(2)),
      ...study,
      total: undefined,
      peak_rss_mb: mb(process.resourceUsage().maxRSS * 1024),
      ceiling: await ceilings(db),
    };
  } finally {
    await db.close();
  }
};

const report: Record<string, unknown> = {
  bench: 'insight',
  as_of: AS_OF,
  cores: 2,
  loadavg_start: loadavg(),
};
if (ONLY !== 'million') report.small = await small();
if (ONLY !== 'small') report.million = await million();
report.peak_rss_mb = mb(process.resourceUsage().maxRSS * 1024);
report.loadavg_end = loadavg();
process.stdout.write(JSON.stringify(report) + '\n');
