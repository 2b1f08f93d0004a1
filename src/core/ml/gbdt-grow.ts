import { HIST_STRIDE, findBestSplit, leafOutput } from './gbdt-split.js';
import type { LeafStats, Split, SplitConfig } from './gbdt-split.js';

/**
 * Leaf-wise (best-first) growth of one tree on binned data (LightGBM, Ke et al. 2017): the leaf with the
 * largest gain is split next until num_leaves is reached. Only the smaller child's histogram is built from
 * rows; the larger one is the parent's minus it (histogram subtraction). Monotone constraints: a split on a
 * constrained feature must order the two child outputs, and the midpoint of the two outputs becomes a bound
 * for every leaf below (XGBoost/LightGBM "basic" method), which makes the whole tree monotone.
 */
export type GrowConfig = SplitConfig & { numLeaves: number; maxDepth: number };

export type GrowData = {
  bins: Uint8Array;
  p: number;
  grad: Float64Array;
  hess: Float64Array;
  binCounts: Int32Array;
  categorical: Uint8Array;
  monotone: Int8Array;
};

/** Tree structure before conversion: node arrays plus the row range of each leaf in `order`. */
export type GrownTree = {
  feature: number[];
  thresholdBin: number[];
  defaultLeft: boolean[];
  catMask: Array<Uint8Array | null>;
  left: number[];
  right: number[];
  gain: number[];
  cover: number[];
  leafValue: Float64Array;
  leafCover: Float64Array;
  leafStart: Int32Array;
  leafEnd: Int32Array;
};

type Leaf = LeafStats & {
  start: number;
  end: number;
  depth: number;
  slot: number;
  best: Split | null;
  parent: number;
  isLeft: boolean;
};

const NO_PARENT = { best: null, parent: -1, isLeft: false } as const;

/**
 * Histogram building strategy injected by the caller (core stays single-threaded and pure): a runtime may
 * back the arrays with shared memory and split the features of every build across threads. Each histogram
 * cell is still summed over the same rows in the same order, so models are bit-identical to the default.
 */
export type HistogramStrategy = {
  /** Backing memory for the arrays the builders read and write (shared memory when threads read them). */
  alloc: (bytes: number) => ArrayBufferLike;
  /** Called once per training, before any build, with the arrays later builds refer to. */
  bind: (d: HistogramData, order: Int32Array, hists: Float64Array[], scratch: Int32Array) => void;
  /** Fills hists[slot] (already zeroed) over rows order[start…end) for the given features. */
  build: (slot: number, start: number, end: number, features: Int32Array) => void;
  /** Optional: stable partition of order[start…end) (as `partitionRange` + merge); returns the first right row. */
  partition?: (start: number, end: number, s: PartitionRule) => number;
  /** Called once when training ends (also after an error). */
  release: () => void;
};

/** The part of GrowData a histogram builder reads. */
export type HistogramData = Pick<GrowData, 'bins' | 'p' | 'grad' | 'hess'>;

/** Workspace reused across trees: histogram slots and a partition buffer. */
export type GrowWorkspace = {
  hists: Float64Array[];
  scratch: Int32Array;
  strategy: HistogramStrategy | null;
};

export const createWorkspace = (
  p: number,
  numLeaves: number,
  n: number,
  strategy: HistogramStrategy | null = null,
): GrowWorkspace => ({
  hists: Array.from({ length: numLeaves }, () =>
    strategy ? new Float64Array(strategy.alloc(p * HIST_STRIDE * 8)) : new Float64Array(p * HIST_STRIDE),
  ),
  scratch: strategy ? new Int32Array(strategy.alloc(n * 4)) : new Int32Array(n),
  strategy,
});

/**
 * Adds Σ(g, h, 1) per (feature, bin) over rows order[start…end) into `hist`, for features[qLo…qHi). Row by
 * row over the row-major bins: one cache line per row, and the features' cells are independent updates.
 */
export const buildHistogram = (
  hist: Float64Array,
  d: HistogramData,
  order: Int32Array,
  start: number,
  end: number,
  features: Int32Array,
  qLo = 0,
  qHi = features.length,
): void => {
  const { bins, p, grad, hess } = d;
  let identity = true;
  for (let q = qLo; q < qHi && identity; q++) identity = features[q] === q;
  if (identity) {
    for (let k = start; k < end; k++) {
      const r = order[k]!;
      const g = grad[r]!;
      const h = hess[r]!;
      let o = r * p + qLo;
      for (let f = qLo, fo = qLo * HIST_STRIDE; f < qHi; f++, fo += HIST_STRIDE) {
        const c = fo + bins[o++]! * 3;
        hist[c] = hist[c]! + g;
        hist[c + 1] = hist[c + 1]! + h;
        hist[c + 2] = hist[c + 2]! + 1;
      }
    }
    return;
  }
  for (let k = start; k < end; k++) {
    const r = order[k]!;
    const g = grad[r]!;
    const h = hess[r]!;
    const o = r * p;
    for (let q = qLo; q < qHi; q++) {
      const f = features[q]!;
      const c = f * HIST_STRIDE + bins[o + f]! * 3;
      hist[c] = hist[c]! + g;
      hist[c + 1] = hist[c + 1]! + h;
      hist[c + 2] = hist[c + 2]! + 1;
    }
  }
};

/** Zeroes and fills histogram slot `slot` through the strategy when there is one. */
const fillSlot = (
  ws: GrowWorkspace,
  d: GrowData,
  order: Int32Array,
  slot: number,
  start: number,
  end: number,
  features: Int32Array,
): void => {
  const hist = ws.hists[slot]!;
  hist.fill(0);
  if (ws.strategy) ws.strategy.build(slot, start, end, features);
  else buildHistogram(hist, d, order, start, end, features);
};

const subtractInto = (parent: Float64Array, child: Float64Array): void => {
  for (let i = 0; i < parent.length; i++) parent[i] = parent[i]! - child[i]!;
};

/** What a row partition needs of a split. */
export type PartitionRule = Pick<Split, 'feature' | 'thresholdBin' | 'defaultLeft' | 'catMask'>;

/**
 * Stable partition of order[start…end) by the split rule: left rows are compacted in place from `start`,
 * right rows go to scratch[start…] in order. Returns the number of left rows.
 */
export const partitionRange = (
  d: HistogramData,
  order: Int32Array,
  scratch: Int32Array,
  start: number,
  end: number,
  s: PartitionRule,
): number => {
  const { bins, p } = d;
  const f = s.feature;
  const mask = s.catMask;
  const thr = s.thresholdBin;
  const defLeft = s.defaultLeft;
  let l = start;
  let r = start;
  for (let k = start; k < end; k++) {
    const row = order[k]!;
    const b = bins[row * p + f]!;
    const left = b === 0 ? defLeft : mask ? mask[b] === 1 : b <= thr;
    if (left) order[l++] = row;
    else scratch[r++] = row;
  }
  return l - start;
};

/** Stable in-place partition of order[start…end) by the split; returns the first right position. */
const partition = (d: GrowData, order: Int32Array, ws: GrowWorkspace, leaf: Leaf, s: Split): number => {
  if (ws.strategy?.partition) return ws.strategy.partition(leaf.start, leaf.end, s);
  const nl = partitionRange(d, order, ws.scratch, leaf.start, leaf.end, s);
  const mid = leaf.start + nl;
  order.set(ws.scratch.subarray(leaf.start, leaf.start + (leaf.end - mid)), mid);
  return mid;
};

export const growTree = (
  d: GrowData,
  order: Int32Array,
  nRows: number,
  features: Int32Array,
  cfg: GrowConfig,
  ws: GrowWorkspace,
): GrownTree => {
  const t: GrownTree = {
    feature: [],
    thresholdBin: [],
    defaultLeft: [],
    catMask: [],
    left: [],
    right: [],
    gain: [],
    cover: [],
    leafValue: new Float64Array(0),
    leafCover: new Float64Array(0),
    leafStart: new Int32Array(0),
    leafEnd: new Int32Array(0),
  };
  fillSlot(ws, d, order, 0, 0, nRows, features);
  let g = 0;
  let h = 0;
  for (let k = 0; k < nRows; k++) {
    g += d.grad[order[k]!]!;
    h += d.hess[order[k]!]!;
  }
  const root: Leaf = {
    g,
    h,
    c: nRows,
    lo: -Infinity,
    hi: Infinity,
    start: 0,
    end: nRows,
    depth: 0,
    slot: 0,
    ...NO_PARENT,
  };
  const leaves: Leaf[] = [root];
  const evaluate = (leaf: Leaf): void => {
    const canSplit =
      (cfg.maxDepth <= 0 || leaf.depth < cfg.maxDepth) && leaf.c >= 2 * Math.max(1, cfg.minDataInLeaf);
    leaf.best = canSplit
      ? findBestSplit(ws.hists[leaf.slot]!, leaf, features, d.binCounts, d.categorical, d.monotone, cfg)
      : null;
  };
  evaluate(root);
  while (leaves.length < cfg.numLeaves) {
    let bi = -1;
    for (let i = 0; i < leaves.length; i++) {
      const b = leaves[i]!.best;
      if (b && (bi < 0 || b.gain > leaves[bi]!.best!.gain)) bi = i;
    }
    if (bi < 0) break;
    splitLeaf(d, order, cfg, ws, t, leaves, bi, features);
    evaluate(leaves[bi]!);
    evaluate(leaves[leaves.length - 1]!);
  }
  t.leafValue = Float64Array.from(leaves, (l) => leafOutput(l.g, l.h, cfg.lambdaL2, l.lo, l.hi));
  t.leafCover = Float64Array.from(leaves, (l) => l.c);
  t.leafStart = Int32Array.from(leaves, (l) => l.start);
  t.leafEnd = Int32Array.from(leaves, (l) => l.end);
  return t;
};

const splitLeaf = (
  d: GrowData,
  order: Int32Array,
  cfg: GrowConfig,
  ws: GrowWorkspace,
  t: GrownTree,
  leaves: Leaf[],
  bi: number,
  features: Int32Array,
): void => {
  const leaf = leaves[bi]!;
  const s = leaf.best!;
  const node = t.feature.length;
  t.feature.push(s.feature);
  t.thresholdBin.push(s.thresholdBin);
  t.defaultLeft.push(s.defaultLeft);
  t.catMask.push(s.catMask);
  t.gain.push(s.gain);
  t.cover.push(leaf.c);
  const rightIndex = leaves.length;
  t.left.push(~bi);
  t.right.push(~rightIndex);
  if (leaf.parent >= 0) (leaf.isLeft ? t.left : t.right)[leaf.parent] = node;
  const mid = partition(d, order, ws, leaf, s);
  let { lo: llo, hi: lhi } = leaf;
  let { lo: rlo, hi: rhi } = leaf;
  const mono = d.monotone[s.feature]!;
  if (mono !== 0) {
    const wl = leafOutput(s.lg, s.lh, cfg.lambdaL2, leaf.lo, leaf.hi);
    const wr = leafOutput(s.rg, s.rh, cfg.lambdaL2, leaf.lo, leaf.hi);
    const m = (wl + wr) / 2;
    if (mono > 0) {
      lhi = Math.min(lhi, m);
      rlo = Math.max(rlo, m);
    } else {
      llo = Math.max(llo, m);
      rhi = Math.min(rhi, m);
    }
  }
  const depth = leaf.depth + 1;
  const left: Leaf = {
    g: s.lg,
    h: s.lh,
    c: s.lc,
    lo: llo,
    hi: lhi,
    start: leaf.start,
    end: mid,
    depth,
    slot: 0,
    best: null,
    parent: node,
    isLeft: true,
  };
  const right: Leaf = {
    g: s.rg,
    h: s.rh,
    c: s.rc,
    lo: rlo,
    hi: rhi,
    start: mid,
    end: leaf.end,
    depth,
    slot: 0,
    best: null,
    parent: node,
    isLeft: false,
  };
  // Smaller child from rows into a fresh slot, larger child by subtraction in the parent's slot.
  const small = left.c <= right.c ? left : right;
  const large = small === left ? right : left;
  small.slot = rightIndex;
  large.slot = leaf.slot;
  fillSlot(ws, d, order, small.slot, small.start, small.end, features);
  subtractInto(ws.hists[large.slot]!, ws.hists[small.slot]!);
  leaves[bi] = left;
  leaves.push(right);
};
