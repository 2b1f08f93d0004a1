import { goesLeft } from './gbdt-tree.js';
import type { Tree } from './gbdt-tree.js';
import { extendPath, makeBuffers, unwoundSum } from './treeshap-path.js';
import type { PathBuffers } from './treeshap-path.js';

/**
 * Fast exact TreeSHAP by pattern precomputation ("Fast TreeSHAP v2", Yang 2021). For a leaf whose path has
 * k unique features with zero fractions z (product of the cover ratios of that feature's splits), a row only
 * changes the one fractions o ∈ {0,1}^k (does the row satisfy all of the feature's conditions on the path).
 * So every leaf's contribution vector v·(o_j − z_j)·W_j(o, z) is tabulated once for all 2^k patterns; a row
 * then costs one decision per node plus k additions per table, instead of O(L·D²).
 * Two sibling leaves share their feature list, and the pair's patterns are fixed by the parent's pattern and
 * the split decision, so siblings are merged into one table (half the additions for those leaves).
 */
export type FastTree = {
  /** Slot (index among the path's unique features) of each internal node's feature. */
  slot: Int32Array;
  /** Units: a single leaf (unitB = −1) or a merged pair of sibling leaves. */
  unitA: Int32Array;
  unitB: Int32Array;
  /** For pairs: bit of the parent's split feature in the leaf patterns. */
  unitBit: Int32Array;
  unitK: Int32Array;
  unitFeatStart: Int32Array;
  unitFeatures: Int32Array;
  unitTableStart: Int32Array;
  table: Float64Array;
  isCat: Uint8Array;
  anyCat: boolean;
  /** Scratch: pattern of each node and leaf for the current row. */
  nodePattern: Int32Array;
  leafPattern: Int32Array;
};

/** Tables above this many numbers fall back to the classic per-row recursion. */
const MAX_TABLE = 1 << 18;

/** Unique features on a leaf's path (in order of first split) and their zero fractions. */
export type LeafPath = { features: number[]; zero: number[] };

/** Fills `slot` (index of each node's feature among its path's unique features) and every leaf's path. */
export const collectPaths = (t: Tree, slot: Int32Array, leaves: LeafPath[]): void => {
  const cov = (c: number): number => (c < 0 ? t.leafCover[~c]! : t.cover[c]!);
  const walk = (node: number, features: number[], zero: number[]): void => {
    if (node < 0) {
      leaves[~node] = { features, zero };
      return;
    }
    const f = t.feature[node]!;
    let s = features.indexOf(f);
    if (s < 0) s = features.length;
    slot[node] = s;
    for (const child of [t.left[node]!, t.right[node]!]) {
      const fs = [...features];
      const zs = [...zero];
      const ratio = cov(child) / t.cover[node]!;
      if (s === fs.length) {
        fs.push(f);
        zs.push(ratio);
      } else zs[s] = zs[s]! * ratio;
      walk(child, fs, zs);
    }
  };
  walk(0, [], []);
};

/** Contribution table of one leaf: entry [pattern·k + s] = v·(o_s − z_s)·W_s(o, z). */
export const leafTable = (l: LeafPath, v: number, b: PathBuffers): Float64Array => {
  const k = l.features.length;
  const out = new Float64Array((1 << k) * k);
  for (let pattern = 0; pattern < 1 << k; pattern++) {
    extendPath(b, 0, 0, 1, 1, -1);
    for (let s = 0; s < k; s++) extendPath(b, 0, s + 1, l.zero[s]!, (pattern >> s) & 1, l.features[s]!);
    for (let s = 0; s < k; s++) {
      out[pattern * k + s] = unwoundSum(b, 0, k, s + 1) * (((pattern >> s) & 1) - l.zero[s]!) * v;
    }
  }
  return out;
};

/**
 * Pair table indexed by key = (pattern_a | pattern_b)·2 + (bit set in pattern_a): the parent's pattern P and
 * the decision d determine pattern_a = d ? P : P∖bit and pattern_b = d ? P∖bit : P.
 */
const pairTable = (ta: Float64Array, tb: Float64Array, k: number, bit: number): Float64Array => {
  const out = new Float64Array((1 << k) * 2 * k);
  for (let pp = 0; pp < 1 << k; pp++) {
    for (let d = 0; d < 2; d++) {
      const pa = d ? pp : pp & ~bit;
      const pb = d ? pp & ~bit : pp;
      const o = (pp * 2 + d) * k;
      for (let s = 0; s < k; s++) out[o + s] = ta[pa * k + s]! + tb[pb * k + s]!;
    }
  }
  return out;
};

type Unit = { a: number; b: number; bit: number; features: number[]; table: Float64Array };

/** Builds the pattern tables of a tree, or null when they would be too large (deep trees). */
export const precomputeTree = (t: Tree): FastTree | null => {
  const m = t.feature.length;
  const L = t.leafValue.length;
  const slot = new Int32Array(m);
  const leaves: LeafPath[] = new Array<LeafPath>(L);
  collectPaths(t, slot, leaves);
  let total = 0;
  for (const l of leaves) {
    total += (1 << l.features.length) * l.features.length * 2;
    if (l.features.length > 16 || total > MAX_TABLE) return null;
  }
  const b = makeBuffers(Math.max(...leaves.map((l) => l.features.length)) + 1);
  const tables = leaves.map((l, li) => leafTable(l, t.leafValue[li]!, b));
  const units: Unit[] = [];
  const merged = new Uint8Array(L);
  for (let v = 0; v < m; v++) {
    const lc = t.left[v]!;
    const rc = t.right[v]!;
    if (lc >= 0 || rc >= 0) continue;
    const la = ~lc;
    const lb = ~rc;
    const fa = leaves[la]!.features;
    if (fa.join() !== leaves[lb]!.features.join()) continue;
    const bit = 1 << slot[v]!;
    units.push({
      a: la,
      b: lb,
      bit,
      features: fa,
      table: pairTable(tables[la]!, tables[lb]!, fa.length, bit),
    });
    merged[la] = 1;
    merged[lb] = 1;
  }
  leaves.forEach((l, li) => {
    if (!merged[li]) units.push({ a: li, b: -1, bit: 0, features: l.features, table: tables[li]! });
  });
  const featCount = units.reduce((s, u) => s + u.features.length, 0);
  const tableSize = units.reduce((s, u) => s + u.table.length, 0);
  const ft: FastTree = {
    slot,
    unitA: Int32Array.from(units, (u) => u.a),
    unitB: Int32Array.from(units, (u) => u.b),
    unitBit: Int32Array.from(units, (u) => u.bit),
    unitK: Int32Array.from(units, (u) => u.features.length),
    unitFeatStart: new Int32Array(units.length),
    unitFeatures: new Int32Array(featCount),
    unitTableStart: new Int32Array(units.length),
    table: new Float64Array(tableSize),
    isCat: Uint8Array.from(t.categories, (c) => (c ? 1 : 0)),
    anyCat: t.categories.some((c) => c !== null),
    nodePattern: new Int32Array(m),
    leafPattern: new Int32Array(L),
  };
  let fo = 0;
  let to = 0;
  units.forEach((u, k) => {
    ft.unitFeatStart[k] = fo;
    ft.unitFeatures.set(u.features, fo);
    fo += u.features.length;
    ft.unitTableStart[k] = to;
    ft.table.set(u.table, to);
    to += u.table.length;
  });
  return ft;
};

/** Pattern of every leaf for row `base`: one decision per node, parents before children. */
const leafPatterns = (ft: FastTree, t: Tree, x: Float64Array, base: number): void => {
  const { slot, isCat, anyCat, nodePattern, leafPattern } = ft;
  const { feature, threshold, defaultLeft, left: lch, right: rch } = t;
  const m = feature.length;
  nodePattern[0] = -1;
  for (let k = 0; k < m; k++) {
    const pat = nodePattern[k]!;
    const v = x[base + feature[k]!]!;
    let goLeft: boolean;
    if (v !== v) goLeft = defaultLeft[k] === 1;
    else if (anyCat && isCat[k] === 1) goLeft = goesLeft(t, k, v);
    else goLeft = v <= threshold[k]!;
    const off = ~(1 << slot[k]!);
    const lc = lch[k]!;
    const rc = rch[k]!;
    const lp = goLeft ? pat : pat & off;
    const rp = goLeft ? pat & off : pat;
    if (lc < 0) leafPattern[~lc] = lp;
    else nodePattern[lc] = lp;
    if (rc < 0) leafPattern[~rc] = rp;
    else nodePattern[rc] = rp;
  }
};

/** Adds the tree's SHAP values of rows start…end−1 to `out` (row-major n×(p+1)). */
export const fastTreeShap = (
  ft: FastTree,
  t: Tree,
  x: Float64Array,
  start: number,
  end: number,
  p: number,
  out: Float64Array,
): void => {
  const { unitA, unitB, unitBit, unitK, unitFeatStart, unitFeatures, unitTableStart, table, leafPattern } =
    ft;
  const U = unitA.length;
  for (let i = start; i < end; i++) {
    leafPatterns(ft, t, x, i * p);
    const ob = i * (p + 1);
    for (let u = 0; u < U; u++) {
      const k = unitK[u]!;
      const mask = (1 << k) - 1;
      const pa = leafPattern[unitA[u]!]!;
      const bIdx = unitB[u]!;
      let key: number;
      if (bIdx < 0) key = pa & mask;
      else key = (((pa | leafPattern[bIdx]!) & mask) << 1) | ((pa & unitBit[u]!) !== 0 ? 1 : 0);
      const to = unitTableStart[u]! + key * k;
      const fs = unitFeatStart[u]!;
      for (let s = 0; s < k; s++) {
        const f = ob + unitFeatures[fs + s]!;
        out[f] = out[f]! + table[to + s]!;
      }
    }
  }
};
