import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AiplReport } from '../../../contracts/insight-review.js';
import { createTestApp } from '../../../../test/support/app.js';
import type { TestApp } from '../../../../test/support/app.js';
import { testDbKinds } from '../../../../test/support/db.js';

const FROM = '2026-08-31';
const TO = '2026-10-30';

// The AIPL dashboard on the seeded test bank (as of 2026-10-30): every customer in exactly one stage at each date,
// flows that conserve customers, break points that partition the population, clear 400s for bad input.
describe.each(testDbKinds())('AIPL dashboard over HTTP on %s', (kind) => {
  let t: TestApp;
  let ops: string;
  let report: AiplReport;
  beforeAll(async () => {
    t = await createTestApp(kind);
    ops = await t.login('ops01');
    const r = await t.get<AiplReport>(`/api/insight/aipl?from=${FROM}&to=${TO}`, ops);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    report = r.body;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('puts every live customer in one stage at each date: counts add up to the population, flows conserve them', async () => {
    const [live] = await t.db.rows<{ n: unknown }>(
      sql`SELECT count(*) AS n FROM customers WHERE merged_into IS NULL AND onboarded_at <= ${TO}::date`,
    );
    expect(report.population).toBe(Number(live!.n));
    expect(report.population).toBeGreaterThan(100);
    const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
    expect(sum(report.stages.map((s) => s.count_from))).toBe(report.population);
    expect(sum(report.stages.map((s) => s.count_to))).toBe(report.population);
    const m = report.flows.matrix;
    report.stages.forEach((s, i) => {
      expect(sum(m[i]!)).toBe(s.count_from);
      expect(sum(m.map((row) => row[i]!))).toBe(s.count_to);
    });
    // the test bank's events cover the last 180 days: both dates see every stage but loyalty in use
    for (const stage of ['none', 'awareness', 'interest', 'purchase'])
      expect(report.stages.find((s) => s.stage === stage)!.count_to).toBeGreaterThan(0);
    for (const dim of ['channel', 'tier', 'lifecycle'] as const)
      expect(sum(report.break_points.filter((b) => b.dimension === dim).map((b) => b.population))).toBe(
        report.population,
      );
  });

  it('agrees with an independent count of recent buyers (purchase or loyalty at the end date)', async () => {
    const [buyers] = await t.db.rows<{ n: unknown }>(sql`
      SELECT count(*) AS n FROM customers c
      WHERE c.merged_into IS NULL AND c.onboarded_at <= ${TO}::date AND (
        EXISTS (SELECT 1 FROM transactions t WHERE t.customer_id = c.id AND t.type = 'purchase'
                AND t.trade_date > ${TO}::date - 180 AND t.trade_date <= ${TO}::date)
        OR EXISTS (SELECT 1 FROM advisory_subscriptions s WHERE s.customer_id = c.id
                AND s.start_date > ${TO}::date - 180 AND s.start_date <= ${TO}::date))`);
    const stage = (k: string) => report.stages.find((s) => s.stage === k)!.count_to;
    // loyalty also holds renewals without a recent purchase, so buyers ≤ purchase + loyalty
    expect(Number(buyers!.n)).toBeGreaterThan(0);
    expect(stage('purchase')).toBeLessThanOrEqual(Number(buyers!.n));
    expect(stage('purchase') + stage('loyalty')).toBeGreaterThanOrEqual(Number(buyers!.n));
    const conv = report.conversion.find((c) => c.step === 'awareness_interest')!;
    expect(conv.reached_from).toBe(report.population - stage('none'));
    expect(conv.advanced).toBeLessThanOrEqual(conv.at_from_start);
  });

  it('names the weakest step and gives its drivers labelled not causal (or says why it cannot)', () => {
    expect(report.weakest_step).not.toBeNull();
    const d = report.drivers;
    expect(d.step).toBe(report.weakest_step);
    expect(d.note).toMatch(/not causal/);
    if (d.status === 'estimated') {
      expect(d.importance.length).toBe(16);
      expect(d.importance[0]!.mean_abs_shap).toBeGreaterThanOrEqual(d.importance[15]!.mean_abs_shap);
    } else expect(d.reason).toMatch(/drivers need/);
  });

  it('filters by primary channel: the app population is the app break point of the whole bank', async () => {
    const r = await t.get<AiplReport>(`/api/insight/aipl?from=${FROM}&to=${TO}&channel=app`, ops);
    expect(r.status).toBe(200);
    const app = report.break_points.find((b) => b.dimension === 'channel' && b.group === 'app')!;
    expect(r.body.population).toBe(app.population);
    expect(r.body.filter.channel).toBe('app');
  });

  it('refuses bad dates, an unknown segment and an unknown channel with 400 naming the parameter', async () => {
    const msg = async (q: string) => {
      const r = await t.get<{ error: { message: string } }>(`/api/insight/aipl?${q}`, ops);
      expect(r.status, q).toBe(400);
      return r.body.error.message;
    };
    expect(await msg(`from=2026-02-30&to=${TO}`)).toMatch(/^from: /);
    expect(await msg(`from=${TO}&to=${FROM}`)).toMatch(/^to: must be after from/);
    expect(await msg(`from=${FROM}&to=30/10/2026`)).toMatch(/to/);
    expect(await msg(`from=${FROM}&to=${TO}&segment=999999`)).toMatch(/^segment: no saved segment 999999/);
    expect(await msg(`from=${FROM}&to=${TO}&channel=fax`)).toMatch(/channel/);
  });

  it('is for operations and admin only', async () => {
    const rm = await t.login('rm001');
    expect((await t.get(`/api/insight/aipl?from=${FROM}&to=${TO}`, rm)).status).toBe(403);
    expect((await t.get(`/api/insight/aipl?from=${FROM}&to=${TO}`, null)).status).toBe(401);
  });
});
