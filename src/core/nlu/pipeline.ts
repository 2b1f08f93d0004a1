import { matchCatalogue, type CatalogueIndex } from './catalogue.js';
import { predictIntentNormalized, type IntentModel, type IntentPrediction } from './intent-model.js';
import { searchKbNormalized, type KbIndex, type KbResult } from './kb.js';
import { normalizeText } from './normalize.js';
import { extractSlots } from './slots.js';
import type { Slots } from './types.js';

/** What the engine makes of one message: normalised text, intent, slots and (optionally) KB candidates. */
export type Understanding = IntentPrediction & { normalized: string; slots: Slots; kb?: KbResult };

export type UnderstandContext = {
  model: IntentModel;
  kb?: KbIndex;
  catalogue?: CatalogueIndex;
  /** Number of intents returned (best + alternatives) and of KB candidates. */
  topK?: number;
  /** Intent of the previous turn, when the dialogue engine has one (a context prior for follow-ups). */
  previousIntent?: string;
};

/** Normalise once, then classify, extract slots, match catalogue names and search the KB. */
export const understand = (text: string, ctx: UnderstandContext): Understanding => {
  const normalized = normalizeText(text);
  const k = ctx.topK ?? 3;
  const prediction = predictIntentNormalized(
    ctx.model,
    normalized,
    k,
    ctx.previousIntent === undefined ? undefined : { previousIntent: ctx.previousIntent },
  );
  const slots = extractSlots(normalized);
  if (ctx.catalogue) {
    const { product, manager } = matchCatalogue(normalized, ctx.catalogue);
    if (product) slots.product_name = product.name;
    if (manager) slots.manager_name = manager.name;
  }
  const out: Understanding = { ...prediction, normalized, slots };
  if (ctx.kb) out.kb = searchKbNormalized(ctx.kb, normalized, Math.max(5, k));
  return out;
};
