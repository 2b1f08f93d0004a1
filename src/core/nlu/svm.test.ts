import { describe, expect, it } from 'vitest';
import { createRng } from '../random.js';
import type { SparseMatrix } from './features.js';
import { scoreRow, trainOvrSvm } from './linear-svm.js';
import { trainCrammerSinger } from './multiclass-svm.js';

/** Three well-separated Gaussian blobs in 2-D plus a bias column, as a sparse matrix. */
const blobs = (n: number): { x: SparseMatrix; y: Int32Array } => {
  const rng = createRng(7);
  const centres = [
    [3, 0],
    [-3, 3],
    [-3, -3],
  ];
  const indptr = new Int32Array(n + 1);
  const indices = new Int32Array(n * 3);
  const values = new Float64Array(n * 3);
  const y = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const k = i % 3;
    y[i] = k;
    indices.set([0, 1, 2], i * 3);
    values.set([centres[k]![0]! + 0.5 * rng.normal(), centres[k]![1]! + 0.5 * rng.normal(), 1], i * 3);
    indptr[i + 1] = (i + 1) * 3;
  }
  return { x: { rows: n, dim: 3, indptr, indices, values }, y };
};

const accuracy = (w: Float64Array, x: SparseMatrix, y: Int32Array): number => {
  const s = new Float64Array(3);
  let ok = 0;
  for (let i = 0; i < x.rows; i++) {
    scoreRow(w, 3, x.indices, x.values, x.indptr[i]!, x.indptr[i + 1]!, s);
    const best = s.indexOf(Math.max(...s));
    if (best === y[i]) ok++;
  }
  return ok / x.rows;
};

describe('linear SVM solvers', () => {
  const { x, y } = blobs(300);

  it('one-vs-rest dual coordinate descent separates separable classes', () => {
    const { w } = trainOvrSvm(x, y, 3, createRng(1), { c: 1, eps: 0.01, maxEpochs: 100 });
    expect(accuracy(w, x, y)).toBe(1);
  });

  it('Crammer–Singer separates separable classes and keeps its dual feasible', () => {
    const c = 1;
    const { w, coef } = trainCrammerSinger(x, y, 3, createRng(1), { c, eps: 0.01, maxEpochs: 100 });
    expect(accuracy(w, x, y)).toBe(1);
    for (let i = 0; i < x.rows; i++) {
      const a = [coef[i * 3]!, coef[i * 3 + 1]!, coef[i * 3 + 2]!];
      expect(a.reduce((p, q) => p + q, 0)).toBeCloseTo(0, 9); // Σ_m α_i^m = 0
      a.forEach((v, m) => expect(v).toBeLessThanOrEqual((m === y[i] ? c : 0) + 1e-12)); // α ≤ C·δ
    }
  });

  it('Crammer–Singer weights equal Σ_i α_i^m x_i', () => {
    const { w, coef } = trainCrammerSinger(x, y, 3, createRng(3), { c: 0.5, eps: 0.01, maxEpochs: 50 });
    const rebuilt = new Float64Array(9);
    for (let i = 0; i < x.rows; i++) {
      for (let p = x.indptr[i]!; p < x.indptr[i + 1]!; p++) {
        for (let m = 0; m < 3; m++) rebuilt[x.indices[p]! * 3 + m]! += coef[i * 3 + m]! * x.values[p]!;
      }
    }
    for (let j = 0; j < 9; j++) expect(rebuilt[j]).toBeCloseTo(w[j]!, 8);
  });
});
