import { badInput } from '../errors.js';
import type { Rng } from '../random.js';

/** Classification metrics for 0/1 labels y and scores/probabilities s (optionally weighted). */

const check = (y: Float64Array, s: Float64Array): void => {
  if (y.length !== s.length) throw badInput('scores', `has ${s.length} values, expected ${y.length}`);
  if (y.length === 0) throw badInput('y', 'is empty');
};

/**
 * Area under the ROC curve = P(s⁺ > s⁻) + ½P(s⁺ = s⁻) (Mann–Whitney U / n⁺n⁻), ties counted as one half;
 * weighted when w is given. NaN when one class is absent.
 */
export const auc = (y: Float64Array, s: Float64Array, w?: Float64Array): number => {
  check(y, s);
  const idx = Int32Array.from({ length: y.length }, (_, i) => i).sort((a, b) => s[a]! - s[b]!);
  let negBelow = 0;
  let area = 0;
  let pos = 0;
  let neg = 0;
  for (let k = 0; k < idx.length;) {
    let tp = 0;
    let tn = 0;
    const v = s[idx[k]!]!;
    for (; k < idx.length && s[idx[k]!]! === v; k++) {
      const i = idx[k]!;
      const wi = w ? w[i]! : 1;
      if (y[i] === 1) tp += wi;
      else tn += wi;
    }
    area += tp * (negBelow + tn / 2);
    negBelow += tn;
    pos += tp;
    neg += tn;
  }
  return pos > 0 && neg > 0 ? area / (pos * neg) : NaN;
};

/** Mean negative log-likelihood −[y log p + (1−y) log(1−p)], p clipped to [1e-15, 1 − 1e-15] (as sklearn). */
export const logLoss = (y: Float64Array, p: Float64Array, w?: Float64Array): number => {
  check(y, p);
  let s = 0;
  let ws = 0;
  for (let i = 0; i < y.length; i++) {
    const q = Math.min(Math.max(p[i]!, 1e-15), 1 - 1e-15);
    const wi = w ? w[i]! : 1;
    s -= wi * (y[i]! * Math.log(q) + (1 - y[i]!) * Math.log(1 - q));
    ws += wi;
  }
  return s / ws;
};

/** Brier score: mean (p − y)². */
export const brier = (y: Float64Array, p: Float64Array, w?: Float64Array): number => {
  check(y, p);
  let s = 0;
  let ws = 0;
  for (let i = 0; i < y.length; i++) {
    const wi = w ? w[i]! : 1;
    s += wi * (p[i]! - y[i]!) ** 2;
    ws += wi;
  }
  return s / ws;
};

/**
 * Expected calibration error with equal-width bins on [0, 1]: Σ_b (n_b/n)·|mean(y)_b − mean(p)_b|
 * (Naeini et al. 2015). Also returns the reliability table.
 */
export const calibrationError = (
  y: Float64Array,
  p: Float64Array,
  bins = 10,
): {
  ece: number;
  table: Array<{ lo: number; hi: number; n: number; meanPredicted: number; observed: number }>;
} => {
  check(y, p);
  const n = new Float64Array(bins);
  const sp = new Float64Array(bins);
  const sy = new Float64Array(bins);
  for (let i = 0; i < y.length; i++) {
    const b = Math.min(bins - 1, Math.max(0, Math.floor(p[i]! * bins)));
    n[b] = n[b]! + 1;
    sp[b] = sp[b]! + p[i]!;
    sy[b] = sy[b]! + y[i]!;
  }
  let ece = 0;
  const table = [];
  for (let b = 0; b < bins; b++) {
    if (n[b] === 0) continue;
    ece += (n[b]! / y.length) * Math.abs(sy[b]! / n[b]! - sp[b]! / n[b]!);
    table.push({
      lo: b / bins,
      hi: (b + 1) / bins,
      n: n[b]!,
      meanPredicted: sp[b]! / n[b]!,
      observed: sy[b]! / n[b]!,
    });
  }
  return { ece, table };
};

/** Kolmogorov–Smirnov statistic: max over thresholds of |TPR − FPR| (score ties grouped). */
export const ksStatistic = (y: Float64Array, s: Float64Array): number => {
  check(y, s);
  const idx = Int32Array.from({ length: y.length }, (_, i) => i).sort((a, b) => s[b]! - s[a]!);
  let pos = 0;
  for (let i = 0; i < y.length; i++) pos += y[i]!;
  const neg = y.length - pos;
  let tp = 0;
  let fp = 0;
  let ks = 0;
  for (let k = 0; k < idx.length;) {
    const v = s[idx[k]!]!;
    for (; k < idx.length && s[idx[k]!]! === v; k++) {
      if (y[idx[k]!] === 1) tp++;
      else fp++;
    }
    ks = Math.max(ks, Math.abs(tp / pos - fp / neg));
  }
  return ks;
};

/**
 * Lift by quantile group of the score (highest scores first): response rate in the group ÷ overall rate.
 * Groups hold ⌈n/groups⌉ rows in score order.
 */
export const liftTable = (
  y: Float64Array,
  s: Float64Array,
  groups = 10,
): Array<{ group: number; n: number; rate: number; lift: number; cumulativeLift: number }> => {
  check(y, s);
  const idx = Int32Array.from({ length: y.length }, (_, i) => i).sort((a, b) => s[b]! - s[a]!);
  const base = y.reduce((a, b) => a + b, 0) / y.length;
  const size = Math.ceil(y.length / groups);
  const out = [];
  let cumY = 0;
  let cumN = 0;
  for (let g = 0; g * size < idx.length; g++) {
    let sy = 0;
    const end = Math.min(idx.length, (g + 1) * size);
    for (let k = g * size; k < end; k++) sy += y[idx[k]!]!;
    cumY += sy;
    cumN += end - g * size;
    const rate = sy / (end - g * size);
    out.push({
      group: g + 1,
      n: end - g * size,
      rate,
      lift: rate / base,
      cumulativeLift: cumY / cumN / base,
    });
  }
  return out;
};

/**
 * Stratified K-fold assignment: rows of each class are shuffled with the RNG and dealt round-robin, so every
 * fold has (almost) the same class balance. Returns fold ids 0…k−1 per row.
 */
export const stratifiedFolds = (y: Float64Array, k: number, rng: Rng): Int32Array => {
  if (!Number.isInteger(k) || k < 2) throw badInput('--cv', `must be an integer ≥ 2, got ${k}`);
  if (k > y.length) throw badInput('--cv', `${k} folds need at least ${k} rows`);
  const folds = new Int32Array(y.length);
  const classes = new Map<number, number[]>();
  y.forEach((v, i) => {
    const list = classes.get(v) ?? [];
    list.push(i);
    classes.set(v, list);
  });
  let offset = 0;
  for (const key of [...classes.keys()].sort((a, b) => a - b)) {
    const rows = classes.get(key)!;
    for (let i = rows.length - 1; i > 0; i--) {
      const j = rng.int(i + 1);
      [rows[i], rows[j]] = [rows[j]!, rows[i]!];
    }
    rows.forEach((r, t) => (folds[r] = (t + offset) % k));
    offset += rows.length;
  }
  return folds;
};
