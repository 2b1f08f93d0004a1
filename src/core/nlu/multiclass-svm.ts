import type { SparseMatrix } from './features.js';
import { scoreRow, type SvmOptions } from './linear-svm.js';
import { applyUpdate, makeAverager, rowSquaredNorms, shufflePrefix } from './solver-utils.js';
import type { Rng } from '../random.js';

/**
 * Crammer–Singer multi-class linear SVM trained by the sequential dual method (Keerthi, Sundararajan, Chang,
 * Hsieh, Lin 2008, "A Sequential Dual Method for Large Scale Multi-Class Linear SVMs"; LIBLINEAR's
 * MCSVM_CS solver with its shrinking):
 *   min ½ Σ_m ‖w_m‖² + C Σ_i ξ_i  s.t.  w_{y_i}·x_i − w_m·x_i ≥ 1 − δ(m, y_i) − ξ_i.
 * Dual per example: Σ_m α_i^m = 0, α_i^m ≤ C·δ(m, y_i); w_m = Σ_i α_i^m x_i. One visit solves the example's
 * K-variable sub-problem exactly (sort-based, §3 of the paper). Weights are feature-major (w[f·K + m]).
 * Returns the weights and the signed coefficients coef[i·K + m] = α_i^m (w_m = Σ_i coef_im x_i).
 */
export const trainCrammerSinger = (
  x: SparseMatrix,
  labels: Int32Array,
  K: number,
  rng: Rng,
  opts: SvmOptions,
): { w: Float64Array; coef: Float64Array } => {
  const rows = x.rows;
  const st: State = {
    x,
    labels,
    K,
    c: opts.c,
    w: new Float64Array(x.dim * K),
    alpha: new Float64Array(rows * K),
    cls: new Int32Array(rows * K).map((_, j) => j % K),
    nCls: new Int32Array(rows).fill(K),
    sq: rowSquaredNorms(x),
  };
  const s: Scratch = {
    all: new Float64Array(K),
    g: new Float64Array(K),
    b: new Float64Array(K),
    d: new Float64Array(K),
    next: new Float64Array(K),
    delta: new Float64Array(K),
    changed: new Int32Array(K),
  };
  const order = Int32Array.from({ length: rows }, (_, i) => i);
  const averager = makeAverager(st.w.length, opts.averageFrom ?? 0);
  let active = rows;
  let epsShrink = Math.max(10 * opts.eps, 1);
  let fromAll = true;
  for (let epoch = 0; epoch < opts.maxEpochs; epoch++) {
    shufflePrefix(order, active, rng);
    let stopping = -Infinity;
    for (let t = 0; t < active; t++) {
      const i = order[t]!;
      const gap = visit(i, st, s);
      if (gap === null) {
        // No free class left: drop the example until the next full pass.
        active--;
        order[t] = order[active]!;
        order[active] = i;
        t--;
      } else if (gap > stopping) stopping = gap;
    }
    averager.add(st.w, epoch);
    // LIBLINEAR's schedule: converge on the shrunk problem with a loose tolerance, then recheck everything.
    if (stopping < epsShrink) {
      if (stopping < opts.eps && fromAll) break;
      active = rows;
      st.nCls.fill(K);
      epsShrink = Math.max(epsShrink / 2, opts.eps);
      fromAll = true;
    } else fromAll = false;
  }
  return { w: averager.result(st.w), coef: st.alpha };
};

type Scratch = {
  all: Float64Array;
  g: Float64Array;
  b: Float64Array;
  d: Float64Array;
  next: Float64Array;
  delta: Float64Array;
  changed: Int32Array;
};

type State = {
  x: SparseMatrix;
  labels: Int32Array;
  K: number;
  c: number;
  w: Float64Array;
  alpha: Float64Array;
  cls: Int32Array;
  nCls: Int32Array;
  sq: Float64Array;
};

/**
 * One visit of example i: gradients of its active classes, shrinking, exact sub-problem, weight update.
 * Returns the example's violation (max G − min G), or null when the example has no free class left.
 */
const visit = (i: number, st: State, s: Scratch): number | null => {
  const { x, K, w, alpha, cls, nCls } = st;
  const y = st.labels[i]!;
  const base = i * K;
  const start = x.indptr[i]!;
  const end = x.indptr[i + 1]!;
  const A = st.sq[i]!;
  if (A <= 0) return null;
  let n = nCls[i]!;
  gradients(st, s, i, n, y, start, end);
  let minG = Infinity;
  let maxG = -Infinity;
  for (let t = 0; t < n; t++) {
    const m = cls[base + t]!;
    const a = alpha[base + m]!;
    const g = s.g[t]!;
    if (m === y) {
      if (a < st.c && g < minG) minG = g;
    } else if (a < 0 && g < minG) minG = g;
    if (g > maxG) maxG = g;
  }
  // Shrink classes at their bound (α = 0, not the true class) whose gradient cannot become the max violator.
  for (let t = 0; t < n; t++) {
    const m = cls[base + t]!;
    if (m !== y && alpha[base + m] === 0 && s.g[t]! < minG) {
      n--;
      cls[base + t] = cls[base + n]!;
      cls[base + n] = m;
      s.g[t] = s.g[n]!;
      t--;
    }
  }
  nCls[i] = n;
  if (n <= 1) return null;
  if (maxG - minG <= 1e-12) return 0;
  solveSubProblem(st, s, i, n, y, A);
  let nChanged = 0;
  for (let t = 0; t < n; t++) {
    const m = cls[base + t]!;
    const d = s.next[t]! - alpha[base + m]!;
    alpha[base + m] = s.next[t]!;
    if (d > 1e-12 || d < -1e-12) {
      s.delta[nChanged] = d;
      s.changed[nChanged++] = m;
    }
  }
  applyUpdate(w, K, x, i, s.delta, s.changed, nChanged);
  return maxG - minG;
};

/** g[t] = w_m·x_i + (m ≠ y) for the active classes m = cls[i, t]. */
const gradients = (
  st: State,
  s: Scratch,
  i: number,
  n: number,
  y: number,
  start: number,
  end: number,
): void => {
  const { x, K, w, cls } = st;
  const base = i * K;
  if (n * 4 >= K) {
    scoreRow(w, K, x.indices, x.values, start, end, s.all);
    for (let t = 0; t < n; t++) {
      const m = cls[base + t]!;
      s.g[t] = s.all[m]! + (m === y ? 0 : 1);
    }
    return;
  }
  for (let t = 0; t < n; t++) {
    const m = cls[base + t]!;
    let dot = 0;
    for (let p = start; p < end; p++) dot += w[x.indices[p]! * K + m]! * x.values[p]!;
    s.g[t] = dot + (m === y ? 0 : 1);
  }
};

/**
 * Exact minimiser of ½A Σ α_m² + Σ B_m α_m s.t. Σ α_m = 0, α_m ≤ C_m (C_y = C, else 0), B_m = G_m − A α_m:
 * α_m = min(C_m, (β − B_m)/A) with β from the sorted D_m = B_m + A C_m (Crammer & Singer 2001, Fig. 2).
 */
const solveSubProblem = (st: State, s: Scratch, i: number, n: number, y: number, A: number): void => {
  const { K, alpha, cls, c } = st;
  const base = i * K;
  for (let t = 0; t < n; t++) {
    const m = cls[base + t]!;
    s.b[t] = s.g[t]! - A * alpha[base + m]!;
    s.d[t] = s.b[t]! + (m === y ? A * c : 0);
  }
  const d = s.d.subarray(0, n).sort().reverse();
  let beta = d[0]! - A * c;
  let r = 1;
  for (; r < n && beta < r * d[r]!; r++) beta += d[r]!;
  beta /= r;
  for (let t = 0; t < n; t++) {
    const m = cls[base + t]!;
    s.next[t] = Math.min(m === y ? c : 0, (beta - s.b[t]!) / A);
  }
};
