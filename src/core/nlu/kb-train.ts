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

export type CalibrationPoint = { threshold: number; precision: number; recall: number; f1: number };

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
};

export type KbModels = { ranker: LinearModel; noMatch: LinearModel; calibration: KbCalibration };

type Run = { doc: number; raw: RawScores; loo: Candidates; positive: number; loio: Candidates; fold: number };

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

/**
 * Threshold maximising the smaller of no-match precision and recall (then F1) after re-weighting the two classes
 * to the assumed prior.
 */
const calibrationCurve = (
  pAnswer: Float64Array,
  kind: Uint8Array,
  prior: number,
  nearMissShare: number,
): { curve: CalibrationPoint[]; best: number } => {
  const count = [0, 0, 0];
  for (const k of kind) count[k]!++;
  // Negatives: `nearMissShare` of their mass near misses (leave-one-item-out), the rest off-topic text,
  // whatever their counts.
  const near = count[2]! > 0 ? (count[1]! > 0 ? nearMissShare : 0) : 1;
  const weight = [
    count[0]! > 0 ? (1 - prior) / count[0]! : 0,
    count[1]! > 0 ? (prior * near) / count[1]! : 0,
    count[2]! > 0 ? (prior * (1 - near)) / count[2]! : 0,
  ];
  const answerable = Uint8Array.from(kind, (k) => (k === 0 ? 1 : 0));
  const curve: CalibrationPoint[] = [];
  let best = 0.5;
  let bestF1 = -1;
  for (let t = 0.02; t < 0.985; t += 0.02) {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    pAnswer.forEach((p, i) => {
      const saysNone = p < t;
      const isNone = answerable[i] === 0;
      const w = weight[kind[i]!]!;
      if (saysNone && isNone) tp += w;
      else if (saysNone) fp += w;
      else if (isNone) fn += w;
    });
    const precision = tp + fp > 0 ? tp / (tp + fp) : 1;
    const recall = tp + fn > 0 ? tp / (tp + fn) : 0;
    const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
    const r = (v: number): number => Math.round(v * 1e4) / 1e4;
    curve.push({ threshold: r(t), precision: r(precision), recall: r(recall), f1: r(f1) });
    // The requirement is on both (precision and recall of "no match" ≥ 0.8), so the threshold balances them:
    // the larger of the two worse-sides wins, F1 breaks ties.
    const score = Math.min(precision, recall) + 1e-3 * f1;
    if (score > bestF1) {
      bestF1 = score;
      best = r(t);
    }
  }
  return { curve, best };
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
  },
});

export const trainKbModels = (core: KbCore, o: KbTrainOptions): KbModels => {
  if (core.items.length < 2) return fallback(core, o.noAnswerPrior, o.nearMissShare);
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
  const runs: Run[] = queries.map(({ d, text }, k) => {
    const raw = docRaw(core, d, text);
    const agg = aggregateScores(core, raw, d);
    const loo = selectCandidates(core, raw, agg, -1);
    const loio = selectCandidates(core, raw, agg, core.docItem[d]!);
    return { doc: d, raw, loo, positive: loo.items.indexOf(core.docItem[d]!), loio, fold: k % 2 };
  });
  const folds = [fitRanker(runs, 0), fitRanker(runs, 1)];
  const final = fitRanker(runs, -1);
  if (!final || !folds[0] || !folds[1]) return fallback(core, o.noAnswerPrior, o.nearMissShare);
  const rows: number[] = [];
  const labels: number[] = [];
  /** 0 = answerable (question left out), 1 = its item left out, 2 = off-topic text. */
  const kinds: number[] = [];
  const foldOf: number[] = [];
  let looHits = 0;
  for (const run of runs) {
    const ranker = folds[run.fold]!; // trained on the other fold only
    const ranked = rankCandidates(run.loo, ranker);
    if (run.positive >= 0 && ranked.items[0] === run.loo.items[run.positive]) looHits++;
    rows.push(...noMatchFeatures(core, run.raw, ranked, { doc: run.doc, item: -1 }));
    labels.push(1);
    kinds.push(0);
    foldOf.push(run.fold);
    rows.push(
      ...noMatchFeatures(core, run.raw, rankCandidates(run.loio, ranker), {
        doc: -1,
        item: core.docItem[run.doc]!,
      }),
    );
    labels.push(0);
    kinds.push(1);
    foldOf.push(run.fold);
  }
  o.outOfDomain.forEach((text, k) => {
    const normalized = normalizeText(text);
    const raw = rawScores(core, queryViews(core, normalized), normalized);
    const ranked = rankCandidates(candidateFeatures(core, raw, NO_EXCLUSION), folds[k % 2]!);
    rows.push(...noMatchFeatures(core, raw, ranked, NO_EXCLUSION));
    labels.push(0);
    kinds.push(2);
    foldOf.push(1 - (k % 2));
  });
  const x = Float64Array.from(rows);
  const y = Uint8Array.from(labels);
  const oof = new Float64Array(y.length);
  for (const f of [0, 1]) {
    const idx = foldOf.flatMap((g, i) => (g !== f ? [i] : []));
    const model = fitNoMatch(
      pick(x, idx),
      Uint8Array.from(idx, (i) => y[i]!),
    );
    foldOf.forEach((g, i) => {
      if (g === f) oof[i] = answerProbability(model, x.subarray(i * NF, i * NF + NF));
    });
  }
  const { curve, best } = calibrationCurve(oof, Uint8Array.from(kinds), o.noAnswerPrior, o.nearMissShare);
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
    },
  };
};

const pick = (x: Float64Array, idx: readonly number[]): Float64Array => {
  const out = new Float64Array(idx.length * NF);
  idx.forEach((i, r) => out.set(x.subarray(i * NF, i * NF + NF), r * NF));
  return out;
};
