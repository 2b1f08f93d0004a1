import type { MissingDetail, MissingRule, RuleSet } from '../compliance/types.js';
import type { Bilingual } from '../advisory/text.js';
import { complianceTypes, lintForTypes } from './lint-many.js';
import type { TextProductType } from './types.js';

export type CompleteOptions = {
  readonly productTypes?: readonly TextProductType[];
  readonly aiGenerated?: boolean;
  readonly ruleSet?: RuleSet;
};

export type Completion = {
  readonly text: Bilingual;
  /** The sentences added, in order. */
  readonly added: readonly Bilingual[];
  /** What still fails after completion: forbidden wording and undated performance figures need a rewrite. */
  readonly remaining: readonly { readonly rule: string; readonly message: Bilingual }[];
};

/** Missing items the helper can add verbatim, in the order they are appended (the AI label last). */
const COMPLETABLE: readonly MissingRule[] = [
  'missing_disclosure',
  'missing_past_performance_disclaimer',
  'missing_ai_label',
];

export const isCompletable = (rule: MissingRule): boolean => COMPLETABLE.includes(rule);

const ENDS_SENTENCE_ZH = /[。！？!?；;]\s*$/;
const ENDS_SENTENCE_EN = /[.!?;]\s*$/;

const appendZh = (text: string, sentence: string): string => {
  const base = text.trimEnd();
  if (base === '') return `${sentence}。`;
  return `${ENDS_SENTENCE_ZH.test(base) ? base : `${base}。`}${sentence}。`;
};

const appendEn = (text: string, sentence: string): string => {
  const base = text.trimEnd();
  if (base === '') return `${sentence}.`;
  return `${ENDS_SENTENCE_EN.test(base) ? base : `${base}.`} ${sentence}.`;
};

const order = (m: MissingDetail): number => COMPLETABLE.indexOf(m.rule);

/** The text with the completable missing items appended, and the first lint (no second pass). */
const withAdditions = (input: Bilingual | string, options: CompleteOptions) => {
  const text: Bilingual = typeof input === 'string' ? { zh: input, en: '' } : input;
  const types = complianceTypes(options.productTypes, 'productTypes');
  const ai = options.aiGenerated === true;
  const first = lintForTypes(text.zh, types, ai, options.ruleSet);
  const toAdd = first.missing.filter((m) => isCompletable(m.rule)).sort((a, b) => order(a) - order(b));
  let zh = text.zh;
  let en = text.en;
  const added: Bilingual[] = [];
  const seen = new Set<string>();
  for (const m of toAdd) {
    if (seen.has(m.suggestion)) continue;
    seen.add(m.suggestion);
    zh = appendZh(zh, m.suggestion);
    if (typeof input !== 'string') en = appendEn(en, m.suggestion_en);
    added.push({ zh: m.suggestion, en: m.suggestion_en });
  }
  return { text: { zh, en }, added, first, types, ai };
};

/**
 * Completes a bilingual text with what its product types require: the required disclosures, the
 * past-performance disclaimer when it shows performance, and the AI label when AI-generated — the rule set's
 * own wording, Chinese on the Chinese side and English on the English side. The Chinese side is linted again
 * afterwards; what cannot be added (forbidden wording, a figure without its period) is returned in
 * `remaining` for the author to rewrite. Idempotent: a complete text comes back unchanged.
 */
export const completeText = (input: Bilingual | string, options: CompleteOptions = {}): Completion => {
  const { text, added, first, types, ai } = withAdditions(input, options);
  const after = added.length === 0 ? first : lintForTypes(text.zh, types, ai, options.ruleSet);
  const remaining = [
    ...after.violations.map((v) => ({ rule: v.rule, message: { zh: v.message, en: v.message_en } })),
    ...after.missing.map((m) => ({ rule: m.rule, message: { zh: m.message, en: m.message_en } })),
  ];
  return { text, added, remaining };
};

/**
 * `completeText(input, options).text` without the second lint that finds what remains: for producers whose text
 * the outbound guard checks anyway before it goes out (MOT messages through the outbox).
 */
export const completedText = (input: Bilingual, options: CompleteOptions = {}): Bilingual =>
  withAdditions(input, options).text;
