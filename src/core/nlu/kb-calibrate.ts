/**
 * Calibration of the KB's "no match" decision (issue 17) on out-of-fold probabilities of the calibration
 * queries, never on test queries. Calibration queries come in four kinds:
 *   0 = answerable (a KB question asked with itself left out),
 *   1 = near miss: the same question with its whole item left out (leave-one-item-out),
 *   2 = off-topic text (small talk and out-of-scope requests of the intent corpus).
 * The kinds are re-weighted to an assumed mixture: answerable 1 − prior; unanswerable `prior`, of which
 * `nearMissShare` goes to near misses and the rest to off-topic text.
 */
export type CalibrationPoint = { threshold: number; precision: number; recall: number; f1: number };

/** Reliability bin: mean predicted P(answerable) against the observed answerable share (weighted). */
export type ReliabilityBin = {
  from: number;
  to: number;
  n: number;
  mean_predicted: number;
  observed: number;
};

export const KIND_ANSWERABLE = 0;
export const KIND_NEAR_MISS = 1;
export const KIND_OFF_TOPIC = 2;

const r4 = (v: number): number => Math.round(v * 1e4) / 1e4;

/** Weight of each calibration query under the assumed mixture (see the file comment); weights sum to 1. */
export const kindWeights = (kind: Uint8Array, prior: number, nearMissShare: number): Float64Array => {
  const count = [0, 0, 0];
  for (const k of kind) count[k]!++;
  // Without off-topic text all unanswerable weight is on near misses, and the other way round.
  const near = count[2]! > 0 ? (count[1]! > 0 ? nearMissShare : 0) : 1;
  const mass = [
    count[0]! > 0 ? 1 - prior : 0,
    count[1]! > 0 ? prior * near : 0,
    count[2]! > 0 ? prior * (1 - near) : 0,
  ];
  const sum = mass.reduce((a, b) => a + b, 0) || 1;
  return Float64Array.from(kind, (k) => mass[k]! / sum / count[k]!);
};

/**
 * No-match precision/recall/F1 at thresholds 0.02 … 0.98 of P(answerable), and the threshold maximising the
 * smaller of precision and recall (the requirement is on both), F1 breaking ties.
 */
export const calibrationCurve = (
  pAnswer: Float64Array,
  kind: Uint8Array,
  weight: Float64Array,
): { curve: CalibrationPoint[]; best: number } => {
  const curve: CalibrationPoint[] = [];
  let best = 0.5;
  let bestScore = -1;
  for (let step = 1; step < 50; step++) {
    const t = step / 50;
    let tp = 0;
    let fp = 0;
    let fn = 0;
    for (let i = 0; i < pAnswer.length; i++) {
      const saysNone = pAnswer[i]! < t;
      const isNone = kind[i] !== KIND_ANSWERABLE;
      const w = weight[i]!;
      if (saysNone && isNone) tp += w;
      else if (saysNone) fp += w;
      else if (isNone) fn += w;
    }
    const precision = tp + fp > 0 ? tp / (tp + fp) : 1;
    const recall = tp + fn > 0 ? tp / (tp + fn) : 0;
    const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
    curve.push({ threshold: r4(t), precision: r4(precision), recall: r4(recall), f1: r4(f1) });
    const score = Math.min(precision, recall) + 1e-3 * f1;
    if (score > bestScore) {
      bestScore = score;
      best = r4(t);
    }
  }
  return { curve, best };
};

/** Ten equal-width bins of predicted P(answerable) with the weighted observed answerable share in each. */
export const reliabilityBins = (
  pAnswer: Float64Array,
  kind: Uint8Array,
  weight: Float64Array,
  bins = 10,
): ReliabilityBin[] => {
  const n = new Array<number>(bins).fill(0);
  const w = new Array<number>(bins).fill(0);
  const pred = new Array<number>(bins).fill(0);
  const obs = new Array<number>(bins).fill(0);
  for (let i = 0; i < pAnswer.length; i++) {
    const b = Math.min(bins - 1, Math.floor(pAnswer[i]! * bins));
    n[b]!++;
    w[b]! += weight[i]!;
    pred[b]! += weight[i]! * pAnswer[i]!;
    if (kind[i] === KIND_ANSWERABLE) obs[b]! += weight[i]!;
  }
  return n.map((count, b) => ({
    from: b / bins,
    to: (b + 1) / bins,
    n: count,
    mean_predicted: w[b]! > 0 ? r4(pred[b]! / w[b]!) : 0,
    observed: w[b]! > 0 ? r4(obs[b]! / w[b]!) : 0,
  }));
};
