import { matchCatalogue, type CatalogueIndex } from '../nlu/catalogue.js';
import { predictIntentNormalized, type IntentModel } from '../nlu/intent-model.js';
import { normalizeText } from '../nlu/normalize.js';
import type { Turn } from './turns.js';
import type { Mention } from './types.js';

/**
 * Products and fund managers named in a conversation (either speaker), matched against the caller's catalogue
 * with the language engine's matcher (names, partial names, a wrong character, pinyin initials), and the
 * topics the customer raised (the built-in intent model on each customer sentence).
 */
export const findMentions = (
  turns: readonly Turn[],
  catalogue: CatalogueIndex,
): { products: Mention[]; managers: Mention[] } => {
  const products = new Map<string, Mention>();
  const managers = new Map<string, Mention>();
  for (const t of turns) {
    for (const s of t.sentences) {
      const { product, manager } = matchCatalogue(s.norm, catalogue);
      if (product && namesBrand(s.norm, product) && !products.has(product.name))
        products.set(product.name, toMention(product));
      if (manager && !managers.has(manager.name)) managers.set(manager.name, toMention(manager));
    }
  }
  return { products: [...products.values()], managers: [...managers.values()] };
};

/**
 * A partial product match must name the brand (the issuer's first two characters: 瑞丰医药 for 瑞丰医药健康混合);
 * otherwise generic words (沪深300指数基金) would pick a shelf product the speakers never meant.
 */
const namesBrand = (text: string, m: { name: string; score: number }): boolean =>
  m.score >= 1 || text.includes(normalizeText(m.name).slice(0, 2));

const toMention = (m: { name: string; code?: string }): Mention =>
  m.code === undefined ? { name: m.name } : { name: m.name, code: m.code };

/** Intents that say nothing about what the customer wants. */
const NOT_TOPICS = new Set(['greeting', 'thanks_goodbye', 'chitchat', 'out_of_scope']);

/**
 * Topics of the customer's sentences: intents predicted with at least `minConfidence`, most frequent first
 * (ties in order of first appearance).
 */
export const findTopics = (turns: readonly Turn[], model: IntentModel, minConfidence = 0.5): string[] => {
  const counts = new Map<string, number>();
  for (const t of turns) {
    if (t.sender !== 'customer') continue;
    for (const s of t.sentences) {
      if (s.norm.length < 4) continue;
      const p = predictIntentNormalized(model, s.norm, 1);
      if (p.confidence >= minConfidence && !NOT_TOPICS.has(p.intent)) {
        counts.set(p.intent, (counts.get(p.intent) ?? 0) + 1);
      }
    }
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([k]) => k);
};
