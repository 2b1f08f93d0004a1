import { z } from 'zod';
import type { Taxonomy } from './taxonomy.js';

/**
 * Tag taxonomy proposals from a sample of transcripts (an LLM drafts, operations review). The model's answer is
 * untrusted: validated with zod, keys snake_case and unique, and a key of the built-in taxonomy is never
 * proposed (it would overwrite a reviewed definition): such tags are dropped with the reason. Pure.
 */
export const ProposedTag = z.object({
  key: z.string().regex(/^[a-z][a-z0-9_]{1,39}$/, 'snake_case ASCII key (a-z, 0-9, _), 2-40 characters'),
  description: z.string().trim().min(1).max(300),
  examples: z.array(z.string().trim().min(1).max(200)).min(1).max(5),
});
export type ProposedTag = z.infer<typeof ProposedTag>;

export const ProposalAnswer = z.object({ tags: z.array(z.unknown()).max(40) });

export type DroppedTag = { key: string | null; reason: string };

/** The prompt: the built-in keys (not to be proposed again) and the numbered sample. */
export const proposalPrompt = (
  transcripts: readonly string[],
  builtin: Taxonomy,
): { system: string; user: string } => ({
  system: [
    '你是银行理财对话的标签体系设计员。阅读客户与理财经理的对话样本，提出对运营有用的新标签（客户的顾虑、需求、偏好）。',
    `已有标签（不要重复、不要改写）：${builtin.tags.map((t) => t.key).join(', ')}`,
    'key 用英文 snake_case；description 用中文一句话；examples 为样本中客户的原话（1-5 条）。最多 20 个。',
    '只输出 JSON：{"tags":[{"key":"...","description":"...","examples":["..."]}]}',
  ].join('\n'),
  user: transcripts.map((t, i) => `### 对话 ${i + 1}\n${t}`).join('\n\n'),
});

/** Validates each proposed tag; drops invalid ones, duplicates and built-in keys, each with its reason. */
export const checkProposal = (
  answer: unknown,
  builtin: Taxonomy,
): { proposed: ProposedTag[]; dropped: DroppedTag[] } => {
  const parsed = ProposalAnswer.safeParse(answer);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`LLM answer invalid: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  const builtinKeys = new Set(builtin.tags.map((t) => t.key));
  const seen = new Set<string>();
  const proposed: ProposedTag[] = [];
  const dropped: DroppedTag[] = [];
  for (const raw of parsed.data.tags) {
    const key = typeof (raw as { key?: unknown })?.key === 'string' ? (raw as { key: string }).key : null;
    const tag = ProposedTag.safeParse(raw);
    if (!tag.success) {
      const issue = tag.error.issues[0]!;
      dropped.push({ key, reason: `invalid: ${issue.path.join('.')}: ${issue.message}` });
    } else if (builtinKeys.has(tag.data.key)) dropped.push({ key, reason: 'builtin_key' });
    else if (seen.has(tag.data.key)) dropped.push({ key, reason: 'duplicate_key' });
    else {
      seen.add(tag.data.key);
      proposed.push(tag.data);
    }
  }
  return { proposed, dropped };
};
