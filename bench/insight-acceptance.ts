/**
 * Issue 15 acceptance on any generated bank: seeds a demo bank into an in-memory PGlite, builds the point-in-time
 * renewal dataset, runs the full study (every lever, importance, factor graph) and prints, as JSON, each planted
 * effect beside the study's estimate, CI, naive difference and oracle estimate; the what-if "audience ≥ 2000 for
 * everyone" against the planted change; and Spearman between the predicted and the planted per-customer coupon
 * effect on the running subscriptions. `ideal_oracle` is the same estimator with the generator's true nuisances
 * (test/support/planted-renewal.ts): its distance to the truth is this bank's realised outcome noise. Timings of the seed, the dataset and the study sit beside the machine load.
 * Run: npx tsx bench/insight-acceptance.ts [--seed 1] [--customers 5000]
 */
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { decidedRows, subsetDataset } from '../src/core/insight/dataset.js';
import type { FactorEffect } from '../src/core/insight/study.js';
import { runStudy } from '../src/core/insight/study.js';
import { insightWhatIf } from '../src/core/insight/whatif.js';
import { seedDemoBank } from '../src/demo/index.js';
import { trueEffects } from '../src/demo/truths.js';
import { openPglite } from '../src/server/db/connection.js';
import { migrate } from '../src/server/db/migrate.js';
import { seedingPort } from '../src/server/db/seeding.js';
import { buildDataset } from '../src/server/modules/insight/dataset.js';
import { couponCateSpearman, idealEstimates, plantedLiveChange } from '../test/support/planted-renewal.js';

const { values } = parseArgs({
  options: { seed: { type: 'string', default: '1' }, customers: { type: 'string', default: '5000' } },
});
const seed = Number(values.seed);
const customers = Number(values.customers);
const AS_OF = '2026-10-30';

const r4 = (v: number | null | undefined): number | null =>
  v === null || v === undefined ? null : Math.round(v * 1e4) / 1e4;

const row = (e: FactorEffect, truth: number, ideal: number) => ({
  truth: r4(truth),
  ideal_oracle: r4(ideal),
  estimate: r4(e.ate),
  ci: [r4(e.ci_low), r4(e.ci_high)],
  covered: e.ci_low !== null && e.ci_high !== null && e.ci_low <= truth && truth <= e.ci_high,
  naive: r4(e.naive.estimate),
  oracle: e.oracle
    ? { estimate: r4(e.oracle.estimate), ci: [r4(e.oracle.ci_low), r4(e.oracle.ci_high)] }
    : null,
});

const main = async (): Promise<void> => {
  const load = { before: loadavg().map((v) => Math.round(v * 100) / 100) };
  const db = await openPglite(null);
  await migrate(db);
  let t = performance.now();
  await seedDemoBank(seedingPort(db), { customers, seed });
  const seedS = (performance.now() - t) / 1000;
  t = performance.now();
  const data = await buildDataset(db, { outcome: 'renewal', asOf: AS_OF, oracle: true });
  const datasetS = (performance.now() - t) / 1000;
  t = performance.now();
  const study = runStudy(data, 'renewal', {});
  const studyS = (performance.now() - t) / 1000;
  // The oracle columns only for the comparison column of the report (a second pass, not timed as the study).
  const oracle = runStudy(data, 'renewal', { oracle: true, graphBootstrap: 1 });
  const truth = trueEffects({ customers, seed, asOf: AS_OF });
  const eff = (f: string): FactorEffect => ({
    ...study.effects.find((e) => e.factor === f)!,
    oracle: oracle.effects.find((e) => e.factor === f)!.oracle,
  });
  const w = insightWhatIf(data, 'livestream_audience_2000=1');
  const ideal = idealEstimates(study.n === data.n ? data : subsetDataset(data, decidedRows(data)));
  const change = plantedLiveChange(data);
  const target = await buildDataset(db, {
    outcome: 'renewal',
    asOf: AS_OF,
    oracle: true,
    population: 'scoring',
  });
  const rho = couponCateSpearman(data, target);
  await db.close();
  const report = {
    bank: { seed, customers, as_of: AS_OF, n: study.n, n_scoring: target.n },
    effects: {
      coupon: row(eff('coupon'), truth.coupon.ate, ideal.coupon),
      livestream_audience_2000: row(eff('livestream_audience_2000'), truth.livestream2000.ate, ideal.live),
      price: row(eff('price'), truth.pricePlus100Yuan.ate, Number.NaN),
      sessions_per_month: row(eff('sessions_per_month'), 0, ideal.sessions),
    },
    whatif_audience_2000: {
      planted_change: r4(change),
      ideal_oracle: r4(ideal.whatif),
      effect: r4(w.effect),
      ci: [r4(w.ci_low), r4(w.ci_high)],
      covered: w.ci_low <= change && change <= w.ci_high,
    },
    spearman_coupon_cate: { rho: r4(rho), target: 0.5, met: rho >= 0.5 },
    seconds: { seed: r4(seedS), dataset: r4(datasetS), study: r4(studyS), study_ceiling: 30 },
    load: { ...load, after: loadavg().map((v) => Math.round(v * 100) / 100) },
  };
  console.log(JSON.stringify(report, null, 2));
};

await main();
