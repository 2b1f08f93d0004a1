import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One SSE chunk line of the chat-completions stream. */
const chunk = (delta: unknown, finish: string | null = null) =>
  `data: ${JSON.stringify({ id: 'c1', object: 'chat.completion.chunk', created: 1, model: 'fake', choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;

export type FakeLlmRequest = {
  model: string;
  stream: boolean;
  messages: { role: string; content: string | null }[];
  response_format?: { type: string };
};

/**
 * A local fake of the OpenAI chat-completions streaming protocol (as in advisor/llm.test.ts): `answer` picks (the string 'hang': no answer)
 * the content for a request (streamed in three pieces with a usage chunk and `data: [DONE]`); 'hang' never
 * answers (for timeouts); every raw body received is kept in `bodies`.
 */
export const startFakeLlm = async (
  answer: (req: FakeLlmRequest) => string,
): Promise<{ url: string; bodies: string[]; close: () => Promise<void> }> => {
  const bodies: string[] = [];
  const hanging = new Set<ServerResponse>();
  const server: Server = createServer((req, res) => {
    let raw = '';
    req.on('data', (d: Buffer) => (raw += d.toString()));
    req.on('end', () => {
      bodies.push(raw);
      const text = answer(JSON.parse(raw) as FakeLlmRequest);
      if (text === 'hang') {
        hanging.add(res);
        return;
      }
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(chunk({ role: 'assistant', content: '' }));
      const third = Math.ceil(text.length / 3);
      for (let i = 0; i < text.length; i += third) res.write(chunk({ content: text.slice(i, i + third) }));
      res.write(chunk({}, 'stop'));
      res.write(
        `data: ${JSON.stringify({ id: 'c1', choices: [], usage: { prompt_tokens: 200, completion_tokens: 40, total_tokens: 240 } })}\n\n`,
      );
      res.write('data: [DONE]\n\n');
      res.end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`,
    bodies,
    close: () =>
      new Promise<void>((r) => {
        for (const h of hanging) h.destroy();
        server.close(() => r());
      }),
  };
};
