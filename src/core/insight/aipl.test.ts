import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AiplFacts, AiplStage } from './aipl.js';
import { AIPL_STAGES, aiplAccumulator, aiplStage, summariseFlows } from './aipl.js';

const none: AiplFacts = {
  onboarded: true,
  events: 0,
  interestEvents: 0,
  pageViews: 0,
  recentPurchaseDays: 0,
  yearPurchaseDays: 0,
  renewals: 0,
};
const f = (over: Partial<AiplFacts>): AiplFacts => ({ ...none, ...over });

describe('AIPL stage rules', () => {
  it('classifies by the highest rule that holds', () => {
    expect(aiplStage(none)).toBe('none');
    expect(aiplStage(f({ onboarded: false, events: 5, recentPurchaseDays: 3 }))).toBe('none');
    expect(aiplStage(f({ events: 1 }))).toBe('awareness');
    // two page views are still only awareness; the third is interest
    expect(aiplStage(f({ events: 2, pageViews: 2 }))).toBe('awareness');
    expect(aiplStage(f({ events: 3, pageViews: 3 }))).toBe('interest');
    expect(aiplStage(f({ events: 1, interestEvents: 1 }))).toBe('interest');
    expect(aiplStage(f({ recentPurchaseDays: 1, yearPurchaseDays: 1 }))).toBe('purchase');
    // a repeat buyer with a recent purchase is loyal; old repeat purchases alone are not
    expect(aiplStage(f({ recentPurchaseDays: 1, yearPurchaseDays: 2 }))).toBe('loyalty');
    expect(aiplStage(f({ recentPurchaseDays: 0, yearPurchaseDays: 4, events: 1 }))).toBe('awareness');
    expect(aiplStage(f({ renewals: 1 }))).toBe('loyalty');
  });

  it('honours custom windows (interest page views)', () => {
    const w = { activeDays: 30, purchaseDays: 180, loyaltyDays: 365, interestPageViews: 5 };
    expect(aiplStage(f({ events: 3, pageViews: 3 }), w)).toBe('awareness');
  });
});

describe('AIPL flows', () => {
  it('counts conversions and the weakest step on a hand-made matrix', () => {
    const acc = aiplAccumulator();
    const add = (from: AiplStage, to: AiplStage, k: number) => {
      for (let i = 0; i < k; i++) acc.add(from, to);
    };
    add('none', 'awareness', 10);
    add('awareness', 'awareness', 30);
    add('awareness', 'interest', 10);
    add('interest', 'purchase', 2);
    add('interest', 'awareness', 18);
    add('purchase', 'loyalty', 5);
    add('purchase', 'purchase', 5);
    const s = summariseFlows(acc.flows());
    expect(s.population).toBe(80);
    expect(s.counts_from).toEqual({ none: 10, awareness: 40, interest: 20, purchase: 10, loyalty: 0 });
    expect(s.counts_to).toEqual({ none: 0, awareness: 58, interest: 10, purchase: 7, loyalty: 5 });
    const ai = s.conversion[0]!;
    expect([ai.reached_from, ai.reached_to, ai.at_from_start, ai.advanced]).toEqual([80, 22, 40, 10]);
    expect(ai.period_rate).toBeCloseTo(0.25, 12);
    expect(s.conversion[1]!.period_rate).toBeCloseTo(0.1, 12);
    expect(s.conversion[2]!.period_rate).toBeCloseTo(0.5, 12);
    expect(s.weakest).toBe('interest_purchase');
    // a step with too few customers at its start is not called the weakest
    expect(summariseFlows(acc.flows(), 25).weakest).toBe('awareness_interest');
  });

  it('conserves customers: counts at both dates add up to the population for any flows', () => {
    const stage = fc.constantFrom(...AIPL_STAGES);
    fc.assert(
      fc.property(fc.array(fc.tuple(stage, stage), { maxLength: 200 }), (pairs) => {
        const acc = aiplAccumulator();
        for (const [a, b] of pairs) acc.add(a, b);
        const s = summariseFlows(acc.flows());
        const sum = (c: Record<string, number>) => Object.values(c).reduce((x, y) => x + y, 0);
        expect(s.population).toBe(pairs.length);
        expect(sum(s.counts_from)).toBe(pairs.length);
        expect(sum(s.counts_to)).toBe(pairs.length);
        for (const c of s.conversion) expect(c.advanced).toBeLessThanOrEqual(c.at_from_start);
      }),
    );
  });
});
