import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { arenaViews } from '../core/ml/gbdt-arena.js';
import type { Arena, ArenaLayout, PartitionArgs } from '../core/ml/gbdt-arena.js';
import type { HistogramStrategy } from '../core/ml/gbdt-grow.js';
import { gradientRange } from '../core/ml/gbdt-objective.js';
import { spawnWorker } from './worker.js';

/**
 * Histogram building for `trainGbdt` across worker threads. The training arena is one shared WebAssembly
 * memory; every thread instantiates the same kernel on it. Each build splits the features into one contiguous
 * share per thread (this thread takes the first share) and hands the other shares to the workers through a
 * shared control block with Atomics — no message per build. Every cell is summed over the same rows in the same
 * order as a single-thread build, so models are bit-identical. Training itself stays synchronous: this thread
 * blocks in Atomics.wait for its helpers.
 */
/**
 * The control block shared with each helper: one Int32 per field, at these indices. The trainer fills a job's
 * fields, writes `cmd` and publishes the job by storing a new `seq` (Atomics.notify); the helper runs it and
 * stores the same number in `done`.
 */
export const FIELD = {
  /** Job number the trainer published last; helpers wait on it. */
  seq: 0,
  /** Job number the helper finished last (−1 until bound); the trainer waits on it. */
  done: 1,
  /** Which job: one of COMMAND. */
  cmd: 2,
  /** Build: histogram slot. Gather: first row of the build the gathered rows belong to. */
  slot: 3,
  /** Row range order[start…end) of a build, gather, partition or gradient job. */
  start: 4,
  end: 5,
  /** Build: the share features[qLo…qHi). */
  qLo: 6,
  qHi: 7,
  /** Build: 1 when features[q] = q (all features in use). */
  identity: 8,
  /** Partition: the split rule (a categorical mask is in the arena). */
  feature: 9,
  thresholdBin: 10,
  defaultLeft: 11,
  categorical: 12,
  /** Partition: the number of left rows, written by the helper. */
  result: 13,
  /** Build: 1 when the rows were gathered first. */
  gathered: 14,
  /** Set by a worker whose job threw; the trainer then throws instead of using a partial histogram. */
  failed: 15,
  /** Gradients: 1 = binary, 0 = l2. */
  binary: 16,
  /** Gradients: 1 when weighted. */
  weighted: 17,
} as const;

/** Int32 fields in a control block. */
export const CONTROL_FIELDS = 18;

/** The jobs a helper runs, the value of FIELD.cmd. */
export const COMMAND = {
  build: 1,
  stop: 2,
  partition: 3,
  gather: 4,
  gradients: 5,
} as const;
export type Command = (typeof COMMAND)[keyof typeof COMMAND];

export type BindMessage = { ctrl: SharedArrayBuffer; memory: WebAssembly.Memory; layout: ArenaLayout };

export type HistogramPool = { strategy: HistogramStrategy; threads: number; close: () => Promise<void> };

const startWorker = async (): Promise<Worker> => {
  const w = spawnWorker('gbdt-hist-worker');
  await new Promise<void>((resolve, reject) => {
    w.once('message', () => resolve());
    w.once('error', reject);
  });
  w.unref();
  return w;
};

/** Blocks until the worker has published `seq` as done; throws when its job failed. */
const waitDone = (ctrl: Int32Array, seq: number): void => {
  for (;;) {
    const v = Atomics.load(ctrl, FIELD.done);
    if (v === seq) break;
    Atomics.wait(ctrl, FIELD.done, v, 1000);
  }
  if (ctrl[FIELD.failed] === 1) {
    ctrl[FIELD.failed] = 0;
    throw new Error('a GBDT histogram worker thread failed (its error is printed above)');
  }
};

/** Rows below which a build or partition stays in this thread (hand-off costs more than it saves). */
const MIN_PARALLEL_ROWS = 4096;

/**
 * Stable partition in two halves: the helper partitions the second half while this thread does the first, then
 * the pieces are laid out as [left₁, left₂, right₁, right₂] — the same order as one sequential pass.
 */
const partitionShared = (
  b: Arena,
  ctrl: Int32Array | undefined,
  seq: number,
  start: number,
  end: number,
  rule: PartitionArgs,
): number => {
  const { kernel, order, scratch } = b;
  const m0 = ctrl && end - start >= MIN_PARALLEL_ROWS ? start + ((end - start) >> 1) : end;
  if (ctrl && m0 < end) {
    ctrl[FIELD.start] = m0;
    ctrl[FIELD.end] = end;
    ctrl[FIELD.feature] = rule.feature;
    ctrl[FIELD.thresholdBin] = rule.thresholdBin;
    ctrl[FIELD.defaultLeft] = rule.defaultLeft ? 1 : 0;
    ctrl[FIELD.categorical] = rule.categorical ? 1 : 0;
    ctrl[FIELD.cmd] = COMMAND.partition;
    Atomics.store(ctrl, FIELD.seq, seq);
    Atomics.notify(ctrl, FIELD.seq);
  }
  const l1 = kernel.partition(start, m0, rule);
  const r1 = m0 - start - l1;
  let l2 = 0;
  if (ctrl && m0 < end) {
    waitDone(ctrl, seq);
    l2 = ctrl[FIELD.result]!;
    order.copyWithin(start + l1, m0, m0 + l2);
  }
  const mid = start + l1 + l2;
  order.set(scratch.subarray(start, start + r1), mid);
  order.set(scratch.subarray(m0, m0 + (end - m0 - l2)), mid + r1);
  return mid;
};

/** Rows × features from which `auto` training uses histogram threads (below, hand-offs cost more than they save). */
export const AUTO_THREAD_CELLS = 2_000_000;

/**
 * The histogram pool for training on n rows × p features: `threads` = 1 trains in process, a number starts that
 * many threads, `auto` starts one per core when the data is large enough to gain from it.
 */
export const histogramPoolFor = async (
  threads: number | 'auto',
  n: number,
  p: number,
): Promise<HistogramPool | null> => {
  const want = threads === 'auto' ? (n * p >= AUTO_THREAD_CELLS ? availableParallelism() : 1) : threads;
  return want > 1 ? startHistogramPool(want) : null;
};

/** Starts `threads − 1` helper workers (default: all cores) and returns the strategy plus a close(). */
export const startHistogramPool = async (threads = availableParallelism()): Promise<HistogramPool> => {
  const workers = await Promise.all(Array.from({ length: Math.max(0, threads - 1) }, () => startWorker()));
  let ctrls: Int32Array[] = [];
  let seq = 0;
  let bound: Arena | null = null;
  const post = (ctrl: Int32Array, cmd: Command): void => {
    ctrl[FIELD.cmd] = cmd;
    Atomics.store(ctrl, FIELD.seq, seq);
    Atomics.notify(ctrl, FIELD.seq);
  };
  const strategy: HistogramStrategy = {
    bind: (memory, layout) => {
      bound = arenaViews(memory, layout);
      seq = 0;
      ctrls = workers.map((w) => {
        const ctrl = new Int32Array(new SharedArrayBuffer(CONTROL_FIELDS * 4));
        ctrl[FIELD.done] = -1;
        const m: BindMessage = { ctrl: ctrl.buffer, memory, layout };
        w.postMessage(m);
        return ctrl;
      });
      for (const ctrl of ctrls) waitDone(ctrl, 0);
    },
    build: (slot, start, end, nf, identity) => {
      const b = bound!;
      const { kernel } = b;
      const gathered = kernel.shouldGather(start, end);
      const parallel = ctrls.length > 0 && end - start >= MIN_PARALLEL_ROWS && nf >= 2;
      if (gathered && parallel) {
        // The helper gathers the second half of the rows while this thread gathers the first.
        const mid = start + ((end - start) >> 1);
        const ctrl = ctrls[0]!;
        seq++;
        ctrl[FIELD.slot] = start;
        ctrl[FIELD.start] = mid;
        ctrl[FIELD.end] = end;
        post(ctrl, COMMAND.gather);
        kernel.gather(start, start, mid);
        waitDone(ctrl, seq);
      } else if (gathered) kernel.gather(start, start, end);
      if (!parallel) {
        kernel.build(slot, start, end, 0, nf, identity, gathered);
        return;
      }
      const shares = Math.min(ctrls.length + 1, nf);
      const per = Math.ceil(nf / shares);
      seq++;
      for (let w = 1; w < shares; w++) {
        const ctrl = ctrls[w - 1]!;
        ctrl[FIELD.slot] = slot;
        ctrl[FIELD.start] = start;
        ctrl[FIELD.end] = end;
        ctrl[FIELD.qLo] = Math.min(nf, w * per);
        ctrl[FIELD.qHi] = Math.min(nf, (w + 1) * per);
        ctrl[FIELD.identity] = identity ? 1 : 0;
        ctrl[FIELD.gathered] = gathered ? 1 : 0;
        post(ctrl, COMMAND.build);
      }
      kernel.build(slot, start, end, 0, Math.min(nf, per), identity, gathered);
      for (let w = 1; w < shares; w++) waitDone(ctrls[w - 1]!, seq);
    },
    partition: (start, end, rule) => partitionShared(bound!, ctrls[0], ++seq, start, end, rule),
    gradients: (objective, weighted) => {
      const b = bound!;
      const n = b.order.length;
      const ctrl = ctrls[0];
      const mid = ctrl && n >= MIN_PARALLEL_ROWS ? n >> 1 : n;
      if (ctrl && mid < n) {
        seq++;
        ctrl[FIELD.start] = mid;
        ctrl[FIELD.end] = n;
        ctrl[FIELD.binary] = objective === 'binary' ? 1 : 0;
        ctrl[FIELD.weighted] = weighted ? 1 : 0;
        post(ctrl, COMMAND.gradients);
      }
      gradientRange(objective, b.label, b.score, weighted ? b.weight : undefined, b.grad, b.hess, 0, mid);
      if (ctrl && mid < n) waitDone(ctrl, seq);
    },
    release: () => {
      seq++;
      for (const ctrl of ctrls) post(ctrl, COMMAND.stop);
      for (const ctrl of ctrls) waitDone(ctrl, seq);
      ctrls = [];
      bound = null;
    },
  };
  return {
    strategy,
    threads: workers.length + 1,
    close: async () => {
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
};
