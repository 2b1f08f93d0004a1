import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnalyzeResponse, TaxonomyProposal } from '../../../contracts/rm-assistant.js';
import { createTestApp, TEST_SECRET, type TestApp } from '../../../../test/support/app.js';
import { testDbKinds } from '../../../../test/support/db.js';
import { startFakeLlm, type FakeLlmRequest } from '../../../../test/support/fake-llm.js';
import { buildApp } from '../../app.js';
import { ACCEPTANCE_TRANSCRIPT } from '../../http/permission-matrix.suite.js';

const PII = '客户：我手机13812345678，身份证110101199003071234，有事打我电话。';
const TRANSCRIPT = `${ACCEPTANCE_TRANSCRIPT}\n${PII}`;

/** The fake model: labels (a tag and an intent the classical engine does not find), or proposes tags. */
let labelAnswer = '';
let proposalAnswer = '';
const answer = (req: FakeLlmRequest): string => {
  const system = req.messages[0]?.content ?? '';
  if (system.includes('标注员')) return labelAnswer;
  if (system.includes('标签体系设计员')) return proposalAnswer;
  return 'hang';
};

const LABEL = JSON.stringify({
  tags: ['consult_family', 'not_a_tag'],
  sentiment: 'neutral',
  intents: [
    { purpose: 'education', amount: 200000, horizon_months: 60, liquidity: 'low', evidence: ['孩子上学'] },
  ],
});

describe.each(testDbKinds())('the optional LLM in the RM assistant on %s', (kind) => {
  let t: TestApp;
  let fake: Awaited<ReturnType<typeof startFakeLlm>>;
  let customerId = 0;
  const extra: FastifyInstance[] = [];
  beforeAll(async () => {
    fake = await startFakeLlm(answer);
    t = await createTestApp(kind, {
      app: { llm: { baseUrl: fake.url, model: 'fake', apiKey: 'k', timeoutMs: 5000 } },
    });
    const [row] = await t.db.query<{ id: number }>(
      `SELECT c.id FROM customers c JOIN staff s ON s.id = c.rm_id WHERE s.username = 'rm001' ORDER BY c.id LIMIT 1`,
    );
    customerId = row!.id;
  });
  afterAll(async () => {
    for (const a of extra) await a.close();
    await t?.close();
    await fake?.close();
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
    extra.push(app);
    return app;
  };
  const analyze = async (app: FastifyInstance) => {
    const r = await app.inject({
      method: 'POST',
      url: `/api/customers/${customerId}/conversations/analyze`,
      headers: { authorization: `Bearer ${await t.login('rm001')}` },
      payload: { transcript: TRANSCRIPT },
    });
    return { status: r.statusCode, body: r.json<AnalyzeResponse>() };
  };

  it('labels with the LLM: its tag and intent are merged (union), unknown tags dropped; PII masked', async () => {
    labelAnswer = LABEL;
    fake.bodies.length = 0;
    const classical = await analyze(await appWith(null));
    expect(classical.body).toMatchObject({ engine: 'classical', llmFallback: null });
    expect(classical.body.tags).not.toContain('consult_family');
    const r = await analyze(t.app);
    expect(r.status).toBe(200);
    expect(r.body.engine).toBe('classical+llm');
    expect(r.body.llmFallback).toBeNull();
    expect(r.body.tags).toEqual(expect.arrayContaining([...classical.body.tags, 'consult_family']));
    expect(r.body.tags).not.toContain('not_a_tag');
    expect(r.body.intents.map((i) => [i.purpose, i.amount, i.status])).toEqual([
      ['retirement', '500000.00', 'proposed'],
      ['travel', '100000.00', 'proposed'],
      ['education', '200000.00', 'proposed'],
    ]);
    expect(fake.bodies).toHaveLength(1);
    const sent = fake.bodies[0]!;
    expect(sent).not.toMatch(/13812345678|110101199003071234/);
    expect(sent).toContain('[手机号]');
    expect(sent).toContain('[身份证号]');
    expect(sent).toContain('养老'); // the transcript itself did go
  });

  it('invalid JSON from the LLM: the classical result stands and the reason is given', async () => {
    labelAnswer = '好的，我来标注：tags 是 consult_family';
    const r = await analyze(t.app);
    expect(r.status).toBe(200);
    expect(r.body.engine).toBe('classical');
    expect(r.body.llmFallback).toMatch(/not JSON/);
    expect(r.body.tags).not.toContain('consult_family');
    labelAnswer = JSON.stringify({ tags: 'consult_family' });
    const bad = await analyze(t.app);
    expect(bad.body.engine).toBe('classical');
    expect(bad.body.llmFallback).toMatch(/^tags:/);
  });

  it('with the server down, or hanging, the classical result arrives within the timeout', async () => {
    const down = await appWith({ baseUrl: 'http://127.0.0.1:9/v1', timeoutMs: 1500 });
    let t0 = Date.now();
    const r = await analyze(down);
    expect(Date.now() - t0).toBeLessThan(1500 + 1500);
    expect(r.status).toBe(200);
    expect(r.body.engine).toBe('classical');
    expect(r.body.llmFallback).toMatch(/unreachable|timeout/);
    expect(r.body.intents.map((i) => i.purpose)).toEqual(['retirement', 'travel']);

    labelAnswer = 'hang';
    const slow = await appWith({ baseUrl: fake.url, timeoutMs: 800 });
    t0 = Date.now();
    const h = await analyze(slow);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(750);
    expect(Date.now() - t0).toBeLessThan(800 + 1500);
    expect(h.body).toMatchObject({ engine: 'classical', llmFallback: 'timeout' });
  });

  const propose = async (app: FastifyInstance, user: string, transcripts: string[]) => {
    const r = await app.inject({
      method: 'POST',
      url: '/api/conversations/taxonomy/propose',
      headers: { authorization: `Bearer ${await t.login(user)}` },
      payload: { transcripts },
    });
    return { status: r.statusCode, body: r.json<TaxonomyProposal & { message?: string }>() };
  };

  it('proposes a taxonomy from a sample: validated, unique snake_case keys, never a built-in key; PII masked', async () => {
    proposalAnswer = JSON.stringify({
      tags: [
        {
          key: 'child_education',
          description: '客户为子女教育储备资金',
          examples: ['孩子明年上大学'],
        },
        { key: 'fear_of_loss', description: '覆盖内置', examples: ['怕亏'] },
        { key: 'child_education', description: '重复', examples: ['上学'] },
        { key: 'Bad Key', description: '非 snake_case', examples: ['x'] },
        { key: 'no_examples', description: '没有例子', examples: [] },
      ],
    });
    fake.bodies.length = 0;
    const r = await propose(t.app, 'ops01', [TRANSCRIPT, '客户：孩子明年上大学，要准备学费。']);
    expect(r.status).toBe(200);
    expect(r.body.proposed).toEqual([
      { key: 'child_education', description: '客户为子女教育储备资金', examples: ['孩子明年上大学'] },
    ]);
    expect(r.body.dropped.map((d) => [d.key, d.reason.split(':')[0]])).toEqual([
      ['fear_of_loss', 'builtin_key'],
      ['child_education', 'duplicate_key'],
      ['Bad Key', 'invalid'],
      ['no_examples', 'invalid'],
    ]);
    expect(r.body.tokens).toEqual({ prompt: 200, completion: 40 });
    expect(fake.bodies[0]).not.toMatch(/13812345678|110101199003071234/);
    const admin = await propose(t.app, 'admin', ['客户：我想多了解一下']);
    expect(admin.status).toBe(200);
    expect((await propose(t.app, 'rm001', ['客户：你好'])).status).toBe(403);
  });

  it('taxonomy proposal: > 50 transcripts is 400 naming the field; no LLM is 409 naming the fix; a broken answer 503', async () => {
    const many = await propose(
      t.app,
      'ops01',
      Array.from({ length: 51 }, () => '客户：你好'),
    );
    expect(many.status).toBe(400);
    expect(JSON.stringify(many.body)).toMatch(/transcripts/);
    const none = await propose(await appWith(null), 'ops01', ['客户：你好']);
    expect(none.status).toBe(409);
    expect(JSON.stringify(none.body)).toMatch(/LLM_BASE_URL/);
    proposalAnswer = '{"tags": "child_education"}';
    const broken = await propose(t.app, 'ops01', ['客户：你好']);
    expect(broken.status).toBe(503);
    expect(JSON.stringify(broken.body)).toMatch(/tags/);
  });
});
