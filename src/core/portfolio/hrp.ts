import { pairwiseCorrelation } from '../finance/stats.js';
import { covOfReturns, covToCorr } from './risk-models.js';
import type { Panel } from './prices.js';

/** A linkage row as SciPy writes it: clusters a < b merged at distance d into a cluster of `size` leaves. */
export type LinkageRow = { a: number; b: number; distance: number; size: number };

/**
 * Single-linkage hierarchical clustering of a distance matrix (n×n row-major) via its minimum spanning tree
 * (Prim, O(n²)), merges ordered by distance and labelled as SciPy's `linkage(method="single")` does
 * (new clusters n, n+1, …; the smaller id first).
 */
export const singleLinkage = (dist: Float64Array, n: number): LinkageRow[] => {
  const inTree = new Uint8Array(n);
  const best = new Float64Array(n).fill(Infinity);
  const from = new Int32Array(n).fill(-1);
  const edges: Array<{ x: number; y: number; d: number }> = [];
  let cur = 0;
  inTree[0] = 1;
  for (let k = 0; k < n - 1; k++) {
    let next = -1;
    for (let j = 0; j < n; j++) {
      if (inTree[j]) continue;
      const d = dist[cur * n + j]!;
      if (d < best[j]!) {
        best[j] = d;
        from[j] = cur;
      }
      if (next < 0 || best[j]! < best[next]!) next = j;
    }
    edges.push({ x: from[next]!, y: next, d: best[next]! });
    inTree[next] = 1;
    cur = next;
  }
  const order = edges.map((_, i) => i).sort((i, j) => edges[i]!.d - edges[j]!.d || i - j);
  const parent = new Int32Array(2 * n - 1).fill(-1);
  const size = new Int32Array(2 * n - 1).fill(1);
  const find = (x: number): number => {
    let r = x;
    while (parent[r]! >= 0) r = parent[r]!;
    return r;
  };
  return order.map((i, k) => {
    const e = edges[i]!;
    const rx = find(e.x);
    const ry = find(e.y);
    const id = n + k;
    parent[rx] = id;
    parent[ry] = id;
    size[id] = size[rx]! + size[ry]!;
    return { a: Math.min(rx, ry), b: Math.max(rx, ry), distance: e.d, size: size[id] };
  });
};

/** Leaf order of the dendrogram, left (smaller id) subtree first — López de Prado's quasi-diagonalisation. */
export const quasiDiagOrder = (link: LinkageRow[], n: number): number[] => {
  const out: number[] = [];
  const stack = [n + link.length - 1];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node < n) {
      out.push(node);
      continue;
    }
    const row = link[node - n]!;
    stack.push(row.b, row.a);
  }
  return out;
};

/** Variance of a cluster under inverse-variance weights w_i ∝ 1/Σ_ii (López de Prado 2016). */
export const clusterVariance = (cov: Float64Array, n: number, items: readonly number[]): number => {
  const iv = items.map((i) => 1 / cov[i * n + i]!);
  const s = iv.reduce((a, b) => a + b, 0);
  let v = 0;
  items.forEach((i, a) => {
    items.forEach((j, b) => {
      v += (iv[a]! / s) * cov[i * n + j]! * (iv[b]! / s);
    });
  });
  return v;
};

/**
 * Recursive bisection of the quasi-diagonal order: each half gets 1 − V₁/(V₁ + V₂) of its parent's weight.
 */
export const recursiveBisection = (cov: Float64Array, n: number, order: readonly number[]): Float64Array => {
  const w = new Float64Array(n).fill(1);
  let clusters: number[][] = [[...order]];
  while (clusters.length > 0) {
    clusters = clusters.flatMap((c) =>
      c.length > 1 ? [c.slice(0, c.length >> 1), c.slice(c.length >> 1)] : [],
    );
    for (let k = 0; k + 1 < clusters.length; k += 2) {
      const left = clusters[k]!;
      const right = clusters[k + 1]!;
      const v1 = clusterVariance(cov, n, left);
      const v2 = clusterVariance(cov, n, right);
      const alpha = 1 - v1 / (v1 + v2);
      for (const i of left) w[i] = w[i]! * alpha;
      for (const i of right) w[i] = w[i]! * (1 - alpha);
    }
  }
  return w;
};

const pairwiseCorrMatrix = (returns: Panel): Float64Array => {
  const n = returns.cols.length;
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    out[i * n + i] = 1;
    for (let j = i + 1; j < n; j++)
      out[i * n + j] = out[j * n + i] = pairwiseCorrelation(returns.cols[i]!, returns.cols[j]!);
  }
  return out;
};

/**
 * Hierarchical Risk Parity (López de Prado 2016; PyPortfolioOpt `HRPOpt.optimize("single")`) on a returns
 * panel: pairwise correlation → distance √((1 − ρ)/2) → single linkage → quasi-diagonal order → recursive
 * bisection on the (daily) covariance. A covariance can be passed instead of using the sample one.
 */
export const hrpWeights = (
  returns: Panel,
  covOverride?: Float64Array,
): { weights: Float64Array; order: number[] } => {
  const n = returns.cols.length;
  const cov = covOfReturns(returns, 1);
  const sigma = covOverride ?? cov.data;
  // pandas `DataFrame.corr` is pairwise: means and deviations over each pair's common dates, which differs
  // from rescaling the pairwise covariance when histories have different lengths.
  const corr = covOverride ? covToCorr({ ...cov, data: sigma }).data : pairwiseCorrMatrix(returns);
  const dist = corr.map((r) => Math.sqrt(Math.min(1, Math.max(0, (1 - r) / 2))));
  for (let i = 0; i < n; i++) dist[i * n + i] = 0;
  const order = quasiDiagOrder(singleLinkage(dist, n), n);
  return { weights: recursiveBisection(sigma, n, order), order };
};
