import { badInput } from '../../errors.js';
import type { Rng } from '../../random.js';
import type { DiscoveryData } from './ci-tests.js';
import { correlationMatrix, mixedTest, partialCorrelation } from './ci-tests.js';
import type { Pdag } from './pc.js';
import { adjacent, directed, orientPdag, pcSkeleton } from './pc.js';

export type DiscoveredEdge = {
  from: string;
  to: string;
  directed: boolean;
  strength: number;
  ci_low: number;
  ci_high: number;
};

export type DiscoverOptions = {
  alpha?: number;
  /** Background knowledge: ordered tiers of column names (earlier tiers can cause later ones, never back). */
  tiers?: string[][];
  bootstrap?: number;
  maxDepth?: number;
  rng: Rng;
};

export type DiscoverResult = { edges: DiscoveredEdge[]; graph: Pdag; tests: number; names: string[] };

/**
 * Builds discovery data: a column with integer values only and at most `maxLevels` distinct values is
 * discrete (codes 0..k−1, tested with G²); any other column is continuous (Fisher-z).
 */
export const toDiscoveryData = (names: string[], cols: Float64Array[], maxLevels = 6): DiscoveryData => {
  const n = cols[0]?.length ?? 0;
  const discrete: boolean[] = [];
  const levels: number[] = [];
  const out = cols.map((c, j) => {
    for (let i = 0; i < n; i++)
      if (!Number.isFinite(c[i]!))
        throw badInput('--data', `column "${names[j]}" row ${i + 2} is blank or not a number`);
    const distinct = [...new Set(c)].sort((a, b) => a - b);
    const isDiscrete = distinct.length <= maxLevels && distinct.every(Number.isInteger);
    discrete.push(isDiscrete);
    levels.push(isDiscrete ? distinct.length : 0);
    if (!isDiscrete) return c;
    const code = new Map(distinct.map((v, k) => [v, k]));
    return Float64Array.from(c, (v) => code.get(v)!);
  });
  return { names, cols: out, n, discrete, levels };
};

const tierIndex = (names: string[], tiers?: string[][]): number[] => {
  const t = names.map(() => 0);
  if (!tiers) return t;
  const seen = new Set<string>();
  tiers.forEach((tier, k) =>
    tier.forEach((name) => {
      const j = names.indexOf(name);
      if (j < 0)
        throw badInput('--tiers', `column "${name}" of tier ${k + 1} is not among the analysed columns`);
      if (seen.has(name)) throw badInput('--tiers', `column "${name}" appears in two tiers`);
      seen.add(name);
      t[j] = k;
    }),
  );
  // Columns not listed in any tier are placed after the last tier: listed columns may cause them.
  names.forEach((name, j) => {
    if (!seen.has(name)) t[j] = tiers.length;
  });
  return t;
};

/** Parents of `to` in the PDAG (directed edges into it). */
const parentsOf = (G: Pdag, to: number): number[] => {
  const out: number[] = [];
  for (let a = 0; a < G.p; a++) if (a !== to && directed(G, a, to)) out.push(a);
  return out;
};

/**
 * Edge strength: the partial correlation of (from, to) given the other parents of `to` — for a linear
 * Gaussian model, the standardised direct association along the edge. Percentile bootstrap CI over rows.
 */
const strengths = (d: DiscoveryData, G: Pdag, pairs: Array<[number, number]>, B: number, rng: Rng) => {
  const p = d.cols.length;
  const conds = pairs.map(([a, b]) => parentsOf(G, b).filter((c) => c !== a));
  const point = correlationMatrix(d.cols, d.n);
  const est = pairs.map(([a, b], k) => partialCorrelation(point, p, a, b, conds[k]!));
  const boots = pairs.map(() => new Float64Array(B));
  const idx = new Uint32Array(d.n);
  for (let r = 0; r < B; r++) {
    for (let i = 0; i < d.n; i++) idx[i] = rng.int(d.n);
    const cols = d.cols.map((c) => Float64Array.from(idx, (i) => c[i]!));
    const corr = correlationMatrix(cols, d.n);
    pairs.forEach(([a, b], k) => (boots[k]![r] = partialCorrelation(corr, p, a, b, conds[k]!)));
  }
  return est.map((s, k) => {
    const sorted = boots[k]!.sort();
    const q = (u: number): number =>
      B ? sorted[Math.min(B - 1, Math.max(0, Math.round(u * (B - 1))))]! : NaN;
    return { strength: s, ci_low: q(0.025), ci_high: q(0.975) };
  });
};

/** PC-stable discovery with tiered background knowledge, orientation and bootstrap edge strengths. */
export const discover = (d: DiscoveryData, o: DiscoverOptions): DiscoverResult => {
  if (d.cols.length < 2) throw badInput('--columns', 'need at least two columns');
  if (d.n < 10) throw badInput('--data', 'need at least 10 rows');
  const tier = tierIndex(d.names, o.tiers);
  const sk = pcSkeleton(d.cols.length, mixedTest(d), o.alpha ?? 0.05, o.maxDepth ?? Infinity);
  const G = orientPdag(sk, tier);
  const pairs: Array<[number, number]> = [];
  for (let a = 0; a < G.p; a++) {
    for (let b = 0; b < G.p; b++) {
      if (a === b || !adjacent(G, a, b)) continue;
      if (directed(G, a, b) || (!directed(G, b, a) && a < b)) pairs.push([a, b]);
    }
  }
  const s = strengths(d, G, pairs, o.bootstrap ?? 200, o.rng);
  const edges = pairs.map(([a, b], k) => ({
    from: d.names[a]!,
    to: d.names[b]!,
    directed: directed(G, a, b),
    ...s[k]!,
  }));
  return { edges, graph: G, tests: sk.tests, names: d.names };
};
