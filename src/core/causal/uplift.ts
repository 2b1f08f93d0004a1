import { badInput } from '../errors.js';

/**
 * Uplift-model evaluation in the two published conventions, which differ in ordering, ties and
 * normalisation:
 * - causalml (`causalml.metrics.visualize`): rows sorted by score (descending; we break ties by input
 *   order), one curve point per row, a leading 0 row, gaps where an arm is still empty filled by linear
 *   interpolation; normalised by |last value|; AUUC = mean of the normalised cumulative gain over the n + 1
 *   points; Qini score = mean of (normalised Qini − the straight line from 0 to its last value).
 * - scikit-uplift (`sklift.metrics`): tied scores form one threshold; areas by the trapezoid rule relative to
 *   the straight baseline, divided by the same area for the perfect ordering.
 */
export type UpliftData = { score: Float64Array; treatment: Float64Array; outcome: Float64Array };

const check = (d: UpliftData): number => {
  const n = d.score.length;
  if (d.treatment.length !== n || d.outcome.length !== n)
    throw badInput('data', 'score, treatment and outcome lengths differ');
  let nt = 0;
  for (let i = 0; i < n; i++) {
    const w = d.treatment[i]!;
    if (w !== 0 && w !== 1) throw badInput('--treatment', `row ${i + 2}: treatment must be 0 or 1, got ${w}`);
    if (!Number.isFinite(d.score[i]!)) throw badInput('--score', `row ${i + 2}: score is not a number`);
    if (!Number.isFinite(d.outcome[i]!)) throw badInput('--outcome', `row ${i + 2}: outcome is not a number`);
    nt += w;
  }
  if (nt === 0 || nt === n) throw badInput('--treatment', 'both treated (1) and control (0) rows are needed');
  return n;
};

/** Indices sorted by score descending, ties in input order (stable). */
const orderDesc = (score: Float64Array): Uint32Array => {
  const idx = Uint32Array.from(score.keys());
  return idx.sort((a, b) => score[b]! - score[a]! || a - b);
};

/** Linear interpolation over NaN gaps (pandas `interpolate()`: forward, constant after the last value). */
const interpolate = (v: Float64Array): Float64Array => {
  let last = 0;
  for (let i = 1; i < v.length; i++) {
    if (Number.isNaN(v[i]!)) continue;
    if (i - last > 1)
      for (let j = last + 1; j < i; j++) v[j] = v[last]! + ((v[i]! - v[last]!) * (j - last)) / (i - last);
    last = i;
  }
  for (let j = last + 1; j < v.length; j++) v[j] = v[last]!;
  return v;
};

/**
 * causalml cumulative gain and Qini curves (n + 1 points, index = number targeted).
 * gain(k) = k·(Ȳ_T(k) − Ȳ_C(k)); qini(k) = Y_T(k) − Y_C(k)·N_T(k)/N_C(k).
 */
export const causalmlCurves = (d: UpliftData): { gain: Float64Array; qini: Float64Array } => {
  const n = check(d);
  const order = orderDesc(d.score);
  const gain = new Float64Array(n + 1);
  const qini = new Float64Array(n + 1);
  let nt = 0;
  let yt = 0;
  let yc = 0;
  for (let k = 1; k <= n; k++) {
    const i = order[k - 1]!;
    const w = d.treatment[i]!;
    nt += w;
    yt += w * d.outcome[i]!;
    yc += (1 - w) * d.outcome[i]!;
    const nc = k - nt;
    gain[k] = nt > 0 && nc > 0 ? (yt / nt - yc / nc) * k : NaN;
    qini[k] = nc > 0 ? yt - (yc * nt) / nc : NaN;
  }
  return { gain: interpolate(gain), qini: interpolate(qini) };
};

/**
 * causalml `auuc_score(normalize=True)` and `qini_score(normalize=True)`. Both curves are divided by their final value,
 * so when treated and control end with exactly the same response (total gain 0) the scores are NaN, as in causalml.
 */
export const causalmlScores = (d: UpliftData): { auuc: number; qini: number } => {
  const { gain, qini } = causalmlCurves(d);
  const m = gain.length;
  const gLast = Math.abs(gain[m - 1]!);
  const qLast = Math.abs(qini[m - 1]!);
  let gSum = 0;
  let qSum = 0;
  let randomSum = 0;
  const qEnd = qini[m - 1]! / qLast;
  for (let k = 0; k < m; k++) {
    gSum += gain[k]! / gLast;
    qSum += qini[k]! / qLast;
    randomSum += (qEnd * k) / (m - 1);
  }
  return { auuc: gSum / m, qini: (qSum - randomSum) / m };
};

type Curve = { x: Float64Array; y: Float64Array };

/** sklift threshold curve: one point per distinct score (descending), plus the origin. */
const skliftCurve = (d: UpliftData, kind: 'uplift' | 'qini'): Curve => {
  const n = d.score.length;
  // np.argsort(kind="mergesort")[::-1]: descending, ties in reverse input order.
  const order = Uint32Array.from(d.score.keys()).sort((a, b) => d.score[b]! - d.score[a]! || b - a);
  const xs: number[] = [];
  const ys: number[] = [];
  let nt = 0;
  let yt = 0;
  let yc = 0;
  for (let k = 0; k < n; k++) {
    const i = order[k]!;
    const w = d.treatment[i]!;
    nt += w;
    yt += w * d.outcome[i]!;
    yc += (1 - w) * d.outcome[i]!;
    const next = order[k + 1];
    if (next !== undefined && d.score[next] === d.score[i]) continue;
    const all = k + 1;
    const nc = all - nt;
    const v =
      kind === 'uplift' ? ((nt ? yt / nt : 0) - (nc ? yc / nc : 0)) * all : yt - yc * (nc ? nt / nc : 0);
    xs.push(all);
    ys.push(v);
  }
  if (xs.length === 0 || ys[0] !== 0 || xs[0] !== 0) {
    xs.unshift(0);
    ys.unshift(0);
  }
  return { x: Float64Array.from(xs), y: Float64Array.from(ys) };
};

/** Trapezoid area (sklearn.metrics.auc). */
const trapezoid = (c: Curve): number => {
  let a = 0;
  for (let i = 1; i < c.x.length; i++) a += ((c.x[i]! - c.x[i - 1]!) * (c.y[i]! + c.y[i - 1]!)) / 2;
  return a;
};

const normalisedArea = (actual: Curve, perfect: Curve): number => {
  const last = perfect.x.length - 1;
  const baseline = (perfect.x[last]! * perfect.y[last]!) / 2;
  return (trapezoid(actual) - baseline) / (trapezoid(perfect) - baseline);
};

const binaryOutcome = (d: UpliftData): void => {
  for (let i = 0; i < d.outcome.length; i++) {
    const y = d.outcome[i]!;
    if (y !== 0 && y !== 1)
      throw badInput('--outcome', `row ${i + 2}: sklift metrics need a 0/1 outcome, got ${y}`);
  }
};

/** sklift `uplift_auc_score`: normalised area under the uplift curve (perfect ordering = 1). */
export const skliftUpliftAuc = (d: UpliftData): number => {
  check(d);
  binaryOutcome(d);
  let cr = 0;
  let tn = 0;
  for (let i = 0; i < d.score.length; i++) {
    if (d.outcome[i] === 1 && d.treatment[i] === 0) cr++;
    if (d.outcome[i] === 0 && d.treatment[i] === 1) tn++;
  }
  const perfectScore = d.outcome.map(
    (y, i) => 2 * (y === d.treatment[i] ? 1 : 0) + (cr > tn ? y : d.treatment[i]!),
  );
  const perfect = skliftCurve({ ...d, score: perfectScore }, 'uplift');
  return normalisedArea(skliftCurve(d, 'uplift'), perfect);
};

/** sklift `qini_auc_score(negative_effect=True)`: perfect ordering = y·t − y·(1 − t). */
export const skliftQiniAuc = (d: UpliftData): number => {
  check(d);
  binaryOutcome(d);
  const perfectScore = d.outcome.map((y, i) => y * d.treatment[i]! - y * (1 - d.treatment[i]!));
  const perfect = skliftCurve({ ...d, score: perfectScore }, 'qini');
  return normalisedArea(skliftCurve(d, 'qini'), perfect);
};

/**
 * sklift `uplift_at_k(strategy='overall')`: among the top ⌊k·n⌋ rows by score, mean outcome of the treated
 * minus mean outcome of the controls.
 */
export const skliftUpliftAtK = (d: UpliftData, k = 0.3): number => {
  const n = check(d);
  const order = Uint32Array.from(d.score.keys()).sort((a, b) => d.score[b]! - d.score[a]! || b - a);
  const top = Math.floor(n * k);
  let nt = 0;
  let yt = 0;
  let yc = 0;
  for (let r = 0; r < top; r++) {
    const i = order[r]!;
    nt += d.treatment[i]!;
    yt += d.treatment[i]! * d.outcome[i]!;
    yc += (1 - d.treatment[i]!) * d.outcome[i]!;
  }
  const nc = top - nt;
  return (nt ? yt / nt : NaN) - (nc ? yc / nc : NaN);
};
