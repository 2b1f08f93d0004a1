import { goesLeft } from './gbdt-tree.js';
import type { Tree } from './gbdt-tree.js';
import { collectPaths, leafTable } from './treeshap-fast.js';
import type { LeafPath } from './treeshap-fast.js';
import { makeBuffers } from './treeshap-path.js';

/**
 * Exact TreeSHAP by subtree tables, a generalisation of Fast TreeSHAP v2 (Yang 2021). A leaf's contribution
 * vector v·(o_s − z_s)·W_s(o, z) depends on the row only through the split decisions on its path, so for a
 * subtree rooted at node u the summed contributions of all its leaves are a function of the decisions of u's
 * ancestors and of u's internal nodes. Internal nodes are numbered in pre-order, so a subtree's decisions are a
 * contiguous bit range of the row's decision word D (bit k = row goes left at node k); the table key is that
 * range plus the ancestors' bits. A row then costs one comparison per node and, per unit, one key and |F_u|
 * additions (F_u = features on the paths of u's leaves) — instead of Σ_leaves k_l additions. The units covering
 * the tree are chosen by a dynamic programme minimising that cost under a table-size budget.
 */
export type UnitTree = {
  /** Internal nodes in pre-order: split feature, threshold, NaN goes left, categorical, original index. */
  feature: Int32Array;
  threshold: Float64Array;
  nanLeft: Uint8Array;
  isCat: Uint8Array;
  orig: Int32Array;
  anyCat: boolean;
  /** Per unit: first subtree node (pre-order) and subtree size m; key = (D >>> lo) & (2^m − 1) | path << m. */
  unitLo: Int32Array;
  unitM: Int32Array;
  /** Per unit: its ancestors (pre-order indices), in key-bit order, as a range of `ancestors`. */
  unitAncStart: Int32Array;
  unitAncEnd: Int32Array;
  ancestors: Int32Array;
  /** Per unit: features F_u as a range of `features`, and the table start (entries key·|F_u| + s). */
  unitFeatStart: Int32Array;
  unitK: Int32Array;
  features: Int32Array;
  unitTableStart: Int32Array;
  table: Float64Array;
};

/** Key bits allowed per unit (table has 2^bits · |F_u| numbers). */
const MAX_BITS = 10;
/** Internal nodes must fit in one 32-bit decision word. */
const MAX_NODES = 31;

type Step = { node: number; left: boolean };
type Unit = { root: number; anc: number[]; leaves: number[]; features: number[]; m: number };
type Ctx = {
  t: Tree;
  pre: Int32Array;
  size: Int32Array;
  slot: Int32Array;
  leaves: LeafPath[];
  leafSteps: Step[][];
};

const subtreeLeaves = (t: Tree, c: number, out: number[]): number[] => {
  if (c < 0) out.push(~c);
  else {
    subtreeLeaves(t, t.left[c]!, out);
    subtreeLeaves(t, t.right[c]!, out);
  }
  return out;
};

/** Cheapest cover of the subtree at child c (ancestors `anc`) by units: cost ≈ 3 + 1.5·|anc| + |F_u|. */
const bestUnits = (ctx: Ctx, c: number, anc: number[]): { cost: number; units: Unit[] } => {
  const leaves = subtreeLeaves(ctx.t, c, []);
  const features = [...new Set(leaves.flatMap((l) => ctx.leaves[l]!.features))];
  const m = c < 0 ? 0 : ctx.size[c]!;
  const unit: Unit = { root: c, anc, leaves, features, m };
  const own = m + anc.length <= MAX_BITS ? 3 + 1.5 * anc.length + features.length : Infinity;
  if (c < 0) return { cost: own, units: [unit] };
  const l = bestUnits(ctx, ctx.t.left[c]!, [...anc, c]);
  const r = bestUnits(ctx, ctx.t.right[c]!, [...anc, c]);
  if (own <= l.cost + r.cost) return { cost: own, units: [unit] };
  return { cost: l.cost + r.cost, units: [...l.units, ...r.units] };
};

/** Summed leaf contributions of a unit for every key. */
const unitTable = (ctx: Ctx, u: Unit, leafTables: Float64Array[]): Float64Array => {
  const K = u.features.length;
  const lo = u.root < 0 ? 0 : ctx.pre[u.root]!;
  const size = 1 << (u.m + u.anc.length);
  const out = new Float64Array(size * K);
  const bitOf = (node: number): number => {
    const k = ctx.pre[node]!;
    if (k >= lo && k < lo + u.m) return k - lo;
    return u.m + u.anc.indexOf(node);
  };
  const pos = u.leaves.map((l) => ctx.leaves[l]!.features.map((f) => u.features.indexOf(f)));
  const steps = u.leaves.map((l) =>
    ctx.leafSteps[l]!.map((st) => ({ bit: bitOf(st.node), left: st.left, slot: ctx.slot[st.node]! })),
  );
  for (let key = 0; key < size; key++) {
    u.leaves.forEach((l, li) => {
      const k = ctx.leaves[l]!.features.length;
      let pattern = (1 << k) - 1;
      for (const st of steps[li]!)
        if (((key >> st.bit) & 1) !== (st.left ? 1 : 0)) pattern &= ~(1 << st.slot);
      const lt = leafTables[l]!;
      const ps = pos[li]!;
      for (let s = 0; s < k; s++) {
        const o = ps[s]! * size + key;
        out[o] = out[o]! + lt[pattern * k + s]!;
      }
    });
  }
  return out;
};

/** Pre-order numbering, subtree sizes (internal nodes) and each leaf's path steps. */
const layout = (t: Tree): { pre: Int32Array; order: number[]; size: Int32Array; leafSteps: Step[][] } => {
  const pre = new Int32Array(t.feature.length);
  const size = new Int32Array(t.feature.length);
  const order: number[] = [];
  const leafSteps: Step[][] = new Array<Step[]>(t.leafValue.length);
  const walk = (c: number, path: Step[]): number => {
    if (c < 0) {
      leafSteps[~c] = path;
      return 0;
    }
    pre[c] = order.length;
    order.push(c);
    const n =
      1 +
      walk(t.left[c]!, [...path, { node: c, left: true }]) +
      walk(t.right[c]!, [...path, { node: c, left: false }]);
    size[c] = n;
    return n;
  };
  walk(0, []);
  return { pre, order, size, leafSteps };
};

/** Builds the unit tables of a tree, or null when it has too many internal nodes for one decision word. */
export const precomputeUnits = (t: Tree): UnitTree | null => {
  const m = t.feature.length;
  if (m === 0 || m > MAX_NODES) return null;
  const slot = new Int32Array(m);
  const leaves: LeafPath[] = new Array<LeafPath>(t.leafValue.length);
  collectPaths(t, slot, leaves);
  const { pre, order, size, leafSteps } = layout(t);
  const ctx: Ctx = { t, pre, size, slot, leaves, leafSteps };
  const b = makeBuffers(Math.max(...leaves.map((l) => l.features.length)) + 1);
  const leafTables = leaves.map((l, li) => leafTable(l, t.leafValue[li]!, b));
  const { units } = bestUnits(ctx, 0, []);
  const tables = units.map((u) => unitTable(ctx, u, leafTables));
  const ut: UnitTree = {
    feature: Int32Array.from(order, (k) => t.feature[k]!),
    threshold: Float64Array.from(order, (k) => t.threshold[k]!),
    nanLeft: Uint8Array.from(order, (k) => t.defaultLeft[k]!),
    isCat: Uint8Array.from(order, (k) => (t.categories[k] ? 1 : 0)),
    orig: Int32Array.from(order),
    anyCat: t.categories.some((c) => c !== null),
    unitLo: Int32Array.from(units, (u) => (u.root < 0 ? 0 : pre[u.root]!)),
    unitM: Int32Array.from(units, (u) => u.m),
    unitAncStart: new Int32Array(units.length),
    unitAncEnd: new Int32Array(units.length),
    ancestors: Int32Array.from(units.flatMap((u) => u.anc.map((a) => pre[a]!))),
    unitFeatStart: new Int32Array(units.length),
    unitK: Int32Array.from(units, (u) => u.features.length),
    features: Int32Array.from(units.flatMap((u) => u.features)),
    unitTableStart: new Int32Array(units.length),
    table: new Float64Array(tables.reduce((s, x) => s + x.length, 0)),
  };
  let ao = 0;
  let fo = 0;
  let to = 0;
  units.forEach((u, k) => {
    ut.unitAncStart[k] = ao;
    ao += u.anc.length;
    ut.unitAncEnd[k] = ao;
    ut.unitFeatStart[k] = fo;
    fo += u.features.length;
    ut.unitTableStart[k] = to;
    ut.table.set(tables[k]!, to);
    to += tables[k]!.length;
  });
  return ut;
};

/**
 * Decision words of the block's rows into dec[0…n): bit k set when the row goes left at pre-order node k.
 * `xt` is the block transposed (feature f of row i at f·stride + i), so each node's loop reads one column.
 */
const decisions = (
  ut: UnitTree,
  t: Tree,
  xt: Float64Array,
  n: number,
  stride: number,
  dec: Int32Array,
): void => {
  const { feature, threshold, nanLeft, isCat, orig, anyCat } = ut;
  dec.fill(0, 0, n);
  for (let k = 0; k < feature.length; k++) {
    const thr = threshold[k]!;
    const c = feature[k]! * stride;
    if (anyCat && isCat[k] === 1) {
      for (let i = 0; i < n; i++) if (goesLeft(t, orig[k]!, xt[c + i]!)) dec[i] = dec[i]! | (1 << k);
    } else if (nanLeft[k] === 1) {
      // A missing value fails every comparison: it goes left only where the split says so.
      for (let i = 0; i < n; i++) dec[i] = dec[i]! | (+!(xt[c + i]! > thr) << k);
    } else {
      for (let i = 0; i < n; i++) dec[i] = dec[i]! | (+(xt[c + i]! <= thr) << k);
    }
  }
};

/** phit[c + i] += table[tb + keys[i]] for i < n: one feature's column of a unit (kept small for the JIT). */
const gatherAdd = (
  phit: Float64Array,
  c: number,
  table: Float64Array,
  tb: number,
  keys: Int32Array,
  n: number,
): void => {
  for (let i = 0; i < n; i++) phit[c + i] = phit[c + i]! + table[tb + keys[i]!]!;
};

/** Two columns at once (tables at tb and tb + size): one pass over the keys for both. */
const gatherAdd2 = (
  phit: Float64Array,
  c1: number,
  c2: number,
  table: Float64Array,
  tb: number,
  size: number,
  keys: Int32Array,
  n: number,
): void => {
  const tb2 = tb + size;
  for (let i = 0; i < n; i++) {
    const key = keys[i]!;
    phit[c1 + i] = phit[c1 + i]! + table[tb + key]!;
    phit[c2 + i] = phit[c2 + i]! + table[tb2 + key]!;
  }
};

/** Four columns at once (features[f…f+3], tables at tb + j·size). */
const gatherAdd4 = (
  phit: Float64Array,
  features: Int32Array,
  f: number,
  stride: number,
  table: Float64Array,
  tb: number,
  size: number,
  keys: Int32Array,
  n: number,
): void => {
  const c1 = features[f]! * stride;
  const c2 = features[f + 1]! * stride;
  const c3 = features[f + 2]! * stride;
  const c4 = features[f + 3]! * stride;
  const t2 = tb + size;
  const t3 = t2 + size;
  const t4 = t3 + size;
  for (let i = 0; i < n; i++) {
    const key = keys[i]!;
    phit[c1 + i] = phit[c1 + i]! + table[tb + key]!;
    phit[c2 + i] = phit[c2 + i]! + table[t2 + key]!;
    phit[c3 + i] = phit[c3 + i]! + table[t3 + key]!;
    phit[c4 + i] = phit[c4 + i]! + table[t4 + key]!;
  }
};

/** Scratch of one row block: transposed inputs and φ (column f at f·stride), decision words and keys. */
export type UnitScratch = { xt: Float64Array; phit: Float64Array; dec: Int32Array; keys: Int32Array };

/**
 * Adds the tree's SHAP values of the block's n rows to `phit` (transposed like `xt`): decision words first,
 * then unit by unit — keys, then one gather-add per feature, so the unit's table column stays in cache.
 */
export const unitTreeShap = (ut: UnitTree, t: Tree, n: number, stride: number, sc: UnitScratch): void => {
  const { unitLo, unitM, unitAncStart, unitAncEnd, ancestors, unitFeatStart, unitK, features } = ut;
  const { unitTableStart, table } = ut;
  const { dec, keys, phit } = sc;
  decisions(ut, t, sc.xt, n, stride, dec);
  for (let u = 0; u < unitLo.length; u++) {
    const m = unitM[u]!;
    const lo = unitLo[u]!;
    const mask = (1 << m) - 1;
    const a0 = unitAncStart[u]!;
    const a1 = unitAncEnd[u]!;
    for (let i = 0; i < n; i++) {
      const d = dec[i]!;
      let key = (d >>> lo) & mask;
      for (let a = a0; a < a1; a++) key |= ((d >>> ancestors[a]!) & 1) << (m + a - a0);
      keys[i] = key;
    }
    const size = 1 << (m + a1 - a0);
    const fs = unitFeatStart[u]!;
    const K = unitK[u]!;
    let s = 0;
    for (; s + 3 < K; s += 4) {
      const tb = unitTableStart[u]! + s * size;
      const f = fs + s;
      gatherAdd4(phit, features, f, stride, table, tb, size, keys, n);
    }
    for (; s + 1 < K; s += 2) {
      const tb = unitTableStart[u]! + s * size;
      gatherAdd2(phit, features[fs + s]! * stride, features[fs + s + 1]! * stride, table, tb, size, keys, n);
    }
    if (s < K) gatherAdd(phit, features[fs + s]! * stride, table, unitTableStart[u]! + s * size, keys, n);
  }
};
