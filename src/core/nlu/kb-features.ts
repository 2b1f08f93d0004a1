import { itemBm25Without, type KbCore, type RawScores } from './kb-index.js';
import { centroidCosine, type VectorIndex } from './kb-vectors.js';

/**
 * Features of (query, item) pairs for the learnt re-ranker. Scores are aggregated per item over its questions
 * (best question, and the item centroid), optionally leaving one question out (the query IS that question) or a
 * whole item out (the query's item is not in the KB) — how the ranker and the "no match" decision learn from
 * the KB's own questions.
 */
export const KB_FEATURES = [
  'bm25_question',
  'bm25_item',
  'bm25_answer',
  'char_cos_best',
  'char_cos_centroid',
  'word_cos_best',
  'word_cos_centroid',
  'pinyin_cos_best',
  'word_cover_question',
  'word_cover_answer',
  'concept_cover_question',
  'concept_cover_answer',
  'prior_rank',
  'intent_agreement',
  'number_agreement',
  'length_ratio',
] as const;
export const F = KB_FEATURES.length;

/**
 * Items re-ranked per query (by the fixed prior score of selectCandidates). 20 rather than 30: leave-one-out
 * top-1 0.824 vs 0.822 and no development-set figure worse (bench/kb-dev.ts), with a third less feature work.
 */
export const KB_CANDIDATES = 20;

/**
 * A question document to leave out (−1 for none) and/or items to leave out: one item (leave-one-item-out) or
 * every item of its category (leave-one-category-out, a topic the KB does not cover at all).
 */
export type Exclusion = { doc: number; items: readonly number[] };
export const NO_EXCLUSION: Exclusion = { doc: -1, items: [] };

export type Candidates = { items: Int32Array; features: Float64Array };

export type Aggregates = {
  bm: Float64Array;
  bestC: Float64Array;
  sumC: Float64Array;
  bestW: Float64Array;
  sumW: Float64Array;
  bestP: Float64Array;
  bestLen: Int32Array;
  /** The question left out of these aggregates (−1 for none). */
  left: number;
};

/** Per-item best/summed scores over the item's questions, without question `left` (−1 for none). */
export const aggregateScores = (core: KbCore, raw: RawScores, left: number): Aggregates => {
  const [bm, bestC, sumC, bestW, sumW, bestP] = core.scratch.items.slice(2, 8);
  const a: Aggregates = {
    bm: bm!,
    bestC: bestC!,
    sumC: sumC!,
    bestW: bestW!,
    sumW: sumW!,
    bestP: bestP!,
    bestLen: core.scratch.itemInts,
    left,
  };
  const { bm25q, chars, words, pinyin } = raw;
  const { docStart, docLength } = core;
  const { bm: aBm, bestC: aBestC, sumC: aSumC, bestW: aBestW, sumW: aSumW, bestP: aBestP, bestLen } = a;
  const n = core.items.length;
  // An item's questions are contiguous documents: its maxima and sums are kept in locals and stored once.
  for (let i = 0; i < n; i++) {
    let m = 0;
    let bc = 0;
    let len = 0;
    let sc = 0;
    let bw = 0;
    let sw = 0;
    let bp = 0;
    const end = docStart[i + 1]!;
    for (let d = docStart[i]!; d < end; d++) {
      if (d === left) continue;
      const bq = bm25q[d]!;
      if (bq > m) m = bq;
      const c = chars[d]!;
      if (len === 0 || c > bc) {
        bc = c;
        len = docLength[d]!;
      }
      sc += c;
      const w = words[d]!;
      if (w > bw) bw = w;
      sw += w;
      const p = pinyin[d]!;
      if (p > bp) bp = p;
    }
    aBm[i] = m;
    aBestC[i] = bc;
    bestLen[i] = len;
    aSumC[i] = sc;
    aBestW[i] = bw;
    aSumW[i] = sw;
    aBestP[i] = bp;
  }
  return a;
};

const idfOf = (index: VectorIndex, t: string): number => index.idf.get(t) ?? index.unseenIdf;

/** The query's distinct word/concept terms with their IDF weights (0 marks a concept), computed once per query. */
type QueryTerms = { terms: readonly string[]; idf: Float64Array };

const queryTerms = (core: KbCore, raw: RawScores): QueryTerms => {
  const terms = raw.views.wordSet;
  const idf = new Float64Array(terms.length);
  for (let k = 0; k < terms.length; k++) {
    const t = terms[k]!;
    idf[k] = t.startsWith('≈') ? 0 : idfOf(core.words, t);
  }
  return { terms, idf };
};

/**
 * Share of the query's (IDF-weighted) terms that the item's questions (minus a left-out one) or answer contain:
 * words in questions, words in the answer, concepts in questions, concepts in the answer, written to out[at…at+3].
 */
const coverage = (
  core: KbCore,
  q: QueryTerms,
  item: number,
  left: number,
  out: Float64Array,
  at: number,
): void => {
  const counts = core.itemWordCount[item]!;
  const leftWords = left >= 0 ? new Set(core.docViews[left]!.words) : null;
  const answer = core.answerWords[item]!;
  let wTotal = 0;
  let wQ = 0;
  let wA = 0;
  let cTotal = 0;
  let cQ = 0;
  let cA = 0;
  for (let k = 0; k < q.terms.length; k++) {
    const t = q.terms[k]!;
    const inQ = (counts.get(t) ?? 0) - (leftWords?.has(t) ? 1 : 0) > 0;
    const inA = answer.has(t);
    const w = q.idf[k]!;
    if (w === 0) {
      cTotal++;
      if (inQ) cQ++;
      if (inA) cA++;
    } else {
      wTotal += w;
      if (inQ) wQ += w;
      if (inA) wA += w;
    }
  }
  out[at] = wTotal > 0 ? wQ / wTotal : 0;
  out[at + 1] = wTotal > 0 ? wA / wTotal : 0;
  out[at + 2] = cTotal > 0 ? cQ / cTotal : 0;
  out[at + 3] = cTotal > 0 ? cA / cTotal : 0;
};

const intentAgreement = (core: KbCore, raw: RawScores, item: number, left: number): number => {
  const it = core.intent;
  if (!it) return 0;
  const { K } = it;
  let count = core.itemDocs[item]!.length;
  if (left >= 0) count--;
  if (count <= 0) return 0;
  let dot = 0;
  for (let k = 0; k < K; k++) {
    let s = it.itemSum[item * K + k]!;
    if (left >= 0) s -= it.doc[left * K + k]!;
    dot += raw.intent[k]! * s;
  }
  return dot / count;
};

const numberAgreement = (core: KbCore, raw: RawScores, item: number): number => {
  const nums = raw.views.numbers;
  if (nums.length === 0) return 0;
  const text = core.itemText[item]!;
  let found = 0;
  for (const n of nums) if (text.includes(n)) found++;
  return found / nums.length;
};

/** The top `max` items by a fixed prior score, with their feature rows (row-major, F per candidate). */
export const candidateFeatures = (
  core: KbCore,
  raw: RawScores,
  ex: Exclusion,
  max = KB_CANDIDATES,
): Candidates => selectCandidates(core, raw, aggregateScores(core, raw, ex.doc), ex.items, max);

/**
 * Candidates from aggregates (which may leave one question out), leaving the items `skip` out: the
 * leave-one-item-out and leave-one-category-out runs reuse the aggregates of the leave-one-question-out run of the same question.
 */
export const selectCandidates = (
  core: KbCore,
  raw: RawScores,
  a: Aggregates,
  skip: readonly number[],
  max = KB_CANDIDATES,
): Candidates => {
  const ex: Exclusion = { doc: a.left, items: skip };
  const n = core.items.length;
  const leftItem = ex.doc >= 0 ? core.docItem[ex.doc]! : -1;
  const centW = core.scratch.items[8]!;
  const prior = core.scratch.items[9]!;
  const { bm, bestC, bestW, sumW } = a;
  const { bm25a, qWeight, aWeight } = raw;
  for (let i = 0; i < n; i++) {
    const c = centroidCosine(core.words, sumW[i]!, i, i === leftItem ? ex.doc : -1);
    centW[i] = c;
    prior[i] = bm[i]! / qWeight + (0.5 * bm25a[i]!) / aWeight + bestC[i]! + bestW[i]! + c;
  }
  for (const i of skip) prior[i] = -1;
  const order = topIndices(prior, Math.min(max, n - skip.length));
  const features = new Float64Array(order.length * F);
  const qLen = raw.views.chars.length;
  const qTerms = queryTerms(core, raw);
  for (let r = 0; r < order.length; r++) {
    const i = order[r]!;
    const left = i === leftItem ? ex.doc : -1;
    const bmItem = left >= 0 ? itemBm25Without(core, raw.views.bm25, i, left) : raw.bm25i[i]!;
    const o = r * F;
    features[o] = a.bm[i]! / raw.qWeight;
    features[o + 1] = bmItem / raw.iWeight;
    features[o + 2] = raw.bm25a[i]! / raw.aWeight;
    features[o + 3] = a.bestC[i]!;
    features[o + 4] = centroidCosine(core.chars, a.sumC[i]!, i, left); // the character centroid
    features[o + 5] = a.bestW[i]!;
    features[o + 6] = centW[i]!;
    features[o + 7] = a.bestP[i]!;
    coverage(core, qTerms, i, left, features, o + 8);
    features[o + 12] = 1 / (1 + r);
    features[o + 13] = intentAgreement(core, raw, i, left);
    features[o + 14] = numberAgreement(core, raw, i);
    features[o + 15] = Math.abs(Math.log((qLen + 1) / (a.bestLen[i]! + 1)));
  }
  return { items: Int32Array.from(order), features };
};

/** Indices of the k largest non-negative values (ties: lower index first), best first; O(n·k) insertion. */
export const topIndices = (scores: Float64Array, k: number): number[] => {
  const out: number[] = [];
  if (k <= 0) return out;
  for (let i = 0; i < scores.length; i++) {
    const s = scores[i]!;
    if (!(s >= 0)) continue;
    if (out.length === k && s <= scores[out[k - 1]!]!) continue;
    let p = out.length === k ? k - 1 : out.length;
    while (p > 0 && scores[out[p - 1]!]! < s) {
      if (p < k) out[p] = out[p - 1]!;
      p--;
    }
    out[p] = i;
  }
  return out;
};
