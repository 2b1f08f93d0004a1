import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkSuitability, type SuitabilityInput } from './check.js';
import { DEFAULT_POLICY, definePolicy } from './policy.js';
import {
  CHANNELS,
  CIVIL_CAPACITIES,
  INITIATORS,
  INVESTOR_LEVELS,
  PRODUCT_RISK_LEVELS,
  type Decision,
} from './types.js';

/**
 * An independent, deliberately plain re-statement of regulation.md §1 (spec v1), with validity computed
 * through JavaScript's UTC Date arithmetic instead of the engine's calendar code.
 */
const lastValidMillis = (assessedAt: string, months: number): number => {
  const [y, m, d] = assessedAt.split('-').map(Number) as [number, number, number];
  const firstOfTarget = new Date(Date.UTC(y, m - 1 + months, 1));
  const ty = firstOfTarget.getUTCFullYear();
  const tm = firstOfTarget.getUTCMonth();
  const lastDay = new Date(Date.UTC(ty, tm + 1, 0)).getUTCDate();
  return Date.UTC(ty, tm, Math.min(d, lastDay));
};
const millis = (iso: string): number => Date.parse(`${iso}T00:00:00Z`);

type Expected = { decision: Decision; mayRecommend: boolean; enhanced: boolean };
const reference = (x: SuitabilityInput): Expected => {
  const c = Number(x.investor[1]);
  const r = Number(x.product[1]);
  const pro = x.professional === true;
  const months = x.channel === 'bank' ? 12 : 24;
  let decision: Decision;
  const missing = x.assessedAt === undefined;
  const expired = !missing && millis(x.on!) > lastValidMillis(x.assessedAt, months);
  if (x.civilCapacity === 'none') decision = 'DENY';
  else if (!pro && (missing || expired)) decision = 'DENY';
  else if (pro) decision = 'ALLOW';
  else if (x.lowestCategory === true) decision = r === 1 ? 'ALLOW' : 'DENY';
  else if (x.civilCapacity === 'limited') decision = r <= 2 ? 'ALLOW' : 'DENY';
  else if (r <= c) decision = 'ALLOW';
  else if (x.channel === 'bank') decision = 'DENY';
  else decision = x.initiatedBy === 'customer' ? 'WARN_CONFIRM' : 'DENY';
  const mayRecommend = decision === 'ALLOW' && (pro || r <= c);
  const enhanced = !pro && decision !== 'DENY' && (r >= 4 || ((x.age ?? 0) >= 65 && r >= 3));
  return { decision, mayRecommend, enhanced };
};

// Assessed on a leap day: the last valid day clamps to Feb 28 (bank: +12 months, securities: +24 months).
const ASSESSED = '2024-02-29';
const BOUNDARY = {
  bank: { lastValid: '2025-02-28', dayAfter: '2025-03-01' },
  securities: { lastValid: '2026-02-28', dayAfter: '2026-03-01' },
} as const;
type Validity = 'last-valid' | 'day-after' | 'missing';

const allCases = (): SuitabilityInput[] => {
  const out: SuitabilityInput[] = [];
  for (const investor of INVESTOR_LEVELS)
    for (const product of PRODUCT_RISK_LEVELS)
      for (const channel of CHANNELS)
        for (const initiatedBy of INITIATORS)
          for (const age of [64, 65])
            for (const lowestCategory of [false, true])
              for (const professional of [false, true])
                for (const civilCapacity of CIVIL_CAPACITIES)
                  for (const validity of ['last-valid', 'day-after', 'missing'] as Validity[]) {
                    const on =
                      validity === 'day-after' ? BOUNDARY[channel].dayAfter : BOUNDARY[channel].lastValid;
                    out.push({
                      investor,
                      product,
                      channel,
                      initiatedBy,
                      age,
                      lowestCategory,
                      professional,
                      civilCapacity,
                      on,
                      ...(validity === 'missing' ? {} : { assessedAt: ASSESSED }),
                    });
                  }
  return out;
};

describe('suitability spec v1 — exhaustive agreement with the plain re-statement', () => {
  const cases = allCases();

  it('covers C1–C5 × R1–R5 × channels × initiators × age 64/65 × lowest × professional × capacity × validity', () => {
    expect(cases).toHaveLength(5 * 5 * 2 * 2 * 2 * 2 * 2 * 3 * 3);
  });

  it('agrees on decision, may_recommend and enhanced_duty for every combination', () => {
    const seen = new Set<Decision>();
    const mismatches: string[] = [];
    for (const x of cases) {
      const got = checkSuitability(x);
      const want = reference(x);
      seen.add(got.decision);
      if (
        got.decision !== want.decision ||
        got.may_recommend !== want.mayRecommend ||
        got.enhanced_duty !== want.enhanced
      ) {
        mismatches.push(`${JSON.stringify(x)} → ${got.decision}/${got.may_recommend}/${got.enhanced_duty}`);
      }
      expect(got.policy_version).toBe(DEFAULT_POLICY.version);
      expect(got.reasons.length).toBe(got.messages.length);
    }
    expect(mismatches.slice(0, 5)).toEqual([]);
    expect([...seen].sort()).toEqual(['ALLOW', 'DENY', 'WARN_CONFIRM']);
  });
});

describe('suitability — deciding rule and reason codes', () => {
  const base: SuitabilityInput = {
    investor: 'C3',
    product: 'R3',
    channel: 'securities',
    assessedAt: '2025-06-30',
    on: '2025-07-01',
  };

  it('names step 1 when the investor has no civil capacity, even for a professional', () => {
    const r = checkSuitability({ ...base, civilCapacity: 'none', professional: true });
    expect([r.decision, r.rule, r.step, r.reasons[0]]).toEqual([
      'DENY',
      'civil_capacity',
      1,
      'NO_CIVIL_CAPACITY',
    ]);
  });

  it('denies a missing assessment before looking at levels, and says so', () => {
    const { assessedAt: _a, ...noAssessment } = base;
    const r = checkSuitability({ ...noAssessment, product: 'R1' });
    expect([r.decision, r.rule, r.reasons[0]]).toEqual(['DENY', 'assessment_validity', 'ASSESSMENT_MISSING']);
  });

  it('a professional investor needs no assessment and may be recommended R5 without enhanced duty', () => {
    const r = checkSuitability({
      investor: 'C1',
      product: 'R5',
      channel: 'bank',
      professional: true,
      initiatedBy: 'advisor',
    });
    expect([r.decision, r.may_recommend, r.enhanced_duty, r.rule]).toEqual([
      'ALLOW',
      true,
      false,
      'professional',
    ]);
  });

  it('warns and asks the customer to confirm on the securities channel, never recommends', () => {
    const r = checkSuitability({ ...base, product: 'R4' });
    expect(r.decision).toBe('WARN_CONFIRM');
    expect(r.may_recommend).toBe(false);
    expect(r.enhanced_duty).toBe(true);
    expect(r.reasons).toEqual(['ABOVE_LEVEL_WARN_CONFIRM', 'ENHANCED_DUTY_HIGH_RISK']);
    expect(r.messages[0]?.zh).toContain('特别风险警示');
  });

  it('limited capacity: R2 allowed with the guardian for a C1 investor but not recommendable', () => {
    const r = checkSuitability({ ...base, investor: 'C1', product: 'R2', civilCapacity: 'limited' });
    expect([r.decision, r.may_recommend]).toEqual(['ALLOW', false]);
    expect(r.reasons).toEqual(['LIMITED_CAPACITY_GUARDIAN', 'NOT_RECOMMENDABLE']);
  });

  it('an elderly (65) ordinary investor buying R3 triggers the enhanced duty, at 64 not', () => {
    expect(checkSuitability({ ...base, age: 65 }).reasons).toContain('ENHANCED_DUTY_ELDERLY');
    expect(checkSuitability({ ...base, age: 64 }).enhanced_duty).toBe(false);
  });

  it('carries the assessment’s last valid day and the policy version', () => {
    const r = checkSuitability({ ...base, channel: 'bank', assessedAt: '2025-01-31', on: '2025-02-01' });
    expect(r.assessment_valid_until).toBe('2026-01-31');
    expect(r.spec_version).toBe('spec-v1');
  });
});

describe('suitability — policy and validity boundaries', () => {
  it('a custom policy changes the validity window and its version appears on the decision', () => {
    const policy = definePolicy({ version: 'bank-x-2026-03', validityMonths: { bank: 1 } });
    const x: SuitabilityInput = { investor: 'C2', product: 'R2', channel: 'bank', assessedAt: '2025-01-31' };
    expect(checkSuitability({ ...x, on: '2025-02-28' }, policy).decision).toBe('ALLOW');
    const expired = checkSuitability({ ...x, on: '2025-03-01' }, policy);
    expect([expired.decision, expired.reasons[0], expired.policy_version]).toEqual([
      'DENY',
      'ASSESSMENT_EXPIRED',
      'bank-x-2026-03',
    ]);
  });

  it('a custom policy without its own version is refused, naming the field', () => {
    expect(() => definePolicy({ version: ' ' })).toThrow(/policy\.version/);
    expect(() => definePolicy({ version: 'v', validityMonths: { bank: 0 } })).toThrow(/validityMonths\.bank/);
  });

  it('rejects impossible dates and an assessment after the decision date, naming the field', () => {
    const x: SuitabilityInput = { investor: 'C2', product: 'R2', channel: 'bank' };
    expect(() => checkSuitability({ ...x, assessedAt: '2025-02-30', on: '2025-03-01' })).toThrow(
      /assessed_at/,
    );
    expect(() => checkSuitability({ ...x, assessedAt: '2025-03-02', on: '2025-03-01' })).toThrow(
      /assessed_at/,
    );
    expect(() => checkSuitability({ ...x, assessedAt: '2025-03-01' })).toThrow(/^on:/);
  });
});

describe('suitability — horizon and product-type experience', () => {
  const x: SuitabilityInput = {
    investor: 'C4',
    product: 'R3',
    channel: 'securities',
    assessedAt: '2025-01-10',
    on: '2025-05-01',
  };

  it('a product term longer than the horizon is refused when the advisor initiates, warned when the customer asks', () => {
    const long = { ...x, productTermMonths: 36, investorHorizonMonths: 12 };
    const advisor = checkSuitability({ ...long, initiatedBy: 'advisor' });
    expect([advisor.decision, advisor.rule, advisor.step]).toEqual(['DENY', 'horizon', 8]);
    const customer = checkSuitability({ ...long, initiatedBy: 'customer' });
    expect([customer.decision, customer.may_recommend]).toEqual(['WARN_CONFIRM', false]);
    expect(customer.reasons).toEqual(['LEVEL_MATCH', 'HORIZON_EXCEEDED']);
    expect(checkSuitability({ ...long, channel: 'bank' }).decision).toBe('DENY');
    expect(checkSuitability({ ...x, productTermMonths: 12, investorHorizonMonths: 12 }).decision).toBe(
      'ALLOW',
    );
  });

  it('no experience with the product type is a mismatch; experience makes it suitable', () => {
    const r = checkSuitability({ ...x, productType: 'structured', experiencedProductTypes: ['fund_bond'] });
    expect([r.decision, r.rule]).toEqual(['WARN_CONFIRM', 'experience']);
    const ok = checkSuitability({ ...x, productType: 'structured', experiencedProductTypes: ['structured'] });
    expect(ok.decision).toBe('ALLOW');
    const off = definePolicy({ version: 'no-exp', checkExperience: false });
    expect(
      checkSuitability({ ...x, productType: 'structured', experiencedProductTypes: [] }, off).decision,
    ).toBe('ALLOW');
  });

  it('professional investors are exempt from the matching checks', () => {
    const r = checkSuitability({ ...x, professional: true, productTermMonths: 60, investorHorizonMonths: 6 });
    expect(r.decision).toBe('ALLOW');
  });
});

describe('suitability — invariants (property tests)', () => {
  const rank = { DENY: 0, WARN_CONFIRM: 1, ALLOW: 2 } as const;
  const arbInput = fc.record({
    investor: fc.constantFrom(...INVESTOR_LEVELS),
    product: fc.constantFrom(...PRODUCT_RISK_LEVELS),
    channel: fc.constantFrom(...CHANNELS),
    initiatedBy: fc.constantFrom(...INITIATORS),
    age: fc.integer({ min: 18, max: 99 }),
    lowestCategory: fc.boolean(),
    professional: fc.boolean(),
    civilCapacity: fc.constantFrom(...CIVIL_CAPACITIES),
    assessedAt: fc.constantFrom('2024-02-29', '2025-06-30'),
    on: fc.constantFrom('2025-07-01', '2026-06-30', '2026-07-01', '2027-07-01'),
  });

  it('a higher investor level never gives a stricter decision; a riskier product never a looser one', () => {
    fc.assert(
      fc.property(arbInput, fc.integer({ min: 0, max: 3 }), (x, k) => {
        const lo = Math.min(k, 4);
        const c1 = checkSuitability({ ...x, investor: INVESTOR_LEVELS[lo]! });
        const c2 = checkSuitability({ ...x, investor: INVESTOR_LEVELS[lo + 1]! });
        expect(rank[c2.decision]).toBeGreaterThanOrEqual(rank[c1.decision]);
        const r1 = checkSuitability({ ...x, product: PRODUCT_RISK_LEVELS[lo]! });
        const r2 = checkSuitability({ ...x, product: PRODUCT_RISK_LEVELS[lo + 1]! });
        expect(rank[r2.decision]).toBeLessThanOrEqual(rank[r1.decision]);
      }),
      { numRuns: 400 },
    );
  });

  it('recommendable implies ALLOW; enhanced duty implies an ordinary investor and a sale that may happen', () => {
    fc.assert(
      fc.property(arbInput, (x) => {
        const r = checkSuitability(x);
        if (r.may_recommend) expect(r.decision).toBe('ALLOW');
        if (r.enhanced_duty) expect([x.professional, r.decision === 'DENY']).toEqual([false, false]);
        if (x.civilCapacity === 'none') expect(r.decision).toBe('DENY');
        if (x.professional && x.civilCapacity !== 'none') expect(r.decision).toBe('ALLOW');
        expect(r.messages.map((m) => m.code)).toEqual(r.reasons);
      }),
      { numRuns: 400 },
    );
  });
});
