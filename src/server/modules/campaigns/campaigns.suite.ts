import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { TestApp } from '../../../../test/support/app.js';
import { TEST_SECRET } from '../../../../test/support/app.js';
import type { EnqueueOutcome, OutboundMessage } from '../../../core/engagement/message.js';
import { HOLDOUT_ARM } from '../../../core/engagement/campaign.js';
import { buildApp } from '../../app.js';
import type { Enqueue } from './launch.js';

type Err = { error: { code: string; message: string; details: { field?: string; findings?: unknown[] } } };

/** Campaign routes over HTTP; run by src/server/api.suite.ts on each database. */
export const campaignsSuite = (ctx: () => TestApp): void => {
  let t: TestApp;
  let ops: string;
  let app: FastifyInstance;
  let product: string;
  const sent: OutboundMessage[] = [];
  const keys = new Set<string>();
  // The outbox stand-in: one row per key, everything queued.
  const enqueue: Enqueue = (_db, msgs, now) =>
    Promise.resolve(
      msgs.map((m, i): EnqueueOutcome => {
        sent.push(m);
        const duplicate = keys.has(m.key);
        keys.add(m.key);
        return {
          key: m.key,
          id: i + 1,
          status: 'queued',
          scheduledAt: now.toISOString(),
          reason: null,
          duplicate,
        };
      }),
    );
  const call = async <T>(
    method: 'GET' | 'POST' | 'PUT',
    url: string,
    payload?: unknown,
    token = ops,
    on = app,
  ) => {
    const r = await on.inject({
      method,
      url,
      headers: { authorization: `Bearer ${token}` },
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
    return { status: r.statusCode, body: r.json<T>() };
  };
  const draft = (over: Record<string, unknown> = {}) => ({
    key: 'http-spring',
    name: '春季基金',
    target: { rule: { attr: 'aum', op: 'gte', value: 0 } },
    arms: [
      {
        key: 'a',
        weight: 1,
        message: {
          channel: 'app',
          purpose: 'marketing',
          body: '{{products}} 正在发售，欢迎了解。基金有风险，投资需谨慎。',
          products: [product],
        },
      },
    ],
    startAt: '2026-03-01T01:00:00Z',
    ...over,
  });

  beforeAll(async () => {
    t = ctx();
    ops = await t.login('ops01');
    app = await buildApp({
      db: t.db,
      sessionSecret: TEST_SECRET,
      logLevel: 'silent',
      demoMode: true,
      rateLimits: { perMinute: 1_000_000, loginPerMinute: 1_000_000 },
      llm: null,
      enqueue,
    });
    const [p] = await t.db.query<{ code: string }>(
      `SELECT code FROM products WHERE type = 'hybrid' ORDER BY code LIMIT 1`,
    );
    product = p!.code;
  });
  afterAll(async () => {
    await app?.close();
  });

  it('refuses a template promising "稳赚不赔" with 400 and the linter finding, saving nothing', async () => {
    const d = draft();
    d.arms[0]!.message.body = `稳赚不赔！${d.arms[0]!.message.body}`;
    const r = await call<Err>('POST', '/api/campaigns', d);
    expect(r.status).toBe(400);
    expect(r.body.error.details.field).toBe('campaign.arms[0].message.body');
    expect(JSON.stringify(r.body.error.details.findings)).toContain('稳赚不赔');
    const check = await call<{ ok: boolean }>('POST', '/api/campaigns/check', d);
    expect([check.status, check.body.ok]).toEqual([200, false]);
    expect((await call<{ items: unknown[] }>('GET', '/api/campaigns')).body.items).toEqual([]);
  });

  it('answers bad fields with 400 naming the path: holdout, weights, segment', async () => {
    const field = async (d: unknown) =>
      (await call<Err>('POST', '/api/campaigns', d)).body.error.details.field;
    expect(await field(draft({ holdout: 0.7 }))).toBe('campaign.holdout');
    expect(await field(draft({ target: { segmentId: 99_999_999 } }))).toBe('campaign.target.segmentId');
    const zero = draft();
    zero.arms[0]!.weight = 0;
    expect(await field(zero)).toBe('campaign.arms');
  });

  it('saves, launches once (a second launch sends nothing), measures and ends — audited; RMs are refused', async () => {
    const made = await call<{ id: number; status: string }>('POST', '/api/campaigns', draft());
    expect([made.status, made.body.status]).toEqual([200, 'draft']);
    const id = made.body.id;
    const edited = await call<{ name: string }>(
      'PUT',
      `/api/campaigns/${id}`,
      draft({ name: '春季基金（改）' }),
    );
    expect(edited.body.name).toBe('春季基金（改）');
    const first = await call<{ assigned: number; messages: { queued: number } }>(
      'POST',
      `/api/campaigns/${id}/launch`,
    );
    expect(first.status).toBe(200);
    expect(first.body.assigned).toBeGreaterThan(0);
    expect(first.body.messages.queued).toBe(sent.length);
    const second = await call<{ assigned: number; messages: { queued: number } }>(
      'POST',
      `/api/campaigns/${id}/launch`,
    );
    expect([second.body.assigned, second.body.messages.queued]).toEqual([0, 0]);
    expect(new Set(sent.map((m) => m.key)).size).toBe(sent.length);
    const results = await call<{ arms: { arm: string; assigned: number }[]; srm: { p: number } }>(
      'GET',
      `/api/campaigns/${id}/results`,
    );
    expect(results.status).toBe(200);
    expect(results.body.arms.map((a) => a.arm)).toEqual(['holdout', 'a']);
    expect(results.body.arms.reduce((s, a) => s + a.assigned, 0)).toBe(first.body.assigned);
    expect((await call('PUT', `/api/campaigns/${id}`, draft())).status).toBe(409);
    const ended = await call<{ status: string }>('POST', `/api/campaigns/${id}/end`);
    expect(ended.body.status).toBe('ended');
    const audit = await t.db.query<{ action: string }>(
      `SELECT action FROM audit_log WHERE target_kind = 'campaign' AND target = $1 ORDER BY id`,
      [String(id)],
    );
    expect(audit.map((a) => a.action)).toEqual([
      'campaign.save',
      'campaign.save',
      'campaign.launch',
      'campaign.launch',
      'campaign.end',
    ]);
    expect((await call('GET', '/api/campaigns', undefined, await t.login('rm001'))).status).toBe(403);
  });

  it('launches through the real outbox: one row per treated customer, every suppressed one with its reason', async () => {
    const made = await call<{ id: number }>('POST', '/api/campaigns', draft({ key: 'http-real-outbox' }));
    const r = await call<{ assigned: number; byArm: Record<string, number> }>(
      'POST',
      `/api/campaigns/${made.body.id}/launch`,
      undefined,
      ops,
      t.app,
    );
    expect(r.status).toBe(200);
    const rows = await t.db.query<{ status: string; reason: string | null }>(
      `SELECT status, reason FROM outbox WHERE source_kind = 'campaign' AND key LIKE 'campaign:http-real-outbox:%'`,
    );
    const treated = r.body.assigned - (r.body.byArm[HOLDOUT_ARM] ?? 0);
    expect(treated).toBeGreaterThan(0);
    expect(rows.length).toBe(treated);
    expect(rows.filter((x) => x.status === 'suppressed' && (x.reason ?? '') === '')).toEqual([]);
  });
};
