import { badInput } from '../errors.js';
import { buildAutomaton, type Automaton } from './aho-corasick.js';
import { normalizeText } from './normalize.js';
import {
  MISSING_RULES,
  PRODUCT_TYPES,
  VIOLATION_RULES,
  type Disclosure,
  type ForbiddenGroup,
  type Negator,
  type PerformanceRules,
  type RuleSet,
} from './types.js';

/** What a literal phrase of the automaton stands for (one phrase may stand for several things). */
export type PhraseEntry =
  | { readonly kind: 'term'; readonly group: number }
  | { readonly kind: 'exempt' }
  | { readonly kind: 'negator'; readonly maxGap: number }
  | { readonly kind: 'post'; readonly maxGap: number }
  | { readonly kind: 'non_negator' };

export type CompiledRuleSet = {
  readonly ruleSet: RuleSet;
  readonly automaton: Automaton;
  readonly entries: ReadonlyArray<readonly PhraseEntry[]>;
  readonly groupPatterns: ReadonlyArray<{ readonly group: number; readonly re: RegExp }>;
  /** Normalised `exemptIfSentenceHas` per group. */
  readonly sentenceQualifiers: ReadonlyArray<readonly string[]>;
  readonly clauseBreaks: ReadonlySet<number>;
  readonly sentenceBreaks: ReadonlySet<number>;
  readonly disclosures: ReadonlyArray<{
    readonly d: Disclosure;
    readonly when: RegExp | null;
    readonly res: RegExp[];
  }>;
  readonly performance: {
    readonly res: RegExp[];
    readonly exclude: string[];
    readonly period: RegExp[];
    readonly disclaimer: RegExp[];
  };
  readonly aiLabel: RegExp[];
  readonly benchmarkMention: RegExp[];
  readonly benchmarkNote: RegExp[];
};

const norm = (s: string): string => normalizeText(s).text;

const compileRe = (source: string, field: string, global = false): RegExp => {
  if (typeof source !== 'string' || source === '')
    throw badInput(field, 'expected a non-empty regular expression');
  try {
    return new RegExp(source, global ? 'gu' : 'u');
  } catch (e) {
    throw badInput(field, `invalid regular expression: ${(e as Error).message}`);
  }
};

/** Array.isArray without widening a typed list to any[]. */
const isList = (v: unknown): v is readonly unknown[] => Array.isArray(v);

const checkStrings = (xs: readonly unknown[] | undefined, field: string): string[] =>
  (xs ?? []).map((x, k) => {
    if (typeof x !== 'string' || norm(x) === '')
      throw badInput(`${field}[${k}]`, 'expected a non-empty phrase');
    return x;
  });

const checkGroup = (g: ForbiddenGroup, k: number, prefix = 'ruleSet.forbidden'): void => {
  const f = `${prefix}[${k}]`;
  if (!VIOLATION_RULES.includes(g.rule))
    throw badInput(`${f}.rule`, `expected one of ${VIOLATION_RULES.join(', ')}`);
  if ((g.terms?.length ?? 0) + (g.patterns?.length ?? 0) === 0) {
    throw badInput(f, 'a group needs at least one term or pattern');
  }
  if (g.terms !== undefined && !isList(g.terms)) throw badInput(`${f}.terms`, 'expected a list of phrases');
  if (g.patterns !== undefined && !isList(g.patterns))
    throw badInput(`${f}.patterns`, 'expected a list of patterns');
  checkStrings(g.terms, `${f}.terms`);
};

/** Checks a rule set (e.g. an institution's JSON) and names the first bad field. */
export const validateRuleSet = (rs: RuleSet): void => {
  if (typeof rs.id !== 'string' || rs.id.trim() === '')
    throw badInput('ruleSet.id', 'expected a non-empty id');
  if (typeof rs.version !== 'string' || rs.version.trim() === '') {
    throw badInput('ruleSet.version', 'expected a non-empty version string');
  }
  for (const r of [...VIOLATION_RULES, ...MISSING_RULES]) {
    if (rs.messages?.[r]?.message?.zh === undefined)
      throw badInput(`ruleSet.messages.${r}`, 'message missing');
  }
  rs.forbidden.forEach((g, k) => checkGroup(g, k));
  rs.disclosures.forEach((d, k) => {
    if (!isList(d.patterns) || d.patterns.length === 0) {
      throw badInput(`ruleSet.disclosures[${k}].patterns`, 'expected a non-empty list of patterns');
    }
    if (typeof d.text?.zh !== 'string') throw badInput(`ruleSet.disclosures[${k}].text`, 'expected {zh, en}');
    if (!isList(d.productTypes) || d.productTypes.some((p) => !PRODUCT_TYPES.includes(p))) {
      throw badInput(`ruleSet.disclosures[${k}].productTypes`, `expected ${PRODUCT_TYPES.join('|')}`);
    }
  });
  for (const [name, list] of [
    ['negators', rs.negators],
    ['postNegators', rs.postNegators],
  ] as const) {
    list.forEach((n: Negator, k) => {
      if (typeof n?.phrase !== 'string' || n.phrase === '')
        throw badInput(`ruleSet.${name}[${k}].phrase`, 'expected a phrase');
      if (!Number.isInteger(n.maxGap) || n.maxGap < 0)
        throw badInput(`ruleSet.${name}[${k}].maxGap`, 'expected an integer ≥ 0');
    });
  }
};

const compilePerformance = (p: PerformanceRules) => ({
  res: p.patterns.map((s, k) => compileRe(s, `ruleSet.performance.patterns[${k}]`, true)),
  exclude: p.excludeIfClauseHas.map(norm),
  period: p.periodPatterns.map((s, k) => compileRe(s, `ruleSet.performance.periodPatterns[${k}]`)),
  disclaimer: p.disclaimerPatterns.map((s, k) =>
    compileRe(s, `ruleSet.performance.disclaimerPatterns[${k}]`),
  ),
});

const compileUncached = (rs: RuleSet): CompiledRuleSet => {
  validateRuleSet(rs);
  const phrases: string[] = [];
  const entries: PhraseEntry[][] = [];
  const index = new Map<string, number>();
  const add = (raw: string, e: PhraseEntry): void => {
    const p = norm(raw);
    let id = index.get(p);
    if (id === undefined) {
      id = phrases.length;
      index.set(p, id);
      phrases.push(p);
      entries.push([]);
    }
    entries[id]!.push(e);
  };
  rs.forbidden.forEach((g, group) => g.terms?.forEach((t) => add(t, { kind: 'term', group })));
  rs.exemptPhrases.forEach((t) => add(t, { kind: 'exempt' }));
  rs.negators.forEach((n) => add(n.phrase, { kind: 'negator', maxGap: n.maxGap }));
  rs.postNegators.forEach((n) => add(n.phrase, { kind: 'post', maxGap: n.maxGap }));
  rs.nonNegators.forEach((t) => add(t, { kind: 'non_negator' }));
  const codes = (s: string) => new Set([...s].map((c) => c.charCodeAt(0)));
  return {
    ruleSet: rs,
    automaton: buildAutomaton(phrases),
    entries,
    groupPatterns: rs.forbidden.flatMap((g, group) =>
      (g.patterns ?? []).map((s, k) => ({
        group,
        re: compileRe(s, `ruleSet.forbidden[${group}].patterns[${k}]`, true),
      })),
    ),
    sentenceQualifiers: rs.forbidden.map((g) => (g.exemptIfSentenceHas ?? []).map(norm)),
    clauseBreaks: codes(rs.clauseBreaks),
    sentenceBreaks: codes(rs.sentenceBreaks),
    disclosures: rs.disclosures.map((d, k) => ({
      d,
      when: d.when === undefined ? null : compileRe(d.when, `ruleSet.disclosures[${k}].when`),
      res: d.patterns.map((s, j) => compileRe(s, `ruleSet.disclosures[${k}].patterns[${j}]`)),
    })),
    performance: compilePerformance(rs.performance),
    aiLabel: rs.aiLabelPatterns.map((s, k) => compileRe(s, `ruleSet.aiLabelPatterns[${k}]`)),
    benchmarkMention: rs.benchmark.mentionPatterns.map((s, k) =>
      compileRe(s, `ruleSet.benchmark.mentionPatterns[${k}]`),
    ),
    benchmarkNote: rs.benchmark.notePatterns.map((s, k) =>
      compileRe(s, `ruleSet.benchmark.notePatterns[${k}]`),
    ),
  };
};

const cache = new WeakMap<RuleSet, CompiledRuleSet>();

/** Compiles a rule set once (automaton + regular expressions); later calls with the same object reuse it. */
export const compileRuleSet = (rs: RuleSet): CompiledRuleSet => {
  let c = cache.get(rs);
  if (!c) {
    c = compileUncached(rs);
    cache.set(rs, c);
  }
  return c;
};

/** An institution's additions to a rule set; `removeTerms` switches built-in terms off. */
export type RuleSetExtension = {
  readonly id: string;
  readonly version: string;
  readonly forbidden?: readonly ForbiddenGroup[];
  readonly removeTerms?: readonly string[];
  readonly exemptPhrases?: readonly string[];
  readonly negators?: readonly Negator[];
  readonly postNegators?: readonly Negator[];
  readonly nonNegators?: readonly string[];
  readonly disclosures?: readonly Disclosure[];
  readonly performance?: Partial<PerformanceRules>;
  readonly aiLabelPatterns?: readonly string[];
};

/**
 * A new rule set = `base` + an institution's extension. Its version records both
 * (`2026.2.0+bank-x@3`), so every result says exactly which rules produced it.
 */
export const extendRuleSet = (base: RuleSet, ext: RuleSetExtension): RuleSet => {
  if (typeof ext.id !== 'string' || ext.id.trim() === '')
    throw badInput('extension.id', 'expected a non-empty id');
  if (typeof ext.version !== 'string' || ext.version.trim() === '') {
    throw badInput('extension.version', 'expected a non-empty version string');
  }
  for (const key of [
    'forbidden',
    'removeTerms',
    'exemptPhrases',
    'negators',
    'postNegators',
    'nonNegators',
    'disclosures',
    'aiLabelPatterns',
  ] as const) {
    if (ext[key] !== undefined && !isList(ext[key])) throw badInput(`extension.${key}`, 'expected a list');
  }
  ext.forbidden?.forEach((g, k) => checkGroup(g, k, 'extension.forbidden'));
  const removed = new Set(checkStrings(ext.removeTerms, 'extension.removeTerms').map(norm));
  const forbidden = [...base.forbidden, ...(ext.forbidden ?? [])]
    .map((g) => (g.terms ? { ...g, terms: g.terms.filter((t) => !removed.has(norm(t))) } : g))
    .filter((g) => (g.terms?.length ?? 0) + (g.patterns?.length ?? 0) > 0);
  const p = ext.performance ?? {};
  const rs: RuleSet = {
    ...base,
    id: ext.id,
    version: `${base.version}+${ext.id}@${ext.version}`,
    forbidden,
    exemptPhrases: [...base.exemptPhrases, ...(ext.exemptPhrases ?? [])],
    negators: [...base.negators, ...(ext.negators ?? [])],
    postNegators: [...base.postNegators, ...(ext.postNegators ?? [])],
    nonNegators: [...base.nonNegators, ...(ext.nonNegators ?? [])],
    disclosures: [...base.disclosures, ...(ext.disclosures ?? [])],
    performance: {
      patterns: [...base.performance.patterns, ...(p.patterns ?? [])],
      excludeIfClauseHas: [...base.performance.excludeIfClauseHas, ...(p.excludeIfClauseHas ?? [])],
      periodPatterns: [...base.performance.periodPatterns, ...(p.periodPatterns ?? [])],
      disclaimerPatterns: [...base.performance.disclaimerPatterns, ...(p.disclaimerPatterns ?? [])],
    },
    aiLabelPatterns: [...base.aiLabelPatterns, ...(ext.aiLabelPatterns ?? [])],
  };
  compileRuleSet(rs);
  return rs;
};
