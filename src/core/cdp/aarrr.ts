import type { Rule } from '../segment/rule.js';

/**
 * AARRR (pirate metrics) stages of a customer, from the bottom of the funnel: a customer is in the highest stage
 * whose rule it matches (referral first), else in acquisition (onboarded, not yet active). The rules are segment
 * rules, so counts come from the same compiler as every segment.
 */
export const AARRR_STAGES = ['acquisition', 'activation', 'retention', 'revenue', 'referral'] as const;
export type AarrrStage = (typeof AARRR_STAGES)[number];

/** Highest stage first; acquisition is what is left. */
export const STAGE_RULES: readonly { stage: Exclude<AarrrStage, 'acquisition'>; rule: Rule }[] = [
  /** Brought someone in: the `referrer` tag (set by an RM, or by the conversation analyser). */
  { stage: 'referral', rule: { tag: 'referrer' } },
  /** Holds at least 1 000 yuan of products: the bank earns from the relationship. */
  { stage: 'revenue', rule: { holds: { min_value: 1000 } } },
  /** Comes back: at least 3 logins in the last 30 days. */
  { stage: 'retention', rule: { event: 'login', min_count: 3, days: 30 } },
  /** Used the app at least once in the last 90 days, or holds anything. */
  { stage: 'activation', rule: { any: [{ event: 'login', min_count: 1, days: 90 }, { holds: {} }] } },
];

/** The longest strategy text a cell takes. */
export const STRATEGY_TEXT_MAX = 2000;
