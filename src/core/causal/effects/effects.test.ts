import { describe, expect, it } from 'vitest';
import { isAppError } from '../../errors.js';
import { createRng } from '../../random.js';
import type { CausalData } from './data.js';
import { estimateEffect, estimateMultiArm } from './estimate.js';
import { eValue } from './refute.js';

/** y = 2 + x0 + 0.5·x1 + τ·t + noise, treatment confounded by x0 (logistic with slope `s`). */
const confounded = (n: number, seed: number, tau: number, s = 1, arms = 2): CausalData => {
  const rng = createRng(seed);
  const p = 3;
  const x = new Float64Array(n * p);
  const t = new Float64Array(n);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < p; j++) x[i * p + j] = rng.normal();
    const e = 1 / (1 + Math.exp(-s * x[i * p]!));
    t[i] = arms === 2 ? (rng.next() < e ? 1 : 0) : rng.next() < e ? 1 + rng.int(arms - 1) : 0;
    y[i] = 2 + x[i * p]! + 0.5 * x[i * p + 1]! + tau * t[i]! + rng.normal();
  }
  return { x, n, p, t, y, names: ['x0', 'x1', 'x2'] };
};

describe('effect estimation on simulated confounding', () => {
  it('adjusting for the confounder removes the bias of the naive difference', () => {
    const d = confounded(3000, 1, 1);
    const naive = estimateEffect(d, { method: 'difference' });
    expect(naive.ate).toBeGreaterThan(1.5);
    for (const method of ['regression', 'ipw', 'aipw', 'dml', 'x-learner'] as const) {
      const r = estimateEffect(d, { method, learner: 'linear' });
      expect(r.ci_low, method).toBeLessThan(1);
      expect(r.ci_high, method).toBeGreaterThan(1);
    }
  });

  it('the balance table shows IPW weighting shrinking the confounder’s standardised difference', () => {
    const r = estimateEffect(confounded(3000, 2, 1), { method: 'ipw', learner: 'linear' });
    const x0 = r.balance.find((b) => b.covariate === 'x0')!;
    expect(Math.abs(x0.smd_unweighted)).toBeGreaterThan(0.5);
    expect(Math.abs(x0.smd_weighted)).toBeLessThan(0.1);
  });

  it('says "insufficient evidence" instead of a number when the arms barely overlap', () => {
    const d = confounded(2000, 3, 1, 12);
    let err: unknown = null;
    try {
      estimateEffect(d, { method: 'aipw', learner: 'linear' });
    } catch (e) {
      err = e;
    }
    expect(isAppError(err) && err.code).toBe('INSUFFICIENT_EVIDENCE');
    expect(isAppError(err) && (err.details.overlap as { ok: boolean }).ok).toBe(false);
  });

  it('multi-arm treatments are estimated as contrasts with the control arm', () => {
    const d = confounded(4000, 4, 0.7, 0.5, 3);
    // arm k has effect 0.7·k by construction (y uses τ·t with t ∈ {0, 1, 2})
    const res = estimateMultiArm(d, 0, { method: 'aipw', learner: 'linear' });
    expect(res.map((r) => r.arm)).toEqual([1, 2]);
    expect(Math.abs(res[0]!.ate - 0.7)).toBeLessThan(3 * res[0]!.se);
    expect(Math.abs(res[1]!.ate - 1.4)).toBeLessThan(3 * res[1]!.se);
  });

  it('double ML recovers the slope of a continuous dose', () => {
    const rng = createRng(5);
    const n = 3000;
    const x = Float64Array.from({ length: n * 2 }, () => rng.normal());
    const t = Float64Array.from({ length: n }, (_, i) => 0.8 * x[i * 2]! + rng.normal());
    const y = Float64Array.from(
      { length: n },
      (_, i) => 0.5 * t[i]! + Math.sin(x[i * 2]!) + x[i * 2 + 1]! + rng.normal(),
    );
    const r = estimateEffect(
      { x, n, p: 2, t, y, names: ['a', 'b'] },
      {
        method: 'dml',
        learner: 'gbdt',
        gbdt: { numRounds: 40, learningRate: 0.2, numLeaves: 8, maxBin: 32 },
      },
    );
    expect(Math.abs(r.ate - 0.5)).toBeLessThan(3 * r.se);
    expect(r.se).toBeLessThan(0.05);
  });

  it('refuters: the placebo effect vanishes, a random common cause and a subset leave it in place', () => {
    const d = confounded(1500, 6, 2);
    const r = estimateEffect(d, { method: 'aipw', learner: 'linear', refute: true, refuteSimulations: 4 });
    const ref = r.refutations!;
    expect(Math.abs(ref.placebo.effect)).toBeLessThan(0.3);
    // DoWhy's convention: zero is consistent with the placebo estimates, the real estimate is not.
    expect(ref.placebo.p_value).toBeGreaterThan(0.05);
    expect(ref.placebo.estimate_vs_placebo_p).toBeLessThan(0.01);
    expect(Math.abs(ref.random_common_cause.effect - r.ate)).toBeLessThan(0.1);
    expect(Math.abs(ref.subset.effect - r.ate)).toBeLessThan(0.3);
    expect(ref.bootstrap.sd).toBeGreaterThan(0);
  });

  it('is deterministic for a seed', () => {
    const d = confounded(800, 7, 1);
    const a = estimateEffect(d, {
      method: 'aipw',
      learner: 'gbdt',
      gbdt: { numRounds: 10, maxBin: 16 },
      seed: 3,
    });
    const b = estimateEffect(d, {
      method: 'aipw',
      learner: 'gbdt',
      gbdt: { numRounds: 10, maxBin: 16 },
      seed: 3,
    });
    expect(a.ate).toBe(b.ate);
  });
});

describe('E-value', () => {
  it('matches VanderWeele & Ding (2017): RR 3.9 → 7.26, and 1 when the CI covers the null', () => {
    // binary outcome with control risk 0.1 and ATE 0.29 → RR = 3.9
    const e = eValue(0.29, -0.01, 0.5, new Float64Array([0, 1]), 0.1);
    expect(e.point).toBeCloseTo(3.9 + Math.sqrt(3.9 * 2.9), 10);
    expect(e.ci).toBe(1);
  });
});
