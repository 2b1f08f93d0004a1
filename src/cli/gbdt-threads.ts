import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { buildHistogram, partitionRange } from '../core/ml/gbdt-grow.js';
import type { HistogramData, HistogramStrategy, PartitionRule } from '../core/ml/gbdt-grow.js';

/**
 * Histogram building for `trainGbdt` across worker threads. The training arrays live in SharedArrayBuffers;
 * every build splits the features into one contiguous share per thread (this thread takes the first share)
 * and hands the other shares to the workers through a shared control block with Atomics — no message per
 * build. Every cell is summed over the same rows in the same order as the single-thread builder, so models
 * are bit-identical. Training itself stays synchronous: this thread blocks in Atomics.wait for its helpers.
 */
export const CTRL = {
  seq: 0,
  done: 1,
  cmd: 2,
  slot: 3,
  start: 4,
  end: 5,
  qLo: 6,
  qHi: 7,
  nf: 8,
  /** Partition jobs: rule fields, result (left-row count) and the 256-entry categorical mask. */
  feature: 9,
  thresholdBin: 10,
  defaultLeft: 11,
  hasMask: 12,
  result: 13,
  mask: 14,
  features: 14 + 256,
  build: 1,
  stop: 2,
  partition: 3,
} as const;

export type BindMessage = {
  ctrl: SharedArrayBuffer;
  bins: ArrayBufferLike;
  p: number;
  grad: ArrayBufferLike;
  hess: ArrayBufferLike;
  order: ArrayBufferLike;
  scratch: ArrayBufferLike;
  hists: ArrayBufferLike[];
};

export type HistogramPool = { strategy: HistogramStrategy; threads: number; close: () => Promise<void> };

const startWorker = async (): Promise<Worker> => {
  const fromSource = import.meta.url.endsWith('.ts');
  const url = new URL(fromSource ? './gbdt-hist-worker.ts' : './gbdt-hist-worker.js', import.meta.url);
  // From sources (tsx, vitest) the worker is TypeScript: register tsx's loader inside the worker first.
  const w = fromSource
    ? new Worker(
        `import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(url.href)}); });`,
        { eval: true },
      )
    : new Worker(url);
  await new Promise<void>((resolve, reject) => {
    w.once('message', () => resolve());
    w.once('error', reject);
  });
  w.unref();
  return w;
};

/** Blocks until the worker has published `seq` as done. */
const waitDone = (ctrl: Int32Array, seq: number): void => {
  for (;;) {
    const v = Atomics.load(ctrl, CTRL.done);
    if (v === seq) return;
    Atomics.wait(ctrl, CTRL.done, v, 1000);
  }
};

/** Rows below which a build stays in this thread (hand-off costs more than it saves). */
const MIN_PARALLEL_ROWS = 4096;

/**
 * Stable partition in two halves: the helper partitions the second half while this thread does the first, then
 * the pieces are laid out as [left₁, left₂, right₁, right₂] — the same order as one sequential pass.
 */
const partitionShared = (
  b: { d: HistogramData; order: Int32Array; scratch: Int32Array },
  ctrl: Int32Array | undefined,
  seq: number,
  start: number,
  end: number,
  rule: PartitionRule,
): number => {
  const { d, order, scratch } = b;
  const m0 = ctrl && end - start >= MIN_PARALLEL_ROWS ? start + ((end - start) >> 1) : end;
  if (ctrl && m0 < end) {
    ctrl[CTRL.start] = m0;
    ctrl[CTRL.end] = end;
    ctrl[CTRL.feature] = rule.feature;
    ctrl[CTRL.thresholdBin] = rule.thresholdBin;
    ctrl[CTRL.defaultLeft] = rule.defaultLeft ? 1 : 0;
    ctrl[CTRL.hasMask] = rule.catMask ? 1 : 0;
    if (rule.catMask) ctrl.set(rule.catMask, CTRL.mask);
    ctrl[CTRL.cmd] = CTRL.partition;
    Atomics.store(ctrl, CTRL.seq, seq);
    Atomics.notify(ctrl, CTRL.seq);
  }
  const l1 = partitionRange(d, order, scratch, start, m0, rule);
  const r1 = m0 - start - l1;
  let l2 = 0;
  if (ctrl && m0 < end) {
    waitDone(ctrl, seq);
    l2 = ctrl[CTRL.result]!;
    order.copyWithin(start + l1, m0, m0 + l2);
  }
  const mid = start + l1 + l2;
  order.set(scratch.subarray(start, start + r1), mid);
  order.set(scratch.subarray(m0, m0 + (end - m0 - l2)), mid + r1);
  return mid;
};

/** Starts `threads − 1` helper workers (default: all cores) and returns the strategy plus a close(). */
export const startHistogramPool = async (threads = availableParallelism()): Promise<HistogramPool> => {
  const workers = await Promise.all(Array.from({ length: Math.max(0, threads - 1) }, () => startWorker()));
  let ctrls: Int32Array[] = [];
  let seq = 0;
  let bound: { d: HistogramData; order: Int32Array; hists: Float64Array[]; scratch: Int32Array } | null =
    null;
  const post = (ctrl: Int32Array, cmd: number): void => {
    ctrl[CTRL.cmd] = cmd;
    Atomics.store(ctrl, CTRL.seq, seq);
    Atomics.notify(ctrl, CTRL.seq);
  };
  const strategy: HistogramStrategy = {
    alloc: (bytes) => new SharedArrayBuffer(bytes),
    bind: (d, order, hists, scratch) => {
      bound = { d, order, hists, scratch };
      seq = 0;
      ctrls = workers.map((w) => {
        const ctrl = new Int32Array(new SharedArrayBuffer((CTRL.features + d.p) * 4));
        ctrl[CTRL.done] = -1;
        const m: BindMessage = {
          ctrl: ctrl.buffer,
          bins: d.bins.buffer,
          p: d.p,
          grad: d.grad.buffer,
          hess: d.hess.buffer,
          order: order.buffer,
          scratch: scratch.buffer,
          hists: hists.map((h) => h.buffer),
        };
        w.postMessage(m);
        return ctrl;
      });
      for (const ctrl of ctrls) waitDone(ctrl, 0);
    },
    build: (slot, start, end, features) => {
      const b = bound!;
      const hist = b.hists[slot]!;
      const nf = features.length;
      if (ctrls.length === 0 || end - start < MIN_PARALLEL_ROWS || nf < 2) {
        buildHistogram(hist, b.d, b.order, start, end, features);
        return;
      }
      const shares = Math.min(ctrls.length + 1, nf);
      const per = Math.ceil(nf / shares);
      seq++;
      for (let w = 1; w < shares; w++) {
        const ctrl = ctrls[w - 1]!;
        ctrl[CTRL.slot] = slot;
        ctrl[CTRL.start] = start;
        ctrl[CTRL.end] = end;
        ctrl[CTRL.qLo] = Math.min(nf, w * per);
        ctrl[CTRL.qHi] = Math.min(nf, (w + 1) * per);
        ctrl[CTRL.nf] = nf;
        ctrl.set(features, CTRL.features);
        post(ctrl, CTRL.build);
      }
      buildHistogram(hist, b.d, b.order, start, end, features, 0, Math.min(nf, per));
      for (let w = 1; w < shares; w++) waitDone(ctrls[w - 1]!, seq);
    },
    partition: (start, end, rule) => partitionShared(bound!, ctrls[0], ++seq, start, end, rule),
    release: () => {
      seq++;
      for (const ctrl of ctrls) post(ctrl, CTRL.stop);
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
