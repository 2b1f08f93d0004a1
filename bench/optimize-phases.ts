/**
 * Where a cold `caiban optimize --objective min-volatility` (500 assets × 1,000 days) spends its CPU, robust to a
 * loaded machine: CPU time (user + sys), not wall time, A/B against another built tree in the same run.
 *  - phases: a fresh process per run imports the built modules and times read, returns, μ, covariance and the QP
 *    with process.cpuUsage (all threads of the process, so V8's compiler and GC threads count too);
 *  - whole process: user + sys of `bin/caiban optimize` and of the Python peer (numpy + cvxopt) from
 *    /usr/bin/time, with the wall time next to it.
 * The trees' runs alternate (A B A B …); medians are reported with every run listed.
 * Run: npm run build && npx tsx bench/optimize-phases.ts [--runs 7] [--against /path/to/other/worktree]
 * (the other tree built too; prints one JSON document). Needs /usr/bin/time and /usr/bin/python3 with cvxopt.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRootPath, writePrices } from './support.js';
import type * as CliOptimize from '../src/cli/optimize.js';
import type * as Frontier from '../src/core/portfolio/efficient-frontier.js';
import type * as ExpectedReturns from '../src/core/portfolio/expected-returns.js';
import type * as Prices from '../src/core/portfolio/prices.js';
import type * as RiskModels from '../src/core/portfolio/risk-models.js';

const arg = (name: string): string | undefined => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const RUNS = Number(arg('--runs') ?? '7');
const PHASES = ['read', 'returns', 'mu', 'cov', 'qp'] as const;

/** The child: one cold pass through the phases of the tree at `root`, printed as JSON (CPU ms). */
const child = async (root: string, prices: string): Promise<void> => {
  const { setFlagsFromString } = await import('node:v8');
  setFlagsFromString('--no-liftoff'); // as the CLI's main does
  // The other tree's built modules, typed as this tree's sources (the same exports).
  const load = async <M>(p: string): Promise<M> => (await import(join(root, 'dist', p))) as M;
  const cli = await load<typeof CliOptimize>('cli/optimize.js');
  const pr = await load<typeof Prices>('core/portfolio/prices.js');
  const er = await load<typeof ExpectedReturns>('core/portfolio/expected-returns.js');
  const rm = await load<typeof RiskModels>('core/portfolio/risk-models.js');
  const ef = await load<typeof Frontier>('core/portfolio/efficient-frontier.js');
  const out: Record<string, number> = {};
  let c = process.cpuUsage();
  const lap = (name: string): void => {
    const d = process.cpuUsage(c);
    out[name] = Math.round((d.user + d.system) / 100) / 10;
    c = process.cpuUsage();
  };
  const p = await cli.readPrices(prices);
  lap('read');
  const r = pr.returnsFromPrices(p);
  lap('returns');
  const mu = er.meanOfReturns(r, { frequency: 252 });
  lap('mu');
  const cov = rm.covOfReturns(r, 252).data;
  lap('cov');
  const n = mu.length;
  ef.minVolatility({ mu, cov, lower: new Float64Array(n), upper: new Float64Array(n).fill(1), gamma: 0 });
  lap('qp');
  process.stdout.write(JSON.stringify(out) + '\n');
};

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const r3 = (v: number): number => Math.round(v * 1000) / 1000;

/** user + sys and wall seconds of one command, from /usr/bin/time. */
const timed = (argv: string[]): { cpu_s: number; wall_s: number } => {
  const r = spawnSync('/usr/bin/time', ['-f', 'TIME %e %U %S', ...argv], {
    encoding: 'utf8',
    maxBuffer: 1 << 26,
  });
  const m = /TIME (\S+) (\S+) (\S+)\s*$/.exec(r.stderr ?? '');
  if (r.status !== 0 || !m)
    throw new Error(`bench: ${argv.join(' ')} failed: ${(r.stderr ?? '').slice(0, 400)}`);
  return { cpu_s: r3(Number(m[2]) + Number(m[3])), wall_s: Number(m[1]) };
};

const main = (): void => {
  const trees: Record<string, string> = { this: repoRootPath };
  const other = arg('--against');
  if (other) trees.against = other;
  const dir = mkdtempSync(join(tmpdir(), 'caiban-optimize-phases-'));
  try {
    const prices = join(dir, 'prices-500.csv');
    writePrices(prices, 500, 1000);
    const phases: Record<string, Record<string, number>[]> = {};
    const whole: Record<string, { cpu_s: number; wall_s: number }[]> = { python: [] };
    for (const k of Object.keys(trees)) [phases[k], whole[k]] = [[], []];
    for (let run = 0; run < RUNS; run++) {
      for (const [k, root] of Object.entries(trees)) {
        const r = spawnSync(
          process.execPath,
          [...process.execArgv, process.argv[1]!, '--child', root, prices],
          { encoding: 'utf8' },
        );
        if (r.status !== 0) throw new Error(`bench: phases of ${root} failed: ${r.stderr.slice(0, 400)}`);
        phases[k]!.push(JSON.parse(r.stdout) as Record<string, number>);
        const cli = join(root, 'bin', 'caiban');
        whole[k]!.push(timed([process.execPath, cli, 'optimize', '--prices', prices, '--objective', 'min-volatility', '--json'])); // prettier-ignore
      }
      whole.python!.push(timed(['/usr/bin/python3', join(repoRootPath, 'bench', 'peers', 'cvxopt_optimize_process.py'), prices])); // prettier-ignore
    }
    const summary = (rs: Record<string, number>[]) =>
      Object.fromEntries(PHASES.map((p) => [p, median(rs.map((r) => r[p]!))]));
    const report = {
      bench: 'optimize-phases',
      node: process.version,
      runs: RUNS,
      load_average_1m: r3(loadavg()[0]!),
      trees,
      phases_cpu_ms_median: Object.fromEntries(Object.entries(phases).map(([k, rs]) => [k, summary(rs)])),
      whole_process_median: Object.fromEntries(
        Object.entries(whole).map(([k, rs]) => [
          k,
          { cpu_s: r3(median(rs.map((r) => r.cpu_s))), wall_s: r3(median(rs.map((r) => r.wall_s))) },
        ]),
      ),
      phases_cpu_ms: phases,
      whole_process: whole,
    };
    process.stdout.write(JSON.stringify(report, null, 2) + '\n');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};

if (process.argv[2] === '--child') await child(process.argv[3]!, process.argv[4]!);
else main();
