import { createRng } from '../src/core/random.js';

/**
 * Deterministic synthetic binary-classification data for the benchmarks: 30 features (20 Gaussian, 5
 * integer-valued, 5 uniform), 5% missing values in two columns, and a logit with linear terms, thresholds and
 * interactions so that trees have something to find.
 */
export const syntheticBinary = (n: number, seed: number): { x: Float64Array; y: Float64Array; p: number } => {
  const p = 30;
  const rng = createRng(seed);
  const x = new Float64Array(n * p);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const o = i * p;
    for (let j = 0; j < 20; j++) x[o + j] = rng.normal();
    for (let j = 20; j < 25; j++) x[o + j] = rng.int(10);
    for (let j = 25; j < 30; j++) x[o + j] = rng.next();
    const z =
      0.6 * x[o]! -
      0.4 * x[o + 1]! +
      0.3 * x[o + 2]! * x[o + 3]! +
      (x[o + 4]! > 0.5 ? 0.8 : -0.2) +
      0.15 * x[o + 20]! -
      0.7 +
      Math.sin(3 * x[o + 25]!) +
      (x[o + 21]! >= 7 ? 0.5 : 0) * (x[o + 5]! > 0 ? 1 : -1);
    y[i] = rng.next() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
    if (rng.next() < 0.05) x[o + 3] = NaN;
    if (rng.next() < 0.05) x[o + 7] = NaN;
  }
  return { x, y, p };
};
