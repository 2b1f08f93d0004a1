import type { CausalData } from './data.js';

export type BalanceRow = { covariate: string; smd_unweighted: number; smd_weighted: number };

export type Overlap = {
  /** Propensity range per arm (raw, before clipping). */
  treated: { min: number; max: number; mean: number };
  control: { min: number; max: number; mean: number };
  /** Share of rows whose raw propensity is outside [clip, 1 − clip]. */
  share_outside: number;
  clip: number;
  /** Kish effective sample sizes under ATE weights 1/e and 1/(1 − e). */
  ess_treated: number;
  ess_control: number;
  max_abs_smd_weighted: number;
  ok: boolean;
  reason: string | null;
};

const weightedMeanVar = (v: number[], w: number[]): { m: number; s2: number } => {
  let sw = 0;
  let sw2 = 0;
  let m = 0;
  for (let i = 0; i < v.length; i++) {
    sw += w[i]!;
    sw2 += w[i]! * w[i]!;
    m += w[i]! * v[i]!;
  }
  m /= sw;
  let ss = 0;
  for (let i = 0; i < v.length; i++) ss += w[i]! * (v[i]! - m) ** 2;
  // Unbiased weighted variance (Austin & Stuart 2015): Σw/((Σw)² − Σw²) · Σw(x − m)².
  const den = sw * sw - sw2;
  return { m, s2: den > 0 ? (sw / den) * ss : 0 };
};

/**
 * Balance table: standardised mean difference (m₁ − m₀)/√((s₁² + s₀²)/2) of every covariate, unweighted and
 * under inverse-propensity (ATE) weights (Austin & Stuart 2015). |SMD| < 0.1 is the usual balance target.
 */
export const balanceTable = (d: CausalData, e: Float64Array): BalanceRow[] =>
  d.names.map((name, j) => {
    const v1: number[] = [];
    const v0: number[] = [];
    const w1: number[] = [];
    const w0: number[] = [];
    for (let i = 0; i < d.n; i++) {
      const v = d.x[i * d.p + j]!;
      if (d.t[i] === 1) {
        v1.push(v);
        w1.push(1 / e[i]!);
      } else {
        v0.push(v);
        w0.push(1 / (1 - e[i]!));
      }
    }
    const smd = (a: { m: number; s2: number }, b: { m: number; s2: number }): number => {
      const s = Math.sqrt((a.s2 + b.s2) / 2);
      return s > 0 ? (a.m - b.m) / s : 0;
    };
    const ones1 = v1.map(() => 1);
    const ones0 = v0.map(() => 1);
    return {
      covariate: name,
      smd_unweighted: smd(weightedMeanVar(v1, ones1), weightedMeanVar(v0, ones0)),
      smd_weighted: smd(weightedMeanVar(v1, w1), weightedMeanVar(v0, w0)),
    };
  });

const kish = (w: number[]): number => {
  const s = w.reduce((a, b) => a + b, 0);
  const s2 = w.reduce((a, b) => a + b * b, 0);
  return s2 > 0 ? (s * s) / s2 : 0;
};

/**
 * Overlap (positivity) diagnostics from raw propensities. Evidence is declared insufficient when more than
 * `maxOutside` of the rows have e outside [clip, 1 − clip] (effects there rest on extrapolation), when an
 * arm's effective sample size under ATE weights falls below `minEss`, or when an arm has < 10 rows.
 */
export const overlapDiagnostics = (
  d: CausalData,
  eRaw: Float64Array,
  eClipped: Float64Array,
  clip: number,
  opts: { maxOutside?: number; minEss?: number } = {},
): { overlap: Overlap; balance: BalanceRow[] } => {
  const stats = (arm: number) => {
    let min = Infinity;
    let max = -Infinity;
    let sum = 0;
    let k = 0;
    for (let i = 0; i < d.n; i++) {
      if (d.t[i] !== arm) continue;
      min = Math.min(min, eRaw[i]!);
      max = Math.max(max, eRaw[i]!);
      sum += eRaw[i]!;
      k++;
    }
    return { min, max, mean: k ? sum / k : NaN, k };
  };
  const s1 = stats(1);
  const s0 = stats(0);
  let outside = 0;
  const w1: number[] = [];
  const w0: number[] = [];
  for (let i = 0; i < d.n; i++) {
    if (eRaw[i]! < clip || eRaw[i]! > 1 - clip) outside++;
    if (d.t[i] === 1) w1.push(1 / eClipped[i]!);
    else w0.push(1 / (1 - eClipped[i]!));
  }
  const balance = balanceTable(d, eClipped);
  const maxOutside = opts.maxOutside ?? 0.1;
  const minEss = opts.minEss ?? 10;
  const essT = kish(w1);
  const essC = kish(w0);
  let reason: string | null = null;
  if (s1.k < 10 || s0.k < 10)
    reason = `too few rows in an arm (treated ${s1.k}, control ${s0.k}; need ≥ 10 each)`;
  else if (outside / d.n > maxOutside)
    reason = `${((100 * outside) / d.n).toFixed(1)}% of rows have a propensity outside [${clip}, ${1 - clip}] (limit ${100 * maxOutside}%)`;
  else if (essT < minEss || essC < minEss)
    reason = `effective sample size after weighting is too small (treated ${essT.toFixed(1)}, control ${essC.toFixed(1)})`;
  const overlap: Overlap = {
    treated: { min: s1.min, max: s1.max, mean: s1.mean },
    control: { min: s0.min, max: s0.max, mean: s0.mean },
    share_outside: outside / d.n,
    clip,
    ess_treated: essT,
    ess_control: essC,
    max_abs_smd_weighted: Math.max(0, ...balance.map((b) => Math.abs(b.smd_weighted))),
    ok: reason === null,
    reason,
  };
  return { overlap, balance };
};
