import {
  BUILTIN_EXEMPT_PHRASES,
  BUILTIN_FORBIDDEN,
  BUILTIN_NEGATORS,
  BUILTIN_NON_NEGATORS,
  BUILTIN_POST_NEGATORS,
} from './builtin-forbidden.js';
import {
  BUILTIN_AI_LABEL_PATTERNS,
  BUILTIN_BENCHMARK,
  BUILTIN_DISCLOSURES,
  BUILTIN_MESSAGES,
  BUILTIN_PERFORMANCE,
} from './builtin-required.js';
import type { RuleSet } from './types.js';

/** The built-in marketing-compliance rule set (regulation.md §2). Bump `version` on every change. */
export const DEFAULT_RULE_SET: RuleSet = {
  id: 'caiban-marketing',
  version: '2026.2.0',
  messages: BUILTIN_MESSAGES,
  forbidden: BUILTIN_FORBIDDEN,
  exemptPhrases: BUILTIN_EXEMPT_PHRASES,
  negators: BUILTIN_NEGATORS,
  postNegators: BUILTIN_POST_NEGATORS,
  nonNegators: BUILTIN_NON_NEGATORS,
  clauseBreaks: '，,。；;！!？?\n:…但却',
  sentenceBreaks: '。；;！!？?\n',
  disclosures: BUILTIN_DISCLOSURES,
  performance: BUILTIN_PERFORMANCE,
  aiLabelPatterns: BUILTIN_AI_LABEL_PATTERNS,
  benchmark: BUILTIN_BENCHMARK,
};
