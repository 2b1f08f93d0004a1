import { maskPii } from '../../core/dialogue/pii.js';

/**
 * The one OpenAI-compatible chat-completions client of the server (advisor chat, conversation labelling, taxonomy
 * proposals, AI copy): configuration from the environment, a streamed request with an overall timeout, the
 * stream parser (content, tool-call fragments, finish reason, usage) and PII masking of what leaves the process.
 */
export type LlmConfig = { baseUrl: string; model: string; apiKey: string | null; timeoutMs: number };

/** LLM_BASE_URL / LLM_MODEL / LLM_API_KEY (and LLM_TIMEOUT_MS); null when no LLM is configured. */
export const llmConfigFromEnv = (env: Record<string, string | undefined> = process.env): LlmConfig | null => {
  const baseUrl = env.LLM_BASE_URL?.trim();
  const model = env.LLM_MODEL?.trim();
  if (!baseUrl || !model) return null;
  const timeout = Number(env.LLM_TIMEOUT_MS ?? 8000);
  return {
    baseUrl: baseUrl.replace(/\/+$/, ''),
    model,
    apiKey: env.LLM_API_KEY?.trim() || null,
    timeoutMs: Number.isFinite(timeout) && timeout > 0 ? timeout : 8000,
  };
};

export type ToolCallOut = { id: string; type: 'function'; function: { name: string; arguments: string } };
export type ChatMessage =
  | { role: 'system' | 'user'; content: string }
  | { role: 'assistant'; content: string | null; tool_calls?: ToolCallOut[] }
  | { role: 'tool'; tool_call_id: string; content: string };

export type TokenUsage = { prompt: number; completion: number };

export type ChatResult = {
  content: string;
  finish: string | null;
  usage: TokenUsage | null;
  calls: ToolCallOut[];
};

type Chunk = {
  choices?: {
    delta?: {
      content?: string | null;
      tool_calls?: {
        index: number;
        id?: string;
        type?: string;
        function?: { name?: string; arguments?: string };
      }[];
    };
    finish_reason?: string | null;
  }[];
  usage?: { prompt_tokens?: number; completion_tokens?: number } | null;
};

/** Reads an OpenAI chat-completions stream: content deltas, tool-call fragments by index, finish reason, usage. */
export const readStream = async (res: Response): Promise<ChatResult> => {
  if (!res.ok || res.body === null) throw new Error(`LLM HTTP ${res.status}`);
  const decoder = new TextDecoder();
  let buf = '';
  let content = '';
  let finish: string | null = null;
  let usage: TokenUsage | null = null;
  const calls = new Map<number, ToolCallOut>();
  const result = (): ChatResult => ({ content, finish, usage, calls: [...calls.values()] });
  const reader = res.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    buf += decoder.decode(value, { stream: true });
    let nl: number;
    while ((nl = buf.indexOf('\n')) >= 0) {
      const line = buf.slice(0, nl).trim();
      buf = buf.slice(nl + 1);
      if (!line.startsWith('data:')) continue;
      const data = line.slice(5).trim();
      if (data === '[DONE]') return result();
      const chunk = JSON.parse(data) as Chunk;
      if (chunk.usage)
        usage = { prompt: chunk.usage.prompt_tokens ?? 0, completion: chunk.usage.completion_tokens ?? 0 };
      for (const c of chunk.choices ?? []) {
        if (c.delta?.content) content += c.delta.content;
        for (const tc of c.delta?.tool_calls ?? []) {
          const cur = calls.get(tc.index) ?? {
            id: '',
            type: 'function' as const,
            function: { name: '', arguments: '' },
          };
          if (tc.id) cur.id = tc.id;
          if (tc.function?.name) cur.function.name += tc.function.name;
          if (tc.function?.arguments) cur.function.arguments += tc.function.arguments;
          calls.set(tc.index, cur);
        }
        if (c.finish_reason) finish = c.finish_reason;
      }
    }
  }
  return result();
};

/** One streamed chat-completions request (POST {baseUrl}/chat/completions), read to the end. */
export const chatCompletion = async (
  cfg: LlmConfig,
  messages: readonly ChatMessage[],
  opts: { signal?: AbortSignal; tools?: readonly unknown[]; json?: boolean } = {},
): Promise<ChatResult> => {
  const res = await fetch(`${cfg.baseUrl}/chat/completions`, {
    method: 'POST',
    signal: opts.signal ?? AbortSignal.timeout(cfg.timeoutMs),
    headers: {
      'content-type': 'application/json',
      accept: 'text/event-stream',
      ...(cfg.apiKey ? { authorization: `Bearer ${cfg.apiKey}` } : {}),
    },
    body: JSON.stringify({
      model: cfg.model,
      stream: true,
      stream_options: { include_usage: true },
      messages,
      ...(opts.tools ? { tools: opts.tools, tool_choice: 'auto' } : {}),
      ...(opts.json ? { response_format: { type: 'json_object' } } : {}),
    }),
  });
  return readStream(res);
};

/** A model answer of one system + user exchange, with accounting. */
export type LlmText = { text: string; tokens: TokenUsage | null; ms: number; model: string };

/**
 * A one-shot request: the user text is PII-masked (ID, card, phone, e-mail, the given names) before it leaves
 * the process; throws on timeout (cfg.timeoutMs), HTTP error or a broken stream.
 */
export const completeText = async (
  cfg: LlmConfig,
  input: { system: string; user: string; names?: readonly string[]; json?: boolean },
): Promise<LlmText> => {
  const t0 = performance.now();
  const r = await chatCompletion(
    cfg,
    [
      { role: 'system', content: input.system },
      { role: 'user', content: maskPii(input.user, input.names ?? []) },
    ],
    { json: input.json ?? false },
  );
  return { text: r.content, tokens: r.usage, ms: performance.now() - t0, model: cfg.model };
};

/** The JSON object of a model answer: a ```json fence or text around the object is tolerated. */
export const parseJsonAnswer = (text: string): unknown => {
  const fenced = /```(?:json)?\s*([\s\S]*?)```/.exec(text);
  const body = (fenced ? fenced[1]! : text).trim();
  const start = body.indexOf('{');
  const end = body.lastIndexOf('}');
  if (start < 0 || end < start) throw new Error('LLM answer is not JSON');
  try {
    return JSON.parse(body.slice(start, end + 1)) as unknown;
  } catch {
    throw new Error('LLM answer is not valid JSON');
  }
};

/** Why an LLM call failed, in a short stable form for responses and audit (timeout / http / json / error). */
export const llmFailure = (e: unknown): string => {
  const err = e as Error;
  if (err?.name === 'TimeoutError' || err?.name === 'AbortError') return 'timeout';
  const msg = err?.message ?? String(e);
  const cause = (err?.cause as { code?: string } | undefined)?.code;
  if (/fetch failed/i.test(msg)) return `unreachable${cause ? ` (${cause})` : ''}`;
  return msg;
};
