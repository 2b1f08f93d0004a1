/**
 * Benchmark: our exact QP (Goldfarb–Idnani) against cvxopt on the same max-Sharpe and min-volatility QPs,
 * on PyPortfolioOpt's 20-asset set and on a 500-asset random positive-definite problem.
 * Run: npx tsx bench/optimize.ts   (needs /usr/bin/python3 with python3-cvxopt; prints one JSON document)
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { maxSharpe, minVolatility, portfolioPerformance } from '../src/core/portfolio/efficient-frontier.js';
import { meanHistoricalReturn } from '../src/core/portfolio/expected-returns.js';
import { quadForm } from '../src/core/portfolio/linalg.js';
import { sampleCov } from '../src/core/portfolio/risk-models.js';
import { createRng } from '../src/core/random.js';
import { benchmarkFile } from '../test/support/benchmarks.js';
import { readPricePanel, repoRootPath } from './support.js';

const REPEATS = Number(process.env.BENCH_REPEATS ?? 7);
const RF = 0.02;

type Case = { name: string; mu: Float64Array; cov: Float64Array };

/**
 * Σ = F F' + D with 500 assets and 25 factors (a typical equity risk model: a market factor with betas
 * 0.5–1.5 plus industry/style factors), μ in [2%, 20%]. High-beta names get negative unconstrained weights,
 * so the long-only bounds bind as they do on real universes.
 */
const randomProblem = (n: number, k: number, seed: number): Case => {
  const rng = createRng(seed);
  const F = Float64Array.from({ length: n * k }, (_, idx) =>
    idx % k === 0 ? 0.16 * (0.5 + rng.next()) : rng.normal() * 0.05,
  );
  const cov = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) {
      let s = 0;
      for (let f = 0; f < k; f++) s += F[i * k + f]! * F[j * k + f]!;
      if (i === j) s += 0.005 + 0.06 * rng.next();
      cov[i * n + j] = cov[j * n + i] = s;
    }
  }
  const mu = Float64Array.from({ length: n }, () => 0.02 + 0.18 * rng.next());
  return { name: `random-${n}`, mu, cov };
};

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

/**
 * Median wall time of `fn`: three warm-up calls (V8 compiles hot loops on the first ones), then at least
 * REPEATS timed runs and at least ~300 ms of runs, so that sub-millisecond solves are not timed once.
 */
const time = (fn: () => Float64Array): { ms: number; x: Float64Array } => {
  for (let k = 0; k < 3; k++) fn();
  const times: number[] = [];
  let x: Float64Array = new Float64Array(0);
  const start = performance.now();
  while (times.length < REPEATS || (performance.now() - start < 300 && times.length < 1000)) {
    const t0 = performance.now();
    x = fn();
    times.push(performance.now() - t0);
  }
  return { ms: median(times), x };
};

/** The QPs exactly as our optimisers pose them, in cvxopt's form min ½x'Px + q'x, Ax = b, Gx ≤ h. */
const qpFor = (c: Case, objective: 'min-volatility' | 'max-sharpe') => {
  const n = c.mu.length;
  const eye = (sign: number): number[] => {
    const m = new Array<number>(n * n).fill(0);
    for (let i = 0; i < n; i++) m[i * n + i] = sign;
    return m;
  };
  const P = Array.from(c.cov, (v) => 2 * v);
  if (objective === 'min-volatility') {
    return {
      name: `${c.name}/${objective}`,
      n,
      P,
      q: new Array<number>(n).fill(0),
      A: new Array<number>(n).fill(1),
      b: [1],
      G: [...eye(-1), ...eye(1)],
      h: [...new Array<number>(n).fill(0), ...new Array<number>(n).fill(1)],
    };
  }
  // max Sharpe after y = κw: min y'Σy s.t. (μ − rf)'y = 1, y ≥ 0 (y ≤ κ is implied for long-only).
  return {
    name: `${c.name}/${objective}`,
    n,
    P,
    q: new Array<number>(n).fill(0),
    A: Array.from(c.mu, (m) => m - RF),
    b: [1],
    G: eye(-1),
    h: new Array<number>(n).fill(0),
  };
};

const main = (): void => {
  const pricesFile = benchmarkFile('portfolio', 'pypfopt_stock_prices.csv');
  const prices = pricesFile === null ? null : readPricePanel(pricesFile);
  const cases: Case[] = [];
  if (prices)
    cases.push({ name: 'pypfopt-20', mu: meanHistoricalReturn(prices), cov: sampleCov(prices).data });
  cases.push(randomProblem(500, 25, 42));

  const problems = cases.flatMap((c) => [qpFor(c, 'min-volatility'), qpFor(c, 'max-sharpe')]);
  const dir = mkdtempSync(join(tmpdir(), 'caiban-bench-'));
  const spec = join(dir, 'problems.json');
  writeFileSync(spec, JSON.stringify({ repeats: REPEATS, problems }));
  const peer = JSON.parse(
    execFileSync('/usr/bin/python3', [join(repoRootPath, 'bench', 'peers', 'cvxopt_qp.py'), spec], {
      maxBuffer: 1 << 28,
    }).toString(),
  ) as {
    solver: string;
    results: Array<{
      name: string;
      tolerance: string;
      median_ms: number;
      status: string;
      iterations: number;
      objective: number;
      x: number[];
    }>;
  };

  type PeerResult = (typeof peer.results)[number];
  const rows = cases.flatMap((c) => {
    const n = c.mu.length;
    const mv = { mu: c.mu, cov: c.cov };
    return (['min-volatility', 'max-sharpe'] as const).map((objective) => {
      const ours = time(() => (objective === 'min-volatility' ? minVolatility(mv) : maxSharpe(mv, RF)));
      // Objective of the optimiser itself: variance for min-vol, Sharpe for max-Sharpe.
      const score = (w: Float64Array): number =>
        objective === 'min-volatility'
          ? quadForm(c.cov, w, n)
          : portfolioPerformance(w, c.mu, c.cov, RF).sharpe;
      const weightsOf = (r: PeerResult): Float64Array => {
        const w = Float64Array.from(r.x);
        const k = objective === 'max-sharpe' ? w.reduce((a, b) => a + b, 0) : 1;
        return w.map((v) => v / k);
      };
      const peerRow = (tolerance: string) => {
        const r = peer.results.find((x) => x.name === `${c.name}/${objective}` && x.tolerance === tolerance)!;
        const w = weightsOf(r);
        return {
          ms: Number(r.median_ms.toFixed(3)),
          objective: score(w),
          objective_abs_diff: Math.abs(score(ours.x) - score(w)),
          max_weight_diff: Math.max(...Array.from(ours.x, (v, i) => Math.abs(v - w[i]!))),
          status: r.status,
          iterations: r.iterations,
        };
      };
      const dflt = peerRow('default');
      const tight = peerRow('tight-1e-12');
      return {
        problem: c.name,
        assets: n,
        objective,
        ours_ms: Number(ours.ms.toFixed(3)),
        ours_objective: score(ours.x),
        speedup_vs_cvxopt_default: Number((dflt.ms / ours.ms).toFixed(2)),
        speedup_vs_cvxopt_tight: Number((tight.ms / ours.ms).toFixed(2)),
        cvxopt_default: dflt,
        cvxopt_tight: tight,
      };
    });
  });
  const report = {
    bench: 'optimize',
    repeats: REPEATS,
    peer: peer.solver,
    node: process.version,
    results: rows,
    targets: {
      not_slower_than_cvxopt: rows.every((r) => r.ours_ms <= r.cvxopt_default.ms),
      objectives_within_1e6_of_tight_cvxopt: rows.every((r) => r.cvxopt_tight.objective_abs_diff <= 1e-6),
    },
  };
  process.stdout.write(JSON.stringify(report, null, 2) + '\n');
};

main();
