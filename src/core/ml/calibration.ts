import { badInput } from '../errors.js';
import { fitLogistic, sigmoid } from './linear.js';

/** Probability calibration maps fitted on held-out (score, label) pairs. */
export type Calibrator = { apply(score: number): number };

/**
 * Isotonic regression by pool-adjacent-violators (Ayer et al. 1955; Barlow et al. 1972): the non-decreasing
 * step function minimising Σ wᵢ(yᵢ − f(sᵢ))². Between fitted points the map interpolates linearly and is
 * clamped outside them (as sklearn's IsotonicRegression with out_of_bounds="clip").
 */
export const fitIsotonic = (
  scores: Float64Array,
  y: Float64Array,
  w?: Float64Array,
): Calibrator & { x: Float64Array; y: Float64Array } => {
  const n = scores.length;
  if (n === 0 || y.length !== n) throw badInput('scores', 'need matching non-empty scores and labels');
  const idx = Int32Array.from({ length: n }, (_, i) => i).sort(
    (a, b) => scores[a]! - scores[b]! || y[a]! - y[b]!,
  );
  // Blocks: merged runs with their weighted mean; equal scores start in one block.
  const bx: number[] = [];
  const bv: number[] = [];
  const bw: number[] = [];
  const bxLast: number[] = [];
  for (let k = 0; k < n; k++) {
    const i = idx[k]!;
    const wi = w ? w[i]! : 1;
    const s = scores[i]!;
    if (bx.length > 0 && bxLast[bx.length - 1] === s) {
      const j = bx.length - 1;
      bv[j] = (bv[j]! * bw[j]! + y[i]! * wi) / (bw[j]! + wi);
      bw[j] = bw[j]! + wi;
    } else {
      bx.push(s);
      bxLast.push(s);
      bv.push(y[i]!);
      bw.push(wi);
    }
    while (bv.length > 1 && bv[bv.length - 2]! > bv[bv.length - 1]!) {
      const j = bv.length - 1;
      const merged = (bv[j - 1]! * bw[j - 1]! + bv[j]! * bw[j]!) / (bw[j - 1]! + bw[j]!);
      bw[j - 1] = bw[j - 1]! + bw[j]!;
      bv[j - 1] = merged;
      bxLast[j - 1] = bxLast[j]!;
      bx.pop();
      bv.pop();
      bw.pop();
      bxLast.pop();
    }
  }
  // Knots: each block contributes its first and last score with the block value.
  const kx: number[] = [];
  const ky: number[] = [];
  for (let j = 0; j < bx.length; j++) {
    kx.push(bx[j]!);
    ky.push(bv[j]!);
    if (bxLast[j] !== bx[j]) {
      kx.push(bxLast[j]!);
      ky.push(bv[j]!);
    }
  }
  return isotonicFromKnots(Float64Array.from(kx), Float64Array.from(ky));
};

/** The isotonic map through given knots (ascending x): linear between knots, clamped outside. */
export const isotonicFromKnots = (
  xs: Float64Array,
  ys: Float64Array,
): Calibrator & { x: Float64Array; y: Float64Array } => {
  if (xs.length === 0 || xs.length !== ys.length)
    throw badInput('calibration', 'needs matching non-empty knots');
  return {
    x: xs,
    y: ys,
    apply: (s) => {
      if (s <= xs[0]!) return ys[0]!;
      if (s >= xs[xs.length - 1]!) return ys[ys.length - 1]!;
      let lo = 0;
      let hi = xs.length - 1;
      while (hi - lo > 1) {
        const mid = (lo + hi) >>> 1;
        if (xs[mid]! <= s) lo = mid;
        else hi = mid;
      }
      const t = (s - xs[lo]!) / (xs[hi]! - xs[lo]!);
      return ys[lo]! + t * (ys[hi]! - ys[lo]!);
    },
  };
};

/**
 * Platt scaling (Platt 1999): P(y=1|s) = σ(a·s + b) fitted by maximum likelihood with Platt's smoothed
 * targets t₊ = (N₊+1)/(N₊+2), t₋ = 1/(N₋+2) that guard against over-confident maps.
 */
export const fitPlatt = (scores: Float64Array, y: Float64Array): Calibrator & { a: number; b: number } => {
  const n = scores.length;
  if (n === 0 || y.length !== n) throw badInput('scores', 'need matching non-empty scores and labels');
  let pos = 0;
  for (let i = 0; i < n; i++) pos += y[i]!;
  const tPos = (pos + 1) / (pos + 2);
  const tNeg = 1 / (n - pos + 2);
  const t = Float64Array.from(y, (v) => (v === 1 ? tPos : tNeg));
  const fit = fitLogistic(scores, n, 1, t);
  return plattFromParams(fit.coef[1]!, fit.coef[0]!);
};

export const plattFromParams = (a: number, b: number): Calibrator & { a: number; b: number } => ({
  a,
  b,
  apply: (s) => sigmoid(a * s + b),
});
