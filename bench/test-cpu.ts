/**
 * CPU time of the test suite per file (issue 10 item 1): runs `vitest run [files…]` with CAIBAN_TEST_CPU_LOG set
 * (test/support/cpu-log-setup.ts records each file's worker CPU) and prints JSON: per-file CPU seconds (largest
 * first), their sum, the whole run's CPU (vitest's main process and every worker, from the child's rusage),
 * wall time, test counts and the machine load before and after. CPU is the figure to compare on a shared machine.
 *
 *   npx tsx bench/test-cpu.ts [--runs N] [--top N] [vitest file filters…]
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRootPath } from './support.js';

type Line = { file: string; cpuS: number; fresh: boolean };
type Report = {
  testResults: { name: string; assertionResults: { fullName: string; status: string }[] }[];
  numTotalTests: number;
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
};

const args = process.argv.slice(2);
const flag = (name: string, def: number): number => {
  const i = args.indexOf(name);
  if (i < 0) return def;
  const v = Number(args[i + 1]);
  if (!Number.isInteger(v) || v < 1)
    throw new Error(`${name}: expected a positive integer, got ${args[i + 1]}`);
  args.splice(i, 2);
  return v;
};
const runs = flag('--runs', 1);
const top = flag('--top', 40);

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const r2 = (x: number) => Math.round(x * 100) / 100;
/** CPU seconds of the children this process has waited for (Linux /proc: cutime + cstime, clock ticks of 1/100 s). */
const childrenCpuS = (): number => {
  const f = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' ');
  return (Number(f[13]) + Number(f[14])) / 100;
};

const results = [];
for (let run = 0; run < runs; run++) {
  const dir = mkdtempSync(join(tmpdir(), 'caiban-test-cpu-'));
  const log = join(dir, 'cpu.jsonl');
  const json = join(dir, 'vitest.json');
  const load0 = loadavg()[0]!;
  const c0 = childrenCpuS();
  const t0 = performance.now();
  const child = spawnSync(
    process.execPath,
    [
      join(repoRootPath, 'node_modules/vitest/vitest.mjs'),
      'run',
      '--reporter=json',
      `--outputFile.json=${json}`,
      ...args,
    ],
    {
      cwd: repoRootPath,
      env: { ...process.env, CAIBAN_TEST_CPU_LOG: log },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  const wallS = (performance.now() - t0) / 1000;
  const cpuS = childrenCpuS() - c0;
  const lines = readFileSync(log, 'utf8')
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as Line);
  const report = JSON.parse(readFileSync(json, 'utf8')) as Report;
  rmSync(dir, { recursive: true, force: true });
  results.push({ status: child.status, wallS, cpuS, load: [load0, loadavg()[0]!], lines, report });
}

const files = new Map<string, number[]>();
for (const r of results) for (const l of r.lines) files.set(l.file, [...(files.get(l.file) ?? []), l.cpuS]);
const perFile = [...files]
  .map(([file, xs]) => ({ file, cpuS: r2(median(xs)), runs: xs.map(r2) }))
  .sort((a, b) => b.cpuS - a.cpuS);
process.stdout.write(
  JSON.stringify(
    {
      runs: results.map((r) => ({
        exit: r.status,
        wallS: r2(r.wallS),
        // Everything the run waited for: vitest's main process and every worker (not PostgreSQL's server).
        cpuS: r2(r.cpuS),
        load1: r.load.map(r2),
        filesCpuS: r2(r.lines.reduce((s, l) => s + l.cpuS, 0)),
        files: r.lines.length,
        tests: {
          total: r.report.numTotalTests,
          passed: r.report.numPassedTests,
          failed: r.report.numFailedTests,
          skipped: r.report.numPendingTests,
        },
        failed: r.report.testResults.flatMap((f) =>
          f.assertionResults.filter((a) => a.status === 'failed').map((a) => `${f.name}: ${a.fullName}`),
        ),
      })),
      filesCpuSMedian: r2(median(results.map((r) => r.lines.reduce((s, l) => s + l.cpuS, 0)))),
      cpuSMedian: r2(median(results.map((r) => r.cpuS))),
      wallSMedian: r2(median(results.map((r) => r.wallS))),
      // Per file: its worker's CPU (a fresh process includes its start-up and imports); vitest's main process
      // (transforms, reporters) and PostgreSQL are not in these figures.
      top: perFile.slice(0, top),
    },
    null,
    2,
  ) + '\n',
);
