/** Product types with their own required disclosures (regulation.md §2). */
export type ProductType = 'fund' | 'bank_wm' | 'insurance' | 'general';
export const PRODUCT_TYPES: readonly ProductType[] = ['fund', 'bank_wm', 'insurance', 'general'];

/** Forbidden-content rules: a finding has a span in the text. */
export type ViolationRule =
  'guarantee' | 'deposit_analogy' | 'superlative' | 'forecast' | 'endorsement' | 'government';
export const VIOLATION_RULES: readonly ViolationRule[] = [
  'guarantee',
  'deposit_analogy',
  'superlative',
  'forecast',
  'endorsement',
  'government',
];

/** Required-content rules: a finding means something is absent. */
export type MissingRule =
  'missing_disclosure' | 'missing_past_performance_disclaimer' | 'missing_period' | 'missing_ai_label';
export const MISSING_RULES: readonly MissingRule[] = [
  'missing_disclosure',
  'missing_past_performance_disclaimer',
  'missing_period',
  'missing_ai_label',
];

export type LocalizedText = { readonly zh: string; readonly en: string };

/**
 * A group of forbidden expressions of one rule. `terms` are literal (matched after normalisation: full-width,
 * Traditional, case, separators inside terms); `patterns` are regular-expression sources over the normalised
 * text. A hit inside an exemption phrase, negated, or in a sentence containing one of `exemptIfSentenceHas`
 * is not a finding.
 */
export type ForbiddenGroup = {
  readonly id: string;
  readonly rule: ViolationRule;
  readonly terms?: readonly string[];
  readonly patterns?: readonly string[];
  readonly exemptIfSentenceHas?: readonly string[];
  /** Overrides the rule's default message / suggested rewording for this group. */
  readonly message?: LocalizedText;
  readonly suggestion?: LocalizedText;
};

/** A negating phrase and how far (in normalised characters) before or after a term its scope reaches. */
export type Negator = { readonly phrase: string; readonly maxGap: number };

/** Required text: present when any pattern matches the compact text (normalised, punctuation removed). */
export type Disclosure = {
  readonly id: string;
  readonly productTypes: readonly ProductType[];
  /** Only required when this pattern matches the normalised text (e.g. dividends mentioned). */
  readonly when?: string;
  readonly patterns: readonly string[];
  readonly text: LocalizedText;
};

export type PerformanceRules = {
  /** Patterns over the normalised text that show a past return (近一年收益12%, 成立以来翻倍). */
  readonly patterns: readonly string[];
  /** A hit whose clause contains one of these is not past product performance (forecasts, fees, indices…). */
  readonly excludeIfClauseHas: readonly string[];
  /** A named window or a start/end in the same sentence (近一年, 2023年, 2023-01-01至2023-12-31). */
  readonly periodPatterns: readonly string[];
  /** Patterns over the compact text accepted as the past-performance disclaimer. */
  readonly disclaimerPatterns: readonly string[];
};

export type RuleSet = {
  readonly id: string;
  readonly version: string;
  readonly messages: Readonly<
    Record<ViolationRule | MissingRule, { message: LocalizedText; suggestion: LocalizedText }>
  >;
  readonly forbidden: readonly ForbiddenGroup[];
  /** Legitimate phrases (defined product-type names, finance terms) inside which a hit is not a finding. */
  readonly exemptPhrases: readonly string[];
  readonly negators: readonly Negator[];
  readonly postNegators: readonly Negator[];
  /** Phrases that contain a negating character but do not negate (不仅, 不用担心, 不容错过). */
  readonly nonNegators: readonly string[];
  /** Characters ending a clause: negation does not reach across them. */
  readonly clauseBreaks: string;
  /** Characters ending a sentence (scope of `exemptIfSentenceHas` and of the period of a performance figure). */
  readonly sentenceBreaks: string;
  readonly disclosures: readonly Disclosure[];
  readonly performance: PerformanceRules;
  /** Patterns over the normalised text accepted as a visible AI-generated label. */
  readonly aiLabelPatterns: readonly string[];
  /** Mentions of a benchmark, and the recommended note that it is no promise (advisory only). */
  readonly benchmark: {
    readonly mentionPatterns: readonly string[];
    readonly notePatterns: readonly string[];
  };
};

export type Violation = {
  readonly rule: ViolationRule;
  /** The offending text as written (original characters). */
  readonly match: string;
  /** UTF-16 offsets into the original text (as String.prototype.slice). */
  readonly start: number;
  readonly end: number;
  readonly message: string;
  readonly message_en: string;
  readonly suggestion: string;
  readonly suggestion_en: string;
  readonly group: string;
};

export type MissingDetail = {
  readonly rule: MissingRule;
  readonly message: string;
  readonly message_en: string;
  readonly suggestion: string;
  readonly suggestion_en: string;
  /** Disclosure id, or the offsets of the performance figure lacking its period. */
  readonly ref?: string;
  readonly start?: number;
  readonly end?: number;
};

export type Advisory = { readonly code: string; readonly message: string; readonly message_en: string };

export type LintResult = {
  readonly ok: boolean;
  readonly violations: readonly Violation[];
  readonly missing: readonly MissingRule[];
  readonly missing_details: readonly MissingDetail[];
  readonly advisories: readonly Advisory[];
  readonly product_type: ProductType;
  readonly ai_generated: boolean;
  readonly rule_set_id: string;
  readonly rule_set_version: string;
};
