import { beforeAll, expect, it } from 'vitest';
import type { TestApp } from '../../../../test/support/app.js';
import { chinaDate } from '../customers/service.js';

type Preview = { count: number; sample: number[]; ms: number };

/** Segment preview, saved segments and export over HTTP; run by src/server/api.suite.ts on each database. */
export const segmentsSuite = (ctx: () => TestApp): void => {
  let t: TestApp;
  let ops: string;
  let rm: string;
  const RULE = {
    all: [
      { attr: 'aum', op: 'gte', value: 50_000 },
      { attr: 'age', op: 'gte', value: 60 },
      { not: { holds: { product_type: 'equity' } } },
    ],
  };
  // The same segment written by hand: completed years via age(), AUM in fen, no equity fund held.
  const handCount = async (extra = '', params: unknown[] = []): Promise<number> => {
    const today = chinaDate(new Date());
    const rows = await t.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM customers c
        WHERE c.aum_fen >= 5000000 AND date_part('year', age($1::date, c.birth_date)) >= 60
          AND NOT EXISTS (SELECT 1 FROM holdings h JOIN products p ON p.code = h.product_code
                          WHERE h.customer_id = c.id AND p.type = 'equity') ${extra}`,
      [today, ...params],
    );
    return rows[0]!.n;
  };
  const post = async <T>(url: string, token: string, payload: unknown) => {
    const r = await t.app.inject({
      method: 'POST',
      url,
      headers: { authorization: `Bearer ${token}` },
      payload: payload as object,
    });
    return { status: r.statusCode, body: r.json<T>() };
  };

  beforeAll(async () => {
    t = ctx();
    ops = await t.login('ops01');
    rm = await t.login('rm001');
  });

  it('previews a rule for operations: the count of a hand-written SQL and a sample of matching ids', async () => {
    const res = await post<Preview>('/api/segments/preview', ops, { rule: RULE });
    expect(res.status).toBe(200);
    const expected = await handCount();
    expect(expected).toBeGreaterThan(0);
    expect(res.body.count).toBe(expected);
    expect(res.body.sample.length).toBe(Math.min(20, expected));
    expect([...res.body.sample].sort((a, b) => a - b)).toEqual(res.body.sample);
  });

  it('scopes the preview to the caller: an RM counts only their own customers', async () => {
    const res = await post<Preview>('/api/segments/preview', rm, {
      rule: { attr: 'aum', op: 'gte', value: 0 },
    });
    const own = await t.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM customers WHERE rm_id = (SELECT id FROM staff WHERE username = 'rm001')`,
    );
    expect(res.body.count).toBe(own[0]!.n);
    const scoped = await post<Preview>('/api/segments/preview', rm, { rule: RULE });
    expect(scoped.body.count).toBe(
      await handCount(`AND c.rm_id = (SELECT id FROM staff WHERE username = 'rm001')`),
    );
  });

  it('answers a bad rule with 400 naming the JSON path and the unknown attribute', async () => {
    const res = await post<{ error: { message: string; details: { field: string } } }>(
      '/api/segments/preview',
      ops,
      {
        rule: {
          all: [{ attr: 'aum', op: 'gte', value: 1 }, { any: [{ attr: 'salary', op: 'gt', value: 1 }] }],
        },
      },
    );
    expect(res.status).toBe(400);
    expect(res.body.error.details.field).toBe('rule.all[1].any[0].attr');
    expect(res.body.error.message).toContain('salary');
  });

  it('saves a segment, lists it, and exports exactly its customers as CSV and .xlsx', async () => {
    const saved = await post<{ id: number }>('/api/segments', ops, { name: '高龄稳健', rule: RULE });
    expect(saved.status).toBe(200);
    const list = await t.get<{ items: { id: number; name: string }[] }>('/api/segments', ops);
    expect(list.body.items.some((s) => s.id === saved.body.id && s.name === '高龄稳健')).toBe(true);
    const expected = await handCount();
    const csv = await t.app.inject({
      method: 'GET',
      url: `/api/segments/${saved.body.id}/export?format=csv`,
      headers: { authorization: `Bearer ${ops}` },
    });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\n');
    expect(lines[0]).toMatch(/^customer_id,tier,/);
    expect(lines.length - 1).toBe(expected);
    const xlsx = await t.app.inject({
      method: 'GET',
      url: `/api/segments/${saved.body.id}/export?format=xlsx`,
      headers: { authorization: `Bearer ${ops}` },
    });
    expect(xlsx.statusCode).toBe(200);
    const { default: ExcelJS } = await import('exceljs');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets[0]!.actualRowCount - 1).toBe(expected);
    const audit = await t.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'segment.export' AND target = $1`,
      [String(saved.body.id)],
    );
    expect(audit[0]!.n).toBe(2);
  });

  it('refuses customers and lets only operations/admin save', async () => {
    const me = await post('/api/segments', rm, { name: 'x', rule: RULE });
    expect(me.status).toBe(403);
    const bad = await post<{ error: { details: { field: string } } }>('/api/segments', ops, {
      name: 'x',
      rule: { tag: 'VIP!' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.field).toBe('rule.tag');
  });

  it('profiles a rule: tier, age band and risk level buckets each add up to the count', async () => {
    const res = await post<{
      count: number;
      tier: { key: string; count: number }[];
      ageBand: { key: string; count: number }[];
      riskLevel: { key: string; count: number }[];
      productTypes: { key: string; count: number }[];
    }>('/api/segments/profile', ops, { rule: RULE });
    expect(res.status).toBe(200);
    expect(res.body.count).toBe(await handCount());
    const sum = (xs: { count: number }[]) => xs.reduce((a, x) => a + x.count, 0);
    expect(sum(res.body.tier)).toBe(res.body.count);
    expect(sum(res.body.ageBand)).toBe(res.body.count);
    expect(res.body.ageBand.find((b) => b.key === '60+')!.count).toBe(res.body.count);
    expect(sum(res.body.riskLevel)).toBe(res.body.count);
    // The rule excludes equity holders.
    expect(res.body.productTypes.find((x) => x.key === 'equity')).toBeUndefined();
    const bad = await post<{ error: { message: string } }>('/api/segments/profile', ops, {
      rule: { all: [{ attr: 'salary', op: 'gt', value: 1 }] },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('rule.all[0].attr');
  });

  it('lookalike: seed customers are left out, scores descend, size is honoured; a bad seed names the field', async () => {
    const seed = await post<Preview>('/api/segments/preview', ops, { rule: RULE });
    const ids = seed.body.sample.slice(0, 10);
    const res = await post<{
      seedSize: number;
      customers: { id: number; score: number }[];
      holdoutAuc: number | null;
      scored: number;
    }>('/api/segments/lookalike', ops, { customerIds: ids, size: 15 });
    expect(res.status).toBe(200);
    expect(res.body.seedSize).toBe(ids.length);
    expect(res.body.customers).toHaveLength(15);
    for (const c of res.body.customers) expect(ids).not.toContain(c.id);
    const scores = res.body.customers.map((c) => c.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    const both = await post<{ error: { message: string } }>('/api/segments/lookalike', ops, {
      customerIds: ids,
      segmentId: 1,
    });
    expect(both.status).toBe(400);
    expect(both.body.error.message).toContain('segmentId');
    const size = await post<{ error: { message: string } }>('/api/segments/lookalike', ops, {
      customerIds: ids,
      size: 0,
    });
    expect(size.status).toBe(400);
    expect(size.body.error.message).toContain('size');
    // An RM's seed outside their book finds nobody in their scope.
    const foreign = await post<{ error: { message: string } }>('/api/segments/lookalike', rm, {
      customerIds: [999_999_999],
    });
    expect(foreign.status).toBe(400);
    expect(foreign.body.error.message).toMatch(/^seed: 0 customer/);
  });

  it('strategy matrix: cells add up to the live customers; ops saves a cell (audited), bad cells are 400', async () => {
    const m = await t.app.inject({
      method: 'GET',
      url: '/api/cdp/strategy-matrix',
      headers: { authorization: `Bearer ${ops}` },
    });
    expect(m.statusCode).toBe(200);
    const body = m.json<{
      cells: { stage: string; lifecycle: string; count: number; text: string }[];
      total: number;
    }>();
    expect(body.cells).toHaveLength(25);
    const live = await t.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM customers WHERE merged_into IS NULL`,
    );
    expect(body.total).toBe(live[0]!.n);
    expect(body.cells.reduce((a, c) => a + c.count, 0)).toBe(body.total);
    const put = (url: string, token: string, payload: unknown) =>
      t.app.inject({
        method: 'PUT',
        url,
        headers: { authorization: `Bearer ${token}` },
        payload: payload as object,
      });
    const saved = await put('/api/cdp/strategy-matrix/retention/dormant', ops, {
      text: '唤醒礼包 + 电话回访',
    });
    expect(saved.statusCode).toBe(200);
    const again = await t.app.inject({
      method: 'GET',
      url: '/api/cdp/strategy-matrix',
      headers: { authorization: `Bearer ${ops}` },
    });
    const cell = again
      .json<{ cells: { stage: string; lifecycle: string; text: string }[] }>()
      .cells.find((c) => c.stage === 'retention' && c.lifecycle === 'dormant');
    expect(cell!.text).toBe('唤醒礼包 + 电话回访');
    const audit = await t.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'cdp.strategy.save' AND target = 'retention/dormant'`,
    );
    expect(audit[0]!.n).toBeGreaterThan(0);
    const badStage = await put('/api/cdp/strategy-matrix/virality/dormant', ops, { text: 'x' });
    expect(badStage.statusCode).toBe(400);
    expect(badStage.body).toContain('stage');
    const tooLong = await put('/api/cdp/strategy-matrix/retention/dormant', ops, { text: 'x'.repeat(2001) });
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.body).toContain('text');
    expect((await put('/api/cdp/strategy-matrix/retention/dormant', rm, { text: 'x' })).statusCode).toBe(403);
  });

  it('CDP policy: stored by ops (audited), a bad one is a 400 naming its JSON path, the refresh uses it', async () => {
    const get = await t.app.inject({
      method: 'GET',
      url: '/api/cdp/policy',
      headers: { authorization: `Bearer ${ops}` },
    });
    expect(get.statusCode).toBe(200);
    const current = get.json<{ policy: { tiers: { minAumYuan: number }[] }; version: number }>();
    const put = (policy: unknown, token = ops) =>
      t.app.inject({
        method: 'PUT',
        url: '/api/cdp/policy',
        headers: { authorization: `Bearer ${token}` },
        payload: { policy },
      });
    const bad = structuredClone(current.policy);
    bad.tiers[2]!.minAumYuan = 1;
    const refused = await put(bad);
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('policy.tiers[2].minAumYuan');
    expect((await put(current.policy, rm)).statusCode).toBe(403);
    const raised = structuredClone(current.policy);
    raised.tiers[1]!.minAumYuan = 100_000;
    const saved = await put(raised);
    expect(saved.statusCode).toBe(200);
    expect(saved.json<{ version: number }>().version).toBe(current.version + 1);
    const { refreshCdp } = await import('../cdp/service.js');
    // The demo bank's reference instant (what seeding and the CDP suite refresh at).
    const asOf = new Date('2026-10-30T08:00:00+08:00');
    await refreshCdp(t.db, { asOf });
    const [r] = await t.db.query<{ n: number; want: number }>(
      `SELECT count(*) FILTER (WHERE tier = 'potential')::int AS n,
              count(*) FILTER (WHERE aum_fen >= 10000000 AND aum_fen < 50000000)::int AS want
         FROM customers WHERE merged_into IS NULL`,
    );
    expect(r!.n).toBe(r!.want);
    const audit = await t.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'cdp.policy.save'`,
    );
    expect(audit[0]!.n).toBeGreaterThan(0);
    // Back to the policy the other tests expect.
    expect((await put(current.policy)).statusCode).toBe(200);
    await refreshCdp(t.db, { asOf });
  });
};
