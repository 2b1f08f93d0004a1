import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Copy } from '../../../contracts/copy.js';
import { DEFAULT_POLICY } from '../../../core/suitability/policy.js';
import { assessmentCutoff } from '../../../core/suitability/validity.js';
import { createTestApp, TEST_SECRET, type TestApp } from '../../../../test/support/app.js';
import { testDbKinds } from '../../../../test/support/db.js';
import { startFakeLlm, type FakeLlmRequest } from '../../../../test/support/fake-llm.js';
import { buildApp } from '../../app.js';
import { chinaDate } from '../customers/service.js';

type Err = { error: { code: string; message: string; details: Record<string, unknown> } };

/** The fake model drafts copy naming the product of the brief; `extra` is appended (a forbidden phrase). */
let extra = '';
const answer = (req: FakeLlmRequest): string => {
  const user = req.messages[1]?.content ?? '';
  const name = /产品：(.+?)（/.exec(user)?.[1] ?? '这款产品';
  return `您好，${name}现可申购，起购门槛低，适合日常零钱打理${extra}。详情请咨询您的理财经理。`;
};

describe.each(testDbKinds())('AI copy with the optional LLM on %s', (kind) => {
  let t: TestApp;
  let fake: Awaited<ReturnType<typeof startFakeLlm>>;
  let rm: string;
  let ops: string;
  let product: { code: string; name: string };
  let target: { customer_id: number; channel: 'sms' | 'wechat' | 'app_push' };
  const apps: FastifyInstance[] = [];
  beforeAll(async () => {
    fake = await startFakeLlm(answer);
    t = await createTestApp(kind, {
      app: { llm: { baseUrl: fake.url, model: 'fake', apiKey: null, timeoutMs: 5000 } },
    });
    rm = await t.login('rm001');
    ops = await t.login('ops01');
    const cutoff = assessmentCutoff(DEFAULT_POLICY, 'bank', chinaDate(new Date()));
    [target] = (await t.db.query<{ customer_id: number; channel: 'sms' | 'wechat' | 'app_push' }>(
      `SELECT c.id AS customer_id, k.channel FROM customers c JOIN staff s ON s.id = c.rm_id
         JOIN consents k ON k.customer_id = c.id AND k.purpose = 'marketing' AND k.granted
        WHERE s.username = 'rm001' AND c.risk_assessed_at >= $1::date AND k.channel IN ('sms','wechat','app_push')
        ORDER BY c.id LIMIT 1`,
      [cutoff],
    )) as [{ customer_id: number; channel: 'sms' | 'wechat' | 'app_push' }];
    [product] = (await t.db.query<{ code: string; name: string }>(
      `SELECT code, name FROM products WHERE type = 'money_market' ORDER BY code LIMIT 1`,
    )) as [{ code: string; name: string }];
  });
  afterAll(async () => {
    for (const a of apps) await a.close();
    await t?.close();
    await fake?.close();
  });

  const call = async <T>(app: FastifyInstance, url: string, token: string, payload: object = {}) => {
    const r = await app.inject({
      method: 'POST',
      url,
      payload,
      headers: { authorization: `Bearer ${token}` },
    });
    return { status: r.statusCode, body: r.json<T>() };
  };
  const create = (app: FastifyInstance, source?: 'llm' | 'template') =>
    call<Copy & Err>(app, '/api/copies', rm, {
      segment: 'mass',
      productCode: product.code,
      channel: target.channel,
      ...(source === undefined ? {} : { source }),
    });
  const appWith = async (llm: { baseUrl: string; timeoutMs: number } | null) => {
    const app = await buildApp({
      db: t.db,
      sessionSecret: TEST_SECRET,
      logLevel: 'silent',
      demoMode: true,
      rateLimits: { perMinute: 100_000, loginPerMinute: 10_000 },
      llm: llm === null ? null : { ...llm, model: 'fake', apiKey: null },
    });
    apps.push(app);
    return app;
  };

  it('the LLM drafts from the product facts; AI-labelled, reviewed, and sendable only after approval', async () => {
    extra = '';
    fake.bodies.length = 0;
    const made = await create(t.app, 'llm');
    expect(made.status).toBe(200);
    expect(made.body.aiGenerated).toBe(true);
    expect(made.body.current.text).toContain(`您好，${product.name}现可申购`);
    expect(made.body.current.text).toMatch(/本内容由AI生成/);
    expect(made.body.current).toMatchObject({ version: 1, status: 'draft', blocking: 0 });
    const brief = JSON.parse(fake.bodies[0]!) as FakeLlmRequest;
    expect(brief.messages[1]!.content).toContain(product.code);
    expect(brief.messages[0]!.content).toMatch(/不得承诺收益/);

    const id = made.body.id;
    const send = () => call<Err>(t.app, `/api/copies/${id}/send`, rm, { customerId: target.customer_id });
    const early = await send();
    expect(early.status).toBe(409);
    expect(early.body.error.details.reason).toBe('copy_not_approved');
    expect((await call<Copy>(t.app, `/api/copies/${id}/submit`, rm)).body.current.status).toBe('submitted');
    expect((await send()).status).toBe(409);
    expect((await call<Copy>(t.app, `/api/copies/${id}/approve`, ops)).body.current.status).toBe('approved');
    const sent = await send();
    expect(sent.status).toBe(200);
    const [row] = await t.db.query<{ details: { generator: string; model: string } }>(
      `SELECT details FROM audit_log WHERE action = 'copy.created' AND target = $1`,
      [String(id)],
    );
    expect(row!.details).toMatchObject({ generator: 'llm', model: 'fake' });
  });

  it("a forbidden phrase in the LLM's draft is flagged by the review with its span; it cannot be submitted", async () => {
    extra = '，保本保收益，稳赚不赔';
    const made = await create(t.app, 'llm');
    expect(made.status).toBe(200);
    const text = made.body.current.text;
    const flagged = made.body.current.findings.filter((f) => f.blocking);
    expect(made.body.current.blocking).toBeGreaterThan(0);
    expect(flagged.some((f) => f.match !== null && /保本|稳赚/.test(f.match))).toBe(true);
    for (const f of flagged.filter((x) => x.start !== null))
      expect(text.slice(f.start!, f.end!)).toBe(f.match);
    const submit = await call<Err>(t.app, `/api/copies/${made.body.id}/submit`, rm);
    expect(submit.status).toBe(409);
    expect(submit.body.error.details.reason).toBe('blocking_findings');
  });

  it("source 'llm' without an LLM is 409 naming source and the fix; the LLM down is 503; template unchanged", async () => {
    const none = await appWith(null);
    const r = await create(none, 'llm');
    expect(r.status).toBe(409);
    expect(r.body.error.details.field).toBe('source');
    expect(r.body.error.message).toMatch(/LLM_BASE_URL/);
    const tpl = await create(none);
    expect(tpl.status).toBe(200);
    expect(tpl.body.aiGenerated).toBe(false);
    const down = await create(await appWith({ baseUrl: 'http://127.0.0.1:9/v1', timeoutMs: 1500 }), 'llm');
    expect(down.status).toBe(503);
    expect(down.body.error.details.field).toBe('source');
    const bad = await call<Err>(t.app, '/api/copies', rm, {
      segment: 'mass',
      productCode: product.code,
      channel: target.channel,
      source: 'gpt',
    });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toMatch(/source/);
  });
});
