import type { IntentId } from '../types.js';
import { CONVERSATION_CORPUS } from './corpus/conversation.js';
import { HOLDINGS_CORPUS } from './corpus/holdings.js';
import { PLANNING_CORPUS } from './corpus/planning.js';
import { PRODUCTS_CORPUS } from './corpus/products.js';

/**
 * The built-in training corpus: hand-written utterances for every intent id, as investors type them in a bank
 * app (colloquial, typos such as 基经/赎会, some Traditional characters and English, amounts and 6-digit codes).
 * Split by domain into ./corpus/*; the `satisfies` clause makes the compiler reject a missing intent.
 */
export const INTENT_CORPUS: Readonly<Record<IntentId, readonly string[]>> = {
  ...CONVERSATION_CORPUS,
  ...PRODUCTS_CORPUS,
  ...HOLDINGS_CORPUS,
  ...PLANNING_CORPUS,
} satisfies Record<IntentId, readonly string[]>;
