/**
 * The two small learners of KB retrieval, on standardised features (z-scores, statistics stored with the model):
 *  - a listwise ranker: P(item | query) = softmax over the query's candidates of w·x (conditional logit, the
 *    listwise model of Cao et al. 2007 "ListNet" with one relevant item), L2-regularised;
 *  - a binary logistic regression ("the KB answers this query"), class-balanced, L2-regularised.
 * Both losses are convex with ≤ 20 weights: Newton's method (exact Hessian, Cholesky, step halving)
 * fits them in a few passes.
 */
import { cholesky, choleskySolve } from '../linalg.js';

export type Standardiser = { mean: Float64Array; scale: Float64Array };

export const fitStandardiser = (rows: Float64Array, width: number): Standardiser => {
  const n = rows.length / width;
  const mean = new Float64Array(width);
  const scale = new Float64Array(width);
  for (let r = 0; r < n; r++) for (let j = 0; j < width; j++) mean[j]! += rows[r * width + j]! / n;
  for (let r = 0; r < n; r++) {
    for (let j = 0; j < width; j++) scale[j]! += (rows[r * width + j]! - mean[j]!) ** 2 / n;
  }
  for (let j = 0; j < width; j++) scale[j] = scale[j]! > 1e-12 ? 1 / Math.sqrt(scale[j]!) : 0;
  return { mean, scale };
};

/** w·standardise(x) for row r of `rows` (+ bias when w has width + 1 entries). */
export const linear = (
  w: Float64Array,
  st: Standardiser,
  rows: Float64Array,
  r: number,
  width: number,
): number => {
  let s = w.length > width ? w[width]! : 0;
  for (let j = 0; j < width; j++) s += w[j]! * (rows[r * width + j]! - st.mean[j]!) * st.scale[j]!;
  return s;
};

/**
 * The Newton step H⁻¹ g by Cholesky (core/linalg). A Hessian that is not numerically positive definite (a weight
 * the data never moves) gets a tiny ridge on its diagonal and is factored again.
 */
const newtonStep = (h: Float64Array, g: Float64Array, d: number): Float64Array => {
  let l = cholesky(h, d, 0);
  for (let ridge = 1e-12; l === null && ridge < 1; ridge *= 100) {
    const damped = Float64Array.from(h);
    for (let k = 0; k < d; k++) damped[k * d + k]! += ridge;
    l = cholesky(damped, d, 0);
  }
  if (l === null) throw new Error('kb-learn: the Hessian has no Cholesky factor even with a ridge');
  return choleskySolve(l, g, d);
};

/**
 * Newton's method with step halving for a smooth convex loss of `dim` weights: `evaluate` returns the loss
 * and fills the gradient and Hessian. A handful of iterations reach the optimum of these small problems.
 */
const newton = (
  dim: number,
  evaluate: (w: Float64Array, g: Float64Array | null, h: Float64Array | null) => number,
  iterations = 12,
): Float64Array => {
  let w = new Float64Array(dim);
  const g = new Float64Array(dim);
  const h = new Float64Array(dim * dim);
  let loss = evaluate(w, g, h);
  for (let it = 0; it < iterations; it++) {
    const step = newtonStep(h, g, dim);
    let t = 1;
    let next = w;
    let nextLoss = loss;
    for (let k = 0; k < 20; k++) {
      next = w.map((v, j) => v - t * step[j]!);
      nextLoss = evaluate(next, null, null);
      if (nextLoss <= loss) break;
      t /= 2;
    }
    if (!(nextLoss <= loss)) break;
    const done = loss - nextLoss < 1e-9;
    w = next;
    g.fill(0);
    h.fill(0);
    loss = evaluate(w, g, h);
    if (done) break;
  }
  return w;
};

/** One query's candidate rows (row-major, `width` per candidate) and the index of the right one. */
export type RankingGroup = { rows: Float64Array; positive: number };

const standardise = (rows: Float64Array, width: number, st: Standardiser): Float64Array => {
  const out = new Float64Array(rows.length);
  for (let p = 0; p < rows.length; p++) out[p] = (rows[p]! - st.mean[p % width]!) * st.scale[p % width]!;
  return out;
};

const addL2 = (
  w: Float64Array,
  g: Float64Array | null,
  h: Float64Array | null,
  l2: number,
  dim: number,
  free: number,
): number => {
  let pen = 0;
  for (let j = 0; j < dim - free; j++) {
    pen += l2 * w[j]! * w[j]!;
    if (g) g[j]! += 2 * l2 * w[j]!;
    if (h) h[j * dim + j]! += 2 * l2;
  }
  if (h) for (let j = dim - free; j < dim; j++) h[j * dim + j]! += 1e-9;
  return pen;
};

export const trainListwise = (
  groups: readonly RankingGroup[],
  width: number,
  st: Standardiser,
  l2 = 1e-3,
): Float64Array => {
  const z = groups.map((g) => ({
    z: standardise(g.rows, width, st),
    n: g.rows.length / width,
    positive: g.positive,
  }));
  const total = Math.max(1, z.length);
  const maxN = Math.max(1, ...z.map((g) => g.n));
  const p = new Float64Array(maxN);
  const mean = new Float64Array(width);
  return newton(width, (w, grad, hess) => {
    let loss = 0;
    for (const g of z) {
      let max = -Infinity;
      for (let r = 0; r < g.n; r++) {
        let v = 0;
        for (let j = 0; j < width; j++) v += w[j]! * g.z[r * width + j]!;
        p[r] = v;
        if (v > max) max = v;
      }
      let sum = 0;
      for (let r = 0; r < g.n; r++) sum += p[r] = Math.exp(p[r]! - max);
      loss += (Math.log(sum) + max - (Math.log(p[g.positive]!) + max)) / total;
      if (!grad || !hess) continue;
      mean.fill(0);
      for (let r = 0; r < g.n; r++) {
        const pr = (p[r]! /= sum);
        for (let j = 0; j < width; j++) mean[j]! += pr * g.z[r * width + j]!;
      }
      for (let j = 0; j < width; j++) grad[j]! += (mean[j]! - g.z[g.positive * width + j]!) / total;
      for (let r = 0; r < g.n; r++) {
        const pr = p[r]! / total;
        for (let j = 0; j < width; j++) {
          const dj = g.z[r * width + j]! - mean[j]!;
          for (let k = 0; k <= j; k++) hess[j * width + k]! += pr * dj * (g.z[r * width + k]! - mean[k]!);
        }
      }
    }
    if (hess)
      for (let j = 0; j < width; j++) for (let k = 0; k < j; k++) hess[k * width + j] = hess[j * width + k]!;
    return loss + addL2(w, grad, hess, l2, width, 0);
  });
};

/** Class-balanced L2 logistic regression; returns width weights + bias. */
export const trainLogistic = (
  rows: Float64Array,
  labels: Uint8Array,
  width: number,
  st: Standardiser,
  l2 = 1e-3,
): Float64Array => {
  const n = labels.length;
  let pos = 0;
  for (const y of labels) pos += y;
  const wPos = pos > 0 ? 1 / (2 * pos) : 0;
  const wNeg = n - pos > 0 ? 1 / (2 * (n - pos)) : 0;
  const z = standardise(rows, width, st);
  const d = width + 1;
  return newton(d, (w, grad, hess) => {
    let loss = 0;
    for (let r = 0; r < n; r++) {
      let s = w[width]!;
      for (let j = 0; j < width; j++) s += w[j]! * z[r * width + j]!;
      const y = labels[r]!;
      const cw = y ? wPos : wNeg;
      loss += cw * (Math.max(s, 0) - s * y + Math.log1p(Math.exp(-Math.abs(s))));
      if (!grad || !hess) continue;
      const pr = 1 / (1 + Math.exp(-s));
      const coef = cw * (pr - y);
      const curv = cw * pr * (1 - pr);
      for (let j = 0; j < d; j++) {
        const xj = j < width ? z[r * width + j]! : 1;
        grad[j]! += coef * xj;
        for (let k = 0; k <= j; k++) hess[j * d + k]! += curv * xj * (k < width ? z[r * width + k]! : 1);
      }
    }
    if (hess) for (let j = 0; j < d; j++) for (let k = 0; k < j; k++) hess[k * d + j] = hess[j * d + k]!;
    return loss + addL2(w, grad, hess, l2, d, 1);
  });
};
