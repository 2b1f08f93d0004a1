/**
 * Coverage of the planted effects of the demo bank by `caiban causal effect` (issue 5): for several generated
 * banks (different seeds), export the subscription table as an analyst would, estimate the coupon and live-stream
 * effects (AIPW) and the sessions-per-month effect (double ML) with the adjustment set of docs/demo-data.md, and
 * count how often each 95% CI contains the bank's true effect (`trueEffects`). A calibrated interval covers about
 * 95% of the banks; a biased estimator shows up as low coverage and a mean error far from zero.
 * Run: npx tsx bench/demo-planted.ts [customers=2000] [banks=20] [firstSeed=1]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../src/cli/testing.js';
import { trueEffects } from '../src/demo/truths.js';

const customers = Number(process.argv[2] ?? 2000);
const banks = Number(process.argv[3] ?? 20);
const firstSeed = Number(process.argv[4] ?? 1);
const CONFOUNDERS = 'engagement,price_sensitivity,portfolio_return,list_price_yuan,discount_rate';

type Est = { ate: number; se: number; ci_low: number; ci_high: number };
type Row = { seed: number; n: number; truth: number; est: Est; covered: boolean };

const estimate = async (csv: string, treatment: string): Promise<Est> => {
  const r = await runCli([
    'causal',
    'effect',
    '--data',
    csv,
    '--treatment',
    treatment,
    '--outcome',
    'renewed',
    '--confounders',
    CONFOUNDERS,
    '--json',
  ]);
  if (r.code !== 0) throw new Error(r.stdout + r.stderr);
  return JSON.parse(r.stdout) as Est;
};

const summary = (rows: Row[]) => {
  const err = rows.map((r) => r.est.ate - r.truth);
  const meanErr = err.reduce((a, b) => a + b, 0) / err.length;
  const meanSe = rows.reduce((a, r) => a + r.est.se, 0) / rows.length;
  const sdErr = Math.sqrt(err.reduce((a, e) => a + (e - meanErr) ** 2, 0) / Math.max(1, err.length - 1));
  return {
    coverage: rows.filter((r) => r.covered).length / rows.length,
    mean_error: meanErr,
    sd_error: sdErr,
    mean_se: meanSe,
    misses: rows.filter((r) => !r.covered).map((r) => ({ seed: r.seed, truth: r.truth, ...r.est })),
  };
};

const main = async (): Promise<void> => {
  const dir = mkdtempSync(join(tmpdir(), 'caiban-bench-planted-'));
  const out: Record<'coupon' | 'livestream' | 'sessions', Row[]> = {
    coupon: [],
    livestream: [],
    sessions: [],
  };
  const started = performance.now();
  try {
    for (let seed = firstSeed; seed < firstSeed + banks; seed++) {
      const csv = join(dir, `subs-${seed}.csv`);
      const exp = await runCli(
        [
          'demo',
          'export',
          '--table',
          'subscriptions',
          '--customers',
          String(customers),
          '--seed',
          String(seed),
        ].concat(['--out', csv, '--json']),
      );
      if (exp.code !== 0) throw new Error(exp.stdout + exp.stderr);
      const t = trueEffects({ customers, seed });
      const add = (key: keyof typeof out, truth: number, est: Est) =>
        out[key].push({ seed, n: t.n, truth, est, covered: est.ci_low <= truth && truth <= est.ci_high });
      add('coupon', t.coupon.ate, await estimate(csv, 'coupon_used'));
      add('livestream', t.livestream2000.ate, await estimate(csv, 'livestream_2000'));
      add('sessions', t.sessionsPerMonth.ate, await estimate(csv, 'sessions_per_month'));
      process.stderr.write(`bank seed ${seed} done\n`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  console.log(
    JSON.stringify(
      {
        bench: 'demo-planted',
        customers,
        banks,
        first_seed: firstSeed,
        confounders: CONFOUNDERS,
        seconds: (performance.now() - started) / 1000,
        coupon_aipw: summary(out.coupon),
        livestream_2000_aipw: summary(out.livestream),
        sessions_per_month_dml: summary(out.sessions),
        per_bank: out,
      },
      null,
      2,
    ),
  );
};

await main();
