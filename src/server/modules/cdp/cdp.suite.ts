import { beforeAll, expect, it } from 'vitest';
import type { Customer360 } from '../../../contracts/customers.js';
import type { TestApp } from '../../../../test/support/app.js';
import { refreshCdp } from './service.js';

/** 三分体系, lifecycle, groups and tags on the demo bank; run by src/server/api.test.ts on each database. */
export const cdpSuite = (ctx: () => TestApp): void => {
  let t: TestApp;
  beforeAll(() => {
    t = ctx();
  });

  it('tiers the demo bank by AUM bands: counts equal a hand-written SQL count', async () => {
    const tiers = await t.db.query<{ tier: string; n: number }>(
      'SELECT tier, count(*)::int AS n FROM customers GROUP BY tier',
    );
    const hand = await t.db.query<{ mass: number; potential: number; affluent: number; private: number }>(
      `SELECT count(*) FILTER (WHERE aum_fen < 5000000)::int AS mass,
              count(*) FILTER (WHERE aum_fen >= 5000000 AND aum_fen < 50000000)::int AS potential,
              count(*) FILTER (WHERE aum_fen >= 50000000 AND aum_fen < 600000000)::int AS affluent,
              count(*) FILTER (WHERE aum_fen >= 600000000)::int AS private FROM customers`,
    );
    const got = Object.fromEntries(tiers.map((r) => [r.tier, r.n]));
    const want = Object.fromEntries(Object.entries(hand[0]!).filter(([, n]) => n > 0));
    expect(got).toEqual(want);
    expect(Object.keys(got).length).toBeGreaterThanOrEqual(3);
  });

  it('saves the built-in groups as segments and refreshes idempotently', async () => {
    const groups = await t.db.query<{ key: string }>(
      `SELECT key FROM segments WHERE kind = 'group' ORDER BY key`,
    );
    expect(groups.map((g) => g.key)).toEqual(['car_owner', 'county', 'elderly', 'new_customers', 'payroll']);
    const asOf = new Date('2026-10-30T08:00:00+08:00');
    const again = await t.db.transaction((tx) => refreshCdp(tx, { asOf }));
    expect(again.tags).toEqual({ set: 0, removed: 0 });
    expect(Object.values(again.tiers).reduce((a, b) => a + b, 0)).toBe(again.customers);
  });

  it('shows tier, grade, groups, lifecycle and tags in the customer 360', async () => {
    const ops = await t.login('ops01');
    const [row] = await t.db.query<{ id: number }>(
      `SELECT c.id FROM customers c WHERE c.payroll AND EXISTS (SELECT 1 FROM customer_tags t WHERE t.customer_id = c.id)
        ORDER BY c.id LIMIT 1`,
    );
    const res = await t.get<Customer360>(`/api/customers/${row!.id}`, ops);
    expect(res.status).toBe(200);
    const [db] = await t.db.query<{ tier: string; grade: string; lifecycle: string }>(
      'SELECT tier, grade, lifecycle FROM customers WHERE id = $1',
      [row!.id],
    );
    expect(res.body.tier).toBe(db!.tier);
    expect(res.body.grade).toBe(db!.grade);
    expect(res.body.lifecycle).toBe(db!.lifecycle);
    expect(res.body.groups).toContain('payroll');
    const tags = await t.db.query<{ tag_key: string; source: string }>(
      'SELECT tag_key, source FROM customer_tags WHERE customer_id = $1 ORDER BY tag_key',
      [row!.id],
    );
    expect(res.body.tags).toEqual(tags.map((x) => ({ key: x.tag_key, source: x.source })));
    expect(res.body.tags.length).toBeGreaterThan(0);
  });
};
