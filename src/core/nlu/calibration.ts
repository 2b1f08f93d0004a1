/**
 * Softmax temperature scaling (Guo, Pleiss, Sun, Weinberger 2017, "On Calibration of Modern Neural
 * Networks"): p_k = exp(s_k / T) / Σ_j exp(s_j / T), with T fitted by minimising the negative log-likelihood
 * of held-out decision values. Works for any margin-based classifier (here: linear SVM scores).
 */

/** Softmax of scores / T into `out` (numerically stable: the max is subtracted first). */
export const softmax = (scores: ArrayLike<number>, temperature: number, out: Float64Array): void => {
  let max = -Infinity;
  for (let k = 0; k < scores.length; k++) if (scores[k]! > max) max = scores[k]!;
  let sum = 0;
  for (let k = 0; k < scores.length; k++) {
    const e = Math.exp((scores[k]! - max) / temperature);
    out[k] = e;
    sum += e;
  }
  for (let k = 0; k < scores.length; k++) out[k]! /= sum;
};

/** Mean negative log-likelihood of the true classes under softmax(scores / T); scores row-major n × K. */
export const meanNll = (
  scores: Float64Array,
  labels: Int32Array,
  classes: number,
  temperature: number,
): number => {
  const n = labels.length;
  let total = 0;
  for (let i = 0; i < n; i++) {
    const off = i * classes;
    let max = -Infinity;
    for (let k = 0; k < classes; k++) if (scores[off + k]! > max) max = scores[off + k]!;
    let sum = 0;
    for (let k = 0; k < classes; k++) sum += Math.exp((scores[off + k]! - max) / temperature);
    total += Math.log(sum) - (scores[off + labels[i]!]! - max) / temperature;
  }
  return total / Math.max(1, n);
};

/**
 * Temperature minimising the held-out NLL, by golden-section search on log T over [1e-3, 1e2]
 * (the NLL is unimodal in log T for fixed scores).
 */
export const fitTemperature = (scores: Float64Array, labels: Int32Array, classes: number): number => {
  if (labels.length === 0) return 1;
  let lo = Math.log(1e-3);
  let hi = Math.log(1e2);
  const phi = (Math.sqrt(5) - 1) / 2;
  let a = hi - phi * (hi - lo);
  let b = lo + phi * (hi - lo);
  let fa = meanNll(scores, labels, classes, Math.exp(a));
  let fb = meanNll(scores, labels, classes, Math.exp(b));
  for (let it = 0; it < 60 && hi - lo > 1e-4; it++) {
    if (fa < fb) {
      hi = b;
      b = a;
      fb = fa;
      a = hi - phi * (hi - lo);
      fa = meanNll(scores, labels, classes, Math.exp(a));
    } else {
      lo = a;
      a = b;
      fa = fb;
      b = lo + phi * (hi - lo);
      fb = meanNll(scores, labels, classes, Math.exp(b));
    }
  }
  return Math.exp((lo + hi) / 2);
};
