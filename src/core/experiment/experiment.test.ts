import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readBenchmarkJson } from '../../../test/support/causal-data.js';
import { analyzeExperiment } from './analyze.js';
import { bayesianTest, cupedTest, frequentistTest, sequentialTest } from './hypothesis.js';
import type { ArmStat, CupedArmStat } from './moments.js';
import { benjaminiHochberg, holmAdjust } from './multiple-testing.js';
import { minimumDetectableEffect, powerOfLift, sampleSizeForLift } from './power.js';
import { srmPValue } from './srm.js';

type Vec = {
  id: string;
  a: ArmStat;
  b: ArmStat;
  config: Record<string, unknown>;
  expected: Record<string, unknown>;
};
type Vectors = {
  frequentist: Vec[];
  sequential: Vec[];
  bayesian: Vec[];
  cuped: Array<{
    id: string;
    tolerance: number;
    a: CupedArmStat;
    b: CupedArmStat;
    expected: Record<string, number | number[]>;
  }>;
  srm: { tolerance: number; cases: Array<{ users: number[]; weights: number[]; p: number }> };
};

const vectors = readBenchmarkJson<Vectors>('experiment', 'gbstats_vectors.json');
const TOL = 1e-5;

const close = (actual: number, expected: number, tol = TOL): void => {
  expect(Math.abs(actual - expected), `${actual} vs ${expected}`).toBeLessThanOrEqual(tol);
};

describe.skipIf(!vectors)('GrowthBook gbstats parity', () => {
  it('frequentist delta-method lifts and Welch t match every vector', () => {
    for (const v of vectors!.frequentist) {
      const r = frequentistTest(v.a, v.b, v.config);
      const e = v.expected as { estimate: number; ci: number[]; se: number; p: number };
      close(r.estimate, e.estimate);
      close(r.ci[0], e.ci[0]!);
      close(r.ci[1], e.ci[1]!);
      close(r.se, e.se);
      close(r.p, e.p);
    }
  });

  it('sequential confidence sequences match every vector', () => {
    for (const v of vectors!.sequential) {
      const r = sequentialTest(v.a, v.b, v.config);
      const e = v.expected as { estimate: number; ci: number[]; se: number; p: number };
      close(r.estimate, e.estimate);
      close(r.ci[0], e.ci[0]!);
      close(r.ci[1], e.ci[1]!);
      close(r.se, e.se);
      close(r.p, e.p);
    }
  });

  it('Bayesian posterior, chance to win and risk match every vector (flat and proper prior)', () => {
    for (const v of vectors!.bayesian) {
      const r = bayesianTest(v.a, v.b, v.config);
      const e = v.expected as {
        estimate: number;
        ci: number[];
        sd: number;
        chance_to_win: number;
        risk: number[];
      };
      close(r.estimate, e.estimate);
      close(r.ci[0], e.ci[0]!);
      close(r.ci[1], e.ci[1]!);
      close(r.sd, e.sd);
      close(r.chance_to_win, e.chance_to_win);
      close(r.risk[0], e.risk[0]!);
      close(r.risk[1], e.risk[1]!);
    }
  });

  it('CUPED with pooled theta matches at 1e-9', () => {
    for (const v of vectors!.cuped) {
      const r = cupedTest(v.a, v.b);
      const e = v.expected as { estimate: number; p: number; theta: number; unadjusted_means: number[] };
      close(r.estimate, e.estimate, v.tolerance);
      close(r.p, e.p, v.tolerance);
      close(r.theta, e.theta, 1e-7); // the vector gives θ to 7 decimals only
      close(r.unadjusted_means[0], e.unadjusted_means[0]!, v.tolerance);
      close(r.unadjusted_means[1], e.unadjusted_means[1]!, v.tolerance);
    }
  });

  it('sample-ratio mismatch p-values match at 1e-9', () => {
    for (const c of vectors!.srm.cases) close(srmPValue(c.users, c.weights), c.p, vectors!.srm.tolerance);
  });

  it('the abtest dispatcher picks the engine from the vector shape', () => {
    const b = vectors!.bayesian[2]!;
    expect(analyzeExperiment(b as never).engine).toBe('bayesian');
    expect(analyzeExperiment(vectors!.sequential[0] as never).engine).toBe('sequential');
    expect(analyzeExperiment(vectors!.cuped[0] as never).engine).toBe('cuped');
    expect(analyzeExperiment(vectors!.frequentist[0] as never).engine).toBe('frequentist');
  });
});

describe('multiple-testing correction', () => {
  it('Holm and BH reproduce textbook values', () => {
    const p = [0.01, 0.04, 0.03, 0.005];
    // Holm: sorted 0.005,0.01,0.03,0.04 → ×4,×3,×2,×1 with running max
    expect(holmAdjust(p).map((x) => +x.toFixed(10))).toEqual([0.03, 0.06, 0.06, 0.02]);
    // BH: sorted q = 0.02, 0.02, 0.04, 0.04
    expect(benjaminiHochberg(p).map((x) => +x.toFixed(10))).toEqual([0.02, 0.04, 0.04, 0.02]);
  });

  it('adjusted p-values are never below the raw ones and BH ≤ Holm', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 30 }),
        (p) => {
          const h = holmAdjust(p);
          const q = benjaminiHochberg(p);
          p.forEach((x, i) => {
            expect(h[i]!).toBeGreaterThanOrEqual(x - 1e-15);
            expect(q[i]!).toBeGreaterThanOrEqual(x - 1e-15);
            expect(q[i]!).toBeLessThanOrEqual(h[i]! + 1e-15);
            expect(h[i]!).toBeLessThanOrEqual(1);
          });
        },
      ),
    );
  });
});

describe('power and minimum detectable effect', () => {
  const design = { mean: 0.1, sd: Math.sqrt(0.09), nPerExperiment: 20_000 };
  it('power at the MDE is the requested power, and the sample size for that lift inverts it', () => {
    const mde = minimumDetectableEffect(design, 0.8);
    close(powerOfLift(design, mde), 0.8, 1e-9);
    const n = sampleSizeForLift({ mean: 0.1, sd: Math.sqrt(0.09) }, mde, 0.8);
    expect(Math.abs(n - 20_000)).toBeLessThanOrEqual(2);
  });
  it('power grows with the lift and equals alpha at no lift', () => {
    close(powerOfLift(design, 0), 0.05, 1e-12);
    expect(powerOfLift(design, 0.05)).toBeLessThan(powerOfLift(design, 0.1));
  });
});
