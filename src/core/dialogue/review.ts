import type { IntentExample } from '../nlu/intent-model.js';
import { INTENT_IDS } from '../nlu/types.js';

/**
 * The learning loop's pure rules (issue 12): which customer messages go to the ops review queue, and the
 * training set of a retrain (the base corpus plus the messages ops labelled to an intent).
 */

/** Below this confidence a typed message that was answered still goes to review (the engine acts from 0.3). */
export const REVIEW_CONFIDENCE = 0.5;

export type ReviewReason = 'low_confidence' | 'unanswered';

/** Why a turn's message needs review, or null. Taps (actions) are never reviewed: their meaning is known. */
export const reviewReason = (turn: {
  typed: boolean;
  intent: string;
  confidence: number;
  events: readonly string[];
}): ReviewReason | null => {
  if (!turn.typed) return null;
  if (turn.events.includes('not_understood') || turn.intent === 'out_of_scope') return 'unanswered';
  if (turn.confidence < REVIEW_CONFIDENCE) return 'low_confidence';
  return null;
};

export const isIntent = (s: string): boolean => (INTENT_IDS as readonly string[]).includes(s);

/**
 * Base examples then the labelled ones. A labelled text replaces the same text's base label (ops corrected it);
 * labels outside the intent set are dropped (the route refuses them before they are stored).
 */
export const retrainExamples = (
  base: readonly IntentExample[],
  labelled: readonly IntentExample[],
): IntentExample[] => {
  const fixed = new Map(labelled.filter((l) => isIntent(l.label)).map((l) => [l.text.trim(), l.label]));
  return [
    ...base.filter((e) => !fixed.has(e.text.trim())),
    ...[...fixed].map(([text, label]) => ({ text, label })),
  ];
};
