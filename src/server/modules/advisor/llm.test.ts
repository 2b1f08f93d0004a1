import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runTurn } from '../../../core/dialogue/engine.js';
import { FIXTURE_CUSTOMERS, FIXTURE_NOW, fixtureData } from '../../../core/dialogue/fixture.js';
import { fixtureEngine } from '../../../core/dialogue/test-world.js';
import { initialState } from '../../../core/dialogue/types.js';
import { openAiAnswerer } from './llm-client.js';

/** One SSE chunk line of the chat-completions stream. */
const chunk = (delta: unknown, finish: string | null = null) =>
  `data: ${JSON.stringify({ id: 'c1', object: 'chat.completion.chunk', created: 1, model: 'fake', choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;

type Mode = 'grounded' | 'forbidden';

/**
 * A local fake of the OpenAI chat-completions streaming protocol: the first request is answered with a tool call
 * split into fragments (index / id / function.arguments pieces, finish_reason "tool_calls"), the second (carrying
 * the tool result) with content deltas, a usage chunk and `data: [DONE]`.
 */
const fakeServer = (mode: () => Mode, bodies: string[]) =>
  createServer((req: IncomingMessage, res) => {
    let raw = '';
    req.on('data', (d: Buffer) => (raw += d.toString()));
    req.on('end', () => {
      bodies.push(raw);
      const body = JSON.parse(raw) as { messages: { role: string }[]; stream: boolean };
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      const hasTool = body.messages.some((m) => m.role === 'tool');
      if (!hasTool) {
        res.write(
          chunk({
            role: 'assistant',
            content: null,
            tool_calls: [
              { index: 0, id: 'call_1', type: 'function', function: { name: 'kb_search', arguments: '' } },
            ],
          }),
        );
        res.write(chunk({ tool_calls: [{ index: 0, function: { arguments: '{"query":"基金' } }] }));
        res.write(chunk({ tool_calls: [{ index: 0, function: { arguments: '赎回到账","k":2}' } }] }));
        res.write(chunk({}, 'tool_calls'));
      } else {
        const text =
          mode() === 'grounded'
            ? ['根据知识库，普通基金赎回', '一般在T+1至T+4个交易日到账，', '以基金公告为准。']
            : ['这只产品保本保收益，', '稳赚不赔。'];
        for (const t of text) res.write(chunk({ content: t }));
        res.write(chunk({}, 'stop'));
        res.write(
          `data: ${JSON.stringify({ id: 'c1', choices: [], usage: { prompt_tokens: 120, completion_tokens: 30, total_tokens: 150 } })}\n\n`,
        );
      }
      res.write('data: [DONE]\n\n');
      res.end();
    });
  });

describe('optional LLM (OpenAI chat-completions streaming, tool calling)', () => {
  let server: Server;
  let url = '';
  let mode: Mode = 'grounded';
  const bodies: string[] = [];
  beforeAll(async () => {
    fixtureEngine(); // trains the language models outside the LLM timeouts
    server = fakeServer(() => mode, bodies);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  const turn = async (text: string, baseUrl: string, timeoutMs = 8000) => {
    const engine = {
      ...fixtureEngine(),
      llm: openAiAnswerer({ baseUrl, model: 'fake', apiKey: 'k', timeoutMs }),
    };
    const customer = { ...FIXTURE_CUSTOMERS.c3!, name: '王小明' };
    return runTurn(engine, initialState(), { text }, { customer, now: FIXTURE_NOW, data: fixtureData('c3') });
  };
  const OPEN = '我叫王小明，手机13812345678，身份证110101199003071234，想问问你们平台靠谱吗';

  it('answers an open question grounded on the KB through a tool call; PII masked in what the server received', async () => {
    mode = 'grounded';
    bodies.length = 0;
    const r = await turn(OPEN, url);
    expect(r.annotations.events).toContain('llm_answer');
    expect(r.reply.text).toMatch(/T\+1至T\+4/);
    expect(r.reply.text).toMatch(/本内容由AI生成/);
    expect(bodies).toHaveLength(2);
    for (const b of bodies) {
      expect(b).not.toMatch(/13812345678|110101199003071234|王小明/);
    }
    expect(bodies[0]).toMatch(/\[手机号\]/);
    const second = JSON.parse(bodies[1]!) as {
      messages: { role: string; tool_call_id?: string; tool_calls?: { function: { arguments: string } }[] }[];
    };
    const assistant = second.messages.find((m) => m.role === 'assistant')!;
    expect(assistant.tool_calls![0]!.function.arguments).toBe('{"query":"基金赎回到账","k":2}');
    expect(second.messages.find((m) => m.role === 'tool')!.tool_call_id).toBe('call_1');
    const call = r.annotations.tools.find((t) => t.name === 'llm:fake')!;
    expect(call.ok).toBe(true);
    expect((call.args as { tokens: unknown }).tokens).toEqual({ prompt: 120, completion: 30 });
  });

  it('a forbidden phrase from the model is caught by the guard', async () => {
    mode = 'forbidden';
    const r = await turn(OPEN, url);
    expect(r.annotations.events).toContain('llm_answer');
    expect(r.reply.text).not.toMatch(/保本保收益|稳赚不赔/);
    expect(r.annotations.guard.replaced_text).toBe(true);
    expect(r.annotations.guard.findings.some((f) => f.kind === 'compliance_violation')).toBe(true);
  });

  it('with the server down the classical answer arrives within the timeout', async () => {
    const t0 = Date.now();
    const r = await turn(OPEN, 'http://127.0.0.1:9/v1', 1500);
    expect(Date.now() - t0).toBeLessThan(1500 + 1000);
    expect(r.annotations.events).toContain('llm_fallback');
    expect(r.reply.cards.map((c) => c.type)).toContain('quick_replies');
  });
});
