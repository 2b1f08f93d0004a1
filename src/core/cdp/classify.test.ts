import { describe, expect, it } from 'vitest';
import { gradeOf, lifecycleOf, serviceModeOf, tierOf, valueScore } from './classify.js';
import { DEFAULT_CDP_POLICY as P } from './policy.js';

describe('三分体系', () => {
  it('tiers by AUM bands at their exact bounds', () => {
    expect(tierOf(4_999_999, P)).toBe('mass');
    expect(tierOf(5_000_000, P)).toBe('potential');
    expect(tierOf(49_999_999, P)).toBe('potential');
    expect(tierOf(50_000_000, P)).toBe('affluent');
    expect(tierOf(600_000_000, P)).toBe('private');
    expect(serviceModeOf('mass', P)).toBe('ai');
    expect(serviceModeOf('affluent', P)).toBe('human_ai');
    expect(serviceModeOf('private', P)).toBe('human');
  });

  it('takes a configurable policy', () => {
    const policy = {
      ...P,
      tiers: [
        { tier: 'mass' as const, minAumYuan: 0, service: 'ai' as const },
        { tier: 'private' as const, minAumYuan: 1_000_000, service: 'human' as const },
      ],
    };
    expect(tierOf(99_999_999, policy)).toBe('mass');
    expect(tierOf(100_000_000, policy)).toBe('private');
  });

  it('scores value contribution monotonically and grades it', () => {
    const base = {
      aumFen: 10_000_000,
      productTypes: 1,
      tenureMonths: 24,
      payroll: false,
      purchases12mFen: 0,
    };
    const s = valueScore(base);
    expect(valueScore({ ...base, aumFen: 100_000_000 })).toBeGreaterThan(s);
    expect(valueScore({ ...base, payroll: true })).toBeCloseTo(s + 10, 5);
    expect(
      valueScore({ aumFen: 1e12, productTypes: 9, tenureMonths: 600, payroll: true, purchases12mFen: 1e12 }),
    ).toBe(100);
    expect(gradeOf(0, P)).toBe('V1');
    expect(gradeOf(59.99, P)).toBe('V3');
    expect(gradeOf(80, P)).toBe('V5');
  });

  it('places customers in their lifecycle stage, first match wins', () => {
    const c = {
      tenureMonths: 24,
      tier: 'potential' as const,
      productTypes: 1,
      daysSinceActivity: 10,
      netOutflowFen: 0,
      aumFen: 10_000_000,
      largeTransferOut: false,
      dormantFlag: false,
    };
    expect(lifecycleOf({ ...c, tenureMonths: 2 }, P)).toBe('growth');
    expect(lifecycleOf({ ...c, daysSinceActivity: 180 }, P)).toBe('dormant');
    expect(lifecycleOf({ ...c, daysSinceActivity: null }, P)).toBe('dormant');
    expect(lifecycleOf({ ...c, largeTransferOut: true }, P)).toBe('churn_risk');
    expect(lifecycleOf({ ...c, netOutflowFen: 5_000_000 }, P)).toBe('churn_risk');
    expect(lifecycleOf({ ...c, tier: 'affluent', productTypes: 3 }, P)).toBe('consolidation');
    expect(lifecycleOf(c, P)).toBe('improvement');
  });
});
