import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRng } from '../random.js';
import * as ef from './efficient-frontier.js';
import { hrpWeights } from './hrp.js';
import { solveQp } from './qp.js';
import { riskBudgetWeights } from './risk-parity.js';

/** A random well-conditioned covariance F F' + diag and expected returns, from a seed. */
const problem = (seed: number, n: number): { mu: Float64Array; cov: Float64Array } => {
  const rng = createRng(seed);
  const k = 3;
  const F = Float64Array.from({ length: n * k }, () => rng.normal() * 0.1);
  const cov = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let f = 0; f < k; f++) s += F[i * k + f]! * F[j * k + f]!;
      cov[i * n + j] = s + (i === j ? 0.01 + 0.04 * rng.next() : 0);
    }
  }
  const mu = Float64Array.from({ length: n }, () => 0.03 + 0.15 * rng.next());
  return { mu, cov };
};

const sum = (w: Float64Array): number => w.reduce((a, b) => a + b, 0);
const arb = fc.record({
  seed: fc.integer({ min: 1, max: 1_000_000 }),
  n: fc.integer({ min: 2, max: 12 }),
  cap: fc.double({ min: 0.3, max: 1, noNaN: true }),
});

describe('optimiser invariants (property tests)', () => {
  it('weights sum to 1 and respect bounds for every objective', () => {
    fc.assert(
      fc.property(arb, ({ seed, n, cap }) => {
        const upper = new Float64Array(n).fill(Math.max(cap, 1 / n + 1e-9));
        const mv = { ...problem(seed, n), lower: new Float64Array(n), upper };
        const all = [
          ef.minVolatility(mv),
          ef.maxSharpe(mv, 0.01),
          ef.maxQuadraticUtility(mv, 3),
          ef.efficientReturn(mv, Math.min(...mv.mu) * 0.5 + Math.max(...mv.mu) * 0.5 * 0.5),
        ];
        expect(Math.abs(sum(riskBudgetWeights(mv.cov)) - 1)).toBeLessThan(1e-12);
        for (const w of all) {
          expect(Math.abs(sum(w) - 1)).toBeLessThan(1e-9);
          w.forEach((wi, i) => {
            expect(wi).toBeGreaterThanOrEqual(-1e-10);
            expect(wi).toBeLessThanOrEqual(upper[i]! + 1e-10);
          });
        }
      }),
      { numRuns: 60 },
    );
  });

  it('frontier volatility rises with target return', () => {
    fc.assert(
      fc.property(arb, ({ seed, n }) => {
        const curve = ef.efficientFrontierCurve(problem(seed, n), 12);
        for (let k = 1; k < curve.length; k++) {
          expect(curve[k]!.expectedReturn).toBeGreaterThanOrEqual(curve[k - 1]!.expectedReturn - 1e-12);
          expect(curve[k]!.volatility).toBeGreaterThanOrEqual(curve[k - 1]!.volatility - 1e-12);
        }
      }),
      { numRuns: 30 },
    );
  });

  it('max Sharpe beats every frontier point on Sharpe; group limits hold', () => {
    fc.assert(
      fc.property(arb, ({ seed, n: n0 }) => {
        const mv = problem(seed, n0 + 2); // at least 4 assets so that a 10–30% group is feasible
        const best = ef.portfolioPerformance(ef.maxSharpe(mv, 0.01), mv.mu, mv.cov, 0.01).sharpe;
        for (const p of ef.efficientFrontierCurve(mv, 8, 0.01))
          expect(p.sharpe).toBeLessThanOrEqual(best + 1e-9);
        const group = { assets: [0, 1], upper: 0.3, lower: 0.1 };
        for (const w of [
          ef.minVolatility({ ...mv, groups: [group] }),
          ef.maxSharpe({ ...mv, groups: [group] }, 0.01),
        ]) {
          expect(w[0]! + w[1]!).toBeLessThanOrEqual(0.3 + 1e-9);
          expect(w[0]! + w[1]!).toBeGreaterThanOrEqual(0.1 - 1e-9);
          expect(Math.abs(sum(w) - 1)).toBeLessThan(1e-9);
        }
      }),
      { numRuns: 30 },
    );
  });

  it('HRP weights are positive and sum to 1', () => {
    const rng = createRng(7);
    const cols = Array.from({ length: 6 }, () =>
      Float64Array.from({ length: 300 }, () => rng.normal() * 0.01),
    );
    const { weights } = hrpWeights({ assets: ['a', 'b', 'c', 'd', 'e', 'f'], cols });
    expect(Math.abs(sum(weights) - 1)).toBeLessThan(1e-12);
    weights.forEach((w) => expect(w).toBeGreaterThan(0));
  });

  it('the QP solver reports infeasible constraints as bad input', () => {
    expect(() =>
      solveQp({
        P: Float64Array.of(1, 0, 0, 1),
        q: new Float64Array(2),
        A: Float64Array.of(1, 1),
        b: Float64Array.of(1),
        lower: new Float64Array(2),
        upper: Float64Array.of(0.2, 0.2),
      }),
    ).toThrow(/cannot all be met/);
  });
});
