import { completeText } from '../guard/complete.js';
import { lintForTypes, complianceTypes } from '../guard/lint-many.js';
import type { TextProductType } from '../guard/types.js';
import type { Bilingual } from '../advisory/text.js';

/** One finding of the compliance linter on a copy text, with its span (for highlighting) when it has one. */
export type CopyFinding = {
  readonly rule: string;
  readonly blocking: boolean;
  readonly match: string | null;
  readonly start: number | null;
  readonly end: number | null;
  readonly message: Bilingual;
  readonly suggestion: Bilingual;
};

export type CopyReview = {
  readonly findings: readonly CopyFinding[];
  readonly blocking: number;
  /** The text with what can be added verbatim (disclosures, disclaimer, AI label) added; null when none. */
  readonly suggestedText: string | null;
};

/**
 * Reviews a copy text with the compliance linter for the product's types: forbidden wording with its span and
 * the suggested wording, missing disclosures with the completion that adds them. Pure.
 */
export const reviewCopy = (
  text: string,
  productTypes: readonly TextProductType[],
  aiGenerated: boolean,
): CopyReview => {
  const types = complianceTypes(productTypes, 'productTypes');
  const r = lintForTypes(text, types, aiGenerated);
  const findings: CopyFinding[] = [
    ...r.violations.map((v) => ({
      rule: v.rule,
      blocking: true,
      match: v.match,
      start: v.start,
      end: v.end,
      message: { zh: v.message, en: v.message_en },
      suggestion: { zh: v.suggestion, en: v.suggestion_en },
    })),
    ...r.missing.map((m) => ({
      rule: m.rule,
      blocking: true,
      match: m.start === undefined || m.end === undefined ? null : text.slice(m.start, m.end),
      start: m.start ?? null,
      end: m.end ?? null,
      message: { zh: m.message, en: m.message_en },
      suggestion: { zh: m.suggestion, en: m.suggestion_en },
    })),
    ...r.advisories.map((a) => ({
      rule: a.code,
      blocking: false,
      match: null,
      start: null,
      end: null,
      message: { zh: a.message, en: a.message_en },
      suggestion: { zh: '', en: '' },
    })),
  ];
  const completion = completeText(text, { productTypes, aiGenerated });
  return {
    findings,
    blocking: findings.filter((f) => f.blocking).length,
    suggestedText: completion.added.length === 0 ? null : completion.text.zh,
  };
};
