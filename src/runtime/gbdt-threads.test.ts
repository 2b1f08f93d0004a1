import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../core/random.js';
import { gbdtToJson } from '../core/ml/gbdt-io.js';
import { trainGbdt } from '../core/ml/gbdt.js';
import { COMMAND, CONTROL_FIELDS, FIELD, startHistogramPool } from './gbdt-threads.js';
import type { HistogramPool } from './gbdt-threads.js';

/** 12 features, two with missing values; enough rows that the root and upper nodes go to the helper. */
const makeData = (n: number, p: number): { x: Float64Array; y: Float64Array } => {
  const rng = createRng(7);
  const x = new Float64Array(n * p);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let z = 0;
    for (let j = 0; j < p; j++) {
      // Feature 2 is a categorical code 0…5 (codes 1 and 4 raise the odds).
      const v = j === 2 ? rng.int(6) : j < 2 && rng.next() < 0.1 ? NaN : rng.normal();
      x[i * p + j] = v;
      if (j === 2) z += v === 1 || v === 4 ? 1 : -0.5;
      else if (!Number.isNaN(v)) z += (j % 3 === 0 ? 0.8 : -0.3) * v;
    }
    y[i] = rng.next() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
  }
  return { x, y };
};

describe('threaded histogram strategy', () => {
  let pool: HistogramPool;
  beforeAll(async () => {
    pool = await startHistogramPool(3);
  });
  afterAll(async () => {
    await pool.close();
  });

  it('trains models bit-identical to the single-thread path (numeric, missing and categorical splits, bagging)', () => {
    const n = 30_000;
    const p = 12;
    const { x, y } = makeData(n, p);
    const categorical = Array.from({ length: p }, (_, j) => j === 2);
    const variants = [
      { featureFraction: 1 },
      { featureFraction: 0.6 },
      { featureFraction: 0.8, baggingFraction: 0.7, baggingFreq: 1 },
    ];
    for (const variant of variants) {
      const params = { numRounds: 8, numLeaves: 15, seed: 3, maxCatToOnehot: 2, ...variant };
      const single = trainGbdt(x, n, p, y, { params, categorical });
      const threaded = trainGbdt(x, n, p, y, { params, categorical, histograms: pool.strategy });
      expect(single.trees.some((t) => t.categories.some((c) => c !== null))).toBe(true);
      expect(single.trees.length).toBe(8);
      expect(JSON.stringify(gbdtToJson(threaded))).toBe(JSON.stringify(gbdtToJson(single)));
    }
  });

  it('can be reused for a second training after the first one ended', () => {
    const n = 10_000;
    const { x, y } = makeData(n, 4);
    const params = { numRounds: 3, numLeaves: 7 };
    const a = trainGbdt(x, n, 4, y, { params, histograms: pool.strategy });
    const b = trainGbdt(x, n, 4, y, { params });
    expect(gbdtToJson(a)).toEqual(gbdtToJson(b));
  });

  it('gives every control-block field its own index inside the block, and every command its own non-zero code', () => {
    const fields = Object.values(FIELD);
    expect(new Set(fields).size).toBe(fields.length);
    expect(Math.min(...fields)).toBe(0);
    expect(Math.max(...fields)).toBe(CONTROL_FIELDS - 1);
    const commands = Object.values(COMMAND);
    expect(new Set(commands).size).toBe(commands.length);
    expect(commands.every((c) => c > 0)).toBe(true);
  });
});
