import type { KbCore } from './kb-index.js';
import { textViews } from './kb-text.js';
import { normalizeText } from './normalize.js';

/**
 * The "out-of-KB topic" prior of the "no match" decision (issue 17): a multinomial naive Bayes over the word and
 * lexicon-concept terms of a text (each distinct term once), with the KB's own questions as the in-KB class and
 * written questions the KB does not answer (neighbouring banking topics: loans, cards, deposits, FX …, plus small
 * talk) as the out-of-KB class. Its log-odds is ONE feature of the decision, so a query about 信用卡 or 房贷 whose
 * best candidate merely shares 怎么办理 with it reads as off the KB's topics.
 *
 *   score(q) = Σ_{t ∈ q, t seen in either class} log P(t | out) − log P(t | in),
 *   P(t | c) = (n_c(t) + α) / (N_c + α·V), α = 1 (Laplace), V = terms seen in either class
 *
 * (McCallum & Nigam 1998, multinomial event model; equal class priors, the decision learns the offset). Terms
 * neither class has seen add nothing: the decision already has the KB's unseen-word share.
 *
 * The counts are kept, not only the log-ratios, so a calibration query is scored without itself: an answerable
 * question without its own terms, a near miss without its whole item, a written out-of-KB question without its
 * whole group (a need the prior never saw), exactly as the decision's other features leave them out. Because the
 * in-KB class is the KB being imported, a bank whose KB does cover cards or loans has those words on both sides
 * and the prior goes quiet on them.
 */
export type OutOfKbText = { group: string; text: string };

export type TopicPrior = {
  inCount: Map<string, number>;
  outCount: Map<string, number>;
  inTotal: number;
  outTotal: number;
  vocabulary: number;
  /** Distinct terms of each out-of-KB text and its group index. */
  outTerms: string[][];
  outGroup: Int32Array;
  /** Per group: term counts and total of its texts (subtracted for leave-one-group-out). */
  groupCount: Map<string, number>[];
  groupTotal: Float64Array;
  /** Each term's log P(t | out) − log P(t | in) on the full counts: a customer's query is one lookup per term. */
  logRatio: Map<string, number>;
};

const ALPHA = 1;

const add = (m: Map<string, number>, terms: Iterable<string>, by = 1): number => {
  let n = 0;
  for (const t of terms) {
    m.set(t, (m.get(t) ?? 0) + by);
    n++;
  }
  return n;
};

/** Counts of the KB's questions (in-KB) and the out-of-KB texts, grouped by need. */
export const buildTopicPrior = (core: KbCore, outOfKb: readonly OutOfKbText[]): TopicPrior => {
  const inCount = new Map<string, number>();
  let inTotal = 0;
  for (const v of core.docViews) inTotal += add(inCount, v.wordSet);
  const outCount = new Map<string, number>();
  const groups = [...new Set(outOfKb.map((o) => o.group))];
  const groupCount = groups.map(() => new Map<string, number>());
  const groupTotal = new Float64Array(groups.length);
  const outTerms: string[][] = [];
  const outGroup = new Int32Array(outOfKb.length);
  let outTotal = 0;
  outOfKb.forEach((o, k) => {
    const terms = textViews(normalizeText(o.text), core.lexicon).wordSet;
    const g = groups.indexOf(o.group);
    outTerms.push(terms);
    outGroup[k] = g;
    outTotal += add(outCount, terms);
    groupTotal[g]! += add(groupCount[g]!, terms);
  });
  const terms = new Set([...inCount.keys(), ...outCount.keys()]);
  const vocabulary = terms.size;
  const inDen = Math.log(inTotal + ALPHA * vocabulary);
  const outDen = Math.log(outTotal + ALPHA * vocabulary);
  const logRatio = new Map<string, number>();
  for (const t of terms) logRatio.set(t, termRatio(inCount.get(t) ?? 0, outCount.get(t) ?? 0, inDen, outDen));
  return {
    inCount,
    outCount,
    inTotal,
    outTotal,
    vocabulary,
    outTerms,
    outGroup,
    groupCount,
    groupTotal,
    logRatio,
  };
};

const termRatio = (nIn: number, nOut: number, inDen: number, outDen: number): number =>
  Math.log(nOut + ALPHA) - outDen - (Math.log(nIn + ALPHA) - inDen);

/** What to leave out of the counts when scoring a calibration query (nothing for a customer's query). */
export type TopicLeaveOut = {
  /** Term counts to remove from the in-KB class (a question's own terms, or its whole item's). */
  inCounts?: ReadonlyMap<string, number>;
  /** An out-of-KB group to remove (−1 for none). */
  outGroup?: number;
};

/** Naive Bayes log-odds that the terms are off the KB's topics (0 without out-of-KB texts). */
export const topicScore = (
  prior: TopicPrior,
  terms: readonly string[],
  leave: TopicLeaveOut = {},
): number => {
  if (prior.outTotal === 0) return 0;
  if (leave.inCounts === undefined && (leave.outGroup ?? -1) < 0) {
    let s = 0;
    for (const t of terms) s += prior.logRatio.get(t) ?? 0;
    return s;
  }
  const inLeft = leave.inCounts;
  let inLeftTotal = 0;
  if (inLeft) for (const v of inLeft.values()) inLeftTotal += v;
  const g = leave.outGroup ?? -1;
  const outLeft = g >= 0 ? prior.groupCount[g]! : null;
  const outLeftTotal = g >= 0 ? prior.groupTotal[g]! : 0;
  const inDen = Math.log(prior.inTotal - inLeftTotal + ALPHA * prior.vocabulary);
  const outDen = Math.log(prior.outTotal - outLeftTotal + ALPHA * prior.vocabulary);
  let s = 0;
  for (const t of terms) {
    const nIn = (prior.inCount.get(t) ?? 0) - (inLeft?.get(t) ?? 0);
    const nOut = (prior.outCount.get(t) ?? 0) - (outLeft?.get(t) ?? 0);
    if (nIn <= 0 && nOut <= 0) continue;
    s += termRatio(nIn, nOut, inDen, outDen);
  }
  return s;
};
