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
    bm: bm!.fill(0),
    bestC: bestC!.fill(0),
    sumC: sumC!.fill(0),
    bestW: bestW!.fill(0),
    sumW: sumW!.fill(0),
    bestP: bestP!.fill(0),
    bestLen: core.scratch.itemInts.fill(0),
    left,
  };
  const { bm25q, chars, words, pinyin } = raw;
  const { docItem, docLength } = core;
  const { bm: aBm, bestC: aBestC, sumC: aSumC, bestW: aBestW, sumW: aSumW, bestP: aBestP, bestLen } = a;
  const nd = docItem.length;
  for (let d = 0; d < nd; d++) {
    if (d === left) continue;
    const i = docItem[d]!;
    const bq = bm25q[d]!;
    if (bq > aBm[i]!) aBm[i] = bq;
    const c = chars[d]!;
    if (bestLen[i] === 0 || c > aBestC[i]!) {
      aBestC[i] = c;
      bestLen[i] = docLength[d]!;
    }
    aSumC[i]! += c;
    const w = words[d]!;
    if (w > aBestW[i]!) aBestW[i] = w;
    aSumW[i]! += w;
    const p = pinyin[d]!;
    if (p > aBestP[i]!) aBestP[i] = p;
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

/** Share of the query's (IDF-weighted) terms that the item's questions (minus a left-out one) or answer contain. */
const coverage = (
  core: KbCore,
  q: QueryTerms,
  item: number,
  left: number,
): [number, number, number, number] => {
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
  return [
    wTotal > 0 ? wQ / wTotal : 0,
    wTotal > 0 ? wA / wTotal : 0,
    cTotal > 0 ? cQ / cTotal : 0,
    cTotal > 0 ? cA / cTotal : 0,
  ];
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
  const [centC, centW, prior] = core.scratch.items.slice(8, 11) as [Float64Array, Float64Array, Float64Array];
  for (let i = 0; i < n; i++) {
    const left = i === leftItem ? ex.doc : -1;
    const sumC = a.sumC[i]!;
    const sumW = a.sumW[i]!;
    centC[i] = centroidCosine(core.chars, sumC, i, left);
    centW[i] = centroidCosine(core.words, sumW, i, left);
    prior[i] =
      a.bm[i]! / raw.qWeight + (0.5 * raw.bm25a[i]!) / raw.aWeight + a.bestC[i]! + a.bestW[i]! + centW[i]!;
  }
  for (const i of skip) prior[i] = -1;
  const order = topIndices(prior, Math.min(max, n - skip.length));
  const features = new Float64Array(order.length * F);
  const qLen = raw.views.chars.length;
  const qTerms = queryTerms(core, raw);
  order.forEach((i, r) => {
    const left = i === leftItem ? ex.doc : -1;
    const cov = coverage(core, qTerms, i, left);
    const bmItem = left >= 0 ? itemBm25Without(core, raw.views.bm25, i, left) : raw.bm25i[i]!;
    const row = [
      a.bm[i]! / raw.qWeight,
      bmItem / raw.iWeight,
      raw.bm25a[i]! / raw.aWeight,
      a.bestC[i]!,
      centC[i]!,
      a.bestW[i]!,
      centW[i]!,
      a.bestP[i]!,
      cov[0],
      cov[1],
      cov[2],
      cov[3],
      1 / (1 + r),
      intentAgreement(core, raw, i, left),
      numberAgreement(core, raw, i),
      Math.abs(Math.log((qLen + 1) / (a.bestLen[i]! + 1))),
    ];
    features.set(row, r * F);
  });
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
