import type { CatalogueIndex } from '../nlu/catalogue.js';
import type { IntentModel } from '../nlu/intent-model.js';
import { findMentions, findTopics } from './mentions.js';
import { extractMoneyIntents } from './money-intents.js';
import { scoreSentiment } from './sentiment.js';
import { affirmsWith, detectTags } from './tagger.js';
import { defaultCompiledTaxonomy, type CompiledTaxonomy } from './taxonomy.js';
import { toTurns } from './turns.js';
import { OBJECTION_CODES, type Conversation, type ConversationInsight, type ObjectionCode } from './types.js';

/**
 * Conversation insight with the classical engine: tags (objections, purchase signal, complaint risk,
 * redemption intent …) with evidence, the customer's sentiment, per-money investment intents, products and
 * managers mentioned, and the topics raised. Pure and deterministic: the same conversation gives the same
 * answer; the caller passes the taxonomy, the product catalogue and the intent model.
 */
export type AnalyzeContext = {
  taxonomy?: CompiledTaxonomy;
  catalogue?: CatalogueIndex;
  /** The language engine's intent model for topics (omit to skip topics). */
  intentModel?: IntentModel;
};

const OBJECTIONS: ReadonlySet<string> = new Set(OBJECTION_CODES);

export const analyzeConversation = (conv: Conversation, ctx: AnalyzeContext = {}): ConversationInsight => {
  const tx = ctx.taxonomy ?? defaultCompiledTaxonomy();
  const turns = toTurns(conv.messages);
  const details = detectTags(turns, tx);
  const mentions = ctx.catalogue ? findMentions(turns, ctx.catalogue) : { products: [], managers: [] };
  return {
    id: conv.id,
    tags: details.map((d) => d.key),
    objections: details.map((d) => d.key).filter((k): k is ObjectionCode => OBJECTIONS.has(k)),
    sentiment: scoreSentiment(turns, tx).sentiment,
    intents: extractMoneyIntents(turns, affirmsWith(tx)),
    details,
    products: mentions.products,
    managers: mentions.managers,
    topics: ctx.intentModel ? findTopics(turns, ctx.intentModel) : [],
  };
};
