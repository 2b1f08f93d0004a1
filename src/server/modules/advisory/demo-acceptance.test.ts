import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, TEST_BANK, testDbKinds, type TestDb } from '../../../../test/support/db.js';
import { PURPOSES } from '../../../contracts/analytics.js';
import { assessmentStatus } from '../../../core/advisory/assessment.js';
import { isAppError } from '../../../core/errors.js';
import { guardOutbound } from '../../../core/guard/guard.js';
import { advisoryTruths } from '../../../demo/advisory-truths.js';
import { DEMO_DEFAULTS } from '../../../demo/bank.js';
import { recommendationsOf, stateOf } from './engines.js';
import { customerIds, shelfRows } from './repo.js';
import { advisoryRunner, loadBundles } from './service.js';
import { advisoryShelf } from './shelf.js';

/**
 * Demo acceptance of the advisory services on the seeded test bank (seed 7, 200 customers, as of the demo's
 * reference date), against the cases `caiban demo truths` names; and the suitability property of the
 * recommendations through the service.
 */
const TODAY = DEMO_DEFAULTS.asOf;
const truths = advisoryTruths({ customers: TEST_BANK.customers, seed: TEST_BANK.seed, asOf: TODAY });
const RANK: Readonly<Record<string, number>> = { R1: 1, R2: 2, R3: 3, R4: 4, R5: 5 };

describe.each(testDbKinds())('advisory services on the demo bank (%s)', (kind) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await createTestDb(kind, { content: 'demo' });
  });
  afterAll(async () => {
    await db?.close();
  });

  it('finds concentration and risk mismatch with the right products for the planted customer', async () => {
    const t = truths.concentrated_mismatched!;
    expect(t).not.toBeNull();
    const c = await advisoryRunner(db, TODAY).checkup(t.customer_id);
    const of = (code: string) =>
      new Set(c.findings.filter((f) => f.code === code).flatMap((f) => f.products));
    expect([...of('risk_mismatch')].sort()).toEqual(t.mismatch_products);
    for (const p of t.concentration_products) expect(of('concentration')).toContain(p);
  });

  it('finds maturity_soon for the holder of the planted closed-end product', async () => {
    const t = truths.maturity_soon!;
    expect(t).not.toBeNull();
    const c = await advisoryRunner(db, TODAY).checkup(t.customer_id);
    const f = c.findings.find((x) => x.code === 'maturity_soon' && x.products.includes(t.product_code));
    expect(f).toBeDefined();
    expect(f!.numbers.maturity_date).toBe(t.maturity_date);
    expect(f!.action.kind).toBe('plan_maturity');
  });

  it('explains an index fund’s fall in the planted bear phase mostly by the market, compliantly', async () => {
    const t = truths.bear_attribution!;
    expect(t).not.toBeNull();
    const a = await advisoryRunner(db, TODAY).attribution(t.customer_id, t.product_code, t.days, t.to);
    expect(a.window).toEqual({ start: t.from, end: t.to, days: t.days });
    expect(a.total).toBeLessThan(0);
    expect(a.market).toBeLessThan(0);
    expect(a.market / a.total).toBeGreaterThan(0.5);
    expect(a.total).toBeCloseTo(a.market + a.style + a.specific, 12);
    const g = guardOutbound({
      content: { texts: [{ text: a.explanation, productTypes: ['index'] }] },
      customer: { level: 'C3', assessedAt: TODAY, channel: 'bank' },
      now: TODAY,
    });
    expect(g.allowed, JSON.stringify(g.findings)).toBe(true);
  });

  it('never recommends above the customer’s level nor on an expired assessment (random customers × requests)', async () => {
    const ids = await customerIds(db, 10_000);
    const products = await shelfRows(db);
    const shelf = await advisoryShelf(db, TODAY);
    expect(shelf.products.length).toBe(products.length);
    const bundles = await loadBundles(db, ids, { transactions: false });
    let refused = 0;
    let served = 0;
    fc.assert(
      fc.property(
        fc.constantFrom(...ids),
        fc.constantFrom(...PURPOSES),
        fc.integer({ min: 1_000, max: 5_000_000 }),
        fc.integer({ min: 1, max: 240 }),
        (id, purpose, amount, horizonMonths) => {
          const b = bundles.get(id)!;
          const state = stateOf(b.facts, TODAY);
          const status = assessmentStatus(state, TODAY).status;
          try {
            const r = recommendationsOf(b, shelf, { purpose, amount, horizonMonths, limit: 20 }, TODAY);
            served++;
            expect(status === 'expired' || status === 'missing').toBe(false);
            const cap = b.facts.lowestCategory ? 1 : Number(b.facts.riskLevel.slice(1));
            for (const i of r.items) expect(RANK[i.risk_level]!).toBeLessThanOrEqual(cap);
          } catch (e) {
            if (!isAppError(e) || e.code !== 'ASSESSMENT_EXPIRED') throw e;
            refused++;
            expect(status === 'expired' || status === 'missing').toBe(true);
          }
        },
      ),
      { numRuns: 300, seed: 11 },
    );
    expect(served).toBeGreaterThan(0);
    expect(refused).toBeGreaterThan(0);
  });
});
