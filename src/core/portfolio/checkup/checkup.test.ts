import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildShelfContext } from '../../advisory/shelf-context.js';
import { complianceTypeOf } from '../../advisory/shelf.js';
import { fixtureShelf, makeMarket, makeProduct } from '../../advisory/shelf.fixture.js';
import { guardOutbound } from '../../guard/guard.js';
import { runCheckup } from './checkup.js';
import { defineCheckupPolicy } from './policy.js';
import type { CheckupCustomer, CheckupHolding, CheckupInput, Finding } from './types.js';

const AS_OF = '2026-10-30';
const market = makeMarket(3);
const products = [
  ...fixtureShelf(market),
  // A fund with a 2.6% annual cost in a category whose median is about 1.7%.
  makeProduct(market, {
    code: 'HYX',
    type: 'hybrid',
    risk: 'R3',
    equity: 0.7,
    idio: 0.004,
    fees: { management: 0.02, custody: 0.003, salesService: 0.004 },
  }),
  // A sector fund that lost a third of its value recently.
  makeProduct(market, {
    code: 'SEX',
    type: 'sector',
    risk: 'R5',
    equity: 0.5,
    drift: -0.004,
    idio: 0.004,
    start: 360,
  }),
];
const shelf = buildShelfContext(products, AS_OF);

const C3: CheckupCustomer = {
  level: 'C3',
  assessedAt: '2026-03-01',
  channel: 'bank',
  age: 45,
  annualIncomeFen: 24_000_000,
  cashFen: 15_000_000,
};
const hold = (productCode: string, yuan: number): CheckupHolding => {
  const f = shelf.products.get(productCode)!;
  return { productCode, units: (yuan / f.lastUnit!).toFixed(2), costFen: yuan * 100 };
};
const check = (customer: CheckupCustomer, holdings: CheckupHolding[], extra: Partial<CheckupInput> = {}) =>
  runCheckup({ asOf: AS_OF, customer, holdings, shelf, ...extra });
const codes = (fs: readonly Finding[]) => fs.map((f) => f.code);

const BALANCED = [
  hold('MM1', 25_000),
  hold('PB1', 25_000),
  hold('SB2', 20_000),
  hold('BP1', 50_000),
  hold('BP2', 50_000),
  hold('HY1', 40_000),
  hold('HY2', 38_000),
];

describe('wealth check-up — scenarios', () => {
  it('a balanced C3 portfolio scores well and has no high-severity finding', () => {
    const r = check(C3, BALANCED);
    expect(r.score).toBeGreaterThanOrEqual(70);
    expect(r.findings.filter((f) => f.severity === 'high')).toEqual([]);
    expect(r.dimensions.map((d) => d.key)).toEqual([
      'allocation',
      'diversification',
      'risk_match',
      'liquidity',
      'cost',
      'performance',
    ]);
    expect(r.policy_version).toBe('caiban-checkup-2026.1');
  });

  it('an expired assessment comes first, caps the score and asks to reassess (no proposal)', () => {
    const r = check({ ...C3, assessedAt: '2025-10-29' }, BALANCED);
    expect(r.findings[0]).toMatchObject({
      code: 'assessment_expired',
      severity: 'high',
      action: { kind: 'reassess', proposal: null },
    });
    expect(r.findings[0]!.numbers.valid_until).toBe('2026-10-29');
    expect(r.score).toBeLessThanOrEqual(59);
  });

  it('an R4 fund held by a C2 customer is a risk mismatch with its share and a proposal link', () => {
    const r = check({ ...C3, level: 'C2' }, [hold('PB1', 50_000), hold('EQ1', 50_000)]);
    const f = r.findings.find((x) => x.code === 'risk_mismatch')!;
    expect(f).toMatchObject({ severity: 'high', products: ['EQ1'] });
    expect(f.numbers.share).toBeCloseTo(0.5, 2);
    expect(f.action.proposal).toMatchObject({ risk_appetite: 'C2', purpose: 'growth' });
    expect(f.message.zh).toContain('EQ1');
  });

  it('one R3 fund of 80% is a high concentration; two sector funds above 30% a category one', () => {
    const one = check(C3, [hold('HY2', 160_000), hold('PB1', 40_000)]);
    expect(one.findings.find((f) => f.code === 'concentration')).toMatchObject({
      severity: 'high',
      products: ['HY2'],
    });
    const sector = check({ ...C3, level: 'C5' }, [
      hold('SE1', 40_000),
      hold('SE3', 40_000),
      hold('PB1', 100_000),
      hold('PB2', 60_000),
    ]);
    const cat = sector.findings.find(
      (f) => f.code === 'concentration' && f.numbers.dimension === 'category',
    )!;
    expect([...cat.products].sort()).toEqual(['SE1', 'SE3']);
  });

  it('two index funds on the same index overlap; funds on different sectors do not', () => {
    const r = check({ ...C3, level: 'C4' }, [
      hold('IX1', 50_000),
      hold('IX2', 50_000),
      hold('PB1', 80_000),
      hold('SE1', 20_000),
      hold('SE3', 20_000),
    ]);
    const o = r.findings.filter((f) => f.code === 'overlap');
    expect(o).toHaveLength(1);
    expect([...o[0]!.products].sort()).toEqual(['IX1', 'IX2']);
    expect(o[0]!.numbers.correlation as number).toBeGreaterThan(0.95);
  });

  it('no money at hand and most assets locked in closed-end products: liquidity is low', () => {
    const r = check({ ...C3, cashFen: 500_000 }, [hold('WM3', 300_000), hold('PB1', 30_000)]);
    const low = r.findings.filter((f) => f.code === 'liquidity_low');
    expect(low.map((f) => f.numbers.reserve_fen ?? f.numbers.locked_share)).toHaveLength(2);
    // Reserve: 6 months of 240,000 yuan income = 120,000 yuan; at hand 5,000 yuan.
    expect(low[0]).toMatchObject({
      severity: 'high',
      numbers: { liquid_fen: 500_000, reserve_fen: 12_000_000 },
    });
  });

  it('idle cash: deposits far beyond the reserve, the excess named exactly', () => {
    const r = check({ ...C3, cashFen: 200_000_000 }, [hold('PB1', 50_000)]);
    const f = r.findings.find((x) => x.code === 'idle_cash_high')!;
    expect(f.numbers.excess_fen).toBe(200_000_000 - 12_000_000);
    expect(f.action.proposal!.amount_fen).toBe(188_000_000);
  });

  it('a wealth product maturing in 5 days is flagged with its date', () => {
    const r = check(C3, [...BALANCED, hold('WM1', 50_000)]);
    expect(r.findings.find((f) => f.code === 'maturity_soon')).toMatchObject({
      severity: 'medium',
      products: ['WM1'],
      numbers: { maturity_date: '2026-11-04', days_left: 5 },
      action: { kind: 'plan_maturity' },
    });
  });

  it('a fund deep below its one-year high is a deep drawdown linked to “why is it falling”', () => {
    const dd = shelf.products.get('SEX')!.drawdown!;
    expect(dd).toBeLessThan(-0.3);
    const r = check({ ...C3, level: 'C5' }, [...BALANCED, hold('SEX', 30_000)]);
    expect(r.findings.find((f) => f.code === 'deep_drawdown' && f.products[0] === 'SEX')).toMatchObject({
      severity: 'high',
      action: { kind: 'review_holding' },
    });
  });

  it('a fund costing far above its category median is a fee finding with both figures', () => {
    const r = check(C3, [...BALANCED, hold('HYX', 40_000)]);
    const f = r.findings.find((x) => x.code === 'high_fees')!;
    expect(f.products).toEqual(['HYX']);
    expect(f.numbers.annual_cost as number).toBeGreaterThan((f.numbers.category_median as number) * 1.3);
  });

  it('a C4 customer entirely in money-market funds drifts far from the target mix', () => {
    const r = check({ ...C3, level: 'C4' }, [hold('MM1', 100_000), hold('MM2', 100_000)]);
    const f = r.findings.find((x) => x.code === 'allocation_drift')!;
    expect(f.severity).toBe('high');
    expect([...f.products].sort()).toEqual(['MM1', 'MM2']);
    expect(f.message.zh).toMatch(/现金管理占比100%/);
  });

  it('findings come prioritised: high before medium before low', () => {
    const r = check({ ...C3, level: 'C2', cashFen: 0 }, [
      hold('EQ1', 80_000),
      hold('HYX', 20_000),
      hold('WM1', 10_000),
    ]);
    const rank = { high: 0, medium: 1, low: 2 } as const;
    const ranks = r.findings.map((f) => rank[f.severity]);
    expect(ranks).toEqual([...ranks].sort());
    expect(codes(r.findings)).toContain('risk_mismatch');
  });

  it('every finding message passes the outbound guard as service content about the customer’s holdings', () => {
    const r = check({ ...C3, level: 'C2', cashFen: 200_000_000 }, [
      hold('EQ1', 80_000),
      hold('HYX', 20_000),
      hold('WM1', 10_000),
      hold('IX1', 40_000),
      hold('IX2', 40_000),
      hold('SEX', 30_000),
    ]);
    expect(new Set(codes(r.findings)).size).toBeGreaterThanOrEqual(6);
    for (const f of r.findings) {
      const held = f.products.map((c) => shelf.products.get(c)!.product);
      const g = guardOutbound({
        content: {
          texts: [{ text: f.message.zh, productTypes: held.map((p) => p.type) }, { text: f.action.label.zh }],
          products: held.map((p) => ({ code: p.code, risk: p.risk, type: p.type, role: 'holding' as const })),
        },
        customer: C3,
        now: AS_OF,
      });
      const blocking = g.findings.filter((x) => x.blocking);
      // Only the disclosures of the product types may be missing (the service completes them).
      expect(blocking.every((x) => x.kind === 'missing_text' && x.completable)).toBe(true);
      expect(held.every((p) => complianceTypeOf(p.type))).toBe(true);
    }
  });
});

describe('wealth check-up — policy and input', () => {
  it('a custom policy changes a threshold and its version appears on the result', () => {
    const strict = defineCheckupPolicy({
      version: 'bank-x-1',
      concentration: { productShareByRisk: { R2: 0.3 } },
    });
    const r = check(C3, [hold('PB1', 50_000), hold('SB1', 40_000)], { policy: strict });
    expect(r.policy_version).toBe('bank-x-1');
    expect(r.findings.find((f) => f.code === 'concentration')?.products).toEqual(['PB1']);
    expect(codes(check(C3, [hold('PB1', 50_000), hold('SB1', 40_000)]).findings)).not.toContain(
      'concentration',
    );
  });

  it('refuses an unknown setting, a missing version and a holding not on the shelf, naming each', () => {
    expect(() => defineCheckupPolicy({ version: 'x', drift: { tiny: 1 } as never })).toThrow(
      /policy\.drift\.tiny/,
    );
    expect(() => defineCheckupPolicy({ version: ' ' })).toThrow(/policy\.version/);
    expect(() => check(C3, [{ productCode: 'NOPE', units: '1.00', costFen: 100 }])).toThrow(
      /holdings\[0\]\.productCode/,
    );
    expect(() => check({ ...C3, cashFen: -1 }, [])).toThrow(/customer\.cashFen/);
  });

  it('a customer with nothing invested: allocation measured as all cash, no portfolio findings', () => {
    const r = check({ ...C3, cashFen: 1_000_000 }, []);
    expect(r.totals.class_weights.cash).toBe(1);
    expect(codes(r.findings)).not.toContain('concentration');
  });
});

describe('wealth check-up — properties', () => {
  const codesOnShelf = [...shelf.products.keys()];
  it('score and dimensions stay within 0–100; findings only name held products', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('C1', 'C2', 'C3', 'C4', 'C5' as const),
        fc.array(
          fc.record({ c: fc.constantFrom(...codesOnShelf), y: fc.integer({ min: 1000, max: 500_000 }) }),
          { maxLength: 8 },
        ),
        fc.integer({ min: 0, max: 100_000_000 }),
        fc.boolean(),
        (level, hs, cashFen, expired) => {
          const holdings = hs.map((h) => hold(h.c, h.y));
          const r = check(
            { ...C3, level, cashFen, assessedAt: expired ? '2024-01-01' : '2026-05-01' },
            holdings,
          );
          expect(r.score).toBeGreaterThanOrEqual(0);
          expect(r.score).toBeLessThanOrEqual(expired ? 59 : 100);
          for (const d of r.dimensions) expect(d.score >= 0 && d.score <= 100).toBe(true);
          const held = new Set(hs.map((h) => h.c));
          for (const f of r.findings) for (const c of f.products) expect(held.has(c)).toBe(true);
          if (expired) expect(r.findings[0]!.code).toBe('assessment_expired');
        },
      ),
      { numRuns: 120 },
    );
  });
});
