import { INTENT_CORPUS } from './data/intent-corpus.js';
import {
  DEFAULT_INTENT_OPTIONS,
  trainIntentModel,
  type IntentExample,
  type IntentModel,
  type IntentTrainOptions,
} from './intent-model.js';
import { INTENT_IDS } from './types.js';

/**
 * The built-in Chinese wealth-advisor intent model. It is trained from INTENT_CORPUS at first use (well under
 * a second) rather than shipped as a trained JSON: the corpus stays the single source of truth, a corpus edit
 * can never leave a stale model behind, and the repository carries no binary blob.
 */
export const BUILTIN_INTENT_OPTIONS: IntentTrainOptions = {
  ...DEFAULT_INTENT_OPTIONS,
  svm: { c: 0.5, eps: 0.1, maxEpochs: 20 },
  outOfScopeLabel: 'out_of_scope',
  // About twice the uniform probability over the 28 intents (1/28 ≈ 0.036): below it no intent stands out,
  // and the message is treated as out of scope even if out_of_scope itself did not win.
  threshold: 0.08,
};

export const builtinExamples = (): IntentExample[] =>
  INTENT_IDS.flatMap((label) => INTENT_CORPUS[label].map((text) => ({ text, label })));

let cached: IntentModel | null = null;

export const builtinIntentModel = (): IntentModel =>
  (cached ??= trainIntentModel(builtinExamples(), BUILTIN_INTENT_OPTIONS));
