import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { buildBankContext, DEMO_DEFAULTS, demoAsOfFor, generateBundle } from './bank.js';
import { addMonths, isTradingDay } from './calendar.js';
import { CUSTOMER_ID_BASE } from './customers.js';
import { marketValueFen } from './holdings.js';

const ctx = buildBankContext(7, '2026-10-30');
const N = 400;
const bundles = Array.from({ length: N }, (_, i) => generateBundle(ctx, i));

const digest = (seed: number, n: number): string => {
  const c = buildBankContext(seed, '2026-10-30');
  const h = createHash('sha256');
  for (let i = 0; i < n; i++) h.update(JSON.stringify(generateBundle(c, i)));
  return h.digest('hex');
};

describe('demo bank generator', () => {
  it('is deterministic for a seed and differs across seeds', () => {
    expect(digest(7, 50)).toBe(digest(7, 50));
    expect(digest(8, 50)).not.toBe(digest(7, 50));
    // A customer does not depend on how many customers are generated (chunked streaming is exact).
    expect(JSON.stringify(generateBundle(ctx, 123))).toBe(JSON.stringify(bundles[123]));
  });

  it('builds 1 HQ, 3 branches, 12 outlets and the demo staff', () => {
    const levels = ctx.org.units.map((u) => u.level);
    expect(levels.filter((l) => l === 'hq')).toHaveLength(1);
    expect(levels.filter((l) => l === 'branch')).toHaveLength(3);
    expect(levels.filter((l) => l === 'outlet')).toHaveLength(12);
    const names = ctx.org.staff.map((s) => s.username);
    expect(names).toEqual(
      expect.arrayContaining(['admin', 'ops01', 'auditor01', 'bm01', 'bm02', 'bm03', 'rm001', 'rm040']),
    );
    expect(ctx.org.staff.filter((s) => s.role === 'rm')).toHaveLength(40);
  });

  it('keeps each holding equal to the sum of its transactions and buys at the NAV of the trade date', () => {
    for (const b of bundles) {
      for (const h of b.holdings) {
        const units = b.transactions
          .filter((t) => t.productCode === h.productCode)
          .reduce((a, t) => a + t.units, 0);
        expect(units).toBeCloseTo(h.units, 2);
      }
      for (const t of b.transactions.filter((x) => x.type === 'purchase')) {
        const s = ctx.nav.get(t.productCode)!;
        expect(s.unit[s.dates.indexOf(t.tradeDate)]).toBe(t.nav);
        expect(t.amountFen).toBeGreaterThanOrEqual(t.feeFen);
      }
      const held = new Set(b.holdings.map((h) => h.productCode));
      for (const code of held) expect(ctx.products.find((p) => p.code === code)!.status).toBe('open');
    }
  });

  it('values AUM as deposits plus units × latest NAV', () => {
    for (const b of bundles) {
      expect(b.customer.aumFen).toBe(b.customer.depositFen + marketValueFen(b.holdings, ctx.nav));
      for (const h of b.holdings) expect(ctx.nav.get(h.productCode)!.dates.at(-1)).toBe(ctx.navEnd);
    }
  });

  it('gives believable, heavy-tailed and fictitious customers', () => {
    const aum = bundles.map((b) => b.customer.aumFen).sort((a, b) => a - b);
    const median = aum[Math.floor(N / 2)]!;
    expect(aum[Math.floor(N * 0.99)]! / median).toBeGreaterThan(8);
    const expired = bundles.filter((b) => b.customer.riskAssessedAt < addMonths(ctx.asOf, -12)).length;
    expect(expired / N).toBeGreaterThan(0.05);
    expect(expired / N).toBeLessThan(0.25);
    for (const b of bundles) {
      const c = b.customer;
      expect(c.id).toBeGreaterThan(CUSTOMER_ID_BASE);
      expect(c.phone).toMatch(/^100\d{8}$/);
      expect(c.idNumber).toHaveLength(18);
      expect(c.idNumber.slice(6, 14)).toBe(c.birthDate.replaceAll('-', ''));
      expect(validIdChecksum(c.idNumber)).toBe(false);
      if (c.lowestCategory) expect(c.riskLevel).toBe('C1');
      if (c.rmId !== null) expect(ctx.org.staff.find((s) => s.id === c.rmId)!.orgUnitId).toBe(c.orgUnitId);
      expect(b.identities.map((i) => i.channel)).toEqual(expect.arrayContaining(['ecif', 'phone']));
      // Nothing happens before the customer joined the bank.
      expect(c.riskAssessedAt >= c.onboardedAt).toBe(true);
      for (const t of b.transactions) expect(t.tradeDate >= c.onboardedAt).toBe(true);
      for (const s of b.subscriptions) expect(s.startDate >= c.onboardedAt).toBe(true);
      for (const x of b.consents) expect(x.at.slice(0, 10) >= c.onboardedAt).toBe(true);
    }
    expect(new Set(bundles.map((b) => b.customer.riskLevel)).size).toBe(5);
  });

  it('emits the behaviour events of the issue inside the event window, ordered in time', () => {
    const types = new Set(bundles.flatMap((b) => b.events.map((e) => e.type)));
    for (const t of ['login', 'page_view', 'search', 'livestream_view', 'coupon_use', 'purchase_abandoned']) {
      expect(types.has(t as never), t).toBe(true);
    }
    for (const b of bundles) {
      const ats = b.events.map((e) => e.at);
      expect([...ats].sort()).toEqual(ats);
      for (const a of ats) expect(a.slice(0, 10) <= ctx.asOf).toBe(true);
    }
  });
});

function validIdChecksum(id: string): boolean {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  let s = 0;
  for (let i = 0; i < 17; i++) s += Number(id[i]) * w[i]!;
  return '10X98765432'[s % 11] === id[17];
}

describe('demoAsOfFor, the date of a bank created by caiban start', () => {
  it('is the last trading day before today in China (T−1), skipping weekends', () => {
    // Monday 2026-12-07 09:00 in Beijing → Friday 2026-12-04.
    expect(demoAsOfFor(new Date('2026-12-07T01:00:00Z'))).toBe('2026-12-04');
    // Late on Sunday UTC is already Monday in Beijing.
    expect(demoAsOfFor(new Date('2026-12-06T17:00:00Z'))).toBe('2026-12-04');
    // Monday 2026-11-02 → Friday 2026-10-30, the fixed reference date itself.
    expect(demoAsOfFor(new Date('2026-11-02T02:00:00Z'))).toBe('2026-10-30');
  });

  it('never goes before the fixed reference date nor past the calendar the generator knows', () => {
    expect(demoAsOfFor(new Date('2020-01-01T00:00:00Z'))).toBe(DEMO_DEFAULTS.asOf);
    const late = demoAsOfFor(new Date('2031-06-01T00:00:00Z'));
    expect(late.startsWith('2026-12')).toBe(true);
    expect(isTradingDay(late)).toBe(true);
  });
});
