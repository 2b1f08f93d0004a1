import { describe, expect, it } from 'vitest';
import { valueScore } from './classify.js';
import { DEFAULT_CDP_POLICY } from './policy.js';
import { parseCdpPolicyEdit } from './policy-edit.js';

const base = () =>
  JSON.parse(
    JSON.stringify({
      tiers: DEFAULT_CDP_POLICY.tiers,
      grades: DEFAULT_CDP_POLICY.grades,
      weights: DEFAULT_CDP_POLICY.weights,
    }),
  ) as Record<string, unknown> & {
    tiers: { minAumYuan: number; tier: string }[];
    weights: Record<string, number>;
  };

describe('CDP policy edit', () => {
  it('accepts the default policy', () => {
    expect(parseCdpPolicyEdit(base()).tiers[3]!.minAumYuan).toBe(6_000_000);
  });
  it('names the JSON path of a band that does not rise', () => {
    const p = base();
    p.tiers[2]!.minAumYuan = 10_000;
    expect(() => parseCdpPolicyEdit(p)).toThrow(/^policy\.tiers\[2\]\.minAumYuan: must be above/);
  });
  it('refuses weights that do not add up to 100, tiers out of order, unknown keys', () => {
    const w = base();
    w.weights.aum = 60;
    expect(() => parseCdpPolicyEdit(w)).toThrow(/^policy\.weights: the weights add up to 110/);
    const o = base();
    o.tiers[1]!.tier = 'affluent';
    expect(() => parseCdpPolicyEdit(o)).toThrow(/^policy\.tiers\[1\]\.tier/);
    expect(() => parseCdpPolicyEdit({ ...base(), extra: 1 })).toThrow(/^policy/);
    expect(() => parseCdpPolicyEdit({ ...base(), tiers: 'x' })).toThrow(/^policy\.tiers/);
  });
  it('the default weights give the documented score; other weights change it', () => {
    const v = {
      aumFen: 600_000_000,
      productTypes: 3,
      tenureMonths: 120,
      payroll: true,
      purchases12mFen: 100_000_000,
    };
    expect(valueScore(v)).toBe(100);
    const half = { ...v, tenureMonths: 60 };
    expect(valueScore(half)).toBe(95);
    expect(valueScore(half, { aum: 40, breadth: 15, tenure: 20, payroll: 10, business: 15 })).toBe(90);
  });
});
