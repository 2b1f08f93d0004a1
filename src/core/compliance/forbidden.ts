import { scanAutomaton } from './aho-corasick.js';
import type { NormalizedText } from './normalize.js';
import type { CompiledRuleSet } from './rule-set.js';
import {
  covers,
  indexSpans,
  segmentOf,
  segmentsOf,
  someCovering,
  someStartingIn,
  type Segments,
  type Span,
  type SpanIndex,
} from './spans.js';

type GapSpan = Span & { readonly maxGap: number };
export type TermHit = Span & { readonly group: number };

/** Everything the one automaton pass and the group patterns found in the normalised text. */
export type Scan = {
  readonly terms: TermHit[];
  readonly exempt: Span[];
  readonly negators: GapSpan[];
  readonly post: GapSpan[];
  readonly nonNegators: Span[];
};

export const scanText = (c: CompiledRuleSet, text: string): Scan => {
  const scan: Scan = { terms: [], exempt: [], negators: [], post: [], nonNegators: [] };
  scanAutomaton(c.automaton, text, (id, s, e) => {
    for (const entry of c.entries[id]!) {
      if (entry.kind === 'term') scan.terms.push({ s, e, group: entry.group });
      else if (entry.kind === 'exempt') scan.exempt.push({ s, e });
      else if (entry.kind === 'negator') scan.negators.push({ s, e, maxGap: entry.maxGap });
      else if (entry.kind === 'post') scan.post.push({ s, e, maxGap: entry.maxGap });
      else scan.nonNegators.push({ s, e });
    }
  });
  for (const { group, re } of c.groupPatterns) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m !== null; m = re.exec(text)) {
      if (m[0].length === 0) {
        re.lastIndex++;
        continue;
      }
      scan.terms.push({ s: m.index, e: m.index + m[0].length, group });
    }
  }
  return scan;
};

/** The scan with range indexes, so that each check looks only at nearby hits (linear on long texts). */
type Context = {
  readonly c: CompiledRuleSet;
  readonly text: string;
  readonly terms: SpanIndex<TermHit>;
  readonly exempt: SpanIndex<Span>;
  readonly negators: SpanIndex<GapSpan>;
  readonly post: SpanIndex<GapSpan>;
  readonly nonNegators: SpanIndex<Span>;
  readonly negatorReach: number;
  readonly postReach: number;
  sentences: Segments | null;
  readonly qualified: Map<number, boolean>;
};

const maxGapOf = (xs: readonly GapSpan[]): number => xs.reduce((m, x) => Math.max(m, x.maxGap), 0);

const hasBreak = (x: Context, from: number, to: number): boolean => {
  for (let i = from; i < to; i++) if (x.c.clauseBreaks.has(x.text.charCodeAt(i))) return true;
  return false;
};

/**
 * A negation reaches the term when it starts before it, ends within `maxGap` characters of the term's
 * start (or overlaps it: 不等同于|等同于存款), no clause break lies between, and the negating phrase is not
 * part of a longer non-negating phrase (不仅, 不用担心) or of another forbidden expression (只赚不赔).
 */
const isNegated = (x: Context, h: TermHit): boolean => {
  const before = someStartingIn(x.negators, h.s - x.negatorReach - x.negators.maxLen, h.s - 1, (n) => {
    if (n.e > h.e || h.s - n.e > n.maxGap || hasBreak(x, n.e, h.s)) return false;
    if (someCovering(x.nonNegators, n, (nn) => nn.e - nn.s > n.e - n.s)) return false;
    return !someCovering(x.terms, n, (t) => t !== h && !covers(t, h) && t.e <= h.s);
  });
  if (before) return true;
  return someStartingIn(
    x.post,
    h.e,
    h.e + x.postReach,
    (p) => p.s - h.e <= p.maxGap && !hasBreak(x, h.e, p.s),
  );
};

/** A qualifier (数据来源, 高风险) in the sentence, outside every forbidden expression, exempts the hit. */
const qualifiedBySentence = (x: Context, h: TermHit): boolean => {
  const qualifiers = x.c.sentenceQualifiers[h.group]!;
  if (qualifiers.length === 0) return false;
  x.sentences ??= segmentsOf(x.text, x.c.sentenceBreaks);
  const sent = segmentOf(x.sentences, h.s, h.e);
  const key = sent.s * 4096 + h.group;
  const cached = x.qualified.get(key);
  if (cached !== undefined) return cached;
  // Search the sentence only: indexOf over the whole text would make long texts quadratic.
  const sentence = x.text.slice(sent.s, sent.e);
  let found = false;
  for (const q of qualifiers) {
    for (let k = sentence.indexOf(q); !found && k >= 0; k = sentence.indexOf(q, k + 1)) {
      found = !someCovering(x.terms, { s: sent.s + k, e: sent.s + k + q.length });
    }
  }
  x.qualified.set(key, found);
  return found;
};

/**
 * Forbidden findings after exemptions, negation scope and sentence qualifiers; overlapping hits of one
 * rule merge into one span (稳赚 inside 稳赚不赔). Sorted by position.
 */
export const forbiddenFindings = (c: CompiledRuleSet, t: NormalizedText, scan: Scan): TermHit[] => {
  const x: Context = {
    c,
    text: t.text,
    terms: indexSpans(scan.terms),
    exempt: indexSpans(scan.exempt),
    negators: indexSpans(scan.negators),
    post: indexSpans(scan.post),
    nonNegators: indexSpans(scan.nonNegators),
    negatorReach: maxGapOf(scan.negators),
    postReach: maxGapOf(scan.post),
    sentences: null,
    qualified: new Map(),
  };
  const live = x.terms.items.filter(
    (h) => !someCovering(x.exempt, h) && !qualifiedBySentence(x, h) && !isNegated(x, h),
  );
  live.sort((a, b) => a.s - b.s || b.e - a.e);
  const merged: TermHit[] = [];
  // Hits of one rule are disjoint once merged and sorted by start: only that rule's last span can overlap.
  const lastOfRule = new Map<string, number>();
  for (const h of live) {
    const rule = c.ruleSet.forbidden[h.group]!.rule;
    const k = lastOfRule.get(rule);
    const m = k === undefined ? undefined : merged[k];
    if (k !== undefined && m !== undefined && h.s < m.e) {
      // Keep the group of the longer expression: its message and suggestion fit best.
      const group = h.e - h.s > m.e - m.s ? h.group : m.group;
      merged[k] = { s: m.s, e: Math.max(m.e, h.e), group };
    } else {
      lastOfRule.set(rule, merged.length);
      merged.push(h);
    }
  }
  return merged;
};
