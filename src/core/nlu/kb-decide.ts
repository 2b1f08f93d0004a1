import { F, KB_FEATURES, type Candidates, type Exclusion } from './kb-features.js';
import type { KbCore, RawScores } from './kb-index.js';
import { linear, type Standardiser } from './kb-learn.js';

/**
 * Ranking of the candidates and the "no match" decision, from the learnt weights. Query-level features of the
 * decision describe how well the best candidate fits (its ranker probability and margin, its similarities and
 * coverage), how much of the query the KB has never seen, and how strongly the intent model reads the query as
 * small talk or out of scope.
 */
export type LinearModel = { st: Standardiser; w: Float64Array };

export const NO_MATCH_FEATURES = [
  'top_probability',
  'top_score',
  'margin',
  'char_cos_best',
  'char_cos_centroid',
  'word_cos_best',
  'bm25_question',
  'word_cover_question',
  'word_cover_answer',
  'concept_cover_question',
  'unseen_word_mass',
  'log_query_words',
  'off_topic_intent',
] as const;
export const NF = NO_MATCH_FEATURES.length;

/** Intents whose messages no knowledge item answers. */
const OFF_TOPIC = new Set(['chitchat', 'out_of_scope', 'greeting', 'thanks_goodbye']);

export type Ranked = { items: Int32Array; scores: Float64Array; probs: Float64Array; rows: Float64Array };

/** Candidates ordered by the ranker, with softmax probabilities over them. */
export const rankCandidates = (c: Candidates, ranker: LinearModel): Ranked => {
  const n = c.items.length;
  const raw = new Float64Array(n);
  for (let r = 0; r < n; r++) raw[r] = linear(ranker.w, ranker.st, c.features, r, F);
  // Insertion sort of the candidate positions by score, best first (ties: earlier position first).
  const order = new Int32Array(n);
  for (let r = 0; r < n; r++) {
    let p = r;
    while (p > 0 && raw[order[p - 1]!]! < raw[r]!) {
      order[p] = order[p - 1]!;
      p--;
    }
    order[p] = r;
  }
  const items = new Int32Array(n);
  const scores = new Float64Array(n);
  const rows = new Float64Array(n * F);
  for (let i = 0; i < n; i++) {
    const r = order[i]!;
    items[i] = c.items[r]!;
    scores[i] = raw[r]!;
    for (let j = 0; j < F; j++) rows[i * F + j] = c.features[r * F + j]!;
  }
  const probs = new Float64Array(n);
  const max = n > 0 ? scores[0]! : 0;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += probs[i] = Math.exp(scores[i]! - max);
  for (let i = 0; i < n; i++) probs[i]! /= sum;
  return { items, scores, probs, rows };
};

const col = (name: (typeof KB_FEATURES)[number]): number => KB_FEATURES.indexOf(name);

/**
 * Whether the KB (minus what is left out) has t in any question or answer. Leaving the query's own question or
 * item(s) out of the vocabulary too matters: otherwise every calibration query would look fully familiar.
 */
const knownTerm = (core: KbCore, t: string, ex: Exclusion): boolean => {
  let df = (core.words.postings.get(t)?.docs.length ?? 0) + (core.bm25a.postings.get(t)?.docs.length ?? 0);
  if (df === 0) return false;
  if (ex.doc >= 0 && core.docViews[ex.doc]!.words.includes(t)) df--;
  for (const i of ex.items) {
    df -= core.itemWordCount[i]!.get(t) ?? 0;
    if (core.answerWords[i]!.has(t)) df--;
  }
  return df > 0;
};

/** Query-level features of the "no match" decision (zeros when there is no candidate). */
export const noMatchFeatures = (
  core: KbCore,
  raw: RawScores,
  ranked: Ranked,
  ex: Exclusion,
): Float64Array => {
  const out = new Float64Array(NF);
  const words = raw.views.words.filter((t) => !t.startsWith('≈'));
  let total = 0;
  let unseen = 0;
  for (const t of new Set(words)) {
    const w = core.words.idf.get(t) ?? core.words.unseenIdf;
    total += w;
    if (!knownTerm(core, t, ex)) unseen += w;
  }
  out[10] = total > 0 ? unseen / total : 1;
  out[11] = Math.log(1 + words.length);
  if (core.intent) {
    const labels = core.intent.model.labels;
    for (let k = 0; k < labels.length; k++) if (OFF_TOPIC.has(labels[k]!)) out[12]! += raw.intent[k]!;
  }
  if (ranked.items.length === 0) return out;
  const top = ranked.rows.subarray(0, F);
  out[0] = ranked.probs[0]!;
  out[1] = ranked.scores[0]!;
  out[2] = ranked.items.length > 1 ? ranked.scores[0]! - ranked.scores[1]! : ranked.scores[0]!;
  out[3] = top[col('char_cos_best')]!;
  out[4] = top[col('char_cos_centroid')]!;
  out[5] = top[col('word_cos_best')]!;
  out[6] = top[col('bm25_question')]!;
  out[7] = top[col('word_cover_question')]!;
  out[8] = top[col('word_cover_answer')]!;
  out[9] = top[col('concept_cover_question')]!;
  return out;
};

/** P(the KB answers the query) from the decision's features. */
export const answerProbability = (model: LinearModel, x: Float64Array): number =>
  1 / (1 + Math.exp(-linear(model.w, model.st, x, 0, NF)));

const identity = (width: number): Standardiser => ({
  mean: new Float64Array(width),
  scale: new Float64Array(width).fill(1),
});

/**
 * Fixed models for a KB too small to learn from (fewer than two items with a question to leave out): rank by
 * the sum of the similarity features, answer when the best question's normalised BM25 score reaches 0.26 (the
 * threshold of the BM25-only engine).
 */
export const FALLBACK_RANKER: LinearModel = {
  st: identity(F),
  w: Float64Array.from(KB_FEATURES, (f) => (/cos|bm25/.test(f) ? 1 : 0)),
};
export const FALLBACK_NO_MATCH: LinearModel = {
  st: identity(NF),
  w: Float64Array.from([...NO_MATCH_FEATURES, 'bias'], (f) =>
    f === 'bm25_question' ? 20 : f === 'bias' ? -5.2 : 0,
  ),
};
