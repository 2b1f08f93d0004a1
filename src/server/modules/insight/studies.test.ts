import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../../../test/support/app.js';
import type { TestApp } from '../../../../test/support/app.js';
import { testDbKinds } from '../../../../test/support/db.js';
import { studyJobsIdle } from './service.js';

type StudyBody = {
  id: number;
  status: string;
  progress: number;
  params: Record<string, unknown>;
  result: null | {
    effects: Array<{ factor: string; status: string; ate: number | null; naive: { estimate: number } }>;
    importance: Array<{ factor: string; mean_abs_shap: number }>;
    importance_note: string;
    graph: { edges: unknown[] };
  };
  error: null | { code: string; message: string };
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// Studies over HTTP on the seeded test bank: run in a worker thread with progress, fail clearly, cancel, re-run.
describe.each(testDbKinds())('insight studies over HTTP on %s', (kind) => {
  let t: TestApp;
  let ops: string;
  beforeAll(async () => {
    t = await createTestApp(kind);
    ops = await t.login('ops01');
  });
  afterAll(async () => {
    await studyJobsIdle();
    await t?.close();
  });

  const call = async (method: 'GET' | 'POST' | 'DELETE', url: string, payload?: object) => {
    const r = await t.app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${ops}` },
      ...(payload ? { payload } : {}),
    });
    return { status: r.statusCode, body: r.json<StudyBody>() };
  };
  const settle = async (id: number): Promise<StudyBody> => {
    for (let k = 0; k < 600; k++) {
      const s = (await call('GET', `/api/insight/studies/${id}`)).body;
      if (!['queued', 'running'].includes(s.status)) return s;
      await sleep(200);
    }
    throw new Error(`study ${id} did not finish`);
  };

  it('runs a renewal study to the end and stores effects, naive differences, importance and a graph', async () => {
    const started = await call('POST', '/api/insight/studies', { outcome: 'renewal', as_of: '2026-10-30' });
    expect(started.status).toBe(202);
    expect(started.body.status).toBe('queued');
    const done = await settle(started.body.id);
    expect(done.error).toBeNull();
    expect(done.status).toBe('done');
    expect(done.progress).toBe(1);
    const factors = done.result!.effects.map((e) => e.factor);
    expect(factors).toEqual(
      expect.arrayContaining(['coupon', 'livestream_audience_2000', 'sessions_per_month', 'price']),
    );
    for (const e of done.result!.effects) {
      expect(Number.isFinite(e.naive.estimate)).toBe(true);
      // A number only when the study could identify it; otherwise "insufficient evidence" and no number.
      expect(e.status === 'estimated' ? Number.isFinite(e.ate) : e.ate === null).toBe(true);
    }
    expect(done.result!.importance_note).toMatch(/not causal/);
    expect(done.result!.importance.length).toBeGreaterThan(10);

    const w = await t.app.inject({
      method: 'POST',
      url: `/api/insight/studies/${started.body.id}/whatif`,
      headers: { authorization: `Bearer ${ops}` },
      payload: { intervene: 'coupon=1 for price >= 5' },
    });
    expect(w.statusCode, w.body).toBe(200);
    const sim = w.json<{
      baseline: number;
      intervened: number;
      effect: number;
      ci_low: number;
      ci_high: number;
    }>();
    expect(sim.intervened - sim.baseline).toBeCloseTo(sim.effect, 12);
    expect(sim.ci_low).toBeLessThanOrEqual(sim.ci_high);
    const bad = await t.app.inject({
      method: 'POST',
      url: `/api/insight/studies/${started.body.id}/whatif`,
      headers: { authorization: `Bearer ${ops}` },
      payload: { intervene: 'engagement=1' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ error: { message: string } }>().error.message).toMatch(/^intervene: unknown factor/);

    const again = await call('POST', `/api/insight/studies/${started.body.id}/rerun`);
    expect(again.status).toBe(202);
    expect(again.body.id).not.toBe(started.body.id);
    expect(again.body.params).toEqual(done.params);
    expect((await settle(again.body.id)).result).toEqual(done.result);
  });

  it('refuses an outcome without data and a bad date with 400 naming the field; an empty population fails clearly', async () => {
    const complaint = await call('POST', '/api/insight/studies', { outcome: 'complaint' });
    expect(complaint.status).toBe(400);
    expect(complaint.body.error!.message).toMatch(/^outcome:/);
    const bad = await call('POST', '/api/insight/studies', { outcome: 'renewal', as_of: '30/10/2026' });
    expect(bad.status).toBe(400);
    const empty = await call('POST', '/api/insight/studies', { outcome: 'renewal', as_of: '2020-01-01' });
    const failed = await settle(empty.body.id);
    expect(failed.status).toBe('failed');
    expect(failed.error!.code).toBe('INSUFFICIENT_EVIDENCE');
  });

  it('cancels a running study: the thread stops and the study stays cancelled without a result', async () => {
    const started = await call('POST', '/api/insight/studies', {
      outcome: 'renewal',
      as_of: '2026-10-30',
      refute_simulations: 20,
    });
    const del = await call('DELETE', `/api/insight/studies/${started.body.id}`);
    expect(del.status).toBe(200);
    expect(del.body.status).toBe('cancelled');
    await studyJobsIdle();
    const later = (await call('GET', `/api/insight/studies/${started.body.id}`)).body;
    expect(later.status).toBe('cancelled');
    expect(later.result).toBeNull();
    expect((await call('GET', '/api/insight/studies/999999')).status).toBe(404);
  });
});
