import { describe, expect, it } from 'vitest';
import { createRng } from '../random.js';
import { predictGbdtRaw, trainGbdt } from './gbdt.js';
import type { GbdtModel } from './gbdt.js';
import { goesLeft } from './gbdt-tree.js';
import type { Tree } from './gbdt-tree.js';
import { expectedValue, gainImportance, meanAbsShap, treeShap } from './treeshap.js';
import { precomputeUnits } from './treeshap-units.js';

const data = (n: number, p: number, seed: number): { x: Float64Array; y: Float64Array } => {
  const rng = createRng(seed);
  const x = new Float64Array(n * p);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < p; j++) x[i * p + j] = j === 2 ? rng.int(4) : rng.next() < 0.1 ? NaN : rng.normal();
    const z =
      x[i * p]! * (x[i * p + 1]! > 0 ? 1 : -1) + (x[i * p + 2] === 1 ? 1 : 0) + 0.3 * (x[i * p + 3] ?? 0);
    y[i] = rng.next() < 1 / (1 + Math.exp(-(Number.isNaN(z) ? 0.5 : z))) ? 1 : 0;
  }
  return { x, y };
};

/**
 * Brute-force path-dependent Shapley values: v(S) = E[f(x) | x_S] computed by following x on features in S
 * and averaging both children by cover elsewhere; φ_j = Σ_S |S|!(p−|S|−1)!/p! (v(S∪j) − v(S)).
 */
const bruteForce = (m: GbdtModel, x: Float64Array, p: number): Float64Array => {
  const cond = (t: Tree, node: number, s: number): number => {
    if (node < 0) return t.leafValue[~node]!;
    const f = t.feature[node]!;
    if ((s >> f) & 1) return cond(t, goesLeft(t, node, x[f]!) ? t.left[node]! : t.right[node]!, s);
    const cov = (c: number): number => (c < 0 ? t.leafCover[~c]! : t.cover[c]!);
    const l = t.left[node]!;
    const r = t.right[node]!;
    return (cov(l) * cond(t, l, s) + cov(r) * cond(t, r, s)) / t.cover[node]!;
  };
  const v = (s: number): number => m.trees.reduce((acc, t) => acc + cond(t, 0, s), 0);
  const fact = (k: number): number => (k <= 1 ? 1 : k * fact(k - 1));
  const phi = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    for (let s = 0; s < 1 << p; s++) {
      if ((s >> j) & 1) continue;
      let size = 0;
      for (let k = 0; k < p; k++) size += (s >> k) & 1;
      phi[j] = phi[j]! + ((fact(size) * fact(p - size - 1)) / fact(p)) * (v(s | (1 << j)) - v(s));
    }
  }
  return phi;
};

describe('TreeSHAP', () => {
  const p = 5;
  const train = data(2000, p, 1);
  const model = trainGbdt(train.x, 2000, p, train.y, {
    categorical: [false, false, true, false, false],
    params: { numRounds: 30, numLeaves: 12, minDataInLeaf: 10 },
  });

  it('is additive: Σφ + E[f] equals the raw margin to 1e-9 on every row', () => {
    const test = data(500, p, 2);
    const phi = treeShap(model, test.x, 500);
    const raw = predictGbdtRaw(model, test.x, 500);
    for (let i = 0; i < 500; i++) {
      let s = 0;
      for (let j = 0; j <= p; j++) s += phi[i * (p + 1) + j]!;
      expect(Math.abs(s - raw[i]!)).toBeLessThan(1e-9);
    }
    expect(phi[p]).toBeCloseTo(expectedValue(model), 12);
  });

  it('equals brute-force Shapley values of the path-dependent value function (repeated features included)', () => {
    const test = data(20, p, 3);
    const phi = treeShap(model, test.x, 20);
    for (let i = 0; i < 20; i++) {
      const exact = bruteForce(model, test.x.subarray(i * p, i * p + p), p);
      for (let j = 0; j < p; j++) expect(phi[i * (p + 1) + j]).toBeCloseTo(exact[j]!, 9);
    }
  });

  it('the subtree-table variant equals the classic recursion (categorical splits and missing values included)', () => {
    const units = model.trees.filter((t) => precomputeUnits(t) !== null).length;
    expect(units).toBe(model.trees.filter((t) => t.feature.length > 0).length);
    // 2500 rows: one full block of 2048 and a partial one.
    const test = data(2500, p, 5);
    const a = treeShap(model, test.x, 2500);
    const b = treeShap(model, test.x, 2500, 'classic');
    for (let k = 0; k < a.length; k++) expect(a[k]).toBeCloseTo(b[k]!, 11);
  });

  it('trees with more than 31 splits use per-leaf pattern tables and still equal the classic recursion', () => {
    const wide = trainGbdt(train.x, 2000, p, train.y, {
      categorical: [false, false, true, false, false],
      params: { numRounds: 4, numLeaves: 48, maxDepth: 8, minDataInLeaf: 5 },
    });
    expect(wide.trees.some((t) => t.feature.length > 31 && precomputeUnits(t) === null)).toBe(true);
    const test = data(200, p, 6);
    const a = treeShap(wide, test.x, 200);
    const b = treeShap(wide, test.x, 200, 'classic');
    for (let k = 0; k < a.length; k++) expect(a[k]).toBeCloseTo(b[k]!, 11);
  });

  it('the pattern-table variant equals the classic recursion, also for deep trees that fall back', () => {
    const test = data(300, p, 4);
    const a = treeShap(model, test.x, 300);
    const b = treeShap(model, test.x, 300, 'classic');
    for (let k = 0; k < a.length; k++) expect(a[k]).toBeCloseTo(b[k]!, 11);
    const deep = trainGbdt(train.x, 2000, p, train.y, {
      categorical: [false, false, true, false, false],
      params: { numRounds: 3, numLeaves: 400, minDataInLeaf: 1, minDataPerGroup: 1 },
    });
    const raw = predictGbdtRaw(deep, test.x, 300);
    const phi = treeShap(deep, test.x, 300);
    for (let i = 0; i < 300; i++) {
      let s = 0;
      for (let j = 0; j <= p; j++) s += phi[i * (p + 1) + j]!;
      expect(Math.abs(s - raw[i]!)).toBeLessThan(1e-9);
    }
  });

  it('global importances rank the informative features above the noise feature', () => {
    const phi = treeShap(model, train.x, 2000);
    const imp = meanAbsShap(phi, 2000, p);
    expect(imp[0]!).toBeGreaterThan(imp[4]!);
    expect(imp[2]!).toBeGreaterThan(imp[4]!);
    const { gain, splits } = gainImportance(model);
    expect(gain[0]!).toBeGreaterThan(gain[4]!);
    expect(splits.reduce((a, b) => a + b, 0)).toBe(model.trees.reduce((a, t) => a + t.feature.length, 0));
  });
});
