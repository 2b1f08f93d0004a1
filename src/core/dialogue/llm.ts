import type { KbIndex } from '../nlu/kb.js';
import type { DialogueCustomer } from './types.js';

/** What the optional LLM answers with; the engine sends it through the outbound guard like any reply. */
export type LlmAnswer = {
  readonly text: string;
  readonly kb_ids: readonly string[];
  readonly tokens: { readonly prompt: number; readonly completion: number } | null;
  readonly ms: number;
  readonly tool_calls: number;
};

/**
 * An open-domain answerer grounded on the knowledge base (server: an OpenAI-compatible chat-completions client
 * with tool calling). It receives the question with personal data already masked; null or a throw = fall back
 * to the classical answer.
 */
export type LlmAnswerer = {
  readonly model: string;
  readonly timeoutMs: number;
  answer(input: {
    readonly question: string;
    readonly kb: KbIndex | null;
    readonly customer: Pick<DialogueCustomer, 'level'>;
  }): Promise<LlmAnswer | null>;
};
