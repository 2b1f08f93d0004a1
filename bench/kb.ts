/**
 * Knowledge-base retrieval benchmark (issue 17). One run prints one JSON report:
 *  - import: training time of a synthetic 2,000-item KB (bench/kb-synthetic.ts; the built-in intent model's
 *    first-use training is timed apart, it happens once per process) and per-query latency (p50/p95/p99) on
 *    2,000 generated queries, with their top-1 as a sanity figure;
 *  - starter KB: the frozen evaluation set (src/core/nlu/data/eval/kb-eval.ts, never tuned on) and the older
 *    query set (data/kb-queries.ts, used while developing: optimistic), plus the calibration curve.
 * Usage: npx tsx bench/kb.ts [--size 2000] [--queries 2000]
 * The machine is shared: timings are wall clock of one process and swing with load (the report carries the
 * load average at start).
 */
import { loadavg } from 'node:os';
import { builtinIntentModel } from '../src/core/nlu/builtin.js';
import { KB_EVAL_QUERIES } from '../src/core/nlu/data/eval/kb-eval.js';
import { KB_QUERIES } from '../src/core/nlu/data/kb-queries.js';
import { STARTER_KB } from '../src/core/nlu/data/kb-starter.js';
import { kbReport } from '../src/core/nlu/eval-metrics.js';
import { searchKb, trainKb, type KbIndex } from '../src/core/nlu/kb.js';
import { syntheticKb, syntheticQueries } from './kb-synthetic.js';

const argv = process.argv.slice(2);
const arg = (name: string, dflt: number): number => {
  const i = argv.indexOf(name);
  return i >= 0 ? Number(argv[i + 1]) : dflt;
};
const r4 = (v: number): number => Math.round(v * 1e4) / 1e4;

const timed = <T>(f: () => T): [T, number] => {
  const t0 = performance.now();
  const out = f();
  return [out, (performance.now() - t0) / 1000];
};

const timedCpu = <T>(f: () => T): [T, number] => {
  const c0 = process.cpuUsage();
  const out = f();
  const c = process.cpuUsage(c0);
  return [out, (c.user + c.system) / 1e6];
};

const evaluate = (index: KbIndex, queries: readonly { query: string; expected_id: string }[]): unknown =>
  kbReport(
    queries.map((q) => {
      const r = searchKb(index, q.query, 5);
      return {
        expected: q.expected_id,
        answer: r.match?.id ?? 'none',
        ranked: r.candidates.map((c) => c.id),
      };
    }),
  );

const synthetic = (size: number, nQueries: number): unknown => {
  const items = syntheticKb(size);
  const [index, seconds] = timed(() => trainKb(items));
  const queries = syntheticQueries(items, nQueries);
  for (const q of queries.slice(0, 200)) searchKb(index, q.query); // warm-up (JIT, caches)
  const times: number[] = [];
  const cpu: number[] = [];
  for (const q of queries) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    searchKb(index, q.query, 5);
    times.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  times.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  const at = (p: number, xs = times): number => r4(xs[Math.min(xs.length - 1, Math.floor(p * xs.length))]!);
  const [, cpuTrain] = timedCpu(() => trainKb(items));
  return {
    items: size,
    questions: index.core.docItem.length,
    train_seconds: r4(seconds),
    train_under_10s: seconds < 10,
    queries: times.length,
    train_cpu_seconds: r4(cpuTrain),
    latency_ms: { p50: at(0.5), p95: at(0.95), p99: at(0.99), max: r4(times[times.length - 1]!) },
    // CPU time of the query's own thread: what the latency is without other processes taking the cores.
    cpu_ms: { p50: at(0.5, cpu), p95: at(0.95, cpu), p99: at(0.99, cpu) },
    p99_under_2ms: at(0.99) < 2,
    cpu_p99_under_2ms: at(0.99, cpu) < 2,
    sanity: evaluate(index, queries),
    calibration_threshold: index.calibration.threshold,
  };
};

const starter = (): unknown => {
  const [index, seconds] = timed(() => trainKb(STARTER_KB));
  const { curve, ...calibration } = index.calibration;
  return {
    items: STARTER_KB.length,
    train_seconds: r4(seconds),
    frozen_eval: {
      n_none: KB_EVAL_QUERIES.filter((q) => q.expected_id === 'none').length,
      ...(evaluate(index, KB_EVAL_QUERIES) as object),
    },
    old_queries_dev: evaluate(index, KB_QUERIES),
    calibration,
    calibration_curve: curve.filter((_, i) => i % 4 === 1),
  };
};

const main = (): void => {
  const load = loadavg()[0]!;
  const [, intentSeconds] = timed(() => builtinIntentModel());
  const report = {
    load_average_1m: r4(load),
    builtin_intent_first_use_seconds: r4(intentSeconds),
    synthetic: synthetic(arg('--size', 2000), arg('--queries', 2000)),
    starter: starter(),
  };
  process.stdout.write(JSON.stringify(report, null, 2) + '\n');
};

main();
