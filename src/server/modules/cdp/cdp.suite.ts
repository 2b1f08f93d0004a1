import { beforeAll, expect, it } from 'vitest';
import type { Customer360 } from '../../../contracts/customers.js';
import type { TestApp } from '../../../../test/support/app.js';
import { refreshCdp } from './service.js';

/** 三分体系, lifecycle, groups and tags on the demo bank; run by src/server/api.suite.ts on each database. */
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

/** Manual tags, history and the catalogue; run by src/server/api.suite.ts on each database. */
export const tagsSuite = (ctx: () => TestApp): void => {
  it('lets an RM tag an own customer with a reason: current row, history with the previous value, audit row', async () => {
    const t = ctx();
    const rm = await t.login('rm001');
    const [own] = await t.db.query<{ id: number }>(
      `SELECT id FROM customers WHERE rm_id = (SELECT id FROM staff WHERE username = 'rm001') ORDER BY id DESC LIMIT 1`,
    );
    const id = own!.id;
    const send = (method: 'POST' | 'DELETE', url: string, payload?: object) =>
      t.app.inject({
        method,
        url,
        headers: { authorization: `Bearer ${rm}` },
        ...(payload ? { payload } : {}),
      });
    const noReason = await send('POST', `/api/customers/${id}/tags`, { key: 'vip_care', reason: '' });
    expect(noReason.statusCode).toBe(400);
    const ruleTag = await send('POST', `/api/customers/${id}/tags`, {
      key: 'equity_holder',
      reason: 'looks like it',
    });
    expect(ruleTag.statusCode).toBe(409);
    const set = await send('POST', `/api/customers/${id}/tags`, {
      key: 'vip_care',
      reason: '大额到期需关怀',
    });
    expect(set.statusCode).toBe(200);
    const removed = await send(
      'DELETE',
      `/api/customers/${id}/tags/vip_care?reason=${encodeURIComponent('已跟进')}`,
    );
    expect(removed.json<{ changed: boolean }>().changed).toBe(true);
    const history = await t.get<{
      items: { key: string; action: string; reason: string; previous: { reason?: string } | null }[];
    }>(`/api/customers/${id}/tags/history`, rm);
    const mine = history.body.items.filter((h) => h.key === 'vip_care');
    expect(mine.map((h) => h.action)).toEqual(['set', 'removed']);
    expect(mine[1]!.previous?.reason).toBe('大额到期需关怀');
    const audit = await t.db.query<{ action: string }>(
      `SELECT action FROM audit_log WHERE customer_id = $1 AND action LIKE 'tag.%' ORDER BY id`,
      [id],
    );
    expect(audit.map((a) => a.action)).toEqual(['tag.set', 'tag.remove']);
    const foreign = await t.db.query<{ id: number }>(
      `SELECT id FROM customers WHERE rm_id <> (SELECT id FROM staff WHERE username = 'rm001') ORDER BY id LIMIT 1`,
    );
    expect(
      (await send('POST', `/api/customers/${foreign[0]!.id}/tags`, { key: 'vip_care', reason: 'not mine' }))
        .statusCode,
    ).toBe(403);
  });

  it('lists the tag catalogue with the number of customers holding each tag', async () => {
    const t = ctx();
    const ops = await t.login('ops01');
    const res = await t.get<{ items: { key: string; kind: string; count: number }[] }>('/api/tags', ops);
    expect(res.status).toBe(200);
    const counts = await t.db.query<{ tag_key: string; n: number }>(
      'SELECT tag_key, count(*)::int AS n FROM customer_tags GROUP BY tag_key',
    );
    for (const item of res.body.items)
      expect(item.count, item.key).toBe(counts.find((c) => c.tag_key === item.key)?.n ?? 0);
    expect(res.body.items.map((i) => i.kind)).toEqual(expect.arrayContaining(['rule', 'model', 'manual']));
    expect(res.body.items.some((i) => i.kind === 'rule' && i.count > 0)).toBe(true);
  });
};
