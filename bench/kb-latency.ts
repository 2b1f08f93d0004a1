/**
 * Query latency of KB retrieval on the synthetic 2,000-item KB (issue 17: p99 under 2 ms per query), as CPU time,
 * optionally A/B against another checkout of the engine in the same period (the machine is shared, so only
 * alternating runs compare two versions fairly). Each run is a fresh child process: train, warm up, then time
 * every query once (CPU time of the process, which includes V8's garbage-collector threads) and report p50/p95/p99.
 * The report gives each run and, per checkout, the median over runs, plus the load average before and after.
 * Usage: npx tsx bench/kb-latency.ts [--runs 3] [--queries 2000] [--size 2000] [--ab /work/wt/base]
 *   (--child <root> is the internal per-run mode.)
 */
import { execFileSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { repoRootPath } from './support.js';

const argv = process.argv.slice(2);
const arg = (name: string): string | undefined => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
};
const num = (name: string, dflt: number): number => Number(arg(name) ?? dflt);
const r4 = (v: number): number => Math.round(v * 1e4) / 1e4;

type Run = { cpu_ms: { p50: number; p95: number; p99: number; max: number }; gc_ms: number; top1: number };

type Engine = {
  trainKb: (items: unknown[]) => unknown;
  searchKb: (index: unknown, q: string, k?: number) => { candidates: { id: string }[] };
};
type Synthetic = {
  syntheticKb: (n: number) => unknown[];
  syntheticQueries: (items: unknown[], n: number) => { query: string; expected_id: string }[];
};

/** One run inside a child process, on the engine of checkout `root`. */
const child = async (root: string): Promise<Run> => {
  const load = (p: string): Promise<unknown> => import(pathToFileURL(join(root, p)).href);
  const { trainKb, searchKb } = (await load('src/core/nlu/kb.ts')) as Engine;
  // The synthetic generator is this checkout's, so both sides of an A/B answer the same queries.
  const { syntheticKb, syntheticQueries } = (await import(
    pathToFileURL(join(repoRootPath, 'bench/kb-synthetic.ts')).href
  )) as Synthetic;
  const items = syntheticKb(num('--size', 2000));
  const index = trainKb(items);
  const queries = syntheticQueries(items, num('--queries', 2000));
  for (const q of queries.slice(0, 300)) searchKb(index, q.query);
  const { PerformanceObserver } = await import('node:perf_hooks');
  let gc = 0;
  const obs = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) gc += e.duration;
  });
  obs.observe({ entryTypes: ['gc'] });
  const cpu: number[] = [];
  let hits = 0;
  for (const q of queries) {
    const c0 = process.cpuUsage();
    const r = searchKb(index, q.query, 5);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
    if ((r.candidates[0]?.id ?? 'none') === q.expected_id) hits++;
  }
  await new Promise((done) => setTimeout(done, 50));
  obs.disconnect();
  cpu.sort((a, b) => a - b);
  const at = (p: number): number => r4(cpu[Math.min(cpu.length - 1, Math.floor(p * cpu.length))]!);
  return {
    cpu_ms: { p50: at(0.5), p95: at(0.95), p99: at(0.99), max: r4(cpu[cpu.length - 1]!) },
    gc_ms: r4(gc),
    top1: r4(hits / queries.length),
  };
};

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
};

const main = (): void => {
  const roots: Record<string, string> = { this: repoRootPath };
  const ab = arg('--ab');
  if (ab) roots['ab'] = ab;
  const runs = num('--runs', 3);
  const load0 = loadavg();
  const out: Record<string, Run[]> = Object.fromEntries(Object.keys(roots).map((k) => [k, []]));
  const pass = argv.filter(
    (a, i) => !['--ab', '--runs'].includes(a) && !['--ab', '--runs'].includes(argv[i - 1]!),
  );
  for (let r = 0; r < runs; r++) {
    for (const [name, root] of Object.entries(roots)) {
      const stdout = execFileSync(
        process.execPath,
        ['--import', 'tsx', join(repoRootPath, 'bench/kb-latency.ts'), '--child', root, ...pass],
        { encoding: 'utf8', cwd: repoRootPath, maxBuffer: 1 << 20 },
      );
      out[name]!.push(JSON.parse(stdout) as Run);
    }
  }
  const summary = Object.fromEntries(
    Object.entries(out).map(([name, rs]) => [
      name,
      {
        root: roots[name],
        median_cpu_ms: {
          p50: median(rs.map((x) => x.cpu_ms.p50)),
          p95: median(rs.map((x) => x.cpu_ms.p95)),
          p99: median(rs.map((x) => x.cpu_ms.p99)),
        },
        median_gc_ms: median(rs.map((x) => x.gc_ms)),
        cpu_p99_under_2ms: median(rs.map((x) => x.cpu_ms.p99)) < 2,
        runs: rs,
      },
    ]),
  );
  process.stdout.write(
    JSON.stringify(
      {
        load_average_before: load0.map(r4),
        load_average_after: loadavg().map(r4),
        size: num('--size', 2000),
        queries: num('--queries', 2000),
        ...summary,
      },
      null,
      2,
    ) + '\n',
  );
};

const childRoot = arg('--child');
if (childRoot) {
  void child(childRoot).then((r) => process.stdout.write(JSON.stringify(r) + '\n'));
} else main();
