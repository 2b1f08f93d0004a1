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
};
