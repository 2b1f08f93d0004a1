import { regressionAdjustment } from '../causal/effects/basic.js';
import { estimateEffect } from '../causal/effects/estimate.js';
import type { JobRunner } from '../causal/effects/nuisance.js';
import type { EValue, Refutations } from '../causal/effects/refute.js';
import { discover, toDiscoveryData } from '../causal/discovery/discover.js';
import type { DiscoveredEdge } from '../causal/discovery/discover.js';
import { AppError } from '../errors.js';
import { meanAbsShap, trainGbdt, treeShap } from '../ml/index.js';
import { createRng } from '../random.js';
import type { InsightDataset } from './dataset.js';
import { decidedRows, designMatrix, subsetDataset } from './dataset.js';
import { factorByKey, treatmentKeys } from './factors.js';
import { causalDataFor, graphTiers, methodFor } from './plan.js';

export type StudyOptions = {
  seed?: number;
  folds?: number;
  /** Refutation simulations per refuter (0 = no refutations). */
  refuteSimulations?: number;
  treatments?: readonly string[];
  /** Bootstrap resamples for the factor graph's edge strengths. */
  graphBootstrap?: number;
  runner?: JobRunner;
  /** Also estimate each effect with the latent demo columns added (the oracle comparison; demo data only). */
  oracle?: boolean;
};

export type Interval = { estimate: number; ci_low: number; ci_high: number };

/** One actionable factor's effect; `status` insufficient_evidence carries a reason instead of numbers. */
export type FactorEffect = {
  factor: string;
  method: 'aipw' | 'dml';
  status: 'estimated' | 'insufficient_evidence';
  ate: number | null;
  se: number | null;
  ci_low: number | null;
  ci_high: number | null;
  /** Per unit of the factor for doses (one session a month; 100 yuan of price; a discount of 1.0). */
  unit: string;
  /** What the estimate estimates, in words (ESTIMAND; docs/insight.md "Estimands and intervals"). */
  estimand: string;
  naive: Interval;
  e_value: EValue | null;
  refutations: Refutations | null;
  reason: string | null;
  n: number;
  /** The same estimate adjusting for the latent columns too (demo oracle; null when not asked or unavailable). */
  oracle: Interval | null;
};

/** An edge of the study's factor graph: the discovery module's edge (strength with its interval). */
export type GraphEdge = DiscoveredEdge;

export type StudyResult = {
  n: number;
  outcome_rate: number;
  effects: FactorEffect[];
  importance: Array<{ factor: string; mean_abs_shap: number }>;
  importance_note: string;
  graph: { edges: GraphEdge[]; tiers: string[][] };
};

export type Progress = (fraction: number, stage: string) => void;

const UNIT: Readonly<Record<string, string>> = {
  sessions_per_month: '+1 session a month',
  price: '+100 yuan list price',
  renewal_discount: 'discount 0 → 100% (scale by the rate)',
};

/**
 * The estimand of each method, over the study's decided rows (one per decision; a customer's decisions are one
 * cluster for folds and CIs). The demo's planted truths (src/demo/truths.ts) are the same sample averages, of the
 * planted probabilities. The CI is the influence-function interval of the population version, which also covers the
 * sample average (conservatively: it includes the spread of the per-row effects).
 */
export const ESTIMAND: Readonly<Record<'aipw' | 'dml', string>> = {
  aipw: 'ATE: mean over the decisions of P(outcome | do(factor = 1)) − P(outcome | do(factor = 0)), all decisions (not only the treated)',
  dml: 'average change of P(outcome) per unit of the factor, each decision weighted by the variance of the factor left unexplained by the confounders (partially linear double ML); the ATE per unit when the effect is the same for everyone, 0 when the factor has no effect',
};

/** The unadjusted association: OLS of y on [1, t] (for a 0/1 factor: the difference in rates). */
export const naiveEffect = (d: InsightDataset, factor: string): Interval => {
  const j = d.names.indexOf(factor);
  const r = regressionAdjustment({ x: new Float64Array(0), n: d.n, p: 0, t: d.cols[j]!, y: d.y, names: [] });
  return { estimate: r.ate, ci_low: r.ci_low, ci_high: r.ci_high };
};

/** The effect with engagement and price sensitivity added to the adjustment set (what no bank observes). */
const oracleEffect = (d: InsightDataset, factor: string, o: StudyOptions): Interval | null => {
  if (!d.oracle) return null;
  const base = causalDataFor(d, factor);
  const p = base.p + 2;
  const x = new Float64Array(d.n * p);
  for (let i = 0; i < d.n; i++) {
    x.set(base.x.subarray(i * base.p, (i + 1) * base.p), i * p);
    x[i * p + base.p] = d.oracle.engagement[i]!;
    x[i * p + base.p + 1] = d.oracle.price_sensitivity[i]!;
  }
  try {
    const r = estimateEffect(
      { ...base, x, p, names: [...base.names, 'engagement', 'price_sensitivity'] },
      {
        method: methodFor(factor),
        seed: o.seed ?? 0,
        folds: o.folds ?? 5,
        ...(o.runner ? { runner: o.runner } : {}),
      },
    );
    return { estimate: r.ate, ci_low: r.ci_low, ci_high: r.ci_high };
  } catch (e) {
    if (e instanceof AppError && e.code === 'INSUFFICIENT_EVIDENCE') return null;
    throw e;
  }
};

/** Estimates one factor's effect, turning an overlap failure into "insufficient evidence". */
export const factorEffect = (d: InsightDataset, factor: string, o: StudyOptions = {}): FactorEffect => {
  const method = methodFor(factor);
  const base = {
    factor,
    method,
    unit: UNIT[factor] ?? '0 → 1',
    estimand: ESTIMAND[method],
    naive: naiveEffect(d, factor),
    n: d.n,
    oracle: o.oracle ? oracleEffect(d, factor, o) : null,
  };
  try {
    const r = estimateEffect(causalDataFor(d, factor), {
      method,
      seed: o.seed ?? 0,
      folds: o.folds ?? 5,
      refute: (o.refuteSimulations ?? 0) > 0,
      refuteSimulations: Math.max(1, o.refuteSimulations ?? 1),
      ...(o.runner ? { runner: o.runner } : {}),
    });
    return {
      ...base,
      status: 'estimated',
      ate: r.ate,
      se: r.se,
      ci_low: r.ci_low,
      ci_high: r.ci_high,
      e_value: r.e_value,
      refutations: r.refutations ?? null,
      reason: null,
    };
  } catch (e) {
    if (!(e instanceof AppError) || e.code !== 'INSUFFICIENT_EVIDENCE') throw e;
    return {
      ...base,
      status: 'insufficient_evidence',
      ate: null,
      se: null,
      ci_low: null,
      ci_high: null,
      e_value: null,
      refutations: null,
      reason: e.message,
    };
  }
};

/** Predictive importance: mean |TreeSHAP| of a GBDT of the outcome on every factor (NOT causal). */
export const predictiveImportance = (d: InsightDataset, seed = 0): StudyResult['importance'] => {
  const p = d.names.length;
  const x = designMatrix(d, d.names);
  const model = importanceModel(d, x, seed);
  const imp = meanAbsShap(treeShap(model, x, d.n), d.n, p);
  return d.names
    .map((factor, j) => ({ factor, mean_abs_shap: imp[j]! }))
    .sort((a, b) => b.mean_abs_shap - a.mean_abs_shap);
};

/** The GBDT behind the predictive importance (and each customer's SHAP waterfall): outcome on every factor. */
export const importanceModel = (d: InsightDataset, x: Float64Array, seed = 0) =>
  trainGbdt(x, d.n, d.names.length, d.y, {
    params: {
      objective: 'binary',
      numRounds: 150,
      learningRate: 0.05,
      numLeaves: 8,
      minDataInLeaf: 20,
      seed,
    },
  });

/** The factor graph: PC-stable with tiers (traits → behaviour → treatments → outcome) and edge strengths. */
export const factorGraph = (
  d: InsightDataset,
  outcome: string,
  seed = 0,
  bootstrap = 50,
): StudyResult['graph'] => {
  const names = [...d.names, outcome];
  const dd = toDiscoveryData(names, [...d.cols, d.y]);
  const tiers = graphTiers(outcome);
  const r = discover(dd, { alpha: 0.01, tiers, bootstrap, maxDepth: 2, rng: createRng(seed) });
  return { edges: r.edges, tiers };
};

/**
 * Runs a study on a decision dataset: the causal effect of every actionable factor (adjusted for the observable
 * confounders, with naive differences, E-values and refutations), predictive importance and the factor graph.
 * Rows without an outcome are left out. Pure and seeded: the same data and options give the same result.
 */
export const runStudy = (
  all: InsightDataset,
  outcome: string,
  o: StudyOptions = {},
  progress: Progress = () => undefined,
): StudyResult => {
  const d = subsetDataset(all, decidedRows(all));
  if (d.n < 20)
    throw new AppError('INSUFFICIENT_EVIDENCE', `only ${d.n} decided rows; a study needs at least 20`);
  const treatments = o.treatments ?? treatmentKeys();
  for (const t of treatments)
    if (!factorByKey(t)?.actionable)
      throw new AppError('BAD_INPUT', `treatments: "${t}" is not an actionable factor`);
  const steps = treatments.length + 2;
  const effects: FactorEffect[] = [];
  treatments.forEach((t, k) => {
    progress(k / steps, `effect:${t}`);
    effects.push(factorEffect(d, t, o));
  });
  progress(treatments.length / steps, 'importance');
  const importance = predictiveImportance(d, o.seed ?? 0);
  progress((treatments.length + 1) / steps, 'graph');
  const graph = factorGraph(d, outcome, o.seed ?? 0, o.graphBootstrap ?? 50);
  progress(1, 'done');
  return {
    n: d.n,
    outcome_rate: d.y.reduce((s, v) => s + v, 0) / d.n,
    effects,
    importance,
    importance_note: 'predictive importance (TreeSHAP), not causal',
    graph,
  };
};
