import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRng } from '../random.js';
import { solveQp, solveQpDualActiveSet, type QpProblem } from './qp.js';

/** A random row g with limit h = g·(1/n) + 0.1, so the equal-weight point stays feasible. */
const generalRow = (rng: ReturnType<typeof createRng>, n: number): { G: Float64Array; h: Float64Array } => {
  const G = Float64Array.from({ length: n }, () => rng.normal());
  return { G, h: Float64Array.of(G.reduce((a, v) => a + v / n, 0) + 0.1) };
};

const randomQp = (seed: number, n: number, withGeneral: boolean): QpProblem => {
  const rng = createRng(seed);
  const k = Math.max(1, n >> 1);
  const F = Float64Array.from({ length: n * k }, () => rng.normal());
  const P = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let s = i === j ? 0.1 : 0;
      for (let f = 0; f < k; f++) s += F[i * k + f]! * F[j * k + f]!;
      P[i * n + j] = s;
    }
  }
  return {
    P,
    q: Float64Array.from({ length: n }, () => rng.normal()),
    A: new Float64Array(n).fill(1),
    b: Float64Array.of(1),
    ...(withGeneral ? generalRow(rng, n) : {}),
    lower: new Float64Array(n).fill(-0.05),
    upper: new Float64Array(n).fill(0.4),
  };
};

const objective = (p: QpProblem, x: Float64Array): number => {
  const n = x.length;
  let s = 0;
  for (let i = 0; i < n; i++) {
    let px = 0;
    for (let j = 0; j < n; j++) px += p.P[i * n + j]! * x[j]!;
    s += x[i]! * (0.5 * px + p.q[i]!);
  }
  return s;
};

describe('QP solver', () => {
  it('solves a 2-variable problem whose answer is known in closed form', () => {
    // min ½(x² + y²) − x − 2y with x + y = 1 and y ≤ 0.6 → unconstrained on the line gives (0, 1); the bound makes it (0.4, 0.6).
    const s = solveQp({
      P: Float64Array.of(1, 0, 0, 1),
      q: Float64Array.of(-1, -2),
      A: Float64Array.of(1, 1),
      b: Float64Array.of(1),
      upper: Float64Array.of(Infinity, 0.6),
    });
    expect(s.x[0]).toBeCloseTo(0.4, 14);
    expect(s.x[1]).toBeCloseTo(0.6, 14);
    expect(s.active).toContain('upper:1');
  });

  it('the bound fast path and the dual active-set method agree to 1e-10 (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e6 }), fc.integer({ min: 3, max: 30 }), (seed, n) => {
        const p = randomQp(seed, n, false);
        const a = solveQp(p).x;
        const b = solveQpDualActiveSet(p).x;
        a.forEach((v, i) => expect(Math.abs(v - b[i]!)).toBeLessThan(1e-10));
      }),
      { numRuns: 80 },
    );
  });

  it('with a general inequality, no feasible random perturbation improves the objective (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e6 }), fc.integer({ min: 3, max: 15 }), (seed, n) => {
        const p = randomQp(seed, n, true);
        const s = solveQp(p);
        const x = s.x;
        expect(Math.abs(x.reduce((a, v) => a + v, 0) - 1)).toBeLessThan(1e-12);
        expect(x.reduce((a, v, i) => a + v * p.G![i]!, 0)).toBeLessThanOrEqual(p.h![0]! + 1e-12);
        const rng = createRng(seed + 1);
        for (let t = 0; t < 30; t++) {
          // Move along a random direction that keeps Σx = 1, then check feasibility before comparing.
          const d = Float64Array.from({ length: n }, () => rng.normal() * 1e-3);
          const mean = d.reduce((a, v) => a + v, 0) / n;
          const y = x.map((v, i) => v + d[i]! - mean);
          const feasible =
            y.every((v) => v >= -0.05 && v <= 0.4) && y.reduce((a, v, i) => a + v * p.G![i]!, 0) <= p.h![0]!;
          if (feasible) expect(objective(p, y)).toBeGreaterThanOrEqual(s.objective - 1e-12);
        }
      }),
      { numRuns: 60 },
    );
  });
});
