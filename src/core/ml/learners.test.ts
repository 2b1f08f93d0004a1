import { describe, expect, it } from 'vitest';
import { createRng } from '../random.js';
import { gbdtClassifier, gbdtRegressor } from './learners.js';
import { auc } from './metrics.js';

describe('GBDT nuisance learners', () => {
  const rng = createRng(21);
  const n = 3000;
  const x = new Float64Array(n * 2);
  for (let i = 0; i < x.length; i++) x[i] = rng.normal();

  it('regressor fits a non-linear mean function better than its variance', () => {
    const f = (i: number): number => Math.sin(2 * x[i * 2]!) + (x[i * 2 + 1]! > 0 ? 1 : 0);
    const y = Float64Array.from({ length: n }, (_, i) => f(i) + 0.2 * rng.normal());
    const reg = gbdtRegressor();
    reg.fit(x, n, 2, y);
    const pred = reg.predict(x, n);
    let mse = 0;
    let vf = 0;
    const mf = Array.from({ length: n }, (_, i) => f(i)).reduce((a, b) => a + b, 0) / n;
    for (let i = 0; i < n; i++) {
      mse += (pred[i]! - f(i)) ** 2;
      vf += (f(i) - mf) ** 2;
    }
    expect(mse / vf).toBeLessThan(0.1);
  });

  it('classifier returns probabilities that rank well and accepts sample weights', () => {
    const y = Float64Array.from({ length: n }, (_, i) =>
      rng.next() < 1 / (1 + Math.exp(-3 * x[i * 2]!)) ? 1 : 0,
    );
    const w = Float64Array.from({ length: n }, (_, i) => 1 + (i % 2));
    const clf = gbdtClassifier();
    clf.fit(x, n, 2, y, w);
    const p = clf.predictProba(x, n);
    expect(Math.min(...p)).toBeGreaterThan(0);
    expect(Math.max(...p)).toBeLessThan(1);
    expect(auc(y, p)).toBeGreaterThan(0.85);
    expect(() => gbdtClassifier().predictProba(x, n)).toThrow(/before fit/);
  });
});
