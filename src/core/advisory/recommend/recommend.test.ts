import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { completeText } from '../../guard/complete.js';
import { guardOutbound } from '../../guard/guard.js';
import { checkSuitability } from '../../suitability/check.js';
import { INVESTOR_LEVELS, levelRank } from '../../suitability/types.js';
import { suitabilityInputOf } from '../assessment.js';
import { buildShelfContext } from '../shelf-context.js';
import { fixtureShelf, makeMarket, makeProduct } from '../shelf.fixture.js';
import { scoreManager } from './manager.js';
import { recommendedProductCodes, recommendProducts } from './rank.js';
import type { RecommendCustomer, RecommendInput, RecommendResult } from './types.js';

const AS_OF = '2026-10-30';
const market = makeMarket(5);
const shelf = buildShelfContext(
  [
    ...fixtureShelf(market),
    makeProduct(market, {
      code: 'WM5Y',
      type: 'bank_wm',
      risk: 'R2',
      bond: 0.3,
      idio: 0.0002,
      termDays: 1825,
      maturityDate: '2031-06-30',
    }),
    makeProduct(market, { code: 'CLOSED', type: 'hybrid', risk: 'R3', equity: 0.7, status: 'closed' }),
  ],
  AS_OF,
);
const C3: RecommendCustomer = { level: 'C3', assessedAt: '2026-02-01', channel: 'bank', age: 40 };
const run = (
  over: Partial<RecommendInput> = {},
  request: Partial<RecommendInput['request']> = {},
): RecommendResult =>
  recommendProducts({
    asOf: AS_OF,
    customer: C3,
    holdings: [],
    shelf,
    ...over,
    request: { purpose: 'growth', amountFen: 10_000_000, horizonMonths: 60, ...request },
  });
const ok = (r: RecommendResult) => {
  if (!r.ok) throw new Error(`refused: ${r.refusal.reason}`);
  return r;
};

describe('recommendations — scenarios', () => {
  it('growth money for a C3 customer: within the level, diversified, ranked, with reasons that pass the guard', () => {
    const r = ok(run());
    expect(r.items.length).toBe(5);
    expect(r.items.every((i) => levelRank(i.risk_level) <= 3)).toBe(true);
    const perType = new Map<string, number>();
    for (const i of r.items) perType.set(i.type, (perType.get(i.type) ?? 0) + 1);
    expect(Math.max(...perType.values())).toBeLessThanOrEqual(2);
    expect(r.items.map((i) => i.score)).toEqual([...r.items.map((i) => i.score)].sort((a, b) => b - a));
    for (const item of r.items) {
      expect(item.reasons.length).toBeGreaterThanOrEqual(3);
      const done = completeText(
        { zh: item.reasons.map((x) => x.zh).join('；'), en: item.reasons.map((x) => x.en).join('; ') },
        { productTypes: [item.type], aiGenerated: true },
      );
      expect(done.remaining).toEqual([]);
      const g = guardOutbound({
        content: {
          texts: [{ text: done.text.zh, productTypes: [item.type], aiGenerated: true }],
          products: [{ code: item.product_code, risk: item.risk_level, type: item.type }],
        },
        customer: C3,
        now: AS_OF,
      });
      expect(g.allowed).toBe(true);
    }
  });

  it('an expired assessment is a typed refusal the service maps to 409 ASSESSMENT_EXPIRED', () => {
    const r = run({ customer: { ...C3, assessedAt: '2025-10-01' } });
    expect(r).toMatchObject({
      ok: false,
      refusal: { code: 'ASSESSMENT_EXPIRED', reason: 'ASSESSMENT_EXPIRED', valid_until: '2026-10-01' },
    });
    const missing = run({ customer: { ...C3, assessedAt: null } });
    expect(missing.ok === false && missing.refusal.reason).toBe('ASSESSMENT_MISSING');
  });

  it('emergency money is planned at C1 whatever the customer’s level: cash products only', () => {
    const r = ok(
      run(
        { customer: { ...C3, level: 'C5' } },
        { purpose: 'emergency', horizonMonths: 6, liquidityNeed: 'high' },
      ),
    );
    expect(r.effective_level).toBe('C1');
    expect(r.items.length).toBeGreaterThan(0);
    expect(r.items.every((i) => i.risk_level === 'R1')).toBe(true);
    expect(r.excluded.some((e) => e.reason === 'above_money_level')).toBe(true);
  });

  it('money for a home in two years is planned at C3 at most, money needed within a year at C2, even for a C5 customer', () => {
    const house = ok(run({ customer: { ...C3, level: 'C5' } }, { purpose: 'house', horizonMonths: 24 }));
    expect(house.effective_level).toBe('C3');
    expect(house.items.every((i) => levelRank(i.risk_level) <= 3)).toBe(true);
    const soon = ok(run({ customer: { ...C3, level: 'C5' } }, { purpose: 'growth', horizonMonths: 9 }));
    expect(soon.effective_level).toBe('C2');
    expect(soon.items.every((i) => levelRank(i.risk_level) <= 2)).toBe(true);
  });

  it('a product whose term exceeds the horizon, a closed product and one above the level are excluded, with reasons', () => {
    const r = ok(run({}, { horizonMonths: 24 }));
    const why = new Map(r.excluded.map((e) => [e.product_code, e]));
    expect(why.get('WM5Y')?.reason).toBe('suitability');
    expect(why.get('WM5Y')?.suitability_reasons).toContain('HORIZON_EXCEEDED');
    expect(why.get('CLOSED')?.reason).toBe('not_open');
    expect(why.get('EQ1')?.reason).toBe('suitability');
  });

  it('fills the biggest gap first: a customer heavy in equity is offered fixed income before more equity', () => {
    const heavy = [
      {
        productCode: 'HY1',
        units: (300_000 / shelf.products.get('HY1')!.lastUnit!).toFixed(2),
        costFen: 30_000_000,
      },
    ];
    const r = ok(run({ holdings: heavy }));
    expect(r.items[0]!.asset_class).not.toBe('equity');
    expect(r.current_weights.equity).toBeGreaterThan(r.target_weights.equity);
  });

  it('a strong manager record lifts a fund’s score', () => {
    const base = ok(run({ customer: { ...C3, level: 'C4' } }));
    const code = base.items[2]!.product_code;
    const name = shelf.products.get(code)!.product.manager;
    const better = ok(
      run({
        customer: { ...C3, level: 'C4' },
        managers: new Map([
          [name, { name, tenureYears: 9, fundsManaged: 3, excessReturn: 0.03, recordYears: 8 }],
        ]),
      }),
    );
    const score = (r: typeof base, code: string) => r.items.find((i) => i.product_code === code)?.score ?? -1;
    expect(score(better, code)).toBeGreaterThan(score(base, code));
    expect(
      better.items.find((i) => i.product_code === code)?.reasons.some((x) => x.zh.includes('从业9.0年')),
    ).toBe(true);
  });

  it('the lowest-category customer only ever sees R1', () => {
    const r = ok(run({ customer: { ...C3, level: 'C2', lowestCategory: true } }));
    expect(r.items.every((i) => i.risk_level === 'R1')).toBe(true);
  });

  it('names the bad request field', () => {
    expect(() => run({}, { amountFen: 0 })).toThrow(/^amount:/);
    expect(() => run({}, { horizonMonths: 0 })).toThrow(/horizonMonths/);
    expect(() => run({}, { purpose: 'lottery' as never })).toThrow(/purpose/);
  });
});

describe('recommendations — property', () => {
  it('never recommends above the level, never with an invalid assessment, never more than two of a type', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...INVESTOR_LEVELS),
        fc.boolean(),
        fc.constantFrom('bank' as const, 'securities' as const),
        fc.constantFrom(
          'retirement' as const,
          'education' as const,
          'house' as const,
          'emergency' as const,
          'growth' as const,
        ),
        fc.integer({ min: 1, max: 240 }),
        fc.integer({ min: 0, max: 800 }),
        (level, lowest, channel, purpose, horizonMonths, age) => {
          const assessedAt = new Date(Date.parse('2026-10-30') - age * 86_400_000).toISOString().slice(0, 10);
          const r = run(
            { customer: { level, lowestCategory: lowest, channel, assessedAt } },
            { purpose, horizonMonths },
          );
          // Independent validity: the same calendar day 12 (bank) or 24 months later, clamped to the month end.
          const [y, m, d] = assessedAt.split('-').map(Number) as [number, number, number];
          const months = channel === 'bank' ? 12 : 24;
          const first = new Date(Date.UTC(y, m - 1 + months, 1));
          const lastDay = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
          const until = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), Math.min(d, lastDay)));
          const valid = AS_OF <= until.toISOString().slice(0, 10);
          expect(r.ok).toBe(valid);
          if (!r.ok) {
            expect(r.refusal.code).toBe('ASSESSMENT_EXPIRED');
            return;
          }
          const perType = new Map<string, number>();
          for (const i of r.items) {
            expect(levelRank(i.risk_level)).toBeLessThanOrEqual(lowest ? 1 : levelRank(level));
            perType.set(i.type, (perType.get(i.type) ?? 0) + 1);
          }
          for (const n of perType.values()) expect(n).toBeLessThanOrEqual(2);
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('recommendations — codes only and the per-profile suitability', () => {
  const customers = fc.record({
    level: fc.constantFrom(...INVESTOR_LEVELS),
    lowestCategory: fc.boolean(),
    professional: fc.boolean(),
    channel: fc.constantFrom('bank' as const, 'securities' as const),
    age: fc.integer({ min: 18, max: 90 }),
    assessedDaysAgo: fc.integer({ min: 0, max: 800 }),
  });
  const requests = fc.record({
    purpose: fc.constantFrom(
      'retirement' as const,
      'education' as const,
      'house' as const,
      'emergency' as const,
      'growth' as const,
    ),
    horizonMonths: fc.integer({ min: 1, max: 240 }),
  });
  const inputOf = (
    c: { assessedDaysAgo: number } & Omit<RecommendCustomer, 'assessedAt'>,
    q: { purpose: RecommendInput['request']['purpose']; horizonMonths: number },
  ): RecommendInput => {
    const { assessedDaysAgo, ...rest } = c;
    const assessedAt = new Date(Date.parse(AS_OF) - assessedDaysAgo * 86_400_000).toISOString().slice(0, 10);
    return {
      asOf: AS_OF,
      customer: { ...rest, assessedAt },
      holdings: [],
      shelf,
      request: { ...q, amountFen: 10_000_000 },
    };
  };

  it('recommendedProductCodes gives the codes of recommendProducts, in order, and null where it refuses', () => {
    fc.assert(
      fc.property(customers, requests, (c, q) => {
        const input = inputOf(c, q);
        const full = recommendProducts(input);
        expect(recommendedProductCodes(input)).toEqual(
          full.ok ? full.items.map((i) => i.product_code) : null,
        );
      }),
      { numRuns: 200 },
    );
  });

  it('each product’s suitability is what the check says of that product (shared per risk, type and term)', () => {
    fc.assert(
      fc.property(customers, requests, (c, q) => {
        const input = inputOf(c, q);
        const r = recommendProducts(input);
        if (!r.ok) return;
        const check = (code: string) => {
          const p = shelf.products.get(code)!.product;
          return checkSuitability(
            suitabilityInputOf(
              input.customer,
              {
                risk: p.risk,
                type: p.type,
                ...(p.termDays === null ? {} : { termMonths: p.termDays / 30.4 }),
              },
              AS_OF,
              'advisor',
              q.horizonMonths,
            ),
          );
        };
        for (const i of r.items) {
          const s = check(i.product_code);
          expect(s.may_recommend).toBe(true);
          expect(i.enhanced_duty).toBe(s.enhanced_duty);
        }
        for (const x of r.excluded.filter((e) => e.reason === 'suitability'))
          expect(x.suitability_reasons).toEqual(check(x.product_code).reasons);
      }),
      { numRuns: 200 },
    );
  });
});

describe('fund-manager score', () => {
  it('a long tenure with a positive record scores high; a short busy one is flagged', () => {
    const good = scoreManager({
      name: '甲',
      tenureYears: 8,
      fundsManaged: 3,
      excessReturn: 0.04,
      recordYears: 8,
      category: 'equity',
    });
    const weak = scoreManager({
      name: '乙',
      tenureYears: 1.5,
      fundsManaged: 12,
      excessReturn: -0.02,
      recordYears: 1.5,
      category: 'equity',
    });
    expect(good.score).toBeGreaterThan(80);
    expect(weak.score).toBeLessThan(45);
    expect(weak.notes.map((n) => n.zh)).toEqual([
      '任职年限较短（不足3年），历史记录参考价值有限',
      '同时管理12只基金，精力相对分散',
    ]);
    expect(scoreManager({ name: '丙', tenureYears: 5, fundsManaged: 2 }).parts.track).toBe(0.5);
  });

  it('the same excess counts for more in a low-active-risk category', () => {
    const bond = scoreManager({
      name: 'b',
      tenureYears: 5,
      fundsManaged: 2,
      excessReturn: 0.01,
      recordYears: 4,
      category: 'pure_bond',
    });
    const sector = scoreManager({
      name: 's',
      tenureYears: 5,
      fundsManaged: 2,
      excessReturn: 0.01,
      recordYears: 4,
      category: 'sector',
    });
    expect(bond.track_t!).toBeGreaterThan(sector.track_t!);
    expect(() => scoreManager({ name: 'x', tenureYears: -1, fundsManaged: 1 })).toThrow(/tenureYears/);
  });
});
