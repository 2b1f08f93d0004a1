/**
 * GBDT benchmark: caiban's histogram GBDT next to XGBoost (tree_method=hist, lossguide) and scikit-learn's
 * HistGradientBoostingClassifier with the same rounds, learning rate, depth, leaves, L2 and bins, on
 * Telco churn (80/20 split, native categoricals) and a deterministic 1,000,000 × 30 synthetic set (80/20).
 * Matrices are written once to a temp dir that both sides read. Prints one JSON report.
 * Our time includes starting the histogram threads, chosen as `caiban model train --threads auto` does.
 * Sets under 100,000 rows are trained 5 times by every side and the median is reported (a single 0.15 s run is
 * dominated by noise on a shared machine); `seconds_runs` lists every run, the first one cold.
 * With `--cli`: instead, whole processes side by side — `bin/caiban model train --cv 5` at XGBoost's settings
 * (the flags below, `--early-stopping 0`, no row/feature sampling) against a Python process running XGBoost's
 * 5-fold CV on the same CSV (bench/peers/xgb_cv_process.py) (the peer reads the CSV with pandas, python3-pandas); `--cli-rows` sets the rows (default 100,000 × 30).
 * Run: npx tsx bench/gbdt.ts [--rows 1000000] [--skip-peers] [--threads auto|N] | [--cli [--cli-rows N] [--runs R]]
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { readTable } from '../src/cli/io/table.js';
import { encodeFeatures, encodeTarget, inferSchema } from '../src/core/ml/dataset.js';
import { predictGbdt, trainGbdt } from '../src/core/ml/gbdt.js';
import { auc } from '../src/core/ml/metrics.js';
import { benchmarkFile } from '../test/support/benchmarks.js';
import { syntheticBinary } from './synthetic.js';
import { histogramPoolFor } from '../src/runtime/gbdt-threads.js';

const arg = (name: string, dflt: string): string => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? (process.argv[i + 1] ?? dflt) : dflt;
};
const rows = Number(arg('--rows', '1000000'));
const skipPeers = process.argv.includes('--skip-peers');
/** Threads for our histogram building: auto (as the CLI), or a number (1 = single-threaded core path). */
const threadsArg = arg('--threads', 'auto');
const threads = threadsArg === 'auto' ? 'auto' : Number(threadsArg);

const params = {
  rounds: 100,
  learning_rate: 0.1,
  max_depth: 6,
  num_leaves: 31,
  min_data_in_leaf: 20,
  lambda_l2: 1,
  max_bin: 255,
};

type Split = {
  xtr: Float64Array;
  ytr: Float64Array;
  xte: Float64Array;
  yte: Float64Array;
  p: number;
  categorical: boolean[];
};

const split = (
  x: Float64Array,
  y: Float64Array,
  p: number,
  isTest: (i: number) => boolean,
  categorical: boolean[],
): Split => {
  const n = y.length;
  let nt = 0;
  for (let i = 0; i < n; i++) if (isTest(i)) nt++;
  const s: Split = {
    xtr: new Float64Array((n - nt) * p),
    ytr: new Float64Array(n - nt),
    xte: new Float64Array(nt * p),
    yte: new Float64Array(nt),
    p,
    categorical,
  };
  let a = 0;
  let b = 0;
  for (let i = 0; i < n; i++) {
    const row = x.subarray(i * p, (i + 1) * p);
    if (isTest(i)) {
      s.xte.set(row, b * p);
      s.yte[b++] = y[i]!;
    } else {
      s.xtr.set(row, a * p);
      s.ytr[a++] = y[i]!;
    }
  }
  return s;
};

const write = (dir: string, name: string, s: Split): void => {
  const f = (part: string, v: Float64Array): void =>
    writeFileSync(join(dir, `${name}_${part}.f64`), Buffer.from(v.buffer, v.byteOffset, v.byteLength));
  f('train_x', s.xtr);
  f('train_y', s.ytr);
  f('test_x', s.xte);
  f('test_y', s.yte);
};

/** Trainings per dataset: 5 for small sets (median reported), 1 for large ones. */
const repeatsFor = (n: number): number => (n < 100_000 ? 5 : 1);

const median = (v: number[]): number => [...v].sort((a, b) => a - b)[v.length >> 1]!;

const ours = async (
  s: Split,
): Promise<{
  seconds: number;
  cpu_seconds: number;
  seconds_runs: number[];
  auc: number;
  trees: number;
  threads: number;
}> => {
  const n = s.ytr.length;
  const runs: Array<{ seconds: number; cpu: number }> = [];
  let m: ReturnType<typeof trainGbdt> | null = null;
  let threadsUsed = 1;
  for (let r = 0; r < repeatsFor(n); r++) {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    const pool = await histogramPoolFor(threads, n, s.p);
    threadsUsed = pool?.threads ?? 1;
    m = trainGbdt(s.xtr, n, s.p, s.ytr, {
      categorical: s.categorical,
      ...(pool ? { histograms: pool.strategy } : {}),
      params: {
        numRounds: params.rounds,
        learningRate: params.learning_rate,
        maxDepth: params.max_depth,
        numLeaves: params.num_leaves,
        minDataInLeaf: params.min_data_in_leaf,
        lambdaL2: params.lambda_l2,
        maxBin: params.max_bin,
      },
    });
    await pool?.close();
    runs.push({ seconds: (performance.now() - t0) / 1000, cpu: process.cpuUsage(c0).user / 1e6 });
  }
  return {
    threads: threadsUsed,
    seconds: median(runs.map((r) => r.seconds)),
    cpu_seconds: median(runs.map((r) => r.cpu)),
    seconds_runs: runs.map((r) => r.seconds),
    auc: auc(s.yte, predictGbdt(m!, s.xte, s.yte.length)),
    trees: m!.trees.length,
  };
};

const main = async (): Promise<void> => {
  const dir = mkdtempSync(join(tmpdir(), 'caiban-bench-gbdt-'));
  const meta = {
    params,
    datasets: {} as Record<string, { p: number; categorical: boolean[]; repeats: number }>,
  };
  const caiban: Record<string, Awaited<ReturnType<typeof ours>>> = {};
  // One dataset at a time, so that the small Telco run does not share the heap with the 1M-row set.
  const run = async (name: string, s: Split): Promise<void> => {
    write(dir, name, s);
    meta.datasets[name] = { p: s.p, categorical: s.categorical, repeats: repeatsFor(s.ytr.length) };
    process.stderr.write(`caiban gbdt on ${name}…\n`);
    caiban[name] = await ours(s);
  };
  const telcoPath = benchmarkFile('causal', 'telco', 'Telco-Customer-Churn.csv');
  if (telcoPath) {
    const t = await readTable(telcoPath);
    const schema = inferSchema(t, { target: 'Churn', drop: ['customerID'] });
    const enc = encodeFeatures(schema, t);
    await run(
      'telco',
      split(
        enc.x,
        encodeTarget(schema, t),
        enc.p,
        (i) => i % 5 === 0,
        schema.features.map((f) => f.kind === 'categorical'),
      ),
    );
  }
  const syn = syntheticBinary(rows, 2026);
  await run(
    `synthetic_${rows}x30`,
    split(syn.x, syn.y, syn.p, (i) => i >= rows * 0.8, Array<boolean>(30).fill(false)),
  );
  writeFileSync(join(dir, 'meta.json'), JSON.stringify(meta));
  let peers: Record<string, Record<string, { seconds: number; auc: number }>> = {};
  if (!skipPeers) {
    process.stderr.write('peers (xgboost, sklearn)…\n');
    const r = spawnSync('/usr/bin/python3', [join(import.meta.dirname, 'peers', 'xgb_sklearn.py'), dir], {
      encoding: 'utf8',
      maxBuffer: 1 << 24,
    });
    if (r.status !== 0) throw new Error(`peer failed: ${r.stderr}`);
    peers = JSON.parse(r.stdout) as typeof peers;
  }
  rmSync(dir, { recursive: true, force: true });
  const report: Record<string, unknown> = {
    params,
    threads: { caiban: `${threadsArg} (per dataset below)`, xgboost: 'all cores', sklearn_hgb: 'all cores' },
    load_average_1m: loadavg()[0],
  };
  for (const name of Object.keys(caiban)) {
    const c = caiban[name]!;
    const x = peers[name]?.xgboost;
    report[name] = {
      caiban: c,
      ...(peers[name] ?? {}),
      ...(x
        ? {
            auc_gap_vs_xgboost: c.auc - x.auc,
            time_ratio_vs_xgboost: c.seconds / x.seconds,
            target_auc_within_0_005: Math.abs(c.auc - x.auc) <= 0.005,
            target_time_at_most_1_5x: c.seconds <= 1.5 * x.seconds,
          }
        : {}),
    };
  }
  process.stdout.write(JSON.stringify(report, null, 2) + '\n');
};

/** Whole-process `caiban model train` vs XGBoost's CV in Python, same CSV, same settings, same run. */
const cliMain = (): void => {
  const n = Number(arg('--cli-rows', '100000'));
  const runs = Number(arg('--runs', '2'));
  const dir = mkdtempSync(join(tmpdir(), 'caiban-gbdt-cli-'));
  try {
    const syn = syntheticBinary(n, 2026);
    const path = join(dir, 'synthetic.csv');
    const lines = [
      Array.from({ length: syn.p }, (_, j) => `f${j}`)
        .concat('y')
        .join(','),
    ];
    for (let i = 0; i < n; i++) {
      const row: string[] = [];
      for (let j = 0; j < syn.p; j++) {
        const v = syn.x[i * syn.p + j]!;
        row.push(Number.isNaN(v) ? '' : String(v));
      }
      row.push(String(syn.y[i]));
      lines.push(row.join(','));
    }
    writeFileSync(path, lines.join('\n') + '\n');
    const caibanArgs = [
      join(import.meta.dirname, '..', 'bin', 'caiban'),
      'model',
      'train',
      '--data',
      path,
      '--target',
      'y',
      '--cv',
      '5',
      '--rounds',
      String(params.rounds),
      '--learning-rate',
      String(params.learning_rate),
      '--max-depth',
      String(params.max_depth),
      '--num-leaves',
      String(params.num_leaves),
      '--min-child-samples',
      String(params.min_data_in_leaf),
      '--reg-lambda',
      String(params.lambda_l2),
      '--max-bin',
      String(params.max_bin),
      '--early-stopping',
      '0',
      '--subsample',
      '1',
      '--colsample-bytree',
      '1',
      '--json',
    ];
    const peerArgs = [
      join(import.meta.dirname, 'peers', 'xgb_cv_process.py'),
      path,
      '5',
      String(params.rounds),
      String(params.learning_rate),
      String(params.max_depth),
      String(params.num_leaves),
      String(params.lambda_l2),
      String(params.max_bin),
    ];
    const timed = (cmd: string, args: string[]): { seconds: number; auc: number } => {
      const t0 = performance.now();
      const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 1 << 24 });
      const seconds = (performance.now() - t0) / 1000;
      if (r.status !== 0) throw new Error(`${cmd} failed: ${r.stderr}`);
      return { seconds, auc: (JSON.parse(r.stdout) as { auc: number }).auc };
    };
    const ours: Array<{ seconds: number; auc: number }> = [];
    const peer: Array<{ seconds: number; auc: number }> = [];
    for (let k = 0; k < runs; k++) {
      ours.push(timed(process.execPath, caibanArgs));
      if (!skipPeers) peer.push(timed('/usr/bin/python3', peerArgs));
    }
    const med = (xs: number[]): number => {
      const s = [...xs].sort((a, b) => a - b);
      return s.length % 2 ? s[s.length >> 1]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
    };
    const c = {
      seconds: med(ours.map((r) => r.seconds)),
      auc: ours[0]!.auc,
      runs: ours.map((r) => r.seconds),
    };
    const x = peer.length
      ? { seconds: med(peer.map((r) => r.seconds)), auc: peer[0]!.auc, runs: peer.map((r) => r.seconds) }
      : null;
    const report = {
      bench: 'gbdt-cli-whole-process',
      rows: n,
      features: syn.p,
      folds: 5,
      params,
      load_average_1m: loadavg()[0],
      caiban_model_train: c,
      ...(x
        ? {
            xgboost_cv_process: x,
            time_ratio_vs_xgboost: c.seconds / x.seconds,
            auc_diff_vs_xgboost: c.auc - x.auc,
            target_time_at_most_1x: c.seconds <= x.seconds,
            target_auc_within_0_005: Math.abs(c.auc - x.auc) <= 0.005,
          }
        : {}),
    };
    process.stdout.write(JSON.stringify(report, null, 2) + '\n');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};

if (process.argv.includes('--cli')) cliMain();
else await main();
