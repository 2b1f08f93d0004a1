import { badInput } from '../errors.js';
import type { GbdtModel } from './gbdt.js';
import { goesLeft, treeDepth } from './gbdt-tree.js';
import type { Tree } from './gbdt-tree.js';
import { fastTreeShap, precomputeTree } from './treeshap-fast.js';
import { precomputeUnits, unitTreeShap } from './treeshap-units.js';
import type { UnitScratch } from './treeshap-units.js';
import { extendPath, makeBuffers, unwoundSum } from './treeshap-path.js';
import type { PathBuffers } from './treeshap-path.js';

/**
 * Exact path-dependent TreeSHAP (Lundberg, Erion & Lee 2018, "Consistent individualized feature attribution
 * for tree ensembles", Algorithm 2). For each row, φ_j is the Shapley value of feature j for the raw margin,
 * with absent features integrated out along the tree by training cover. Additivity: Σ_j φ_j + E[f] = f(x).
 */

const unwindPath = (b: PathBuffers, o: number, d: number, k: number): void => {
  const one = b.one[o + k]!;
  const zero = b.zero[o + k]!;
  let next = b.w[o + d]!;
  for (let i = d - 1; i >= 0; i--) {
    if (one !== 0) {
      const tmp = b.w[o + i]!;
      b.w[o + i] = (next * (d + 1)) / ((i + 1) * one);
      next = tmp - (b.w[o + i]! * zero * (d - i)) / (d + 1);
    } else {
      b.w[o + i] = (b.w[o + i]! * (d + 1)) / (zero * (d - i));
    }
  }
  for (let i = k; i < d; i++) {
    b.feat[o + i] = b.feat[o + i + 1]!;
    b.zero[o + i] = b.zero[o + i + 1]!;
    b.one[o + i] = b.one[o + i + 1]!;
  }
};

const coverOf = (t: Tree, c: number): number => (c < 0 ? t.leafCover[~c]! : t.cover[c]!);

type RowCtx = { t: Tree; x: Float64Array; base: number; phi: Float64Array; phiBase: number; b: PathBuffers };

const recurse = (
  ctx: RowCtx,
  node: number,
  parentOff: number,
  d: number,
  zero: number,
  one: number,
  feature: number,
): void => {
  const { b, t } = ctx;
  // Each level works on its own copy of the path, placed after the parent's.
  const o = parentOff + d;
  if (d > 0) {
    b.feat.copyWithin(o, parentOff, parentOff + d);
    b.zero.copyWithin(o, parentOff, parentOff + d);
    b.one.copyWithin(o, parentOff, parentOff + d);
    b.w.copyWithin(o, parentOff, parentOff + d);
  }
  extendPath(b, o, d, zero, one, feature);
  if (node < 0) {
    const v = t.leafValue[~node]!;
    for (let i = 1; i <= d; i++) {
      const w = unwoundSum(b, o, d, i);
      const f = b.feat[o + i]!;
      ctx.phi[ctx.phiBase + f] = ctx.phi[ctx.phiBase + f]! + w * (b.one[o + i]! - b.zero[o + i]!) * v;
    }
    return;
  }
  const f = t.feature[node]!;
  const left = goesLeft(t, node, ctx.x[ctx.base + f]!);
  const hot = left ? t.left[node]! : t.right[node]!;
  const cold = left ? t.right[node]! : t.left[node]!;
  const cover = t.cover[node]!;
  let inZero = 1;
  let inOne = 1;
  let depth = d;
  let k = 1;
  for (; k <= depth; k++) if (b.feat[o + k] === f) break;
  if (k <= depth) {
    inZero = b.zero[o + k]!;
    inOne = b.one[o + k]!;
    unwindPath(b, o, depth, k);
    depth--;
  }
  recurse(ctx, hot, o, depth + 1, (coverOf(t, hot) / cover) * inZero, inOne, f);
  recurse(ctx, cold, o, depth + 1, (coverOf(t, cold) / cover) * inZero, 0, f);
};

/** E[tree output] under the training distribution: Σ leaf value × leaf cover / root cover. */
export const treeExpectation = (t: Tree): number => {
  let s = 0;
  let c = 0;
  for (let l = 0; l < t.leafValue.length; l++) {
    s += t.leafValue[l]! * t.leafCover[l]!;
    c += t.leafCover[l]!;
  }
  return s / c;
};

/** Expected raw margin E[f] = init score + Σ tree expectations (the SHAP base value). */
export const expectedValue = (model: GbdtModel): number =>
  model.trees.reduce((s, t) => s + treeExpectation(t), model.initScore);

/**
 * SHAP values for every row: a row-major n×(p+1) matrix, φ for each feature then the base value E[f] in the
 * last column, on the raw margin (log-odds for binary models).
 */
export const treeShap = (
  model: GbdtModel,
  x: Float64Array,
  n: number,
  method: 'auto' | 'classic' = 'auto',
): Float64Array => {
  const p = model.numFeatures;
  if (x.length !== n * p) throw badInput('X', `has ${x.length} values, expected ${n}·${p} (model features)`);
  const out = new Float64Array(n * (p + 1));
  const ev = expectedValue(model);
  const auto = (t: Tree): boolean => method === 'auto' && t.feature.length > 0;
  const units = model.trees.map((t) => (auto(t) ? precomputeUnits(t) : null));
  const fast = model.trees.map((t, k) => (auto(t) && !units[k] ? precomputeTree(t) : null));
  // Rows in blocks, all trees per block: the block's rows and φ (transposed) stay in cache across trees.
  const BLOCK = Math.max(1, Math.min(2048, n));
  const sc: UnitScratch = {
    xt: new Float64Array(p * BLOCK),
    phit: new Float64Array(p * BLOCK),
    dec: new Int32Array(BLOCK),
    keys: new Int32Array(BLOCK),
  };
  for (let start = 0; start < n; start += BLOCK) {
    const end = Math.min(n, start + BLOCK);
    const rows = end - start;
    for (let i = 0; i < rows; i++) for (let j = 0; j < p; j++) sc.xt[j * BLOCK + i] = x[(start + i) * p + j]!;
    sc.phit.fill(0);
    model.trees.forEach((t, k) => {
      const ut = units[k];
      const ft = fast[k];
      if (ut) unitTreeShap(ut, t, rows, BLOCK, sc);
      else if (ft) fastTreeShap(ft, t, x, start, end, p, out);
    });
    for (let i = 0; i < rows; i++) {
      const o = (start + i) * (p + 1);
      for (let j = 0; j < p; j++) out[o + j] = out[o + j]! + sc.phit[j * BLOCK + i]!;
    }
  }
  model.trees.forEach((t, k) => {
    if (t.feature.length === 0 || units[k] || fast[k]) return;
    const b = makeBuffers(treeDepth(t) + 1);
    const ctx: RowCtx = { t, x, base: 0, phi: out, phiBase: 0, b };
    for (let i = 0; i < n; i++) {
      ctx.base = i * p;
      ctx.phiBase = i * (p + 1);
      recurse(ctx, 0, 0, 0, 1, 1, -1);
    }
  });
  for (let i = 0; i < n; i++) out[i * (p + 1) + p] = ev;
  return out;
};

/** Global importance: mean |φ_j| over rows (from a treeShap matrix). */
export const meanAbsShap = (phi: Float64Array, n: number, p: number): Float64Array => {
  const out = new Float64Array(p);
  for (let i = 0; i < n; i++) for (let j = 0; j < p; j++) out[j] = out[j]! + Math.abs(phi[i * (p + 1) + j]!);
  return out.map((v) => v / n);
};

/** Global importance: total split gain per feature, and the number of splits. */
export const gainImportance = (model: GbdtModel): { gain: Float64Array; splits: Int32Array } => {
  const gain = new Float64Array(model.numFeatures);
  const splits = new Int32Array(model.numFeatures);
  for (const t of model.trees) {
    for (let k = 0; k < t.feature.length; k++) {
      const f = t.feature[k]!;
      gain[f] = gain[f]! + t.gain[k]!;
      splits[f] = splits[f]! + 1;
    }
  }
  return { gain, splits };
};
