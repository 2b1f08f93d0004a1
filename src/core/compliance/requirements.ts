import type { CompiledRuleSet } from './rule-set.js';
import { segmentOf, segmentsOf, type Span } from './spans.js';
import type { Advisory, MissingRule, ProductType } from './types.js';

export type MissingFinding = {
  readonly rule: MissingRule;
  readonly ref?: string;
  readonly s?: number;
  readonly e?: number;
};

/** Normalised text without punctuation, symbols and spaces: required wording matches whatever its punctuation. */
export const compactText = (text: string): string => text.replace(/[\p{P}\p{Z}\p{S}\n]/gu, '');

const anyMatch = (res: readonly RegExp[], text: string): boolean => res.some((re) => re.test(text));

/**
 * Spans of figures that show past performance — not forecasts, fees, benchmarks or market indices, and not
 * figures in a clause that already promises or forecasts (`promises`: guarantee/forecast findings).
 */
export const performanceMentions = (
  c: CompiledRuleSet,
  text: string,
  promises: readonly Span[] = [],
): Span[] => {
  const all: Span[] = [];
  for (const re of c.performance.res) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m !== null; m = re.exec(text)) {
      if (m[0].length === 0) re.lastIndex++;
      else all.push({ s: m.index, e: m.index + m[0].length });
    }
  }
  if (all.length === 0) return all;
  all.sort((a, b) => a.s - b.s || b.e - a.e);
  const clauses = segmentsOf(text, c.clauseBreaks);
  const sortedPromises = [...promises].sort((a, b) => a.s - b.s);
  const found: Span[] = [];
  for (const m of all) {
    const last = found[found.length - 1];
    if (last && m.s < last.e) continue;
    const span = segmentOf(clauses, m.s, m.e);
    const clause = text.slice(span.s, span.e);
    if (c.performance.exclude.some((w) => clause.includes(w))) continue;
    if (sortedPromises.some((p) => p.s < span.e && span.s < p.e)) continue;
    found.push(m);
  }
  return found;
};

/**
 * Required-content checks (regulation.md §2): the product type's disclosures, the past-performance
 * disclaimer and period for every performance figure, and the AI label for AI-generated text.
 */
export const missingFindings = (
  c: CompiledRuleSet,
  text: string,
  productType: ProductType,
  aiGenerated: boolean,
  promises: readonly Span[],
): { missing: MissingFinding[]; advisories: Advisory[] } => {
  const missing: MissingFinding[] = [];
  let compact: string | null = null;
  const getCompact = (): string => (compact ??= compactText(text));
  for (const { d, when, res } of c.disclosures) {
    if (!d.productTypes.includes(productType)) continue;
    if (when !== null && !when.test(text)) continue;
    if (!anyMatch(res, getCompact())) missing.push({ rule: 'missing_disclosure', ref: d.id });
  }
  const perf = performanceMentions(c, text, promises);
  if (perf.length > 0) {
    if (!anyMatch(c.performance.disclaimer, getCompact()))
      missing.push({ rule: 'missing_past_performance_disclaimer' });
    const sentences = segmentsOf(text, c.sentenceBreaks);
    const dated = new Map<number, boolean>();
    const undated = perf.find((p) => {
      const sent = segmentOf(sentences, p.s, p.e);
      let ok = dated.get(sent.s);
      if (ok === undefined) {
        ok = anyMatch(c.performance.period, text.slice(sent.s, sent.e));
        dated.set(sent.s, ok);
      }
      return !ok;
    });
    if (undated) missing.push({ rule: 'missing_period', s: undated.s, e: undated.e });
  }
  if (aiGenerated && !anyMatch(c.aiLabel, text)) missing.push({ rule: 'missing_ai_label' });
  const advisories: Advisory[] = [];
  if (anyMatch(c.benchmarkMention, text) && !anyMatch(c.benchmarkNote, getCompact())) {
    advisories.push({
      code: 'benchmark_note_recommended',
      message: '提及业绩比较基准时，建议注明"业绩比较基准不构成收益承诺"。',
      message_en: 'When a benchmark is mentioned, add "the benchmark is no promise of returns".',
    });
  }
  return { missing, advisories };
};
