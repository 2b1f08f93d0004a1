import type { ConversationLabeller } from '../../core/conversation/labeller.js';
import { completeText, llmFailure, parseJsonAnswer, type LlmConfig, type TokenUsage } from './client.js';

/**
 * The LLM conversation labeller over the shared client: sends labellingPrompt (the transcript PII-masked), asks
 * for a JSON object and returns it parsed; applyLabeller (core) validates it with zod, drops tags outside the
 * taxonomy and merges. Any failure throws with a short reason (timeout, unreachable, HTTP, not JSON), which
 * applyLabeller records while the classical result stands.
 */
export const llmLabeller = (
  cfg: LlmConfig,
  onUsage: (u: { tokens: TokenUsage | null; ms: number }) => void = () => undefined,
): ConversationLabeller => ({
  name: `llm:${cfg.model}`,
  label: async ({ prompt }) => {
    let text: string;
    try {
      const r = await completeText(cfg, { system: prompt.system, user: prompt.user, json: true });
      onUsage({ tokens: r.tokens, ms: r.ms });
      text = r.text;
    } catch (e) {
      throw new Error(llmFailure(e));
    }
    return parseJsonAnswer(text);
  },
});
