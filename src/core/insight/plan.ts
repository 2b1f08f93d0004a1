import type { CausalData } from '../causal/effects/data.js';
import type { InsightDataset } from './dataset.js';
import { designMatrix } from './dataset.js';
import { FACTORS, factorByKey } from './factors.js';

/**
 * Study plans: which columns adjust for which treatment. The adjustment set of a treatment is every other factor
 * except its descendants and its aliases (a treatment's own re-expression would remove all its variation):
 * the number of live streams watched is partly caused by attending a large one; list price is the price factor
 * in yuan. Other treatments stay in the set: in the 人/货/场 model no treatment causes another, and they carry
 * information about the unobserved engagement that confounds all of them.
 */
const EXCLUDE: Readonly<Record<string, readonly string[]>> = {
  livestream_audience_2000: ['livestream_views'],
  price: ['list_price_yuan'],
};

/** The covariates a study adjusts for when estimating the effect of `treatment`. */
export const adjustmentSet = (
  treatment: string,
  names: readonly string[] = FACTORS.map((f) => f.key),
): string[] => {
  const skip = new Set([treatment, ...(EXCLUDE[treatment] ?? [])]);
  return names.filter((k) => !skip.has(k));
};

/** Each row's customer as a dense cluster label (0, 1, …): a customer's decisions are one cluster. */
export const customerClusters = (d: InsightDataset, rows: readonly number[]): Int32Array => {
  const label = new Map<number, number>();
  return Int32Array.from(rows, (i) => {
    const c = d.customerIds[i]!;
    let g = label.get(c);
    if (g === undefined) label.set(c, (g = label.size));
    return g;
  });
};

/**
 * Effect-estimation data for one treatment over some rows (default: all). Rows are clustered by customer: a
 * customer's decisions share a cross-fitting fold and the standard errors are cluster-robust.
 */
export const causalDataFor = (d: InsightDataset, treatment: string, rows?: readonly number[]): CausalData => {
  const names = adjustmentSet(treatment, d.names);
  const r = rows ?? Array.from({ length: d.n }, (_, i) => i);
  const j = d.names.indexOf(treatment);
  return {
    x: designMatrix(d, names, r),
    n: r.length,
    p: names.length,
    t: Float64Array.from(r, (i) => d.cols[j]![i]!),
    y: Float64Array.from(r, (i) => d.y[i]!),
    names,
    clusters: customerClusters(d, r),
  };
};

/** Estimation method of a treatment: AIPW for 0/1 levers, double ML (partially linear) for doses. */
export const methodFor = (treatment: string): 'aipw' | 'dml' =>
  factorByKey(treatment)?.kind === 'binary' ? 'aipw' : 'dml';

/** Tiers for discovery: traits → behaviour → treatments → outcome. */
export const graphTiers = (outcome: string): string[][] => [
  FACTORS.filter((f) => f.tier === 'trait').map((f) => f.key),
  FACTORS.filter((f) => f.tier === 'behaviour').map((f) => f.key),
  FACTORS.filter((f) => f.tier === 'treatment').map((f) => f.key),
  [outcome],
];
