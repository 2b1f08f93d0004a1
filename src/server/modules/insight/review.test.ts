import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Review } from '../../../contracts/insight-review.js';
import type { StudyInput } from '../../../contracts/insight.js';
import { createTestApp } from '../../../../test/support/app.js';
import type { TestApp } from '../../../../test/support/app.js';
import { testDbKinds } from '../../../../test/support/db.js';
import { JOB_CATALOGUE } from '../../jobs/catalogue.js';
import { runJobNow } from '../../jobs/registry.js';
import { insertStudy } from './repo.js';
import { reviewJobsIdle, runReview } from './review.js';
import { runStudyJob } from './service.js';

const BASE: StudyInput = {
  outcome: 'renewal',
  as_of: '2026-10-30',
  seed: 0,
  folds: 2,
  refute_simulations: 0,
  oracle: false,
};

// Periodic review on the seeded test bank: a review with nothing changed stores a quiet comparison; after prices
// are deliberately tripled, the next review flags the price factors' PSI and raises an alert that operations see
// and acknowledge; the scheduled job reviews a due study once per firing.
describe.each(testDbKinds())('insight periodic review on %s', (kind) => {
  let t: TestApp;
  let ops: string;
  let studyId: number;
  beforeAll(async () => {
    t = await createTestApp(kind);
    ops = await t.login('ops01');
    const now = new Date('2026-10-31T00:00:00Z');
    const row = await insertStudy(t.db, { outcome: 'renewal', params: BASE, createdBy: 'test', now });
    await runStudyJob(t.db, row.id, BASE, () => now);
    studyId = row.id;
  });
  afterAll(async () => {
    await t?.close();
  });

  const reviews = async (q: string) => {
    const r = await t.get<{ items: Review[]; schedules: Array<{ study_id: number; cron: string }> }>(
      `/api/insight/reviews${q}`,
      ops,
    );
    expect(r.status).toBe(200);
    return r.body;
  };

  it('re-runs the study, compares with it and raises no alert when nothing moved; a second delivery is the same review', async () => {
    const now = new Date('2026-11-02T00:00:00Z');
    const r = await runReview(t.db, studyId, { now });
    expect(r.error).toBeNull();
    expect(r.status).toBe('done');
    expect(r.previousStudyId).toBe(studyId);
    expect(r.runStudyId).not.toBe(studyId);
    const c = r.comparison as {
      drift: Array<{ factor: string; psi: number }>;
      changes: unknown[];
      baseline: string;
    };
    expect(c.baseline).toBe('rebuilt_base_study');
    expect(c.drift.length).toBeGreaterThan(15);
    for (const d of c.drift) expect(d.psi).toBeCloseTo(0, 9);
    expect(c.changes).toEqual([]);
    expect(r.alert).toBe(false);
    const again = await runReview(t.db, studyId, { now });
    expect(again.id).toBe(r.id);
    expect(again.runStudyId).toBe(r.runStudyId);
  });

  it('flags a deliberate price shift: PSI of the price factors ≥ 0.25 and an alert listed until acknowledged', async () => {
    await t.db.run(sql`UPDATE advisory_subscriptions SET price_fen = price_fen * 3`);
    const r = await runReview(t.db, studyId, { now: new Date('2026-11-09T00:00:00Z') });
    expect(r.status).toBe('done');
    const c = r.comparison as {
      drift: Array<{ factor: string; psi: number; level: string }>;
      baseline: string;
    };
    expect(c.baseline).toBe('previous_review');
    const psiOf = (f: string) => c.drift.find((d) => d.factor === f)!;
    expect(psiOf('list_price_yuan').level).toBe('major');
    expect(psiOf('price').psi).toBeGreaterThanOrEqual(0.25);
    expect(psiOf('age').psi).toBeCloseTo(0, 9);
    expect(r.alert).toBe(true);
    expect(r.alertReasons).toEqual(
      expect.arrayContaining([expect.stringMatching(/^drift: list_price_yuan PSI/)]),
    );

    const alerts = await reviews('?alerts=1');
    expect(alerts.items.map((x) => x.id)).toEqual([r.id]);
    const ack = await t.app.inject({
      method: 'POST',
      url: `/api/insight/reviews/${r.id}/acknowledge`,
      headers: { authorization: `Bearer ${ops}` },
    });
    expect(ack.statusCode).toBe(200);
    expect((await reviews('?alerts=1')).items).toEqual([]);
    expect((await reviews(`?study=${studyId}`)).items.length).toBe(2);
  });

  it('reviews a study on its schedule once per firing; a bad cron is 400 naming cron; rm is refused', async () => {
    const put = (body: object, token = ops) =>
      t.app.inject({
        method: 'PUT',
        url: `/api/insight/studies/${studyId}/review-schedule`,
        headers: { authorization: `Bearer ${token}` },
        payload: body,
      });
    const bad = await put({ cron: '0 7 * *' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ error: { message: string } }>().error.message).toMatch(/^cron: /);
    expect((await put({}, await t.login('rm001'))).statusCode).toBe(403);
    // set on a Saturday; the default schedule fires on Monday 07:00 China time (Sunday 23:00 UTC)
    const set = await t.app.inject({
      method: 'PUT',
      url: `/api/insight/studies/${studyId}/review-schedule`,
      headers: { authorization: `Bearer ${ops}` },
      payload: {},
    });
    expect(set.statusCode).toBe(200);
    expect(set.json<{ cron: string }>().cron).toBe('0 7 * * 1');
    const listed = await reviews('');
    expect(listed.schedules.map((s) => s.study_id)).toContain(studyId);
    // The schedule's clock starts when it was set (the app's clock): run the job a week after that.
    const setAt = new Date(set.json<{ updated_at: string }>().updated_at);
    const later = new Date(setAt.getTime() + 8 * 86_400_000);
    const first = await runJobNow(t.db, JOB_CATALOGUE, 'insight.review-due', later);
    const out = first.result as { reviewed: Array<{ study_id: number }> };
    expect(out.reviewed.map((x) => x.study_id)).toEqual([studyId]);
    const second = await runJobNow(t.db, JOB_CATALOGUE, 'insight.review-due', later);
    expect((second.result as { reviewed: unknown[] }).reviewed).toEqual([]);
  });

  it('reviews a study now through the API: 202 with the running review, then done in the list; 404 and 400 otherwise', async () => {
    const post = (id: number, token = ops) =>
      t.app.inject({
        method: 'POST',
        url: `/api/insight/studies/${id}/review`,
        headers: { authorization: `Bearer ${token}` },
        payload: {},
      });
    const started = await post(studyId);
    expect(started.statusCode).toBe(202);
    const row = started.json<Review>();
    expect(row).toMatchObject({ study_id: studyId, status: 'running', trigger: 'manual' });
    await reviewJobsIdle();
    const listed = (await reviews(`?study=${studyId}`)).items.find((x) => x.id === row.id)!;
    expect(listed.status).toBe('done');
    expect(listed.run_study_id).not.toBeNull();
    expect((await post(999_999)).statusCode).toBe(404);
    const queued = await insertStudy(t.db, {
      outcome: 'renewal',
      params: BASE,
      createdBy: 'test',
      now: new Date(),
    });
    const refused = await post(queued.id);
    expect(refused.statusCode).toBe(400);
    expect(refused.json<{ error: { message: string } }>().error.message).toMatch(/^study: /);
    expect((await post(studyId, await t.login('rm001'))).statusCode).toBe(403);
  });

  it('refuses to review a study without a result and an unknown study', async () => {
    await expect(runReview(t.db, 999_999, { now: new Date() })).rejects.toThrow(/not found/);
    const q = await insertStudy(t.db, {
      outcome: 'renewal',
      params: BASE,
      createdBy: 'test',
      now: new Date(),
    });
    await expect(runReview(t.db, q.id, { now: new Date() })).rejects.toThrow(/^study: study \d+ is queued/);
  });
});
