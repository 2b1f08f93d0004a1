import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../../../test/support/app.js';
import type { TestApp } from '../../../../test/support/app.js';
import { startFakeLlm } from '../../../../test/support/fake-llm.js';
import type { FakeLlmRequest } from '../../../../test/support/fake-llm.js';

// The LLM tagging path of survey comments (the path is the same on both engines: PGlite only). A comment the
// fake model answers inside the taxonomy is tagged by it; an answer that is not JSON falls back to the lexicon.
describe('survey comments tagged by the optional LLM', () => {
  let t: TestApp;
  let fake: Awaited<ReturnType<typeof startFakeLlm>>;
  const answer = (req: FakeLlmRequest): string => {
    const user = req.messages.find((m) => m.role === 'user')?.content ?? '';
    return user.includes('客服')
      ? JSON.stringify({ sentiment: 'negative', topics: [{ topic: 'service', sentiment: 'negative' }] })
      : 'I cannot answer that';
  };
  beforeAll(async () => {
    fake = await startFakeLlm(answer);
    t = await createTestApp('pglite', {
      app: { llm: { baseUrl: fake.url, model: 'fake', apiKey: 'k', timeoutMs: 5000 } },
    });
  });
  afterAll(async () => {
    await t?.close();
    await fake?.close();
  });

  it('uses the LLM answer when it fits the taxonomy and the lexicon otherwise', async () => {
    const ops = await t.login('ops01');
    const ids = await t.db.rows<{ id: unknown }>(sql`SELECT id FROM customers ORDER BY id LIMIT 2`);
    const file = [
      'customer_id,nps,csat_service,comment,response_date',
      `${Number(ids[0]!.id)},3,1,客服一直不回,2026-06-01`,
      `${Number(ids[1]!.id)},9,5,App 用起来很流畅,2026-06-02`,
    ].join('\n');
    const r = await t.app.inject({
      method: 'POST',
      url: '/api/insight/surveys',
      headers: { authorization: `Bearer ${ops}` },
      payload: { file: Buffer.from(file).toString('base64') },
    });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json<{ tagger: string }>().tagger).toBe('mixed');
    const rows = await t.db.rows<{ tagger: string; sentiment: string; topics: unknown }>(
      sql`SELECT tagger, sentiment, topics FROM survey_responses ORDER BY response_date`,
    );
    expect(rows).toEqual([
      { tagger: 'llm', sentiment: 'negative', topics: [{ topic: 'service', sentiment: 'negative' }] },
      { tagger: 'lexicon', sentiment: 'positive', topics: [{ topic: 'app', sentiment: 'positive' }] },
    ]);
    const sent = JSON.parse(fake.bodies[0]!) as FakeLlmRequest;
    expect(sent.response_format).toEqual({ type: 'json_object' });
    expect(sent.messages[0]!.content).toMatch(/topic 只能取/);
  });
});
