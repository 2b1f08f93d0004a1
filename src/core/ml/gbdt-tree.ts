/**
 * A fitted regression tree of the GBDT in flat typed arrays. Internal nodes are 0…m−1; a child index c ≥ 0 is
 * an internal node and c < 0 is leaf ~c. Leaf values already include the learning rate (shrinkage).
 * Decision at a node: numeric — missing → `defaultLeft`, else value ≤ threshold → left; categorical — missing
 * → `defaultLeft`, value in `categories` → left, anything else (including unseen codes) → right.
 */
export type Tree = {
  feature: Int32Array;
  threshold: Float64Array;
  defaultLeft: Uint8Array;
  /** Raw category codes sent left, for categorical splits; null for numeric splits. */
  categories: Array<Int32Array | null>;
  left: Int32Array;
  right: Int32Array;
  /** Loss reduction of the split (for gain importance). */
  gain: Float64Array;
  /** Training rows reaching the node (TreeSHAP weights paths by cover). */
  cover: Float64Array;
  leafValue: Float64Array;
  leafCover: Float64Array;
  /** Training-time only: bin-level decision data for traversing binned matrices. */
  binned?: { thresholdBin: Int32Array; catMask: Array<Uint8Array | null> };
};

export const leafCount = (t: Tree): number => t.leafValue.length;

/** True when a raw value goes to the left child of node k. */
export const goesLeft = (t: Tree, k: number, v: number): boolean => {
  if (Number.isNaN(v)) return t.defaultLeft[k] === 1;
  const cats = t.categories[k];
  if (cats) return cats.includes(v);
  return v <= t.threshold[k]!;
};

/** Leaf index reached by row i of a raw row-major matrix. */
export const leafOfRow = (t: Tree, x: Float64Array, p: number, i: number): number => {
  if (t.feature.length === 0) return 0;
  let node = 0;
  const base = i * p;
  for (;;) {
    const next = goesLeft(t, node, x[base + t.feature[node]!]!) ? t.left[node]! : t.right[node]!;
    if (next < 0) return ~next;
    node = next;
  }
};

/** Leaf index reached by row i of a binned row-major matrix (training data or validation data). */
export const leafOfBinnedRow = (t: Tree, bins: Uint8Array, p: number, i: number): number => {
  if (t.feature.length === 0) return 0;
  const b = t.binned!;
  let node = 0;
  const base = i * p;
  for (;;) {
    const bin = bins[base + t.feature[node]!]!;
    const mask = b.catMask[node];
    const left =
      bin === 0 ? t.defaultLeft[node] === 1 : mask ? mask[bin] === 1 : bin <= b.thresholdBin[node]!;
    const next = left ? t.left[node]! : t.right[node]!;
    if (next < 0) return ~next;
    node = next;
  }
};

/** Adds the tree's output to `out` for every row of a raw matrix. */
export const addTreeOutput = (t: Tree, x: Float64Array, n: number, p: number, out: Float64Array): void => {
  for (let i = 0; i < n; i++) out[i] = out[i]! + t.leafValue[leafOfRow(t, x, p, i)]!;
};

/** Depth of the deepest leaf (root alone = 0). */
export const treeDepth = (t: Tree): number => {
  const walk = (c: number): number => (c < 0 ? 0 : 1 + Math.max(walk(t.left[c]!), walk(t.right[c]!)));
  return t.feature.length === 0 ? 0 : walk(0);
};
