import { z } from 'zod';
import type { LlmAnswer, LlmAnswerer } from '../../../core/dialogue/llm.js';
import { searchKb } from '../../../core/nlu/kb.js';
import { chatCompletion, type ChatMessage, type LlmConfig } from '../../llm/client.js';

export { llmConfigFromEnv, type LlmConfig } from '../../llm/client.js';

const KbSearchArgs = z
  .object({ query: z.string().min(1).max(300), k: z.number().int().min(1).max(5).default(3) })
  .strict();

const TOOLS = [
  {
    type: 'function',
    function: {
      name: 'kb_search',
      description: '在财伴知识库中检索与问题最相关的条目（返回标准问与答案）。回答必须以检索结果为依据。',
      parameters: {
        type: 'object',
        properties: { query: { type: 'string' }, k: { type: 'integer', minimum: 1, maximum: 5 } },
        required: ['query'],
        additionalProperties: false,
      },
    },
  },
];

const SYSTEM =
  '你是银行理财助手“财伴”。只依据 kb_search 工具返回的知识库内容回答，简洁、中文；不承诺收益、不保证本金、不推荐具体产品；' +
  '知识库没有依据时直说不知道并建议联系理财经理。';

/**
 * An OpenAI-compatible chat-completions client with tool calling: the model asks kb_search (arguments validated
 * by zod; invalid ones are answered with the validation error), gets the KB top-k, and answers; streamed and
 * read to the end before the engine guards it. Token usage and latency are reported for accounting.
 */
export const openAiAnswerer = (cfg: LlmConfig): LlmAnswerer => ({
  model: cfg.model,
  timeoutMs: cfg.timeoutMs,
  answer: async ({ question, kb }): Promise<LlmAnswer | null> => {
    const t0 = performance.now();
    const abort = AbortSignal.timeout(cfg.timeoutMs);
    const messages: ChatMessage[] = [
      { role: 'system', content: SYSTEM },
      { role: 'user', content: question },
    ];
    const kbIds: string[] = [];
    let prompt = 0;
    let completion = 0;
    let toolCalls = 0;
    for (let round = 0; round < 3; round++) {
      const r = await chatCompletion(cfg, messages, {
        signal: abort,
        ...(kb && round < 2 ? { tools: TOOLS } : {}),
      });
      prompt += r.usage?.prompt ?? 0;
      completion += r.usage?.completion ?? 0;
      if (r.finish !== 'tool_calls' || r.calls.length === 0) {
        return {
          text: r.content,
          kb_ids: kbIds,
          tokens: prompt + completion > 0 ? { prompt, completion } : null,
          ms: performance.now() - t0,
          tool_calls: toolCalls,
        };
      }
      messages.push({ role: 'assistant', content: r.content || null, tool_calls: r.calls });
      for (const call of r.calls) {
        toolCalls += 1;
        let content: string;
        let parsed: unknown;
        try {
          parsed = JSON.parse(call.function.arguments || '{}');
        } catch {
          parsed = null;
        }
        const args = KbSearchArgs.safeParse(parsed);
        if (call.function.name !== 'kb_search')
          content = JSON.stringify({ error: `unknown tool ${call.function.name}` });
        else if (!args.success)
          content = JSON.stringify({
            error: args.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`),
          });
        else if (kb === null) content = JSON.stringify({ results: [] });
        else {
          const hits = searchKb(kb, args.data.query, args.data.k).candidates.slice(0, args.data.k);
          kbIds.push(...hits.map((h) => h.id));
          content = JSON.stringify({
            results: hits.map((h) => ({
              id: h.id,
              question: h.question,
              answer: kb.items.find((i) => i.id === h.id)?.answer ?? '',
            })),
          });
        }
        messages.push({ role: 'tool', tool_call_id: call.id, content });
      }
    }
    return null;
  },
});
