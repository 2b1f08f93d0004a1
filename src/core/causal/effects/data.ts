import { badInput } from '../../errors.js';
import type { Rng } from '../../random.js';
import { shuffleInPlace } from '../../random.js';

/**
 * Observational data for effect estimation: covariates X (row-major n·p), treatment t (0/1, or a
 * continuous dose for DML) and outcome y.
 */
export type CausalData = {
  x: Float64Array;
  n: number;
  p: number;
  t: Float64Array;
  y: Float64Array;
  names: string[];
  /**
   * Cluster of each row (e.g. the customer when a customer has several decisions): rows of one cluster are not
   * independent, so they share a cross-fitting fold and standard errors are cluster-robust. Absent: rows are
   * independent (each row its own cluster).
   */
  clusters?: Int32Array;
};

export const isBinary = (v: Float64Array): boolean => v.every((x) => x === 0 || x === 1);

export const countTreated = (t: Float64Array): number => t.reduce((s, v) => s + v, 0);

export const checkData = (d: CausalData): void => {
  if (d.x.length !== d.n * d.p) throw badInput('X', `has ${d.x.length} values, expected n·p = ${d.n * d.p}`);
  if (d.t.length !== d.n) throw badInput('--treatment', `has ${d.t.length} values, expected ${d.n}`);
  if (d.y.length !== d.n) throw badInput('--outcome', `has ${d.y.length} values, expected ${d.n}`);
  for (let k = 0; k < d.x.length; k++) {
    if (!Number.isFinite(d.x[k]!)) {
      const col = d.names[k % d.p] ?? `column ${k % d.p}`;
      throw badInput(
        '--confounders',
        `"${col}" row ${Math.floor(k / d.p) + 2} is missing or not a number; fill or drop it`,
      );
    }
  }
  for (let i = 0; i < d.n; i++) {
    if (!Number.isFinite(d.t[i]!))
      throw badInput('--treatment', `row ${i + 2}: treatment is missing or not a number`);
    if (!Number.isFinite(d.y[i]!))
      throw badInput('--outcome', `row ${i + 2}: outcome is missing or not a number`);
  }
};

/** Rows selected by index (a new, compact CausalData). */
export const subsetRows = (d: CausalData, rows: ArrayLike<number>): CausalData => {
  const m = rows.length;
  const x = new Float64Array(m * d.p);
  const t = new Float64Array(m);
  const y = new Float64Array(m);
  for (let k = 0; k < m; k++) {
    const i = rows[k]!;
    x.set(d.x.subarray(i * d.p, (i + 1) * d.p), k * d.p);
    t[k] = d.t[i]!;
    y[k] = d.y[i]!;
  }
  const clusters = d.clusters ? Int32Array.from(rows, (i) => d.clusters![i]!) : undefined;
  return { x, n: m, p: d.p, t, y, names: d.names, ...(clusters ? { clusters } : {}) };
};

/** X with extra columns appended (for the random-common-cause refuter and S-learner). */
export const appendColumns = (x: Float64Array, n: number, p: number, extra: Float64Array[]): Float64Array => {
  const q = p + extra.length;
  const out = new Float64Array(n * q);
  for (let i = 0; i < n; i++) {
    out.set(x.subarray(i * p, (i + 1) * p), i * q);
    extra.forEach((c, j) => (out[i * q + p + j] = c[i]!));
  }
  return out;
};

/** Whether some cluster holds more than one row. */
export const hasRepeatedClusters = (clusters: ArrayLike<number> | undefined): boolean => {
  if (!clusters) return false;
  const seen = new Set<number>();
  for (let i = 0; i < clusters.length; i++) {
    if (seen.has(clusters[i]!)) return true;
    seen.add(clusters[i]!);
  }
  return false;
};

/**
 * Fold label per row for K-fold cross-fitting, stratified by treatment when t is binary (each fold keeps
 * the treated share), shuffled with the seeded generator. With clusters that repeat (a customer's several
 * decisions), whole clusters are dealt to folds (shuffled, then by size so the folds stay balanced), so that no
 * model predicts a row whose cluster-mates it was trained on.
 */
export const foldLabels = (
  t: Float64Array,
  k: number,
  rng: Rng,
  clusters?: ArrayLike<number>,
): Int32Array => {
  if (hasRepeatedClusters(clusters)) return clusterFoldLabels(clusters!, k, rng);
  const n = t.length;
  const folds = new Int32Array(n);
  const strata = isBinary(t) ? [0, 1] : [NaN];
  let offset = 0;
  for (const s of strata) {
    const rows = [...t.keys()].filter((i) => Number.isNaN(s) || t[i] === s);
    shuffleInPlace(rows, rng);
    rows.forEach((i, r) => (folds[i] = (r + offset) % k));
    offset += rows.length;
  }
  return folds;
};

const clusterFoldLabels = (clusters: ArrayLike<number>, k: number, rng: Rng): Int32Array => {
  const rowsOf = new Map<number, number[]>();
  for (let i = 0; i < clusters.length; i++) {
    const g = clusters[i]!;
    const rows = rowsOf.get(g);
    if (rows) rows.push(i);
    else rowsOf.set(g, [i]);
  }
  const groups = [...rowsOf.values()];
  shuffleInPlace(groups, rng);
  // Largest first (stable after the shuffle), each into the currently smallest fold.
  groups.sort((a, b) => b.length - a.length);
  const size = new Array<number>(k).fill(0);
  const folds = new Int32Array(clusters.length);
  for (const rows of groups) {
    let f = 0;
    for (let j = 1; j < k; j++) if (size[j]! < size[f]!) f = j;
    for (const i of rows) folds[i] = f;
    size[f] = size[f]! + rows.length;
  }
  return folds;
};

/** Mean and sample standard deviation. */
export const meanSd = (v: ArrayLike<number>): { mean: number; sd: number } => {
  const n = v.length;
  let m = 0;
  for (let i = 0; i < n; i++) m += v[i]!;
  m /= n;
  let s = 0;
  for (let i = 0; i < n; i++) s += (v[i]! - m) ** 2;
  return { mean: m, sd: n > 1 ? Math.sqrt(s / (n - 1)) : 0 };
};
