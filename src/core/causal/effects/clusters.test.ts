import { describe, expect, it } from 'vitest';
import { createRng } from '../../random.js';
import type { CausalData } from './data.js';
import { foldLabels, subsetRows } from './data.js';
import { estimateEffect } from './estimate.js';
import { ifSe } from './result.js';

/** y = x0 + τ·t + noise, t confounded by x0: n independent customers. */
const customers = (n: number, seed: number): CausalData => {
  const rng = createRng(seed);
  const x = new Float64Array(n * 2);
  const t = new Float64Array(n);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    x[i * 2] = rng.normal();
    x[i * 2 + 1] = rng.normal();
    t[i] = rng.next() < 1 / (1 + Math.exp(-x[i * 2]!)) ? 1 : 0;
    y[i] = x[i * 2]! + 0.5 * t[i]! + rng.normal();
  }
  return { x, n, p: 2, t, y, names: ['x0', 'x1'] };
};

/** Every customer's row `times` times (the same decision recorded again): no new information. */
const repeated = (d: CausalData, times: number): CausalData => {
  const rows = Array.from({ length: d.n * times }, (_, k) => Math.floor(k / times));
  return { ...subsetRows(d, rows), clusters: Int32Array.from(rows) };
};

describe('clustered rows (a customer with several decisions)', () => {
  it('deals whole clusters to cross-fitting folds, balanced, and leaves unclustered folds unchanged', () => {
    const clusters = Int32Array.from({ length: 1000 }, (_, i) => Math.floor(i / (1 + (i % 3))));
    const t = Float64Array.from({ length: 1000 }, (_, i) => i % 2);
    const f = foldLabels(t, 5, createRng(1), clusters);
    const foldOf = new Map<number, number>();
    clusters.forEach((g, i) => {
      if (foldOf.has(g)) expect(f[i]).toBe(foldOf.get(g));
      foldOf.set(g, f[i]!);
    });
    const sizes = [0, 1, 2, 3, 4].map((k) => f.filter((v) => v === k).length);
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(3);
    const unique = Int32Array.from({ length: 1000 }, (_, i) => i);
    expect(foldLabels(t, 5, createRng(1), unique)).toEqual(foldLabels(t, 5, createRng(1)));
  });

  it('computes the cluster-robust SE: sd/√n for singletons, no smaller when rows are repeated', () => {
    const rng = createRng(3);
    const phi = Float64Array.from({ length: 500 }, () => rng.normal());
    const ids = Int32Array.from({ length: 500 }, (_, i) => i);
    expect(ifSe(phi, ids)).toBeCloseTo(ifSe(phi), 12);
    const twice = Float64Array.from({ length: 1000 }, (_, k) => phi[Math.floor(k / 2)]!);
    const pairs = Int32Array.from({ length: 1000 }, (_, k) => Math.floor(k / 2));
    // Naively the doubled sample looks √2 more precise; by customer it is exactly as precise as the original.
    expect(ifSe(twice)).toBeLessThan(0.75 * ifSe(phi));
    expect(ifSe(twice, pairs)).toBeCloseTo(ifSe(phi), 10);
  });

  it('does not narrow the AIPW or double-ML CI when each customer’s decision is counted three times', () => {
    const d = customers(1500, 5);
    for (const method of ['aipw', 'dml'] as const) {
      const once = estimateEffect(d, { method, learner: 'linear' });
      const thrice = estimateEffect(repeated(d, 3), { method, learner: 'linear' });
      const { clusters: _ignored, ...rows } = repeated(d, 3);
      const naive = estimateEffect(rows, { method, learner: 'linear' });
      expect(thrice.se / once.se, method).toBeGreaterThan(0.9);
      expect(thrice.se / once.se, method).toBeLessThan(1.1);
      expect(naive.se / once.se, method).toBeLessThan(0.65);
    }
  });
});
