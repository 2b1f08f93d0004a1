import type { Arena, ArenaLayout, PartitionArgs } from './gbdt-arena.js';
import type { GbdtObjective } from './gbdt-objective.js';
import { findBestSplit, leafOutput } from './gbdt-split.js';
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
 * Threaded histogram building, partitions and gradient steps injected by the caller (core stays single-threaded
 * and pure; src/runtime/gbdt-threads.ts implements it): the arena is then allocated on shared memory, and the
 * strategy may split the features of every build (and the rows of every gather, partition and gradient step)
 * across threads running the same kernel. Each histogram cell is still summed over the same rows
 * in the same order, so models are bit-identical to single-threaded training.
 */
export type HistogramStrategy = {
  /** Called once per training, before any build, with the shared arena the later calls refer to. */
  bind: (memory: WebAssembly.Memory, layout: ArenaLayout) => void;
  /** Fills histogram slot `slot` (already zeroed) over rows order[start…end) for arena.features[0…nf). */
  build: (slot: number, start: number, end: number, nf: number, identity: boolean) => void;
  /** Optional: stable partition of order[start…end) (left rows first); returns the first right row. */
  partition?: (start: number, end: number, rule: PartitionArgs) => number;
  /** Optional: fills arena grad/hess from arena label/score (and weight when `weighted`) for every row. */
  gradients?: (objective: GbdtObjective, weighted: boolean) => void;
  /** Called once when training ends (also after an error). */
  release: () => void;
};

/** Workspace reused across trees: the arena (histogram slots, partition buffer, kernel) and the strategy. */
export type GrowWorkspace = {
  arena: Arena;
  strategy: HistogramStrategy | null;
  /** Features of the current tree: their count and whether features[q] = q. */
  nf: number;
  identity: boolean;
};

export const createWorkspace = (arena: Arena, strategy: HistogramStrategy | null = null): GrowWorkspace => ({
  arena,
  strategy,
  nf: 0,
  identity: true,
});

/** Zeroes and fills histogram slot `slot` through the strategy when there is one. */
const fillSlot = (ws: GrowWorkspace, slot: number, start: number, end: number): void => {
  ws.arena.kernel.clear(slot);
  if (ws.strategy) {
    ws.strategy.build(slot, start, end, ws.nf, ws.identity);
    return;
  }
  const { kernel } = ws.arena;
  const gathered = kernel.shouldGather(start, end);
  if (gathered) kernel.gather(start, start, end);
  kernel.build(slot, start, end, 0, ws.nf, ws.identity, gathered);
};

/** What a row partition needs of a split. */
export type PartitionRule = Pick<Split, 'feature' | 'thresholdBin' | 'defaultLeft' | 'catMask'>;

/** Stable in-place partition of order[start…end) by the split; returns the first right position. */
const partition = (ws: GrowWorkspace, leaf: Leaf, s: Split): number => {
  const { arena } = ws;
  if (s.catMask) arena.mask.set(s.catMask);
  const rule = {
    feature: s.feature,
    thresholdBin: s.thresholdBin,
    defaultLeft: s.defaultLeft,
    categorical: s.catMask !== null,
  };
  if (ws.strategy?.partition) return ws.strategy.partition(leaf.start, leaf.end, rule);
  const nl = arena.kernel.partition(leaf.start, leaf.end, rule);
  const mid = leaf.start + nl;
  arena.order.set(arena.scratch.subarray(leaf.start, leaf.start + (leaf.end - mid)), mid);
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
  ws.nf = features.length;
  ws.identity = features.every((f, q) => f === q);
  if (features !== ws.arena.features) ws.arena.features.set(features);
  fillSlot(ws, 0, 0, nRows);
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
      ? findBestSplit(ws.arena.hists[leaf.slot]!, leaf, features, d.binCounts, d.categorical, d.monotone, cfg)
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
    splitLeaf(d, cfg, ws, t, leaves, bi);
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
  cfg: GrowConfig,
  ws: GrowWorkspace,
  t: GrownTree,
  leaves: Leaf[],
  bi: number,
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
  const mid = partition(ws, leaf, s);
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
  fillSlot(ws, small.slot, small.start, small.end);
  ws.arena.kernel.subtract(large.slot, small.slot);
  leaves[bi] = left;
  leaves.push(right);
};
