import { badInput } from '../errors.js';
import { MAX_PAGES } from '../wasm/encode.js';
import { CELL_BYTES, FEATURE_BYTES, instantiateKernel } from './gbdt-kernel.js';
import type { KernelExports } from './gbdt-kernel.js';

/**
 * One WebAssembly memory that holds every array the GBDT inner loops touch — binned matrix, gradients,
 * hessians, the row order and its partition buffer, the histogram slots, the per-tree feature list and the
 * categorical mask — so the kernel addresses them by offset. The layout is plain data: worker threads given a
 * shared memory and the layout build their own kernel on the same arrays.
 */
export type ArenaLayout = {
  n: number;
  p: number;
  slots: number;
  bins: number;
  /** The same bins column-major (feature f's column at cols + f·n), read by the partition. */
  cols: number;
  grad: number;
  hess: number;
  /** Labels, current raw scores and sample weights (f64 per row), read by the gradient step. */
  label: number;
  score: number;
  weight: number;
  order: number;
  scratch: number;
  features: number;
  mask: number;
  /** Gathered copies of one build's rows (stride `rowStride`) and their (g, h) pairs. */
  rows: number;
  rowStride: number;
  pairs: number;
  hists: number;
  histBytes: number;
  /** Per feature: bytes of its histogram block its bins use (a multiple of 16), all that is cleared and subtracted. */
  histUsedBytes: number[];
  bytes: number;
};

const PAGE = 65_536;
const align = (v: number): number => Math.ceil(v / 64) * 64;

export const arenaLayout = (n: number, slots: number, binCounts: Int32Array): ArenaLayout => {
  const p = binCounts.length;
  let at = 64; // offset 0 stays unused so that 0 can mean "no mask"
  const take = (bytes: number): number => {
    const o = at;
    at = align(at + bytes);
    return o;
  };
  const histBytes = p * FEATURE_BYTES;
  const rowStride = Math.ceil(p / 16) * 16;
  const l = {
    n,
    p,
    slots,
    bins: take(n * p + 16), // the gather's 16-byte copies may run up to 15 bytes past the last row
    cols: take(n * p),
    grad: take(n * 8),
    hess: take(n * 8),
    label: take(n * 8),
    score: take(n * 8),
    weight: take(n * 8),
    order: take(n * 4),
    scratch: take(n * 4),
    features: take(p * 4),
    mask: take(256),
    rows: take(n * rowStride),
    rowStride,
    pairs: take(n * 16),
    hists: take(slots * histBytes),
    histBytes,
    histUsedBytes: Array.from(binCounts, (c) => Math.ceil((c * CELL_BYTES) / 16) * 16),
    bytes: 0,
  };
  l.bytes = at;
  return l;
};

/** Typed views of a layout on a memory, and the kernel calls with their offsets filled in. */
export type Arena = {
  layout: ArenaLayout;
  memory: WebAssembly.Memory;
  bins: Uint8Array;
  cols: Uint8Array;
  grad: Float64Array;
  hess: Float64Array;
  label: Float64Array;
  score: Float64Array;
  weight: Float64Array;
  order: Int32Array;
  scratch: Int32Array;
  features: Int32Array;
  mask: Uint8Array;
  hists: Float64Array[];
  kernel: ArenaKernel;
};

/** What a split rule needs for the partition kernel; a categorical mask must already be in `arena.mask`. */
export type PartitionArgs = {
  feature: number;
  thresholdBin: number;
  defaultLeft: boolean;
  categorical: boolean;
};

export type ArenaKernel = {
  /**
   * Whether a build over rows order[start…end) should gather them first: when they are a sparse part of the
   * matrix, copying their bins and (g, h) pairs into contiguous buffers is cheaper than letting scattered rows
   * stall the feature loop on cache misses.
   */
  shouldGather: (start: number, end: number) => boolean;
  /** Gathers rows order[from…to) of a build that starts at row `start` (threads can split the range). */
  gather: (start: number, from: number, to: number) => void;
  /** Adds rows order[start…end) into slot `slot` for features[qLo…qHi) (`identity`: features[q] = q). */
  build: (
    slot: number,
    start: number,
    end: number,
    qLo: number,
    qHi: number,
    identity: boolean,
    gathered: boolean,
  ) => void;
  /** Stable partition of order[start…end): left rows compacted from start, right rows into scratch from start. */
  partition: (start: number, end: number, rule: PartitionArgs) => number;
  /** hists[into] −= hists[from] over the bins in use. */
  subtract: (into: number, from: number) => void;
  /** Zeroes the bins in use of hists[slot]. */
  clear: (slot: number) => void;
  /** score[order[k]] += v for k in [start, end). */
  addLeaf: (start: number, end: number, v: number) => void;
};

const bindKernel = (memory: WebAssembly.Memory, l: ArenaLayout): ArenaKernel => {
  const k: KernelExports = instantiateKernel(memory, memory.buffer instanceof SharedArrayBuffer);
  const slot = (s: number): number => l.hists + s * l.histBytes;
  const chunks = l.rowStride / 16;
  const cells = new Uint8Array(memory.buffer);
  return {
    shouldGather: (start, end) => (end - start) * 2 < l.n,
    gather: (start, from, to) =>
      k.gather({
        rows: l.rows + (from - start) * l.rowStride,
        pairs: l.pairs + (from - start) * 16,
        bins: l.bins,
        p: l.p,
        chunks,
        grad: l.grad,
        hess: l.hess,
        order: l.order,
        k: from,
        end: to,
      }),
    build: (s, start, end, qLo, qHi, identity, gathered) => {
      const hist = slot(s);
      if (gathered) {
        const f = identity ? k.hist_gathered : k.hist_gathered_list;
        f({
          hist,
          rows: l.rows,
          stride: l.rowStride,
          pairs: l.pairs,
          m: end - start,
          feats: l.features,
          qLo,
          qHi,
        });
      } else {
        const f = identity ? k.hist_direct : k.hist_direct_list;
        f({
          hist,
          bins: l.bins,
          p: l.p,
          grad: l.grad,
          hess: l.hess,
          order: l.order,
          k: start,
          end,
          feats: l.features,
          qLo,
          qHi,
        });
      }
    },
    partition: (start, end, r) =>
      k.partition({
        column: l.cols + r.feature * l.n,
        order: l.order,
        scratch: l.scratch,
        k: start,
        end,
        thr: r.thresholdBin,
        defLeft: r.defaultLeft ? 1 : 0,
        mask: r.categorical ? l.mask : 0,
      }),
    subtract: (into, from) => {
      for (let f = 0, a = slot(into), b = slot(from); f < l.p; f++, a += FEATURE_BYTES, b += FEATURE_BYTES) {
        k.subtract({ parent: a, child: b, bytes: l.histUsedBytes[f]! });
      }
    },
    addLeaf: (start, end, v) => k.add_leaf({ score: l.score, order: l.order, k: start, end, v }),
    clear: (s) => {
      for (let f = 0, a = slot(s); f < l.p; f++, a += FEATURE_BYTES)
        cells.fill(0, a, a + l.histUsedBytes[f]!);
    },
  };
};

/** Typed views over a memory laid out as `l`, and a kernel instance on it (workers call this on a shared memory). */
export const arenaViews = (memory: WebAssembly.Memory, l: ArenaLayout): Arena => {
  const b = memory.buffer;
  return {
    layout: l,
    memory,
    bins: new Uint8Array(b, l.bins, l.n * l.p),
    cols: new Uint8Array(b, l.cols, l.n * l.p),
    grad: new Float64Array(b, l.grad, l.n),
    hess: new Float64Array(b, l.hess, l.n),
    label: new Float64Array(b, l.label, l.n),
    score: new Float64Array(b, l.score, l.n),
    weight: new Float64Array(b, l.weight, l.n),
    order: new Int32Array(b, l.order, l.n),
    scratch: new Int32Array(b, l.scratch, l.n),
    features: new Int32Array(b, l.features, l.p),
    mask: new Uint8Array(b, l.mask, 256),
    hists: Array.from(
      { length: l.slots },
      (_, s) => new Float64Array(b, l.hists + s * l.histBytes, l.histBytes / 8),
    ),
    kernel: bindKernel(memory, l),
  };
};

/**
 * Allocates the memory for n rows, features with the given bin counts and `slots` histograms (shared when
 * threads will use it).
 */
export const createArena = (n: number, slots: number, binCounts: Int32Array, shared: boolean): Arena => {
  const l = arenaLayout(n, slots, binCounts);
  const pages = Math.ceil(l.bytes / PAGE);
  if (pages > MAX_PAGES) {
    throw badInput(
      'X',
      `${n} rows × ${l.p} features need ${(l.bytes / 2 ** 30).toFixed(1)} GiB of training memory, more than the 4 GiB ` +
        'a WebAssembly memory can address; train on a sample of the rows or fewer features',
    );
  }
  const memory = new WebAssembly.Memory(
    shared ? { initial: pages, maximum: pages, shared: true } : { initial: pages, maximum: pages },
  );
  return arenaViews(memory, l);
};
