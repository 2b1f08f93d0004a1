import { badInput } from '../errors.js';
import { normalCdf, normalQuantile } from '../experiment/distributions.js';
import { benjaminiHochberg } from '../experiment/multiple-testing.js';

/**
 * AIPL-style funnel analytics (Awareness → Interest → Purchase → Loyalty, or any ordered stages).
 * Input per customer and stage: the time the stage was reached (any number, e.g. a day index), −Infinity
 * for "reached, time unknown", or NaN for "not reached". A customer's stage is the HIGHEST stage reached
 * (a loyal customer has passed the earlier stages even when those events are missing).
 */
export type FunnelInput = {
  stages: string[];
  /** reached[k][i]: time customer i reached stage k, NaN when not reached. */
  reached: Float64Array[];
  /** Optional group label per customer (channel, segment, branch). */
  groups?: string[];
};

/** Wilson score interval for a binomial proportion (Wilson 1927): (p̂ + z²/2n ± z√(p̂(1−p̂)/n + z²/4n²))/(1 + z²/n). */
export const wilsonInterval = (successes: number, n: number, alpha = 0.05): [number, number] => {
  if (n <= 0) return [0, 1];
  const z = normalQuantile(1 - alpha / 2);
  const p = successes / n;
  const z2 = z * z;
  const centre = p + z2 / (2 * n);
  const half = z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  const den = 1 + z2 / n;
  return [Math.max(0, (centre - half) / den), Math.min(1, (centre + half) / den)];
};

/**
 * Two-proportion z test with pooled variance: z = (p₁ − p₂)/√(p̄(1−p̄)(1/n₁ + 1/n₂)); two-sided p-value.
 */
export const twoProportionTest = (
  x1: number,
  n1: number,
  x2: number,
  n2: number,
): { z: number; p: number } => {
  if (n1 === 0 || n2 === 0) return { z: 0, p: 1 };
  const pool = (x1 + x2) / (n1 + n2);
  const se = Math.sqrt(pool * (1 - pool) * (1 / n1 + 1 / n2));
  if (se === 0) return { z: 0, p: 1 };
  const z = (x1 / n1 - x2 / n2) / se;
  return { z, p: 2 * normalCdf(-Math.abs(z)) };
};

/** Highest stage index reached by each customer at time `asOf` (−1 = none); asOf undefined = ever. */
export const highestStage = (inp: FunnelInput, asOf?: number): Int32Array => {
  const n = inp.reached[0]?.length ?? 0;
  const out = new Int32Array(n).fill(-1);
  inp.reached.forEach((col, k) => {
    for (let i = 0; i < n; i++) {
      const t = col[i]!;
      if (!Number.isNaN(t) && (asOf === undefined || t <= asOf)) out[i] = k;
    }
  });
  return out;
};

export type StageSummary = {
  n: number;
  /** counts[k]: customers who reached at least stage k. */
  counts: number[];
  /** rates[0] = counts[0]/n; rates[k] = counts[k]/counts[k−1] (stage conversion). */
  rates: number[];
  ci: Array<[number, number]>;
};

const summarise = (stage: Int32Array, k: number, mask?: (i: number) => boolean): StageSummary => {
  const counts = new Array<number>(k).fill(0);
  let n = 0;
  for (let i = 0; i < stage.length; i++) {
    if (mask && !mask(i)) continue;
    n++;
    for (let s = 0; s <= stage[i]!; s++) counts[s]! += 1;
  }
  const rates = counts.map((c, s) => (s === 0 ? (n ? c / n : 0) : counts[s - 1]! ? c / counts[s - 1]! : 0));
  const ci = counts.map((c, s) => wilsonInterval(c, s === 0 ? n : counts[s - 1]!));
  return { n, counts, rates, ci };
};

export type BreakPoint = {
  step: string | null;
  from: string | null;
  group: string | null;
  rate: number | null;
  rest_rate: number | null;
  p_value: number | null;
  q_value: number | null;
};

export type FunnelResult = {
  stages: string[];
  overall: StageSummary;
  groups: Record<string, StageSummary>;
  break_point: BreakPoint;
  tests: Array<{
    step: string;
    group: string;
    rate: number;
    rest_rate: number;
    z: number;
    p_value: number;
    q_value: number;
  }>;
};

const validate = (inp: FunnelInput): void => {
  if (inp.stages.length < 2) throw badInput('--stages', 'give at least two ordered stages, e.g. a,i,p,l');
  if (inp.reached.length !== inp.stages.length) throw badInput('--stages', 'one column per stage is needed');
  const n = inp.reached[0]!.length;
  if (inp.groups && inp.groups.length !== n) throw badInput('--by', 'needs one group label per row');
};

/**
 * Funnel counts and stage conversion with Wilson CIs, overall and per group, and the break point: for
 * every step and group, the group's conversion is tested against all other customers with a two-proportion
 * z test; p-values are Benjamini–Hochberg corrected over all (step, group) pairs; the break point is the
 * significant (q < alpha) shortfall with the largest gap below the rest, or — without groups or without a
 * significant shortfall — the step with the lowest overall conversion (group null).
 */
export const analyzeFunnel = (inp: FunnelInput, alpha = 0.05): FunnelResult => {
  validate(inp);
  const k = inp.stages.length;
  const stage = highestStage(inp);
  const overall = summarise(stage, k);
  const groups: Record<string, StageSummary> = {};
  const labels = inp.groups ? [...new Set(inp.groups)].sort() : [];
  for (const g of labels) groups[g] = summarise(stage, k, (i) => inp.groups![i] === g);
  const raw: Array<{
    step: string;
    group: string;
    rate: number;
    rest_rate: number;
    z: number;
    p_value: number;
    s: number;
  }> = [];
  for (const g of labels) {
    const gs = groups[g]!;
    for (let s = 1; s < k; s++) {
      const x1 = gs.counts[s]!;
      const n1 = gs.counts[s - 1]!;
      const x2 = overall.counts[s]! - x1;
      const n2 = overall.counts[s - 1]! - n1;
      if (n1 === 0 || n2 === 0) continue;
      const t = twoProportionTest(x1, n1, x2, n2);
      raw.push({
        step: inp.stages[s]!,
        group: g,
        rate: x1 / n1,
        rest_rate: x2 / n2,
        z: t.z,
        p_value: t.p,
        s,
      });
    }
  }
  const q = benjaminiHochberg(raw.map((r) => r.p_value));
  const tests = raw.map((r, i) => ({
    step: r.step,
    group: r.group,
    rate: r.rate,
    rest_rate: r.rest_rate,
    z: r.z,
    p_value: r.p_value,
    q_value: q[i]!,
  }));
  let best = -1;
  tests.forEach((t, i) => {
    if (t.q_value < alpha && t.rate < t.rest_rate) {
      if (best < 0 || t.rest_rate - t.rate > tests[best]!.rest_rate - tests[best]!.rate) best = i;
    }
  });
  let breakPoint: BreakPoint;
  if (best >= 0) {
    const t = tests[best]!;
    breakPoint = {
      step: t.step,
      from: inp.stages[raw[best]!.s - 1]!,
      group: t.group,
      rate: t.rate,
      rest_rate: t.rest_rate,
      p_value: t.p_value,
      q_value: t.q_value,
    };
  } else {
    let s = 1;
    for (let j = 2; j < k; j++) if (overall.rates[j]! < overall.rates[s]!) s = j;
    breakPoint = {
      step: inp.stages[s]!,
      from: inp.stages[s - 1]!,
      group: null,
      rate: overall.rates[s]!,
      rest_rate: null,
      p_value: null,
      q_value: null,
    };
  }
  return { stages: inp.stages, overall, groups, break_point: breakPoint, tests };
};

/**
 * Flows between two dates: matrix[from + 1][to + 1] counts customers whose highest stage was `from` at
 * t1 and `to` at t2 (index 0 = no stage yet).
 */
export const funnelFlows = (
  inp: FunnelInput,
  t1: number,
  t2: number,
): { labels: string[]; matrix: number[][] } => {
  validate(inp);
  const a = highestStage(inp, t1);
  const b = highestStage(inp, t2);
  const k = inp.stages.length + 1;
  const matrix = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (let i = 0; i < a.length; i++) matrix[a[i]! + 1]![b[i]! + 1]! += 1;
  return { labels: ['(none)', ...inp.stages], matrix };
};
