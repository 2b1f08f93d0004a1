import { describe, expect, it } from 'vitest';
import { buildBankContext, generateBundle } from './bank.js';
import type { DemoSubscription } from './subscriptions.js';
import { plantedAssignment, renewalProbability } from './subscriptions.js';
import { trueEffects, trueEffectsOf } from './truths.js';

const ctx = buildBankContext(7, '2026-10-30');
const subs: DemoSubscription[] = [];
for (let i = 0; i < 2000; i++) subs.push(...generateBundle(ctx, i).subscriptions);
const truth = trueEffectsOf(subs);

describe('planted causal model of advisory renewal', () => {
  it('matches the true effects published in docs/demo-data.md (2,000 customers, seed 7)', () => {
    expect(truth.n).toBe(665);
    expect(truth.renewalRate).toBeCloseTo(0.647, 3);
    expect(truth.coupon.ate).toBeCloseTo(0.211, 3);
    expect(truth.coupon.bySensitivity.low).toBeCloseTo(0.126, 3);
    expect(truth.coupon.bySensitivity.high).toBeCloseTo(0.243, 3);
    expect(truth.livestream2000.ate).toBeCloseTo(0.134, 3);
    expect(truth.pricePlus100Yuan.ate).toBeCloseTo(-0.0175, 4);
  });

  it('draws coupons, live streams and sessions from the published assignment laws (the ideal oracle uses them)', () => {
    const first = subs.filter((s) => s.id % 10 === 1);
    const mean = (f: (s: DemoSubscription) => number) => first.reduce((a, s) => a + f(s), 0) / first.length;
    // Residuals of each law average to 0 within sampling error (n ≈ 1,000; SEs about 0.015, 0.015 and 0.04).
    expect(
      Math.abs(mean((s) => +s.couponUsed - plantedAssignment.coupon(s.engagement, s.priceSensitivity))),
    ).toBeLessThan(0.045);
    expect(
      Math.abs(mean((s) => +s.livestream2000 - plantedAssignment.livestream2000(s.engagement))),
    ).toBeLessThan(0.045);
    expect(
      Math.abs(mean((s) => s.sessionsPerMonth - plantedAssignment.expectedSessions(s.engagement))),
    ).toBeLessThan(0.12);
    // E[M | E] is the mean of max(0, N(0.5 + 9E, 1.2²)): above 0.5 + 9E near E = 0, equal to it for large E.
    expect(plantedAssignment.expectedSessions(0)).toBeGreaterThan(0.5);
    expect(plantedAssignment.expectedSessions(0.8)).toBeCloseTo(7.7, 6);
  });

  it('has enough decided subscription years to analyse', () => {
    expect(truth.n).toBeGreaterThan(400);
    expect(truth.renewalRate).toBeGreaterThan(0.3);
    expect(truth.renewalRate).toBeLessThan(0.85);
    expect(subs.some((s) => s.status === 'active')).toBe(true);
  });

  it('gives coupons and large live streams a positive true effect and sessions none', () => {
    expect(truth.coupon.ate).toBeGreaterThan(0.1);
    expect(truth.livestream2000.ate).toBeGreaterThan(0.05);
    expect(truth.sessionsPerMonth.ate).toBe(0);
    expect(truth.pricePlus100Yuan.ate).toBeLessThan(0);
  });

  it('makes sessions per month correlated with renewal through the confounder only', () => {
    expect(truth.sessionsPerMonth.naiveRenewedMinusCancelled).toBeGreaterThan(0.5);
  });

  it('lets the coupon effect grow with price sensitivity', () => {
    const { low, mid, high } = truth.coupon.bySensitivity;
    expect(low).toBeLessThan(mid);
    expect(mid).toBeLessThan(high);
  });

  it('reproduces the outcome probabilities from the stored (rounded) columns', () => {
    for (const s of subs.filter((x) => x.renewed !== null).slice(0, 50)) {
      const p = renewalProbability({ ...s, coupon: s.couponUsed, livestream2000: s.livestream2000 });
      expect(p).toBeGreaterThan(0);
      expect(p).toBeLessThan(1);
    }
    // The exported function regenerates the same bank and therefore the same truths.
    expect(trueEffects({ customers: 300, seed: 7 })).toEqual(
      trueEffectsOf(subs.filter((s) => s.customerId <= 10_000_300)),
    );
  });

  it('renews more often when the model says so (outcomes follow the probabilities)', () => {
    const decided = subs.filter((s) => s.renewed !== null);
    const expected = decided.reduce(
      (a, s) => a + renewalProbability({ ...s, coupon: s.couponUsed, livestream2000: s.livestream2000 }),
      0,
    );
    const observed = decided.filter((s) => s.renewed).length;
    // Binomial: |observed − expected| within 4 standard deviations.
    const sd = Math.sqrt(
      decided.reduce((a, s) => {
        const p = renewalProbability({ ...s, coupon: s.couponUsed, livestream2000: s.livestream2000 });
        return a + p * (1 - p);
      }, 0),
    );
    expect(Math.abs(observed - expected)).toBeLessThan(4 * sd);
  });
});
