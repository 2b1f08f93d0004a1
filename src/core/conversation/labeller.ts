import { z } from 'zod';
import { PURPOSES, RISK_APPETITES } from '../nlu/types.js';
import type { Taxonomy } from './taxonomy.js';
import {
  LIQUIDITIES,
  OBJECTION_CODES,
  SENTIMENTS,
  type Conversation,
  type ConversationInsight,
  type MoneyIntent,
  type ObjectionCode,
} from './types.js';

/**
 * The LLM labelling hook. The classical engine always runs; a labeller (an LLM behind the client the chat
 * issue brings) may add what it finds. Its answer is untrusted: validated with zod, tags outside the
 * taxonomy dropped, and any failure falls back to the classical result with the reason recorded.
 */
export type LabelRequest = {
  conversation: Conversation;
  taxonomy: Taxonomy;
  classical: ConversationInsight;
  prompt: { system: string; user: string };
};

export type ConversationLabeller = {
  name: string;
  label(request: LabelRequest): Promise<unknown>;
};

export const LabelSuggestion = z.object({
  tags: z.array(z.string()).default([]),
  sentiment: z.enum(SENTIMENTS).optional(),
  intents: z
    .array(
      z.object({
        purpose: z.enum(PURPOSES),
        amount: z.number().positive(),
        horizon_months: z.number().nonnegative().nullable().default(null),
        liquidity: z.enum(LIQUIDITIES).nullable().default(null),
        risk_appetite: z.enum(RISK_APPETITES).nullable().default(null),
        evidence: z.array(z.string()).default([]),
      }),
    )
    .default([]),
});
export type LabelSuggestion = z.infer<typeof LabelSuggestion>;

/** `union`: classical plus what the labeller adds; `llm`: the labeller's answer where it gives one. */
export type MergePolicy = 'union' | 'llm';

/** The prompt a labeller sends: the taxonomy (keys, descriptions, examples) and the numbered transcript. */
export const labellingPrompt = (
  conversation: Conversation,
  taxonomy: Taxonomy,
): { system: string; user: string } => {
  const tags = taxonomy.tags
    .map((t) => `- ${t.key}: ${t.description.zh} 例：${t.examples.slice(0, 3).join(' / ')}`)
    .join('\n');
  const system = [
    '你是银行理财对话的标注员。只依据客户说的话标注（理财经理的话不算，除非客户明确同意）。',
    `标签（只能用这些 key）：\n${tags}`,
    `资金意图：每一笔钱一条，purpose 取 ${PURPOSES.join('/')}，amount 为人民币元，horizon_months 为月数，`,
    `liquidity 取 ${LIQUIDITIES.join('/')}，risk_appetite 取 ${RISK_APPETITES.join('/')}；工资、过去的亏损、起投金额、别人的钱都不是意图；后面的更正为准。`,
    '只输出 JSON：{"tags":[...],"sentiment":"positive|neutral|negative","intents":[{"purpose","amount","horizon_months","liquidity","risk_appetite","evidence":[...]}]}',
  ].join('\n');
  const user = conversation.messages
    .map((m, i) => `${i + 1}. [${m.sender === 'customer' ? '客户' : '理财经理'}] ${m.text}`)
    .join('\n');
  return { system, user };
};

const sameMoney = (a: Pick<MoneyIntent, 'purpose' | 'amount'>, b: Pick<MoneyIntent, 'purpose' | 'amount'>) =>
  a.purpose === b.purpose && Math.abs(a.amount - b.amount) < 0.5;

const OBJECTIONS: ReadonlySet<string> = new Set(OBJECTION_CODES);

/** Merges a validated suggestion into the classical insight under a policy. */
export const mergeSuggestion = (
  classical: ConversationInsight,
  s: LabelSuggestion,
  taxonomy: Taxonomy,
  policy: MergePolicy,
): ConversationInsight => {
  const known = new Set(taxonomy.tags.map((t) => t.key));
  const llmTags = s.tags.filter((t) => known.has(t));
  const order = taxonomy.tags.map((t) => t.key);
  const tags = (policy === 'llm' ? llmTags : [...new Set([...classical.tags, ...llmTags])]).sort(
    (a, b) => order.indexOf(a) - order.indexOf(b),
  );
  const llmIntents: MoneyIntent[] = s.intents.map((i) => ({ ...i, constraints: [] }));
  const intents =
    policy === 'llm'
      ? llmIntents
      : [...classical.intents, ...llmIntents.filter((i) => !classical.intents.some((c) => sameMoney(c, i)))];
  const details = tags.map(
    (key) => classical.details.find((d) => d.key === key) ?? { key, evidence: [] as string[] },
  );
  return {
    ...classical,
    tags,
    objections: tags.filter((t): t is ObjectionCode => OBJECTIONS.has(t)),
    sentiment: policy === 'llm' ? (s.sentiment ?? classical.sentiment) : classical.sentiment,
    intents,
    details,
  };
};

export type LabelledInsight = {
  insight: ConversationInsight;
  labeller: { name: string; used: boolean; error?: string };
};

/** Runs the labeller on top of the classical result; never fails because of the labeller. */
export const applyLabeller = async (
  conversation: Conversation,
  classical: ConversationInsight,
  taxonomy: Taxonomy,
  labeller: ConversationLabeller,
  policy: MergePolicy = 'union',
): Promise<LabelledInsight> => {
  const prompt = labellingPrompt(conversation, taxonomy);
  try {
    const raw = await labeller.label({ conversation, taxonomy, classical, prompt });
    const parsed = LabelSuggestion.safeParse(typeof raw === 'string' ? JSON.parse(raw) : raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      return {
        insight: classical,
        labeller: { name: labeller.name, used: false, error: `${issue.path.join('.')}: ${issue.message}` },
      };
    }
    return {
      insight: mergeSuggestion(classical, parsed.data, taxonomy, policy),
      labeller: { name: labeller.name, used: true },
    };
  } catch (e) {
    return {
      insight: classical,
      labeller: { name: labeller.name, used: false, error: (e as Error).message },
    };
  }
};
