/**
 * CLI start-up benchmark (issue 10 item 2). Whole-process wall time, side by side in one run:
 *  - `bin/caiban --help` against a bare `node -e 0` (the floor of any Node command);
 *  - `caiban optimize --objective min-volatility` on a generated 500-asset price table against a Python process
 *    doing the same with numpy + cvxopt (bench/peers/cvxopt_optimize_process.py);
 *  - `caiban nlu train` on banking77's training set against scikit-learn's TF-IDF + LinearSVC in a Python process
 *    (bench/peers/sklearn_nlu_train_process.py); skipped when ../shared/benchmarks is absent.
 * The commands run in turn (A B A B …) after one warm-up each; medians are reported with every run listed.
 * Needs the built CLI (`npm run build`) and /usr/bin/python3 with python3-cvxopt and python3-sklearn.
 * Run: npx tsx bench/cli-startup.ts [--runs 5]   (prints one JSON document)
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchmarkFile } from '../test/support/benchmarks.js';
import { repoRootPath, writePrices } from './support.js';

const arg = (name: string, dflt: string): string => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? (process.argv[i + 1] ?? dflt) : dflt;
};
const RUNS = Number(arg('--runs', '5'));
const PYTHON = '/usr/bin/python3';
const CAIBAN = join(repoRootPath, 'bin', 'caiban');
const peer = (name: string): string => join(repoRootPath, 'bench', 'peers', name);

type Cmd = { label: string; argv: string[] };
type Timed = { median_s: number; runs_s: number[]; exit_codes: number[] };

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const r3 = (v: number): number => Math.round(v * 1000) / 1000;

const once = (c: Cmd): { s: number; code: number; stderr: string } => {
  const t0 = performance.now();
  const r = spawnSync(c.argv[0]!, c.argv.slice(1), { encoding: 'utf8', maxBuffer: 1 << 26 });
  return { s: (performance.now() - t0) / 1000, code: r.status ?? -1, stderr: r.stderr ?? '' };
};

/** Times each command RUNS times, interleaved, after one warm-up run of each. */
const race = (cmds: Cmd[]): Record<string, Timed> => {
  for (const c of cmds) {
    const w = once(c);
    if (w.code !== 0) process.stderr.write(`bench: ${c.label} exited ${w.code}: ${w.stderr.slice(0, 500)}\n`);
  }
  const runs = new Map(cmds.map((c) => [c.label, { s: [] as number[], codes: [] as number[] }]));
  for (let k = 0; k < RUNS; k++) {
    for (const c of cmds) {
      const r = once(c);
      runs.get(c.label)!.s.push(r.s);
      runs.get(c.label)!.codes.push(r.code);
    }
  }
  return Object.fromEntries(
    cmds.map((c) => {
      const r = runs.get(c.label)!;
      return [c.label, { median_s: r3(median(r.s)), runs_s: r.s.map(r3), exit_codes: r.codes }];
    }),
  );
};

const ratio = (a: Timed | undefined, b: Timed | undefined): number | null =>
  a && b ? r3(a.median_s / b.median_s) : null;

const main = (): void => {
  if (!existsSync(join(repoRootPath, 'dist', 'cli', 'main.js'))) {
    process.stderr.write('bench: build the CLI first (npm run build)\n');
    process.exit(1);
  }
  const dir = mkdtempSync(join(tmpdir(), 'caiban-cli-startup-'));
  try {
    const help = race([
      { label: 'caiban --help', argv: [process.execPath, CAIBAN, '--help'] },
      { label: 'node -e 0', argv: [process.execPath, '-e', '0'] },
    ]);

    const prices = join(dir, 'prices-500.csv');
    writePrices(prices, 500, 1000);
    const optimize = race([
      {
        label: 'caiban optimize',
        argv: [
          process.execPath,
          CAIBAN,
          'optimize',
          '--prices',
          prices,
          '--objective',
          'min-volatility',
          '--json',
        ],
      },
      { label: 'python cvxopt', argv: [PYTHON, peer('cvxopt_optimize_process.py'), prices] },
    ]);

    const train = benchmarkFile('nlu', 'banking77', 'train.csv');
    const nlu = train
      ? race([
          {
            label: 'caiban nlu train',
            argv: [
              process.execPath,
              CAIBAN,
              'nlu',
              'train',
              '--data',
              train,
              '--label-col',
              'category',
              '--out',
              join(dir, 'model.json'),
            ],
          },
          {
            label: 'python sklearn LinearSVC',
            argv: [
              PYTHON,
              peer('sklearn_nlu_train_process.py'),
              train,
              'text',
              'category',
              join(dir, 'm.pkl'),
            ],
          },
        ])
      : null;

    const report = {
      bench: 'cli-startup',
      node: process.version,
      runs: RUNS,
      load_average_1m: r3(loadavg()[0]!),
      help: { ...help, ratio_to_bare_node: ratio(help['caiban --help'], help['node -e 0']) },
      optimize_500_assets: {
        ...optimize,
        ratio_to_python: ratio(optimize['caiban optimize'], optimize['python cvxopt']),
      },
      nlu_train_banking77: nlu
        ? { ...nlu, ratio_to_python: ratio(nlu['caiban nlu train'], nlu['python sklearn LinearSVC']) }
        : { skipped: 'banking77 data absent' },
      targets: {
        help_under_0_5_s: help['caiban --help']!.median_s < 0.5,
        optimize_not_slower_than_python:
          (ratio(optimize['caiban optimize'], optimize['python cvxopt']) ?? 2) <= 1,
        nlu_train_not_slower_than_python: nlu
          ? (ratio(nlu['caiban nlu train'], nlu['python sklearn LinearSVC']) ?? 2) <= 1
          : null,
      },
    };
    process.stdout.write(JSON.stringify(report, null, 2) + '\n');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};

main();
