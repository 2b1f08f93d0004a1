/**
 * Development figures of KB retrieval (issue 17) WITHOUT the frozen evaluation set: the older 192-query set
 * (data/kb-queries.ts), the second development set (data/kb-dev-queries.ts, written from customer needs without
 * reading the frozen set), the share of the written unanswerable questions (data/kb-unanswerable.ts) that come
 * out as "no match", leave-one-question-out top-1 and the calibration threshold of the starter KB, and
 * query CPU latency on the synthetic 2,000-item KB. Design choices are compared on this output only.
 * Usage: npx tsx bench/kb-dev.ts [--no-latency] [--no-quality]
 */
import { loadavg } from 'node:os';
import { builtinIntentModel } from '../src/core/nlu/builtin.js';
import { KB_DEV_QUERIES } from '../src/core/nlu/data/kb-dev-queries.js';
import { KB_QUERIES } from '../src/core/nlu/data/kb-queries.js';
import { STARTER_KB } from '../src/core/nlu/data/kb-starter.js';
import { KB_UNANSWERABLE } from '../src/core/nlu/data/kb-unanswerable.js';
import { kbReport } from '../src/core/nlu/eval-metrics.js';
import { searchKb, trainKb, type KbIndex } from '../src/core/nlu/kb.js';
import { syntheticKb, syntheticQueries } from './kb-synthetic.js';

const argv = process.argv.slice(2);
const r4 = (v: number): number => Math.round(v * 1e4) / 1e4;

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

const latency = (): unknown => {
  const items = syntheticKb(2000);
  const c0 = process.cpuUsage();
  const index = trainKb(items);
  const c1 = process.cpuUsage(c0);
  const queries = syntheticQueries(items, 2000);
  for (const q of queries.slice(0, 300)) searchKb(index, q.query);
  const cpu: number[] = [];
  for (const q of queries) {
    const s = process.cpuUsage();
    searchKb(index, q.query, 5);
    const c = process.cpuUsage(s);
    cpu.push((c.user + c.system) / 1000);
  }
  cpu.sort((a, b) => a - b);
  const at = (p: number): number => r4(cpu[Math.min(cpu.length - 1, Math.floor(p * cpu.length))]!);
  return {
    train_cpu_seconds: r4((c1.user + c1.system) / 1e6),
    cpu_ms: { p50: at(0.5), p95: at(0.95), p99: at(0.99) },
    sanity: evaluate(index, queries),
  };
};

const quality = (): Record<string, unknown> => {
  const index = trainKb(STARTER_KB);
  const { curve, ...calibration } = index.calibration;
  const at = curve.find((c) => c.threshold === calibration.threshold);
  return {
    calibration_at_threshold: at,
    old_dev: evaluate(index, KB_QUERIES),
    new_dev: evaluate(index, KB_DEV_QUERIES),
    // Share of the written unanswerable questions (data/kb-unanswerable.ts) that come out as "no match".
    unanswerable_none_rate: Object.fromEntries(
      (['train_groups', 'dev_groups'] as const).map((part) => {
        const qs = KB_UNANSWERABLE.filter((g) => !g.dev === (part === 'train_groups')).flatMap(
          (g) => g.questions,
        );
        const none = qs.filter((q) => searchKb(index, q).match === null).length;
        return [part, { n: qs.length, none_rate: r4(none / qs.length) }];
      }),
    ),
    calibration,
  };
};

builtinIntentModel();
process.stdout.write(
  JSON.stringify({
    load_average_1m: r4(loadavg()[0]!),
    ...(argv.includes('--no-quality') ? {} : quality()),
    ...(argv.includes('--no-latency') ? {} : { latency: latency() }),
  }) + '\n',
);
