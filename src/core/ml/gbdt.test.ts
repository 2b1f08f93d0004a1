import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createRng } from '../random.js';
import { predictGbdt, predictGbdtRaw, trainGbdt } from './gbdt.js';
import { gbdtFromJson, gbdtToJson } from './gbdt-io.js';
import type { GbdtJson } from './gbdt-io.js';
import { applyBinMapper, fitBinMapper } from './gbdt-binning.js';
import { leafOfBinnedRow, leafOfRow } from './gbdt-tree.js';
import { auc } from './metrics.js';

/** y depends on x0 (threshold), x1 (missing → positive), x2 (category set {1, 3}); x3 is noise. */
const makeData = (n: number, seed: number): { x: Float64Array; y: Float64Array } => {
  const rng = createRng(seed);
  const p = 4;
  const x = new Float64Array(n * p);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    x[i * p] = rng.normal();
    x[i * p + 1] = rng.next() < 0.2 ? NaN : rng.normal();
    x[i * p + 2] = rng.int(5);
    x[i * p + 3] = rng.normal();
    const z =
      1.5 * (x[i * p]! > 0.3 ? 1 : -1) +
      (Number.isNaN(x[i * p + 1]!) ? 1.5 : -0.5) +
      (x[i * p + 2] === 1 || x[i * p + 2] === 3 ? 1.2 : -0.6);
    y[i] = rng.next() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
  }
  return { x, y };
};
const categorical = [false, false, true, false];

describe('histogram GBDT', () => {
  it('learns thresholds, missing-value direction and category sets (held-out AUC near the Bayes AUC)', () => {
    const train = makeData(4000, 1);
    const test = makeData(2000, 2);
    const m = trainGbdt(train.x, 4000, 4, train.y, { categorical, params: { numRounds: 60, numLeaves: 8 } });
    const p = predictGbdt(m, test.x, 2000);
    expect(auc(test.y, p)).toBeGreaterThan(0.82);
    const usedCat = m.trees.some((t) => t.categories.some((c) => c !== null));
    expect(usedCat).toBe(true);
    // A row with x1 missing scores higher than the same row with x1 observed.
    const a = Float64Array.of(1, NaN, 1, 0);
    const b = Float64Array.of(1, 0.5, 1, 0);
    expect(predictGbdt(m, a, 1)[0]!).toBeGreaterThan(predictGbdt(m, b, 1)[0]!);
  });

  it('is deterministic for a seed, with bagging and feature subsampling', () => {
    const d = makeData(1500, 3);
    const params = { numRounds: 20, baggingFraction: 0.7, baggingFreq: 1, featureFraction: 0.5, seed: 42 };
    const a = predictGbdtRaw(trainGbdt(d.x, 1500, 4, d.y, { categorical, params }), d.x, 1500);
    const b = predictGbdtRaw(trainGbdt(d.x, 1500, 4, d.y, { categorical, params }), d.x, 1500);
    const c = predictGbdtRaw(
      trainGbdt(d.x, 1500, 4, d.y, { categorical, params: { ...params, seed: 7 } }),
      d.x,
      1500,
    );
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
  });

  it('saves to JSON and loads back with identical predictions', () => {
    const d = makeData(1000, 4);
    const m = trainGbdt(d.x, 1000, 4, d.y, { categorical, params: { numRounds: 15 } });
    const back = gbdtFromJson(JSON.parse(JSON.stringify(gbdtToJson(m))) as GbdtJson);
    expect(predictGbdtRaw(back, d.x, 1000)).toEqual(predictGbdtRaw(m, d.x, 1000));
  });

  it('rejects a corrupted model file naming the tree', () => {
    const d = makeData(500, 5);
    const j = gbdtToJson(trainGbdt(d.x, 500, 4, d.y, { categorical, params: { numRounds: 2 } }));
    j.trees[1]!.left[0] = 99;
    expect(() => gbdtFromJson(j)).toThrow(/model\.trees\[1\]/);
  });

  it('binned traversal (training) and raw traversal (prediction) reach the same leaf', () => {
    const d = makeData(800, 6);
    const m = trainGbdt(d.x, 800, 4, d.y, { categorical, params: { numRounds: 5 } });
    const bins = applyBinMapper(fitBinMapper(d.x, 800, 4, categorical), d.x, 800);
    for (const t of m.trees) {
      for (let i = 0; i < 800; i++) expect(leafOfRow(t, d.x, 4, i)).toBe(leafOfBinnedRow(t, bins, 4, i));
    }
  });

  it('monotone −1 constraint: the score never rises with the constrained feature (any row)', () => {
    const rng = createRng(9);
    const n = 3000;
    const x = new Float64Array(n * 2);
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      x[i * 2] = rng.next() * 10; // price
      x[i * 2 + 1] = rng.normal();
      // Non-monotone truth in price: the constraint must override it.
      const z = Math.sin(x[i * 2]!) - 0.2 * x[i * 2]! + x[i * 2 + 1]!;
      y[i] = rng.next() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
    }
    const m = trainGbdt(x, n, 2, y, {
      monotone: [-1, 0],
      params: { numRounds: 40, numLeaves: 15, minDataInLeaf: 10 },
    });
    fc.assert(
      fc.property(fc.double({ min: -3, max: 3, noNaN: true }), (other) => {
        const grid = new Float64Array(2 * 101);
        for (let k = 0; k <= 100; k++) {
          grid[k * 2] = k / 10;
          grid[k * 2 + 1] = other;
        }
        const s = predictGbdtRaw(m, grid, 101);
        for (let k = 1; k <= 100; k++) expect(s[k]!).toBeLessThanOrEqual(s[k - 1]! + 1e-12);
      }),
      { numRuns: 30 },
    );
  });

  it('early stopping keeps the best validation round', () => {
    const d = makeData(2000, 10);
    const v = makeData(1000, 11);
    const m = trainGbdt(d.x, 2000, 4, d.y, {
      categorical,
      params: { numRounds: 500, learningRate: 0.3, numLeaves: 31, minDataInLeaf: 5, earlyStoppingRounds: 10 },
      valid: { x: v.x, n: 1000, y: v.y },
    });
    expect(m.trees.length).toBe(m.bestIteration);
    expect(m.validLoss.length).toBeLessThan(500);
    const best = Math.min(...m.validLoss);
    expect(m.validLoss[m.bestIteration - 1]).toBe(best);
  });

  it('integer sample weights equal duplicated rows', () => {
    const d = makeData(300, 12);
    // Few distinct values, so that both data sets get the same bin boundaries.
    d.x.forEach((v, i) => (d.x[i] = Math.round(v * 10) / 10));
    const w = Float64Array.from({ length: 300 }, (_, i) => 1 + (i % 3));
    const dx: number[] = [];
    const dy: number[] = [];
    for (let i = 0; i < 300; i++) {
      for (let k = 0; k < w[i]!; k++) {
        dx.push(...d.x.subarray(i * 4, i * 4 + 4));
        dy.push(d.y[i]!);
      }
    }
    const params = { numRounds: 2, numLeaves: 6, minDataInLeaf: 0, minSumHessian: 0, minDataPerGroup: 1 };
    const a = trainGbdt(d.x, 300, 4, d.y, { categorical, params, weights: w });
    const b = trainGbdt(Float64Array.from(dx), dy.length, 4, Float64Array.from(dy), { categorical, params });
    const pa = predictGbdtRaw(a, d.x, 300);
    const pb = predictGbdtRaw(b, d.x, 300);
    for (let i = 0; i < 300; i++) expect(pa[i]).toBeCloseTo(pb[i]!, 9);
  });

  it('L2 objective fits a regression target', () => {
    const rng = createRng(13);
    const n = 2000;
    const x = Float64Array.from({ length: n }, () => rng.next() * 4);
    const y = Float64Array.from(x, (v) => Math.floor(v) + 0.05 * rng.normal());
    const m = trainGbdt(x, n, 1, y, { params: { objective: 'l2', numRounds: 100 } });
    const pred = predictGbdt(m, Float64Array.of(0.5, 1.5, 3.5), 3);
    [0, 1, 3].forEach((v, k) => expect(Math.abs(pred[k]! - v)).toBeLessThan(0.05));
  });

  it('names the bad parameter or label', () => {
    const d = makeData(50, 14);
    expect(() => trainGbdt(d.x, 50, 4, d.y, { params: { learningRate: 0 } })).toThrow(/learningRate/);
    expect(() =>
      trainGbdt(
        d.x,
        50,
        4,
        d.y.map(() => 2),
      ),
    ).toThrow(/y: row 0/);
  });
});
