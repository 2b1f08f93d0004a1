import { describe, expect, it } from 'vitest';
import { completeText } from '../../guard/complete.js';
import { compareInsurance } from './insurance-compare.js';
import {
  protectionNeeds,
  selectInsurance,
  type InsuranceOffer,
  type ProtectionProfile,
} from './insurance.js';

const FAMILY: ProtectionProfile = {
  age: 38,
  annualIncomeFen: 30_000_000,
  dependents: 2,
  debtsFen: 100_000_000,
  liquidAssetsFen: 40_000_000,
  existingCover: { critical_illness: 50_000_000 },
};

const offer = (o: Partial<InsuranceOffer> & Pick<InsuranceOffer, 'code' | 'kind'>): InsuranceOffer => ({
  name: `演示${o.code}`,
  insurer: '安泰人寿',
  annualPremiumFen: 300_000,
  coverFen: 50_000_000,
  termYears: 30,
  paymentYears: 20,
  waitingDays: 90,
  entryAge: [18, 60],
  exclusions: ['投保前已患疾病', '故意自伤'],
  ...o,
});

describe('protection needs (rules of thumb)', () => {
  it('a 38-year-old with two dependents and a mortgage: each need, its figure and the rule it comes from', () => {
    const needs = protectionNeeds(FAMILY);
    const by = new Map(needs.map((n) => [n.kind, n]));
    expect(needs.map((n) => n.kind)).toEqual(['medical', 'critical_illness', 'accident', 'life', 'annuity']);
    // Critical illness 5 × 300,000 = 1,500,000 yuan, 500,000 held → gap 1,000,000.
    expect(by.get('critical_illness')).toMatchObject({
      needed_fen: 150_000_000,
      existing_fen: 50_000_000,
      gap_fen: 100_000_000,
    });
    // Life: 10 × income + debts − liquid assets = 3,000,000 + 1,000,000 − 400,000.
    expect(by.get('life')!.needed_fen).toBe(360_000_000);
    // Retirement: (70% − 40%) × 300,000 × 20 years.
    expect(by.get('annuity')!.needed_fen).toBe(180_000_000);
    expect(by.get('life')!.rule_source).toMatch(/双十原则/);
    for (const n of needs)
      expect(completeText(n.message, { productTypes: ['insurance'] }).remaining).toEqual([]);
  });

  it('no life need without dependents or debts; from 50 critical illness is 3×; no retirement saving after retirement', () => {
    const single = protectionNeeds({ ...FAMILY, dependents: 0, debtsFen: 0 });
    expect(single.map((n) => n.kind)).not.toContain('life');
    const older = protectionNeeds({ ...FAMILY, age: 55 });
    expect(older.find((n) => n.kind === 'critical_illness')!.needed_fen).toBe(90_000_000);
    expect(protectionNeeds({ ...FAMILY, age: 66 }).map((n) => n.kind)).not.toContain('annuity');
  });

  it('refuses a bad profile, naming the field', () => {
    expect(() => protectionNeeds({ ...FAMILY, annualIncomeFen: -1 })).toThrow(/annualIncomeFen/);
    expect(() => protectionNeeds({ ...FAMILY, pensionReplacement: 2 })).toThrow(/pensionReplacement/);
  });
});

describe('insurance selection', () => {
  it('picks, in priority order within the premium budget, the policy that best closes each gap', () => {
    const offers = [
      offer({ code: 'MED1', kind: 'medical', annualPremiumFen: 60_000, coverFen: 300_000_000 }),
      offer({ code: 'CI1', kind: 'critical_illness', annualPremiumFen: 900_000, coverFen: 100_000_000 }),
      offer({ code: 'CI2', kind: 'critical_illness', annualPremiumFen: 500_000, coverFen: 40_000_000 }),
      offer({
        code: 'ACC',
        kind: 'accident',
        annualPremiumFen: 30_000,
        coverFen: 100_000_000,
        termYears: 1,
        paymentYears: 1,
      }),
      offer({ code: 'LIFE', kind: 'life', annualPremiumFen: 500_000, coverFen: 300_000_000 }),
      offer({
        code: 'OLD',
        kind: 'accident',
        entryAge: [50, 70],
        annualPremiumFen: 1_000,
        coverFen: 900_000_000,
      }),
    ];
    const plan = selectInsurance(FAMILY, offers);
    expect(plan.picks.map((p) => [p.kind, p.code])).toEqual([
      ['medical', 'MED1'],
      ['critical_illness', 'CI1'],
      ['accident', 'ACC'],
      ['life', 'LIFE'],
    ]);
    expect(plan.premium_fen).toBeLessThanOrEqual(plan.budget_fen);
    expect(plan.budget_fen).toBe(3_000_000);
    expect(plan.unmet).toEqual(['annuity']);
  });

  it('stops adding policies once the budget is spent', () => {
    const plan = selectInsurance({ ...FAMILY, annualIncomeFen: 6_000_000, existingCover: {} }, [
      offer({ code: 'MED1', kind: 'medical', annualPremiumFen: 60_000, coverFen: 300_000_000 }),
      offer({ code: 'CI1', kind: 'critical_illness', annualPremiumFen: 900_000 }),
    ]);
    expect(plan.picks.map((p) => p.code)).toEqual(['MED1']);
    expect(plan.unmet).toContain('critical_illness');
  });
});

describe('insurance PK', () => {
  it('puts two policies side by side with the better value of each row and the exclusions of each', () => {
    const a = offer({
      code: 'A',
      kind: 'critical_illness',
      annualPremiumFen: 600_000,
      coverFen: 50_000_000,
      waitingDays: 90,
    });
    const b = offer({
      code: 'B',
      kind: 'critical_illness',
      annualPremiumFen: 650_000,
      coverFen: 60_000_000,
      waitingDays: 180,
      termYears: null,
      exclusions: ['投保前已患疾病', '故意自伤', '酒后驾驶'],
    });
    const c = compareInsurance([a, b]);
    const row = (k: string) => c.rows.find((r) => r.key === k)!;
    expect(row('annual_premium_fen')).toMatchObject({ values: [600_000, 650_000], best: 0 });
    expect(row('cover_fen').best).toBe(1);
    expect(row('cover_per_1000_premium').values).toEqual([83_333, 92_308]);
    expect(row('term_years')).toMatchObject({ values: [30, null], best: 1 });
    expect(row('waiting_days').best).toBe(0);
    expect(c.exclusions).toEqual([
      { text: '投保前已患疾病', present: [true, true] },
      { text: '故意自伤', present: [true, true] },
      { text: '酒后驾驶', present: [false, true] },
    ]);
    expect(c.highlights.map((h) => h.zh)).toEqual([
      '演示A年缴保费较低（6,000.00元）',
      '演示B保额较高（600,000.00元）',
      '演示A等待期较短（90天）',
      '演示A责任免除条款较少（2条）',
    ]);
    for (const h of c.highlights)
      expect(completeText(h, { productTypes: ['insurance'] }).remaining).toEqual([]);
  });

  it('ties have no winner; one policy or a duplicate is refused', () => {
    const a = offer({ code: 'A', kind: 'medical' });
    const c = compareInsurance([a, { ...a, code: 'B' }]);
    expect(c.rows.every((r) => r.best === null)).toBe(true);
    expect(() => compareInsurance([a])).toThrow(/codes/);
    expect(() => compareInsurance([a, a])).toThrow(/once/);
  });
});
