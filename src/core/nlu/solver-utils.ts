import type { Rng } from '../random.js';
import type { SparseMatrix } from './features.js';

/** Helpers shared by the SVM solvers. */

/** ‖x_i‖² of every row. */
export const rowSquaredNorms = (x: SparseMatrix): Float64Array => {
  const out = new Float64Array(x.rows);
  for (let i = 0; i < x.rows; i++) {
    let s = 0;
    for (let p = x.indptr[i]!; p < x.indptr[i + 1]!; p++) s += x.values[p]! * x.values[p]!;
    out[i] = s;
  }
  return out;
};

/** Fisher–Yates shuffle of the first n entries of an index array (the solvers' visiting order). */
export const shufflePrefix = (order: Int32Array, n: number, rng: Rng): void => {
  for (let t = n - 1; t > 0; t--) {
    const r = rng.int(t + 1);
    const tmp = order[t]!;
    order[t] = order[r]!;
    order[r] = tmp;
  }
};

/** Polyak averaging of weight iterates from epoch `from` on (from = 0: keep the last iterate). */
export type Averager = {
  add: (w: Float64Array, epoch: number) => void;
  result: (w: Float64Array) => Float64Array;
};

export const makeAverager = (size: number, from: number): Averager => {
  const sum = from > 0 ? new Float64Array(size) : null;
  let count = 0;
  return {
    add: (w, epoch) => {
      if (!sum || epoch + 1 < from) return;
      for (let j = 0; j < w.length; j++) sum[j]! += w[j]!;
      count++;
    },
    result: (w) => {
      if (!sum || count === 0) return w;
      for (let j = 0; j < sum.length; j++) sum[j]! /= count;
      return sum;
    },
  };
};

/** w[f·K + changed[c]] += delta[c] · x_f over the row's features (only the classes whose duals moved). */
export const applyUpdate = (
  w: Float64Array,
  K: number,
  x: SparseMatrix,
  i: number,
  delta: Float64Array,
  changed: Int32Array,
  n: number,
): void => {
  for (let p = x.indptr[i]!; p < x.indptr[i + 1]!; p++) {
    const off = x.indices[p]! * K;
    const v = x.values[p]!;
    for (let c = 0; c < n; c++) w[off + changed[c]!]! += delta[c]! * v;
  }
};
