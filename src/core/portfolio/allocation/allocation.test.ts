import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRng } from '../../random.js';
import { proposeAllocation, type ProposalInput } from './proposal.js';
import { riskNumber } from './product-ranking.js';
import {
  INVESTOR_LEVELS,
  type AssetClass,
  type Product,
  type ProductRiskLevel,
  type InvestorLevel,
} from './types.js';

/** Business days over ~4 years up to 2024-06-28. */
const DATES: string[] = (() => {
  const out: string[] = [];
  for (let t = Date.UTC(2020, 5, 1); t <= Date.UTC(2024, 5, 28); t += 86_400_000) {
    const d = new Date(t);
    if (d.getUTCDay() !== 0 && d.getUTCDay() !== 6) out.push(d.toISOString().slice(0, 10));
  }
  return out;
})();

/** Class profiles for synthetic NAVs: daily drift, daily volatility, exposure to a shared equity factor. */
const SHAPES: Record<
  AssetClass,
  { mu: number; sigma: number; beta: number; risks: ProductRiskLevel[]; min: number }
> = {
  cash: { mu: 0.00007, sigma: 0.00002, beta: 0, risks: ['R1'], min: 1 },
  fixed_income: { mu: 0.00013, sigma: 0.0012, beta: 0, risks: ['R2', 'R2'], min: 1000 },
  fixed_income_plus: { mu: 0.0002, sigma: 0.003, beta: 0.15, risks: ['R2', 'R3'], min: 1000 },
  equity: { mu: 0.0003, sigma: 0.008, beta: 1, risks: ['R3', 'R3', 'R4', 'R5'], min: 1000 },
  alternatives: { mu: 0.0002, sigma: 0.009, beta: 0.05, risks: ['R3'], min: 1000 },
  overseas: { mu: 0.00028, sigma: 0.009, beta: 0.5, risks: ['R4'], min: 1000 },
};

const CODE: Record<AssetClass, string> = {
  cash: 'CAS',
  fixed_income: 'FIX',
  fixed_income_plus: 'FIP',
  equity: 'EQU',
  alternatives: 'ALT',
  overseas: 'OVS',
};

/** A deterministic synthetic shelf: products per class with NAV histories driven by a common market factor. */
const shelf = (seed: number): Product[] => {
  const rng = createRng(seed);
  const market = DATES.map(() => rng.normal() * 0.012);
  const out: Product[] = [];
  for (const [cls, shape] of Object.entries(SHAPES) as Array<[AssetClass, (typeof SHAPES)[AssetClass]]>) {
    shape.risks.forEach((risk, k) => {
      for (let copy = 0; copy < 2; copy++) {
        let v = 1;
        const alpha = (rng.next() - 0.5) * 0.0002;
        const nav = DATES.map(
          (_, t) => (v *= 1 + shape.mu + alpha + shape.beta * market[t]! + shape.sigma * rng.normal()),
        );
        out.push({
          code: `${CODE[cls]}${k}${copy}`,
          name: `${cls}-${k}-${copy}`,
          assetClass: cls,
          risk,
          minPurchase: copy === 1 && cls === 'equity' ? 50_000 : shape.min,
          dates: DATES,
          nav,
        });
      }
    });
  }
  return out;
};

const PRODUCTS = shelf(11);
const AS_OF = '2024-06-28';

const singleFundC3 = (): ProposalInput => ({
  profile: {
    riskLevel: 'C3',
    horizonMonths: 60,
    liquidityNeed: 'low',
    holdings: [{ code: 'EQU00', amount: 200_000 }],
  },
  bucket: { purpose: 'growth', amount: 200_000, horizonMonths: 60, riskAppetite: 'C3' },
  products: PRODUCTS,
  asOf: AS_OF,
});

describe('allocation engine', () => {
  it('turns a single-fund C3 holder into a diversified proposal with fewer than 5 trades', () => {
    const p = proposeAllocation(singleFundC3());
    const classes = new Set(p.picks.map((x) => x.asset_class));
    expect(classes.size).toBeGreaterThanOrEqual(3);
    expect(p.picks.length).toBeGreaterThanOrEqual(3);
    expect(p.trades.length).toBeLessThan(5);
    expect(p.picks.find((x) => x.code === 'EQU00')?.kept).toBe(true);
    for (const x of p.picks) {
      expect(riskNumber(x.risk)).toBeLessThanOrEqual(3);
      expect(x.reasons.zh.length).toBeGreaterThan(20);
      expect(x.reasons.en.length).toBeGreaterThan(20);
    }
    const buys = p.trades.filter((t) => t.action === 'buy');
    for (const b of buys)
      expect(b.amount).toBeGreaterThanOrEqual(PRODUCTS.find((q) => q.code === b.code)!.minPurchase);
    const invested = p.picks.reduce((s, x) => s + x.amount, 0) + p.uninvested;
    expect(Math.abs(invested - 200_000)).toBeLessThanOrEqual(2);
    expect(p.backtest).not.toBeNull();
    expect(p.backtest!.dates.length).toBeGreaterThan(600);
    expect(p.return_range[0]).toBeLessThan(p.expected_return);
    expect(p.estimated_worst_drawdown).toBeLessThan(0);
    // The proposal sits on or below the class frontier at its volatility.
    const above = p.frontier.filter((f) => f.volatility >= p.volatility);
    if (above.length > 0) expect(p.expected_return).toBeLessThanOrEqual(above[0]!.expected_return + 1e-9);
    // Money conservation: sold + new cash = bought.
    const sold = p.trades.filter((t) => t.action === 'sell').reduce((s, t) => s + t.amount, 0);
    expect(Math.abs(sold - buys.reduce((s, t) => s + t.amount, 0) - p.uninvested)).toBeLessThanOrEqual(2);
  });

  it('is deterministic for the same inputs', () => {
    expect(JSON.stringify(proposeAllocation(singleFundC3()))).toBe(
      JSON.stringify(proposeAllocation(singleFundC3())),
    );
  });

  it('sells a holding rated above the level, and keeps emergency money mostly in cash', () => {
    const inp = singleFundC3();
    inp.profile.holdings = [{ code: 'EQU30', amount: 50_000 }]; // R5
    inp.bucket = { purpose: 'emergency', amount: 80_000, horizonMonths: 6, riskAppetite: 'C3' };
    const p = proposeAllocation(inp);
    expect(p.effective_level).toBe('C1');
    expect(p.trades.some((t) => t.action === 'sell' && t.code === 'EQU30' && t.amount === 50_000)).toBe(true);
    expect(p.achieved_class_weights.cash).toBeGreaterThanOrEqual(0.5 - 1e-9);
    expect(p.picks.every((x) => riskNumber(x.risk) <= 1 || x.asset_class === 'fixed_income')).toBe(true);
  });

  it('lets a conservative bucket of an aggressive client stay conservative', () => {
    const inp = singleFundC3();
    inp.profile = { riskLevel: 'C5', horizonMonths: 240, liquidityNeed: 'low', holdings: [] };
    inp.bucket = { purpose: 'retirement', amount: 500_000, horizonMonths: 240, riskAppetite: 'C2' };
    const p = proposeAllocation(inp);
    expect(p.effective_level).toBe('C2');
    expect(p.volatility).toBeLessThanOrEqual(0.04 + 0.003);
    expect(p.picks.every((x) => riskNumber(x.risk) <= 2)).toBe(true);
  });

  it('never proposes a product above the investor level (property)', () => {
    const level = fc.constantFrom(...INVESTOR_LEVELS);
    fc.assert(
      fc.property(
        level,
        level,
        fc.constantFrom('retirement', 'education', 'house', 'emergency', 'growth' as const),
        fc.integer({ min: 20_000, max: 2_000_000 }),
        fc.integer({ min: 3, max: 240 }),
        fc.subarray(
          PRODUCTS.map((p) => p.code),
          { maxLength: 3 },
        ),
        (inv: InvestorLevel, app: InvestorLevel, purpose, amount, months, held) => {
          const p = proposeAllocation({
            profile: {
              riskLevel: inv,
              horizonMonths: months,
              liquidityNeed: 'medium',
              holdings: held.map((code) => ({ code, amount: 10_000 })),
            },
            bucket: { purpose, amount, horizonMonths: months, riskAppetite: app },
            products: PRODUCTS,
            asOf: AS_OF,
          });
          for (const x of p.picks) expect(riskNumber(x.risk)).toBeLessThanOrEqual(riskNumber(inv));
          const w = p.picks.reduce((s, x) => s + x.weight, 0);
          expect(w).toBeLessThanOrEqual(1 + 1e-9);
        },
      ),
      { numRuns: 40 },
    );
  });
});

describe('locked holdings and one direction per product', () => {
  /** The screen's case: a two-year closed-end product held for 551,270 yuan, far above its class target. */
  const closedEnd = (lockedUntil: string | null): ProposalInput => ({
    profile: {
      riskLevel: 'C3',
      horizonMonths: 60,
      liquidityNeed: 'low',
      holdings: [{ code: 'FIX00', amount: 551_270, lockedUntil }],
    },
    bucket: { purpose: 'growth', amount: 551_270, horizonMonths: 60, riskAppetite: 'C3' },
    products: PRODUCTS,
    asOf: AS_OF,
  });

  const directions = (p: ReturnType<typeof proposeAllocation>) => {
    for (const code of new Set(p.trades.map((t) => t.code))) {
      const ts = p.trades.filter((t) => t.code === code);
      expect(ts.length, `${code}: one trade per product`).toBe(1);
      if (ts[0]!.action === 'sell') {
        const kept = p.picks.find((k) => k.code === code);
        // A partial redemption leaves a position worth keeping, never a sliver.
        if (kept) expect(kept.amount, `${code}: sliver kept while selling`).toBeGreaterThanOrEqual(1000);
      }
    }
  };

  it('never keeps a 70-yuan sliver of a holding it sells (551,200 of 551,270)', () => {
    // An aggressive plan with no fixed-income-plus target: the whole holding is excess.
    const inp = closedEnd(null);
    inp.profile = { ...inp.profile, riskLevel: 'C5', holdings: [{ code: 'FIP01', amount: 551_270 }] };
    inp.bucket = { ...inp.bucket, amount: 1_000_000, riskAppetite: 'C5' };
    const p = proposeAllocation(inp);
    const [sell, ...more] = p.trades.filter((t) => t.code === 'FIP01');
    expect(sell?.action).toBe('sell');
    expect(more).toEqual([]);
    // Before the fix: sell 551,200 and keep 70. Now what stays is 0 or a real position.
    const kept = p.picks.find((k) => k.code === 'FIP01')?.amount ?? 0;
    expect(kept === 0 || kept >= 1000).toBe(true);
    expect(sell!.amount + kept).toBe(551_270);
    directions(p);
  });

  it('treats a closed-end holding before its open date as fixed: kept whole, never sold', () => {
    const p = proposeAllocation(closedEnd('2026-06-30'));
    expect(p.trades.filter((t) => t.code === 'FIX00')).toEqual([]);
    const kept = p.picks.find((k) => k.code === 'FIX00')!;
    expect(kept.amount).toBe(551_270);
    expect(kept.locked_until).toBe('2026-06-30');
    expect(kept.reasons.zh).toContain('2026-06-30');
    // The rest of the money is planned around it, and the money still adds up.
    const invested = p.picks.reduce((s, x) => s + x.amount, 0) + p.uninvested;
    expect(Math.abs(invested - 551_270)).toBeLessThanOrEqual(2);
    directions(p);
  });

  it('keeps a locked holding rated above the level (it cannot be redeemed) and plans new money around it', () => {
    const inp = closedEnd(null);
    inp.profile.holdings = [{ code: 'EQU30', amount: 50_000, lockedUntil: '2025-01-31' }]; // R5, C3 investor
    inp.bucket = { purpose: 'growth', amount: 200_000, horizonMonths: 60, riskAppetite: 'C3' };
    const p = proposeAllocation(inp);
    expect(p.trades.some((t) => t.code === 'EQU30')).toBe(false);
    expect(p.picks.find((k) => k.code === 'EQU30')?.amount).toBe(50_000);
    // The locked equity counts towards equity: new equity buys shrink by it.
    const equityBuys = p.trades
      .filter((t) => t.action === 'buy' && PRODUCTS.find((q) => q.code === t.code)!.assetClass === 'equity')
      .reduce((s, t) => s + t.amount, 0);
    expect(equityBuys + 50_000).toBeLessThanOrEqual(p.class_weights.equity * 200_000 + 50_000 + 1);
    const invested = p.picks.reduce((s, x) => s + x.amount, 0) + p.uninvested;
    expect(Math.abs(invested - 200_000)).toBeLessThanOrEqual(2);
  });

  it('a lock that has passed is no lock', () => {
    const p = proposeAllocation(closedEnd('2024-06-28'));
    expect(p.picks.find((k) => k.code === 'FIX00')?.locked_until ?? null).toBeNull();
  });

  it('never buys and sells, or keeps a sliver of, one product (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...INVESTOR_LEVELS),
        fc.integer({ min: 20_000, max: 2_000_000 }),
        fc.array(
          fc.record({
            code: fc.constantFrom(...PRODUCTS.map((q) => q.code)),
            amount: fc.integer({ min: 1, max: 900_000 }),
            locked: fc.boolean(),
          }),
          { maxLength: 4 },
        ),
        (lvl, amount, held) => {
          const uniq = [...new Map(held.map((h) => [h.code, h])).values()];
          const p = proposeAllocation({
            profile: {
              riskLevel: lvl,
              horizonMonths: 60,
              liquidityNeed: 'medium',
              holdings: uniq.map((h) => ({
                code: h.code,
                amount: h.amount,
                lockedUntil: h.locked ? '2025-12-31' : null,
              })),
            },
            bucket: { purpose: 'growth', amount, horizonMonths: 60, riskAppetite: lvl },
            products: PRODUCTS,
            asOf: AS_OF,
          });
          directions(p);
          for (const h of uniq.filter((x) => x.locked)) {
            expect(p.trades.some((t) => t.code === h.code && t.action === 'sell')).toBe(false);
            expect(p.picks.find((k) => k.code === h.code)!.amount).toBeGreaterThanOrEqual(h.amount);
          }
          const total = Math.max(
            amount,
            uniq.reduce((s, h) => s + h.amount, 0),
          );
          const invested = p.picks.reduce((s, x) => s + x.amount, 0) + p.uninvested;
          expect(Math.abs(invested - total)).toBeLessThanOrEqual(2 * (uniq.length + 1));
        },
      ),
      { numRuns: 60 },
    );
  });
});
