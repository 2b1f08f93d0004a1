import { describe, expect, it } from 'vitest';
import { analyzeConversation } from '../conversation/analyze.js';
import { createRng } from '../random.js';
import type { ProductType } from '../product-types.js';
import { productStats } from '../portfolio/allocation/product-ranking.js';
import type { Product } from '../portfolio/allocation/types.js';
import type { ProductRiskLevel } from '../suitability/types.js';
import { guardOutbound } from '../guard/guard.js';
import { buildCard, type CardIntent, type CardProductFacts } from './card.js';
import { planOfIntent } from './intent-bucket.js';

/** Business days over ~4 years up to 2026-11-30. */
const DATES: string[] = (() => {
  const out: string[] = [];
  for (let t = Date.UTC(2022, 10, 1); t <= Date.UTC(2026, 10, 30); t += 86_400_000) {
    const d = new Date(t);
    if (d.getUTCDay() !== 0 && d.getUTCDay() !== 6) out.push(d.toISOString().slice(0, 10));
  }
  return out;
})();

type Shape = {
  type: ProductType;
  cls: Product['assetClass'];
  mu: number;
  sigma: number;
  beta: number;
  risk: ProductRiskLevel;
};
const SHAPES: Shape[] = [
  { type: 'money_market', cls: 'cash', mu: 0.00007, sigma: 0.00002, beta: 0, risk: 'R1' },
  { type: 'pure_bond', cls: 'fixed_income', mu: 0.00013, sigma: 0.0012, beta: 0, risk: 'R2' },
  { type: 'bond_plus', cls: 'fixed_income_plus', mu: 0.0002, sigma: 0.003, beta: 0.15, risk: 'R3' },
  { type: 'hybrid', cls: 'equity', mu: 0.0003, sigma: 0.006, beta: 0.8, risk: 'R3' },
  { type: 'equity', cls: 'equity', mu: 0.00035, sigma: 0.008, beta: 1, risk: 'R4' },
  { type: 'qdii', cls: 'overseas', mu: 0.0003, sigma: 0.009, beta: 0.5, risk: 'R4' },
];

/** A deterministic synthetic shelf: six products per type driven by one market factor, with facts. */
const shelf = (seed: number) => {
  const rng = createRng(seed);
  const market = DATES.map(() => rng.normal() * 0.012);
  const products: Product[] = [];
  const facts = new Map<string, CardProductFacts>();
  for (const s of SHAPES)
    for (let k = 0; k < 6; k++) {
      let v = 1;
      const alpha = (rng.next() - 0.5) * 0.0002;
      const sigma = s.sigma * (0.6 + 0.15 * k);
      const nav = DATES.map((_, t) => (v *= 1 + s.mu + alpha + s.beta * market[t]! + sigma * rng.normal()));
      const code = `${s.type.toUpperCase().slice(0, 3)}${k}`;
      products.push({
        code,
        name: `${s.type}-${k}`,
        assetClass: s.cls,
        risk: s.risk,
        minPurchase: 1000,
        dates: DATES,
        nav,
      });
      facts.set(code, {
        code,
        name: `测试${s.type}${k}号`,
        type: s.type,
        risk: s.risk,
        minPurchase: 1000,
        termDays: null,
        benchmark: '中债综合指数',
        fees: {
          purchase: 0.006,
          redemption: 0.005,
          management: 0.003 + 0.001 * k,
          custody: 0.001,
          salesService: 0,
        },
      });
    }
  return { products, facts };
};

const { products, facts } = shelf(7);
const ASOF = '2026-11-30';
const customer = (level: 'C1' | 'C2' | 'C3' | 'C4' | 'C5') =>
  ({ level, assessedAt: '2026-06-01', channel: 'bank', age: 50 }) as const;
const intent = (over: Partial<CardIntent>): CardIntent => ({
  purpose: 'growth',
  amount: 500_000,
  horizonMonths: 60,
  liquidity: null,
  riskAppetite: null,
  constraints: [],
  ...over,
});
const card = (i: CardIntent, level: 'C1' | 'C2' | 'C3' | 'C4' | 'C5' = 'C4') =>
  buildCard({ intent: i, customer: customer(level), shelf: products, facts, asOf: ASOF, now: '2026-12-07' });

const RISK = { R1: 1, R2: 2, R3: 3, R4: 4, R5: 5 } as const;
const LEVEL = { C1: 1, C2: 2, C3: 3, C4: 4, C5: 5 } as const;

describe('recommendation card', () => {
  it('acceptance: 50万 for retirement in 10 years and 10万 for a trip next year give two different, suitable cards', () => {
    const insight = analyzeConversation({
      id: 'acc',
      messages: [
        { sender: 'rm', text: '王先生，这些钱您打算怎么安排？', time: '2026-12-01T10:00:00+08:00' },
        {
          sender: 'customer',
          text: '我有50万是留着养老的，10年后退休再用。',
          time: '2026-12-01T10:01:00+08:00',
        },
        { sender: 'customer', text: '另外10万明年带家里人出去旅游。', time: '2026-12-01T10:02:00+08:00' },
      ],
    });
    expect(insight.intents.map((i) => [i.purpose, i.amount, i.horizon_months, i.liquidity])).toEqual([
      ['retirement', 500_000, 120, 'low'],
      ['travel', 100_000, 12, 'high'],
    ]);
    const [ret, trip] = insight.intents.map((i) =>
      card(
        {
          purpose: i.purpose,
          amount: i.amount,
          horizonMonths: i.horizon_months,
          liquidity: i.liquidity,
          riskAppetite: i.risk_appetite,
          constraints: i.constraints,
        },
        'C4',
      ),
    );
    for (const c of [ret!, trip!]) {
      expect(c.allowed, JSON.stringify(c.guard.findings.filter((f) => f.blocking))).toBe(true);
      for (const p of c.products) {
        expect(RISK[p.risk]).toBeLessThanOrEqual(LEVEL[c.planLevel]);
        expect(p.suitability.mayRecommend).toBe(true);
      }
    }
    expect(ret!.planLevel).toBe('C3');
    expect(trip!.planLevel).toBe('C2');
    // The trip money stays out of equity and holds more cash; the retirement money takes some equity.
    expect(trip!.classWeights.equity).toBe(0);
    expect(ret!.classWeights.equity).toBeGreaterThan(0);
    expect(trip!.classWeights.cash).toBeGreaterThan(ret!.classWeights.cash);
    expect(ret!.products.map((p) => p.code)).not.toEqual(trip!.products.map((p) => p.code));
    expect(ret!.title.zh).toContain('养老');
    expect(trip!.title.zh).toContain('旅行');
    expect(ret!.script.zh).toContain('500,000');
  });

  it('never plans above the customer: a C5 customer’s 300万 for retirement gets a balanced mix', () => {
    const c = card(intent({ purpose: 'retirement', amount: 3_000_000, horizonMonths: 180 }), 'C5');
    expect(c.planLevel).toBe('C3');
    expect(c.products.every((p) => RISK[p.risk] <= 3)).toBe(true);
    const low = card(intent({ purpose: 'growth', riskAppetite: 'aggressive', horizonMonths: 120 }), 'C2');
    expect(low.planLevel).toBe('C2');
    expect(low.products.every((p) => RISK[p.risk] <= 2)).toBe(true);
    expect(planOfIntent(intent({ riskAppetite: 'aggressive' }), 'C5').cappedLevel).toBe('C4');
    expect(
      planOfIntent(intent({ riskAppetite: 'aggressive', constraints: ['no_loss'] }), 'C5').cappedLevel,
    ).toBe('C2');
  });

  it('states selling points that are true: the share of same-type peers beaten, rounded down', () => {
    const c = card(intent({ purpose: 'retirement', horizonMonths: 120 }), 'C4');
    const points = c.products.flatMap((p) => p.sellingPoints.map((s) => ({ p, s })));
    expect(points.length).toBeGreaterThan(0);
    for (const { p, s } of points) {
      const years = p.figures!.years;
      const peers = products.filter((q) => facts.get(q.code)!.type === p.type && q.code !== p.code);
      const me = products.find((q) => q.code === p.code)!;
      const mine = productStats(me, ASOF, years)!;
      const fee = (code: string) => {
        const f = facts.get(code)!.fees;
        return f.management + f.custody + f.salesService;
      };
      const beaten = peers.filter((q) => {
        const o = productStats(q, ASOF, years)!;
        if (s.comparison.metric === 'max_drawdown')
          return Math.abs(mine.max_drawdown) < Math.abs(o.max_drawdown);
        if (s.comparison.metric === 'volatility') return mine.volatility < o.volatility;
        if (s.comparison.metric === 'sharpe') return mine.sharpe > o.sharpe;
        return fee(p.code) < fee(q.code);
      }).length;
      expect(s.comparison.beaten).toBe(beaten);
      expect(s.comparison.percent).toBeLessThanOrEqual((100 * beaten) / peers.length);
      expect(s.comparison.percent).toBeGreaterThanOrEqual(50);
      expect(s.zh).toContain(`同类${s.comparison.percent}%`);
    }
  });

  it('carries the required disclosures and passes its exact text and script through the guard', () => {
    const c = card(intent({ purpose: 'retirement', horizonMonths: 120 }), 'C4');
    expect(c.disclosures.map((d) => d.zh)).toContain('基金有风险，投资需谨慎');
    expect(c.text.zh).toContain('过往业绩不');
    const again = guardOutbound({
      content: { texts: [{ text: c.text.zh, productTypes: c.products.map((p) => p.type) }] },
      customer: customer('C4'),
      now: '2026-12-07',
    });
    expect(again.allowed).toBe(true);
    expect(c.guard.findings.filter((f) => f.kind === 'suitability')).toHaveLength(c.products.length);
    for (const p of c.products) expect(c.text.zh).toContain(p.code);
  });

  it('is refused (not allowed) when the customer’s assessment has expired', () => {
    const c = buildCard({
      intent: intent({}),
      customer: { level: 'C3', assessedAt: '2024-01-01', channel: 'bank', age: 50 },
      shelf: products,
      facts,
      asOf: ASOF,
      now: '2026-12-07',
    });
    expect(c.allowed).toBe(false);
    expect(c.guard.refused_products.length).toBeGreaterThan(0);
  });
});
