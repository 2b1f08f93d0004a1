import { estimateEffect } from '../causal/effects/estimate.js';
import { AppError } from '../errors.js';
import { createRng } from '../random.js';
import type { InsightDataset } from './dataset.js';
import { column, decidedRows, subsetDataset } from './dataset.js';
import { factorByKey } from './factors.js';
import type { InsightIntervention } from './intervention.js';
import { applyOp, parseInsightIntervention, satisfies } from './intervention.js';
import type { NuisanceOptions } from './nuisance.js';
import { binaryNuisances, potentialOutcomeScores } from './nuisance.js';
import { causalDataFor, customerClusters } from './plan.js';

export type WhatIfOptions = NuisanceOptions & { bootstrap?: number };

export type InsightWhatIf = {
  intervention: string;
  baseline: number;
  intervened: number;
  effect: number;
  ci_low: number;
  ci_high: number;
  n: number;
  n_affected: number;
  method: 'doubly-robust' | 'dml-linear';
};

const percentile = (v: Float64Array, q: number): number => {
  const s = Float64Array.from(v).sort();
  return s[Math.min(s.length - 1, Math.max(0, Math.round(q * (s.length - 1))))]!;
};

const mean = (v: ArrayLike<number>): number => {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i]!;
  return v.length ? s / v.length : 0;
};

/**
 * Resampling units of a cluster bootstrap: the rows of each cluster (a customer's decisions are resampled
 * together, since they are not independent); every row its own unit when no cluster repeats.
 */
const resamplingUnits = (clusters: Int32Array): number[][] => {
  const units = new Map<number, number[]>();
  clusters.forEach((g, i) => {
    const u = units.get(g);
    if (u) u.push(i);
    else units.set(g, [i]);
  });
  return [...units.values()];
};

/**
 * Seeded bootstrap replicates of Σᵢ vᵢ / n over resampled clusters: per replicate, the sum over the drawn clusters
 * of their rows' values and the number of rows drawn (which varies when clusters differ in size).
 */
const clusterSums = (
  v: Float64Array,
  units: number[][],
  rng: ReturnType<typeof createRng>,
): { sum: number; rows: number } => {
  let sum = 0;
  let rows = 0;
  for (let k = 0; k < units.length; k++) {
    const u = units[rng.int(units.length)]!;
    for (const i of u) sum += v[i]!;
    rows += u.length;
  }
  return { sum, rows };
};

/** Percentile cluster bootstrap of a mean over rows (seeded). */
const bootstrapMean = (v: Float64Array, units: number[][], b: number, seed: number): [number, number] => {
  const rng = createRng(seed);
  const out = new Float64Array(b);
  for (let k = 0; k < b; k++) {
    const r = clusterSums(v, units, rng);
    out[k] = r.sum / r.rows;
  }
  return [percentile(out, 0.025), percentile(out, 0.975)];
};

const affectedRows = (d: InsightDataset, iv: InsightIntervention): boolean[] => {
  const w = iv.where;
  if (!w) return Array.from({ length: d.n }, () => true);
  const c = column(d, w.factor);
  return Array.from({ length: d.n }, (_, i) => satisfies(c[i]!, w.cmp, w.value));
};

/** A 0/1 factor set for the affected rows: the mean change of the doubly robust potential-outcome scores. */
const binaryWhatIf = (d: InsightDataset, iv: InsightIntervention, hit: boolean[], o: WhatIfOptions) => {
  const cd = causalDataFor(d, iv.factor);
  const nu = binaryNuisances(cd, o);
  const psi = potentialOutcomeScores(cd, nu, iv.value === 1 ? 1 : 0);
  const delta = Float64Array.from({ length: d.n }, (_, i) => (hit[i] ? psi[i]! - d.y[i]! : 0));
  return { delta, method: 'doubly-robust' as const };
};

/**
 * A dose shifted or set for the affected rows: θ̂ (double ML, partially linear) times each row's change; the CI
 * is a bootstrap over customers with θ drawn from its normal sampling distribution (a parametric-by-rows bootstrap).
 */
const doseWhatIf = (d: InsightDataset, iv: InsightIntervention, hit: boolean[], o: WhatIfOptions) => {
  const r = estimateEffect(causalDataFor(d, iv.factor), {
    method: 'dml',
    seed: o.seed ?? 0,
    folds: o.folds ?? 5,
  });
  const c = column(d, iv.factor);
  const change = Float64Array.from({ length: d.n }, (_, i) => (hit[i] ? applyOp(iv, c[i]!) - c[i]! : 0));
  return { theta: r.ate, se: r.se, change };
};

/**
 * What-if simulation on a study's decided rows: baseline (observed rate), the simulated rate under the
 * intervention, their difference and a 95% bootstrap CI (resampling customers: a customer's decisions together). Causal under the study's assumptions (no unobserved
 * confounding given the factors, overlap).
 */
export const insightWhatIf = (all: InsightDataset, expr: string, o: WhatIfOptions = {}): InsightWhatIf => {
  const iv = parseInsightIntervention(expr);
  const d = subsetDataset(all, decidedRows(all));
  if (d.n < 20) throw new AppError('INSUFFICIENT_EVIDENCE', `only ${d.n} decided rows`);
  const hit = affectedRows(d, iv);
  const nAffected = hit.filter(Boolean).length;
  if (nAffected === 0)
    throw new AppError('BAD_INPUT', `intervene: the condition selects no rows`, { field: 'intervene' });
  const baseline = mean(d.y);
  const b = o.bootstrap ?? 1000;
  const seed = (o.seed ?? 0) + 104729;
  const units = resamplingUnits(
    customerClusters(
      d,
      Array.from({ length: d.n }, (_, i) => i),
    ),
  );
  if (factorByKey(iv.factor)!.kind === 'binary') {
    const { delta, method } = binaryWhatIf(d, iv, hit, o);
    const effect = mean(delta);
    const [lo, hi] = bootstrapMean(delta, units, b, seed);
    const out = { baseline, intervened: baseline + effect, effect, ci_low: lo, ci_high: hi };
    return { intervention: expr, ...out, n: d.n, n_affected: nAffected, method };
  }
  const { theta, se, change } = doseWhatIf(d, iv, hit, o);
  const rng = createRng(seed);
  const sims = new Float64Array(b);
  for (let k = 0; k < b; k++) {
    const r = clusterSums(change, units, rng);
    sims[k] = (theta + se * rng.normal()) * (r.sum / r.rows);
  }
  const effect = theta * mean(change);
  const out = { baseline, intervened: baseline + effect, effect };
  const ci = { ci_low: percentile(sims, 0.025), ci_high: percentile(sims, 0.975) };
  return { intervention: expr, ...out, ...ci, n: d.n, n_affected: nAffected, method: 'dml-linear' };
};
