import { describe, expect, it } from 'vitest';
import { createRng } from '../random.js';
import type { ArmTotals } from './campaign-results.js';
import { campaignResults, wilsonInterval } from './campaign-results.js';

/** Simulated arm: n customers, pre-period purchases ~ Poisson-ish, conversion probability base + k·pre + lift. */
const simulate = (arm: string, n: number, lift: number, seed: number): ArmTotals => {
  const rng = createRng(seed);
  let conversions = 0;
  let preSum = 0;
  let preSumSquares = 0;
  let convertedPreSum = 0;
  for (let i = 0; i < n; i++) {
    const pre = Math.floor(rng.next() * 5);
    const converted = rng.next() < 0.05 + 0.04 * pre + lift ? 1 : 0;
    conversions += converted;
    preSum += pre;
    preSumSquares += pre * pre;
    convertedPreSum += converted * pre;
  }
  return {
    arm,
    assigned: n,
    exposures: arm === 'holdout' ? 0 : n,
    suppressed: 0,
    conversions,
    preSum,
    preSumSquares,
    convertedPreSum,
  };
};

describe('campaign results', () => {
  it('measures a planted lift with the right sign, a CI that covers it, and a high chance to beat the holdout', () => {
    const totals = [simulate('holdout', 4000, 0, 1), simulate('a', 4000, 0.05, 2), simulate('b', 4000, 0, 3)];
    const r = campaignResults(totals, [1, 1, 1]);
    const a = r.arms.find((x) => x.arm === 'a')!.vsHoldout!;
    expect(a.lift).toBeGreaterThan(0);
    expect(a.liftCi[0]).toBeLessThan(0.05);
    expect(a.liftCi[1]).toBeGreaterThan(0.05);
    expect(a.liftCi[0]).toBeGreaterThan(0);
    expect(a.chanceToBeatHoldout).toBeGreaterThan(0.99);
    expect(a.cuped.liftCi[0]).toBeLessThan(0.05);
    expect(a.cuped.liftCi[1]).toBeGreaterThan(0.05);
    // The pre-period purchases predict conversion: CUPED narrows the interval.
    expect(a.cuped.liftCi[1] - a.cuped.liftCi[0]).toBeLessThan(a.liftCi[1] - a.liftCi[0]);
    expect(a.cuped.theta).toBeGreaterThan(0);
    const b = r.arms.find((x) => x.arm === 'b')!.vsHoldout!;
    expect(b.liftCi[0]).toBeLessThan(0);
    expect(b.liftCi[1]).toBeGreaterThan(0);
    expect(r.arms[0]!.vsHoldout).toBeNull();
    expect(r.srm.warning).toBe(false);
  });

  it('warns of a sample-ratio mismatch when the counts stray from the weights', () => {
    const totals = [simulate('holdout', 1000, 0, 1), simulate('a', 1300, 0, 2)];
    const r = campaignResults(totals, [0.5, 0.5]);
    expect(r.srm.warning).toBe(true);
    expect(r.srm.expected).toEqual([1150, 1150]);
  });

  it('has no comparison without a holdout and no relative lift on a zero holdout rate', () => {
    const zero: ArmTotals = { ...simulate('holdout', 100, 0, 1), conversions: 0, convertedPreSum: 0 };
    const r = campaignResults([zero, simulate('a', 100, 0.1, 2)], [0.1, 0.9]);
    expect(r.arms[1]!.vsHoldout!.relativeLift).toBeNull();
    expect(campaignResults([simulate('a', 100, 0, 2)], [1]).arms[0]!.vsHoldout).toBeNull();
  });

  it('gives the Wilson interval of a rate', () => {
    const [lo, hi] = wilsonInterval(10, 100);
    expect(lo).toBeCloseTo(0.0552, 3);
    expect(hi).toBeCloseTo(0.1744, 3);
    expect(wilsonInterval(0, 0)).toEqual([0, 0]);
  });
});
