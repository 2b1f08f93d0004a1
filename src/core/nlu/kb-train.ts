import { createRng } from '../random.js';
import {
  answerProbability,
  FALLBACK_NO_MATCH,
  FALLBACK_RANKER,
  NF,
  noMatchFeatures,
  rankCandidates,
  type LinearModel,
} from './kb-decide.js';
import {
  aggregateScores,
  candidateFeatures,
  F,
  NO_EXCLUSION,
  selectCandidates,
  type Candidates,
} from './kb-features.js';
import { queryViews, rawScores, type KbCore, type RawScores } from './kb-index.js';
import { fitStandardiser, trainListwise, trainLogistic, type RankingGroup } from './kb-learn.js';
import { paraphrase } from './lexicon-match.js';
import {
  calibrationCurve,
  KIND_ANSWERABLE,
  KIND_NEAR_MISS,
  KIND_OFF_TOPIC,
  kindWeights,
  reliabilityBins,
  type CalibrationPoint,
  type ReliabilityBin,
} from './kb-calibrate.js';
import { textViews } from './kb-text.js';
import { normalizeText } from './normalize.js';

/**
 * Learning retrieval from the knowledge base itself (issue 17). Every question of an item is a labelled
 * paraphrase of that item, so:
 *  - the ranker learns from each question asked with that question left out (leave-one-question-out: the item
 *    must still come first from its other questions and its answer);
 *  - the "no match" decision learns answerable queries from the same runs, and unanswerable ones from each
 *    question asked with its WHOLE item left out (leave-one-item-out) plus off-topic text (small talk and
 *    out-of-scope requests of the intent corpus).
 * Decision features come from a ranker that did not see the query (2-fold cross-fitting), and the threshold is
 * chosen on out-of-fold probabilities, so nothing is calibrated on the data it is judged on.
 */
export type KbTrainOptions = {
  outOfDomain: readonly string[];
  /** Share of unanswerable queries assumed when choosing the threshold (the calibration set has ~half). */
  noAnswerPrior: number;
  /**
   * Share of the unanswerable weight given to near misses (leave-one-item-out) rather than off-topic text when
   * choosing the threshold. Customers' unanswerable questions are mostly banking topics next to the KB's (loans,
   * deposits, cards), which near misses resemble; small talk is easy to reject at any threshold.
   */
  nearMissShare: number;
  /** Questions used as training queries at most (a seeded sample beyond that keeps import time bounded). */
  maxTrainingQueries: number;
  /** Also train on a lexicon paraphrase of each question. */
  augment: boolean;
  seed: number;
};

/** How the "no match" threshold was chosen (docs/nlu.md; `caiban kb eval --json` prints it). */
export type KbCalibration = {
  method: 'leave-one-item-out' | 'fallback';
  threshold: number;
  no_answer_prior: number;
  near_miss_share: number;
  n_answerable: number;
  n_unanswerable: number;
  /** Ranker top-1 on left-out questions (out of fold). */
  loo_top1: number;
  /** No-match precision / recall / F1 at each threshold, re-weighted to the assumed prior. */
  curve: CalibrationPoint[];
  /** Reliability of P(answerable) on the out-of-fold calibration queries, same weights. */
  reliability: ReliabilityBin[];
};

export type KbModels = { ranker: LinearModel; noMatch: LinearModel; calibration: KbCalibration };

/** One calibration question: asked with itself left out (`loo`, its item must come first) and with its whole item left out (`loio`). */
export type Run = {
  doc: number;
  raw: RawScores;
  loo: Candidates;
  positive: number;
  loio: Candidates;
  fold: number;
};

const docRaw = (core: KbCore, d: number, text: string | null): RawScores => {
  const views = text === null ? core.docViews[d]! : textViews(text, core.lexicon);
  const raw = rawScores(core, views, '');
  if (core.intent) {
    const K = core.intent.K;
    raw.intent = core.intent.doc.slice(d * K, d * K + K);
  }
  return raw;
};

const sampleDocs = (core: KbCore, max: number, seed: number): number[] => {
  const docs = Array.from(core.docItem.keys());
  if (docs.length <= max) return docs;
  const rng = createRng(seed);
  for (let i = docs.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [docs[i], docs[j]] = [docs[j]!, docs[i]!];
  }
  return docs.slice(0, max).sort((a, b) => a - b);
};

const group = (c: Candidates, positive: number): RankingGroup => ({ rows: c.features, positive });

const fitRanker = (runs: readonly Run[], fold: number): LinearModel | null => {
  const groups = runs.filter((r) => r.fold !== fold && r.positive >= 0).map((r) => group(r.loo, r.positive));
  if (groups.length < 4) return null;
  const all = new Float64Array(groups.reduce((s, g) => s + g.rows.length, 0));
  let off = 0;
  for (const g of groups) {
    all.set(g.rows, off);
    off += g.rows.length;
  }
  const st = fitStandardiser(all, F);
  return { st, w: trainListwise(groups, F, st) };
};

const fitNoMatch = (rows: Float64Array, labels: Uint8Array): LinearModel => {
  const st = fitStandardiser(rows, NF);
  return { st, w: trainLogistic(rows, labels, NF, st) };
};

const fallback = (core: KbCore, prior: number, nearMissShare: number): KbModels => ({
  ranker: FALLBACK_RANKER,
  noMatch: FALLBACK_NO_MATCH,
  calibration: {
    method: 'fallback',
    threshold: 0.5,
    no_answer_prior: prior,
    near_miss_share: nearMissShare,
    n_answerable: core.docItem.length,
    n_unanswerable: 0,
    loo_top1: 0,
    curve: [],
    reliability: [],
  },
});

/** The queries the ranker and the decision learn from: KB questions (and paraphrases), each in two runs. */
export const calibrationRuns = (core: KbCore, o: KbTrainOptions): Run[] => {
  const rng = createRng(o.seed + 1);
  const queries = sampleDocs(core, o.maxTrainingQueries, o.seed).flatMap((d) => {
    // Each question as written and, when the lexicon allows, once more in other words (卖掉 for 赎回): the
    // customer's colloquial wording is what the ranker and the decision will face.
    const variant = o.augment ? paraphrase(core.docText[d]!, core.lexicon, rng) : null;
    return variant === null
      ? [{ d, text: null }]
      : [
          { d, text: null },
          { d, text: variant },
        ];
  });
  return queries.map(({ d, text }, k) => {
    const raw = docRaw(core, d, text);
    const agg = aggregateScores(core, raw, d);
    const item = core.docItem[d]!;
    const loo = selectCandidates(core, raw, agg, []);
    const loio = selectCandidates(core, raw, agg, [item]);
    return { doc: d, raw, loo, positive: loo.items.indexOf(item), loio, fold: k % 2 };
  });
};

type Rows = { x: number[]; kind: number[]; fold: number[] };

const addRow = (rows: Rows, features: Float64Array, kind: number, fold: number): void => {
  rows.x.push(...features);
  rows.kind.push(kind);
  rows.fold.push(fold);
};

/** Decision features of every calibration query, from the ranker of the other fold. */
const decisionRows = (
  core: KbCore,
  runs: readonly Run[],
  folds: readonly LinearModel[],
  outOfDomain: readonly string[],
): { rows: Rows; looHits: number } => {
  const rows: Rows = { x: [], kind: [], fold: [] };
  let looHits = 0;
  for (const run of runs) {
    const ranker = folds[run.fold]!; // trained on the other fold only
    const ranked = rankCandidates(run.loo, ranker);
    if (run.positive >= 0 && ranked.items[0] === run.loo.items[run.positive]) looHits++;
    const item = core.docItem[run.doc]!;
    const answerable = noMatchFeatures(core, run.raw, ranked, { doc: run.doc, items: [] });
    addRow(rows, answerable, KIND_ANSWERABLE, run.fold);
    const nearMiss = noMatchFeatures(core, run.raw, rankCandidates(run.loio, ranker), {
      doc: -1,
      items: [item],
    });
    addRow(rows, nearMiss, KIND_NEAR_MISS, run.fold);
  }
  outOfDomain.forEach((text, k) => {
    const normalized = normalizeText(text);
    const raw = rawScores(core, queryViews(core, normalized), normalized);
    const ranked = rankCandidates(candidateFeatures(core, raw, NO_EXCLUSION), folds[k % 2]!);
    addRow(rows, noMatchFeatures(core, raw, ranked, NO_EXCLUSION), KIND_OFF_TOPIC, 1 - (k % 2));
  });
  return { rows, looHits };
};

export const trainKbModels = (core: KbCore, o: KbTrainOptions): KbModels => {
  if (core.items.length < 2) return fallback(core, o.noAnswerPrior, o.nearMissShare);
  const runs = calibrationRuns(core, o);
  const folds = [fitRanker(runs, 0), fitRanker(runs, 1)];
  const final = fitRanker(runs, -1);
  if (!final || !folds[0] || !folds[1]) return fallback(core, o.noAnswerPrior, o.nearMissShare);
  const { rows, looHits } = decisionRows(core, runs, folds as LinearModel[], o.outOfDomain);
  const x = Float64Array.from(rows.x);
  const kind = Uint8Array.from(rows.kind);
  const y = Uint8Array.from(kind, (k) => (k === KIND_ANSWERABLE ? 1 : 0));
  const weight = kindWeights(kind, o.noAnswerPrior, o.nearMissShare);
  const oof = new Float64Array(y.length);
  for (const f of [0, 1]) {
    const idx = rows.fold.flatMap((g, i) => (g !== f ? [i] : []));
    const model = fitNoMatch(
      pick(x, idx),
      Uint8Array.from(idx, (i) => y[i]!),
    );
    rows.fold.forEach((g, i) => {
      if (g === f) oof[i] = answerProbability(model, x.subarray(i * NF, i * NF + NF));
    });
  }
  const { curve, best } = calibrationCurve(oof, kind, weight);
  return {
    ranker: final,
    noMatch: fitNoMatch(x, y),
    calibration: {
      method: 'leave-one-item-out',
      threshold: best,
      no_answer_prior: o.noAnswerPrior,
      near_miss_share: o.nearMissShare,
      n_answerable: runs.length,
      n_unanswerable: y.length - runs.length,
      loo_top1: Math.round((looHits / runs.length) * 1e4) / 1e4,
      curve,
      reliability: reliabilityBins(oof, kind, weight),
    },
  };
};

const pick = (x: Float64Array, idx: readonly number[]): Float64Array => {
  const out = new Float64Array(idx.length * NF);
  idx.forEach((i, r) => out.set(x.subarray(i * NF, i * NF + NF), r * NF));
  return out;
};
