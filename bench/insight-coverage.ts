/**
 * Coverage study of the renewal study's CIs (issue 15): on many generated banks of seeds other than the demo
 * bank's, the 95% CI of each planted check (coupon, live stream ≥ 2000, price +100 yuan, sessions per month = 0,
 * the what-if "audience ≥ 2000 for everyone") is compared with the planted truth. Prints, as JSON, each bank's
 * estimates and truths, then per check the empirical coverage, the mean bias and the mean CI half-width, beside the
 * machine load and the CPU time of the estimation. A correct method covers ≈ 95%; with B banks the binomial
 * standard error of the coverage is √(0.95·0.05/B) (≈ 5 points at B = 20). Beside each estimate sits the ideal
 * oracle's (the same estimator with the generator's true nuisances): its distance to the truth is the bank's
 * realised outcome noise, the estimate's distance to it the estimation error proper (reported as mean and sd).
 * Banks are seeded into an in-memory PGlite once and their point-in-time datasets cached as JSON in --cache, so the
 * estimators can be re-run cheaply. Seed 1 (the evaluation bank) is refused unless --allow-eval is given.
 * Run: npx tsx bench/insight-coverage.ts --seeds 101-120 [--customers 2000,3000] [--cache /tmp/insight-coverage]
 *   [--oracle] (adds the oracle adjustment set: the latent columns)
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { InsightDataset } from '../src/core/insight/dataset.js';
import { decidedRows, subsetDataset } from '../src/core/insight/dataset.js';
import { factorEffect } from '../src/core/insight/study.js';
import type { FactorEffect } from '../src/core/insight/study.js';
import { insightWhatIf } from '../src/core/insight/whatif.js';
import { seedDemoBank } from '../src/demo/index.js';
import { trueEffects } from '../src/demo/truths.js';
import { openPglite } from '../src/server/db/connection.js';
import { migrate } from '../src/server/db/migrate.js';
import { seedingPort } from '../src/server/db/seeding.js';
import { buildDataset } from '../src/server/modules/insight/dataset.js';
import { idealEstimates, plantedLiveChange } from '../test/support/planted-renewal.js';

const { values } = parseArgs({
  options: {
    seeds: { type: 'string', default: '101-120' },
    customers: { type: 'string', default: '2000,3000' },
    cache: { type: 'string', default: '/tmp/insight-coverage' },
    oracle: { type: 'boolean', default: false },
    'allow-eval': { type: 'boolean', default: false },
    'build-only': { type: 'boolean', default: false },
  },
});
const AS_OF = '2026-10-30';
const range = (s: string): number[] =>
  s.split(',').flatMap((part) => {
    const [a, b] = part.split('-').map(Number);
    return b === undefined ? [a!] : Array.from({ length: b - a! + 1 }, (_, k) => a! + k);
  });
const seeds = range(values.seeds);
const sizes = values.customers.split(',').map(Number);
if (seeds.includes(1) && !values['allow-eval'])
  throw new Error('--seeds: seed 1 is the evaluation bank; leave it out (or pass --allow-eval to report it)');
const log = (m: string) => process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${m}\n`);

type Truths = { coupon: number; live: number; price: number; sessions: number; whatif: number };
type Bank = { seed: number; customers: number; data: InsightDataset; truth: Truths };

const toJson = (d: InsightDataset) => ({
  ...d,
  cols: d.cols.map((c) => Array.from(c)),
  y: Array.from(d.y),
  oracle: d.oracle
    ? {
        engagement: Array.from(d.oracle.engagement),
        price_sensitivity: Array.from(d.oracle.price_sensitivity),
      }
    : undefined,
});
const fromJson = ({ oracle: _o, ...j }: ReturnType<typeof toJson>): InsightDataset => ({
  ...j,
  cols: j.cols.map((c) => Float64Array.from(c)),
  y: Float64Array.from(j.y),
  ...(_o
    ? {
        oracle: {
          engagement: Float64Array.from(_o.engagement),
          price_sensitivity: Float64Array.from(_o.price_sensitivity),
        },
      }
    : {}),
});

const bank = async (seed: number, customers: number): Promise<Bank> => {
  mkdirSync(values.cache, { recursive: true });
  const file = join(values.cache, `bank-${seed}-${customers}.json`);
  if (!existsSync(file)) {
    log(`seeding bank ${seed} (${customers} customers)`);
    const db = await openPglite(null);
    await migrate(db);
    await seedDemoBank(seedingPort(db), { customers, seed });
    const all = await buildDataset(db, { outcome: 'renewal', asOf: AS_OF, oracle: true });
    await db.close();
    const data = subsetDataset(all, decidedRows(all));
    const t = trueEffects({ customers, seed, asOf: AS_OF });
    if (t.n !== data.n) throw new Error(`bank ${seed}: ${data.n} decided rows, the truths have ${t.n}`);
    const truth: Truths = {
      coupon: t.coupon.ate,
      live: t.livestream2000.ate,
      price: t.pricePlus100Yuan.ate,
      sessions: t.sessionsPerMonth.ate,
      whatif: plantedLiveChange(data),
    };
    writeFileSync(file, JSON.stringify({ seed, customers, truth, data: toJson(data) }));
  }
  const j = JSON.parse(readFileSync(file, 'utf8')) as { truth: Truths; data: ReturnType<typeof toJson> };
  return { seed, customers, truth: j.truth, data: fromJson(j.data) };
};

type Check = { estimate: number; ci: [number, number]; truth: number; covered: boolean; ideal?: number };
const check = (estimate: number, lo: number, hi: number, truth: number): Check => ({
  estimate,
  ci: [lo, hi],
  truth,
  covered: lo <= truth && truth <= hi,
});
const fromEffect = (e: FactorEffect, truth: number, oracle: boolean): Check | null => {
  const v = oracle
    ? e.oracle
    : e.ate === null
      ? null
      : { estimate: e.ate, ci_low: e.ci_low!, ci_high: e.ci_high! };
  return v ? check(v.estimate, v.ci_low, v.ci_high, truth) : null;
};

const CHECKS: Array<[string, string, keyof Truths]> = [
  ['coupon', 'coupon', 'coupon'],
  ['livestream_audience_2000', 'livestream_audience_2000', 'live'],
  ['price', 'price', 'price'],
  ['sessions_per_month', 'sessions_per_month', 'sessions'],
];

const main = async (): Promise<void> => {
  const loadBefore = loadavg().map((v) => Math.round(v * 100) / 100);
  const banks: Bank[] = [];
  for (const [k, seed] of seeds.entries()) banks.push(await bank(seed, sizes[k % sizes.length]!));
  if (values['build-only']) return;
  const cpu0 = process.cpuUsage();
  const rows = banks.map((b) => {
    log(`estimating bank ${b.seed} (n ${b.data.n})`);
    const checks: Record<string, Check | null> = {};
    for (const [name, factor, key] of CHECKS) {
      const e = factorEffect(b.data, factor, { oracle: values.oracle });
      checks[name] = fromEffect(e, b.truth[key], values.oracle);
    }
    if (!values.oracle) {
      const w = insightWhatIf(b.data, 'livestream_audience_2000=1');
      checks.whatif_audience_2000 = check(w.effect, w.ci_low, w.ci_high, b.truth.whatif);
    }
    // The ideal oracle (true nuisances): ideal − truth is this bank's outcome noise, estimate − ideal the
    // estimation error proper (test/support/planted-renewal.ts).
    const ideal = idealEstimates(b.data);
    const idealOf: Record<string, number> = {
      coupon: ideal.coupon,
      livestream_audience_2000: ideal.live,
      sessions_per_month: ideal.sessions,
      whatif_audience_2000: ideal.whatif,
    };
    for (const [name, c] of Object.entries(checks)) if (c && name in idealOf) c.ideal = idealOf[name]!;
    return { seed: b.seed, customers: b.customers, n: b.data.n, checks };
  });
  const cpu = process.cpuUsage(cpu0);
  const names = Object.keys(rows[0]!.checks);
  const summary = Object.fromEntries(
    names.map((c) => {
      const xs = rows.map((r) => r.checks[c]).filter((x): x is Check => x !== null && x !== undefined);
      const mean = (f: (x: Check) => number) => xs.reduce((s, x) => s + f(x), 0) / xs.length;
      const r4 = (v: number) => Math.round(v * 1e4) / 1e4;
      const bias = mean((x) => x.estimate - x.truth);
      const sdErr = Math.sqrt(mean((x) => (x.estimate - x.truth - bias) ** 2));
      return [
        c,
        {
          banks: xs.length,
          coverage: r4(mean((x) => (x.covered ? 1 : 0))),
          mean_bias: r4(bias),
          sd_of_error: r4(sdErr),
          mean_half_width: r4(mean((x) => (x.ci[1] - x.ci[0]) / 2)),
          mean_bias_over_half_width: r4(bias / mean((x) => (x.ci[1] - x.ci[0]) / 2)),
          ...(xs.every((x) => x.ideal !== undefined)
            ? {
                ideal_oracle: {
                  mean_outcome_noise: r4(mean((x) => x.ideal! - x.truth)),
                  sd_outcome_noise: r4(Math.sqrt(mean((x) => (x.ideal! - x.truth) ** 2))),
                  mean_estimation_bias: r4(mean((x) => x.estimate - x.ideal!)),
                  sd_estimation_error: r4(
                    Math.sqrt(mean((x) => (x.estimate - x.ideal! - mean((z) => z.estimate - z.ideal!)) ** 2)),
                  ),
                  coverage_of_ideal: r4(mean((x) => (x.ci[0] <= x.ideal! && x.ideal! <= x.ci[1] ? 1 : 0))),
                },
              }
            : {}),
        },
      ];
    }),
  );
  console.log(
    JSON.stringify(
      {
        seeds: values.seeds,
        customers: sizes,
        oracle: values.oracle,
        summary,
        banks: rows,
        cpu_seconds: Math.round((cpu.user + cpu.system) / 1e4) / 100,
        load: { before: loadBefore, after: loadavg().map((v) => Math.round(v * 100) / 100) },
      },
      null,
      1,
    ),
  );
};

await main();
