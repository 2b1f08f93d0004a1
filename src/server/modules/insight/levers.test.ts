import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../../../test/support/app.js';
import type { TestApp } from '../../../../test/support/app.js';
import { testDbKinds } from '../../../../test/support/db.js';
import { assignArm } from '../../../core/engagement/campaign.js';
import { studyJobsIdle } from './service.js';

type Row = { customer_id: number; p_outcome: number; cate_coupon: number; best_lever: string | null };
type StudyCampaign = {
  campaign: { id: number; key: string; status: string };
  chosen: number;
  holdout: number;
  expected_incremental: number;
  predicted: { uplift: number; treated: number; holdout: number };
  realised: null | { lift: number; ci: [number, number]; conversions: number };
  qini: null | { n: number; treated: number; control: number; points: unknown[] };
};
type ErrorBody = { error: { code: string; message: string; details: { field?: string } } };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// Strategy list → campaign in one step (issue 15 item 4), over HTTP on the seeded test bank.
describe.each(testDbKinds())('insight strategy lists and campaigns on %s', (kind) => {
  let t: TestApp;
  let ops: string;
  let rm: string;
  let study: number;
  beforeAll(async () => {
    t = await createTestApp(kind);
    ops = await t.login('ops01');
    rm = await t.login('rm001');
    const started = await call('POST', '/api/insight/studies', { outcome: 'renewal', as_of: '2026-10-30' });
    study = (started.body as { id: number }).id;
    for (let k = 0; k < 900; k++) {
      const s = (await call('GET', `/api/insight/studies/${study}`)).body as { status: string };
      if (s.status === 'done') return;
      if (s.status !== 'queued' && s.status !== 'running') throw new Error(`study ${study} ${s.status}`);
      await sleep(200);
    }
  });
  afterAll(async () => {
    await studyJobsIdle();
    await t?.close();
  });

  async function call(method: 'GET' | 'POST', url: string, payload?: unknown, token = ops) {
    const r = await t.app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${token}` },
      ...(payload !== undefined ? { payload: payload as object } : {}),
    });
    const json = (r.headers['content-type'] ?? '').toString().startsWith('application/json');
    return { status: r.statusCode, body: json ? r.json<unknown>() : null, raw: r.rawPayload };
  }

  it('sends the top of the coupon list to a draft campaign whose target is exactly those customers, with a holdout', async () => {
    const levers = await call('GET', `/api/insight/studies/${study}/levers`);
    expect(levers.status).toBe(200);
    const rows = (levers.body as { rows: Row[] }).rows;
    expect(rows.length).toBeGreaterThan(20);
    const expected = rows
      .filter((r) => r.cate_coupon > 0)
      .sort((a, b) => b.cate_coupon - a.cate_coupon || a.customer_id - b.customer_id)
      .slice(0, 20)
      .map((r) => r.customer_id);

    const made = await call('POST', `/api/insight/studies/${study}/campaign`, {
      lever: 'coupon',
      budget: 1000, // 20 coupons at 50 yuan
      holdout: 0.3,
      name: '续费券（洞察名单）',
    });
    expect(made.status, JSON.stringify(made.body)).toBe(200);
    const sc = made.body as StudyCampaign;
    expect(sc.chosen).toBe(20);
    expect(sc.campaign.status).toBe('draft');
    expect(sc.predicted.treated + sc.predicted.holdout).toBe(20);
    expect(sc.predicted.uplift).toBeGreaterThan(0);
    expect(sc.realised).toBeNull();

    const c = (await call('GET', `/api/campaigns/${sc.campaign.id}`)).body as {
      definition: { target: { customerIds: number[] }; holdout: number; arms: Array<{ key: string }> };
    };
    expect([...c.definition.target.customerIds].sort((a, b) => a - b)).toEqual(
      [...expected].sort((a, b) => a - b),
    );
    expect(c.definition.holdout).toBe(0.3);
    expect(c.definition.arms.map((a) => a.key)).toEqual(['coupon']);

    // Launch through the campaigns console: the stored arms are the campaign's own assignment.
    const launch = await call('POST', `/api/campaigns/${sc.campaign.id}/launch`, {});
    expect(launch.status).toBe(200);
    const report = launch.body as { assigned: number; byArm: Record<string, number> };
    expect(report.assigned).toBe(20);
    expect(report.byArm.holdout ?? 0).toBe(sc.predicted.holdout);
    expect(report.byArm.coupon ?? 0).toBe(sc.predicted.treated);

    // Renewals arrive as events: two treated customers renew, none of the holdout.
    const def = { key: sc.campaign.key, arms: c.definition.arms as never, holdout: 0.3 };
    const treated = expected.filter((id) => assignArm(def, id) === 'coupon').slice(0, 2);
    expect(treated).toHaveLength(2);
    const at = new Date().toISOString();
    const ingest = await call(
      'POST',
      '/api/events',
      treated.map((id) => ({
        id: `renewal-${sc.campaign.id}-${id}`,
        type: 'subscription_renewed',
        customer: { by: 'customer_id', value: String(id) },
        occurred_at: at,
      })),
    );
    expect(ingest.status, JSON.stringify(ingest.body)).toBe(200);
    expect((ingest.body as { accepted: number }).accepted).toBe(2);

    const view = (await call('GET', `/api/insight/studies/${study}/campaigns`)).body as {
      items: StudyCampaign[];
    };
    const v = view.items.find((i) => i.campaign.id === sc.campaign.id)!;
    expect(v.realised!.conversions).toBe(2);
    // Holdout converts 0, the coupon arm 2 of its customers: the lift is their rate, inside its CI.
    expect(v.realised!.lift).toBeCloseTo(2 / sc.predicted.treated, 9);
    expect(v.realised!.ci[0]).toBeLessThanOrEqual(v.realised!.lift);
    expect(v.realised!.ci[1]).toBeGreaterThanOrEqual(v.realised!.lift);
    expect(v.qini!.n).toBe(20);
    expect(v.qini!.control).toBe(sc.predicted.holdout);
    expect(v.predicted.uplift).toBeGreaterThan(0);
  });

  it('refuses an unknown lever, a budget below one contact and a holdout out of range, naming the field', async () => {
    const url = `/api/insight/studies/${study}/campaign`;
    const lever = await call('POST', url, { lever: 'free_lunch', budget: 100, name: 'x' });
    expect(lever.status).toBe(400);
    expect((lever.body as ErrorBody).error.message).toMatch(/^body\.lever: expected one of coupon/);
    const budget = await call('POST', url, { lever: 'coupon', budget: 10, name: 'x' });
    expect(budget.status).toBe(400);
    expect((budget.body as ErrorBody).error.details.field).toBe('budget');
    const negative = await call('POST', url, { lever: 'coupon', budget: -5, name: 'x' });
    expect(negative.status).toBe(400);
    expect((negative.body as ErrorBody).error.message).toMatch(/^body\.budget: /);
    const holdout = await call('POST', url, { lever: 'coupon', budget: 100, holdout: 0.9, name: 'x' });
    expect(holdout.status).toBe(400);
    expect((holdout.body as ErrorBody).error.message).toMatch(/^body\.holdout: /);
    expect(
      (
        await call('POST', `/api/insight/studies/999999/campaign`, {
          lever: 'coupon',
          budget: 100,
          name: 'x',
        })
      ).status,
    ).toBe(404);
    // Nothing half-written: no campaign came of the refusals.
    const list = (await call('GET', `/api/insight/studies/${study}/campaigns`)).body as { items: unknown[] };
    expect(list.items).toHaveLength(1);
  });

  it('lets an RM neither list levers nor send a campaign', async () => {
    expect((await call('GET', `/api/insight/studies/${study}/levers`, undefined, rm)).status).toBe(403);
    const sent = await call(
      'POST',
      `/api/insight/studies/${study}/campaign`,
      { lever: 'coupon', budget: 100, name: 'x' },
      rm,
    );
    expect(sent.status).toBe(403);
  });

  it('explains one customer with a SHAP waterfall that adds up to their margin; an unknown customer is 404', async () => {
    const rows = ((await call('GET', `/api/insight/studies/${study}/levers`)).body as { rows: Row[] }).rows;
    const r = await call('GET', `/api/insight/studies/${study}/customers/${rows[0]!.customer_id}/shap`);
    expect(r.status).toBe(200);
    const s = r.body as {
      base: number;
      margin: number;
      pending: boolean;
      contributions: Array<{ shap: number }>;
    };
    expect(s.pending).toBe(true);
    expect(s.contributions.reduce((a, c) => a + c.shap, s.base)).toBeCloseTo(s.margin, 6);
    expect((await call('GET', `/api/insight/studies/${study}/customers/999999/shap`)).status).toBe(404);
  });

  it('exports the strategy list to xlsx with the expected columns', async () => {
    const r = await call('GET', `/api/insight/studies/${study}/levers/export?format=xlsx&budget=500`);
    expect(r.status).toBe(200);
    const { default: ExcelJS } = await import('exceljs');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.raw as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual([
      'customer_id',
      'p_outcome',
      'best_lever',
      'cate_coupon',
      'cate_rm_call',
      'cate_livestream_invite',
      'chosen',
      'cost',
    ]);
    const rows = (await call('GET', `/api/insight/studies/${study}/levers?budget=500`)).body as {
      rows: Row[];
      cost: number;
    };
    expect(ws.rowCount).toBe(rows.rows.length + 1);
    expect(rows.cost).toBeLessThanOrEqual(500);
  });
});
