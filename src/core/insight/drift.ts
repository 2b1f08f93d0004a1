/**
 * Periodic review of a study: how far each factor's distribution moved since the previous run (population
 * stability index) and which drivers changed (effects whose CIs no longer overlap or whose sign flipped,
 * importance ranks that moved). Pure: the server stores profiles and results and calls these.
 */

/** A factor's distribution as stored with a run: its own cut points and the counts in the bins they make. */
export type FactorProfile = {
  /** Ascending cut points c1 < … < cm; bins (−∞, c1], (c1, c2], …, (cm, ∞). */
  edges: number[];
  /** m + 1 counts, one per bin. */
  counts: number[];
  /** Values that are NaN (missing), a bin of their own. */
  missing: number;
  n: number;
};

/** Empty bins get this share so that the logarithm stays finite (the usual PSI convention). */
export const PSI_EPSILON = 1e-4;

/**
 * Rule-of-thumb reading of PSI (Siddiqi, Credit Risk Scorecards, 2006): < 0.1 stable, 0.1–0.25 a moderate shift,
 * ≥ 0.25 a major shift. Taken from the literature, not tuned on any data here.
 */
export const PSI_MODERATE = 0.1;
export const PSI_MAJOR = 0.25;

/** Inverse-CDF (type-1) quantile of ascending values: always a value of the data, so a 0/1 factor cuts at 0 and 1. */
const quantile = (sorted: readonly number[], q: number): number =>
  sorted[Math.max(0, Math.ceil(sorted.length * q) - 1)]!;

/** The bin of a value for cut points `edges`: the first i with v ≤ edges[i], else edges.length. */
export const binOf = (edges: readonly number[], v: number): number => {
  let lo = 0;
  let hi = edges.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (v <= edges[mid]!) hi = mid;
    else lo = mid + 1;
  }
  return lo;
};

/** Counts of `values` in the bins of `edges` (NaN counted apart as missing). */
export const binCounts = (
  edges: readonly number[],
  values: ArrayLike<number>,
): { counts: number[]; missing: number } => {
  const counts = new Array<number>(edges.length + 1).fill(0);
  let missing = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (Number.isNaN(v)) missing++;
    else counts[binOf(edges, v)]! += 1;
  }
  return { counts, missing };
};

/**
 * A factor's profile: cut points at the deciles of its own values (duplicates dropped, so a 0/1 factor gets the
 * bins ≤ 0, (0, 1], > 1) and the counts in those bins.
 */
export const factorProfile = (values: ArrayLike<number>, bins = 10): FactorProfile => {
  const finite: number[] = [];
  for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i]!)) finite.push(values[i]!);
  finite.sort((a, b) => a - b);
  const edges: number[] = [];
  if (finite.length > 0)
    for (let k = 1; k < bins; k++) {
      const q = quantile(finite, k / bins);
      if (edges.length === 0 || q > edges[edges.length - 1]!) edges.push(q);
    }
  return { edges, ...binCounts(edges, values), n: values.length };
};

/**
 * Population stability index of `actual` counts against `expected` counts over the same bins:
 * PSI = Σᵢ (aᵢ − eᵢ) · ln(aᵢ / eᵢ), with aᵢ, eᵢ the shares of each bin (an empty bin counts as PSI_EPSILON).
 * Symmetric in its arguments, 0 for identical shares. Reference: Yurdakul, "Statistical properties of the
 * population stability index" (2018).
 */
export const psi = (expected: readonly number[], actual: readonly number[]): number => {
  if (expected.length !== actual.length) throw new Error('psi: the two histograms need the same bins');
  const te = expected.reduce((s, v) => s + v, 0);
  const ta = actual.reduce((s, v) => s + v, 0);
  if (te === 0 || ta === 0) return Number.NaN;
  let sum = 0;
  for (let i = 0; i < expected.length; i++) {
    if (expected[i] === 0 && actual[i] === 0) continue;
    const e = Math.max(expected[i]! / te, PSI_EPSILON);
    const a = Math.max(actual[i]! / ta, PSI_EPSILON);
    sum += (a - e) * Math.log(a / e);
  }
  return sum;
};

/** PSI of new values against a stored profile, on the profile's bins (missing values as one more bin). */
export const psiAgainst = (previous: FactorProfile, values: ArrayLike<number>): number => {
  const now = binCounts(previous.edges, values);
  return psi([...previous.counts, previous.missing], [...now.counts, now.missing]);
};

export type FactorDrift = {
  factor: string;
  psi: number;
  level: 'stable' | 'moderate' | 'major';
};

export const driftLevel = (v: number): FactorDrift['level'] =>
  v >= PSI_MAJOR ? 'major' : v >= PSI_MODERATE ? 'moderate' : 'stable';

/** PSI of every factor present in both the previous profiles and the new columns, largest first. */
export const factorDrift = (
  previous: Readonly<Record<string, FactorProfile>>,
  columns: ReadonlyArray<{ factor: string; values: ArrayLike<number> }>,
): FactorDrift[] =>
  columns
    .filter((c) => previous[c.factor] !== undefined)
    .map((c) => {
      const v = psiAgainst(previous[c.factor]!, c.values);
      return { factor: c.factor, psi: v, level: driftLevel(v) };
    })
    .sort((a, b) => (Number.isNaN(b.psi) ? -1 : b.psi - a.psi));

/** The part of a study's effect the comparison reads. */
export type EffectSnapshot = {
  factor: string;
  status: string;
  ate: number | null;
  ci_low: number | null;
  ci_high: number | null;
};

export type DriverChange = {
  factor: string;
  kind: 'ci_no_overlap' | 'sign_change' | 'status_change' | 'rank_change';
  before: Record<string, unknown>;
  after: Record<string, unknown>;
};

const excludesZero = (e: EffectSnapshot): boolean =>
  e.ci_low !== null && e.ci_high !== null && (e.ci_low > 0 || e.ci_high < 0);

/**
 * Effects that changed between two runs: the status (estimated ↔ insufficient evidence), the sign of the
 * estimate when at least one of the two CIs excludes 0 (a flip between two estimates both compatible with 0 is
 * noise, not news), and CIs that no longer overlap.
 */
export const effectChanges = (
  before: readonly EffectSnapshot[],
  after: readonly EffectSnapshot[],
): DriverChange[] => {
  const out: DriverChange[] = [];
  for (const a of after) {
    const b = before.find((x) => x.factor === a.factor);
    if (b === undefined) continue;
    const snap = (e: EffectSnapshot) => ({
      status: e.status,
      ate: e.ate,
      ci_low: e.ci_low,
      ci_high: e.ci_high,
    });
    if (a.status !== b.status) {
      out.push({ factor: a.factor, kind: 'status_change', before: snap(b), after: snap(a) });
      continue;
    }
    if (a.ate === null || b.ate === null) continue;
    if (Math.sign(a.ate) !== Math.sign(b.ate) && (excludesZero(a) || excludesZero(b)))
      out.push({ factor: a.factor, kind: 'sign_change', before: snap(b), after: snap(a) });
    else if (
      a.ci_low !== null &&
      a.ci_high !== null &&
      b.ci_low !== null &&
      b.ci_high !== null &&
      (a.ci_low > b.ci_high || a.ci_high < b.ci_low)
    )
      out.push({ factor: a.factor, kind: 'ci_no_overlap', before: snap(b), after: snap(a) });
  }
  return out;
};

/**
 * Importance ranks that moved: a factor in the top `top` of either run whose rank (1 = most important) changed by
 * at least `minMove` places. Predictive importance, not causal.
 */
export const rankChanges = (
  before: ReadonlyArray<{ factor: string }>,
  after: ReadonlyArray<{ factor: string }>,
  top = 5,
  minMove = 3,
): DriverChange[] => {
  const rank = (list: ReadonlyArray<{ factor: string }>) =>
    new Map(list.map((x, i) => [x.factor, i + 1] as const));
  const rb = rank(before);
  const ra = rank(after);
  const out: DriverChange[] = [];
  for (const [factor, r1] of ra) {
    const r0 = rb.get(factor);
    if (r0 === undefined) continue;
    if ((r0 <= top || r1 <= top) && Math.abs(r1 - r0) >= minMove)
      out.push({ factor, kind: 'rank_change', before: { rank: r0 }, after: { rank: r1 } });
  }
  return out;
};
