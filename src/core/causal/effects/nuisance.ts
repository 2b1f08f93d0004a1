import type { GbdtParams } from '../../ml/gbdt.js';
import type { ClassifierFactory, RegressorFactory } from '../../ml/index.js';
import type { Rng } from '../../random.js';
import type { CausalData } from './data.js';
import { foldLabels, subsetRows } from './data.js';
import type { LearnerKind } from './learners.js';
import { outcomeLearner, propensityLearner } from './learners.js';

/** A serialisable description of a learner (so that fits can run on worker threads). */
export type LearnerSpec = { kind: LearnerKind; params: Partial<GbdtParams> };

/** One nuisance fit: train on (x, y), predict xTest; `classify` returns probabilities. */
export type FitJob = {
  task: 'classify' | 'regress';
  learner: LearnerSpec;
  x: Float64Array;
  n: number;
  p: number;
  y: Float64Array;
  xTest: Float64Array;
  nTest: number;
};

/** Runs fit jobs and returns their predictions in order (in process, or on a pool of worker threads). */
export type JobRunner = (jobs: FitJob[]) => Float64Array[];

/** Runs one fit job in this thread. */
export const runFitJob = (j: FitJob): Float64Array => {
  if (j.task === 'classify') {
    const c = propensityLearner(j.learner.kind, j.learner.params)();
    c.fit(j.x, j.n, j.p, j.y);
    return c.predictProba(j.xTest, j.nTest);
  }
  const r = outcomeLearner(j.learner.kind, j.learner.params)();
  r.fit(j.x, j.n, j.p, j.y);
  return r.predict(j.xTest, j.nTest);
};

/** How nuisance functions are learned: learner factories, K folds (1 = fit and predict in sample), clipping. */
export type NuisanceSpec = {
  outcome: RegressorFactory;
  propensity: ClassifierFactory;
  folds: number;
  /** Propensities are clipped into [clip, 1 − clip]. */
  clip: number;
  rng: Rng;
  /** When set, the fold fits are described as jobs and handed to `runner` (e.g. a worker-thread pool). */
  parallel?: { runner: JobRunner; outcome: LearnerSpec; propensity: LearnerSpec };
};

/** Cross-fitted nuisances: ê(x), μ̂₀(x), μ̂₁(x), m̂(x) = E[Y|X], each predicted out of fold. */
export type Nuisances = {
  e: Float64Array;
  /** Propensities before clipping (for overlap diagnostics). */
  eRaw: Float64Array;
  mu0: Float64Array;
  mu1: Float64Array;
  m: Float64Array;
  folds: Int32Array;
  /** Share of rows whose raw propensity fell outside [clip, 1 − clip]. */
  clippedShare: number;
};

const rowsWhere = (n: number, pred: (i: number) => boolean): number[] => {
  const out: number[] = [];
  for (let i = 0; i < n; i++) if (pred(i)) out.push(i);
  return out;
};

const scatter = (target: Float64Array, rows: number[], values: Float64Array): void => {
  rows.forEach((i, k) => (target[i] = values[k]!));
};

/**
 * K-fold cross-fitting (Chernozhukov et al. 2018): for each fold, learners are fitted on the other folds and
 * predict the held-out rows, so that every row's nuisance values come from models that never saw it.
 * With folds = 1 the learners are fitted on all rows (in-sample, as classical IPW/matching do).
 */
export const fitNuisances = (
  d: CausalData,
  spec: NuisanceSpec,
  need: { outcome: boolean; m?: boolean },
): Nuisances => {
  const k = Math.max(1, Math.floor(spec.folds));
  const folds = k > 1 ? foldLabels(d.t, k, spec.rng, d.clusters) : new Int32Array(d.n);
  const e = new Float64Array(d.n);
  const mu0 = new Float64Array(d.n);
  const mu1 = new Float64Array(d.n);
  const m = new Float64Array(d.n);
  if (spec.parallel) fitAsJobs(d, spec, need, k, folds, { e, mu0, mu1, m });
  for (let f = 0; f < (spec.parallel ? 0 : k); f++) {
    const test = k > 1 ? rowsWhere(d.n, (i) => folds[i] === f) : rowsWhere(d.n, () => true);
    const train = k > 1 ? rowsWhere(d.n, (i) => folds[i] !== f) : test;
    const tr = subsetRows(d, train);
    const te = subsetRows(d, test);
    const prop = spec.propensity();
    prop.fit(tr.x, tr.n, tr.p, tr.t);
    scatter(e, test, prop.predictProba(te.x, te.n));
    if (need.outcome) {
      for (const arm of [0, 1] as const) {
        const rows = rowsWhere(tr.n, (i) => tr.t[i] === arm);
        const sub = subsetRows(tr, rows);
        const reg = spec.outcome();
        reg.fit(sub.x, sub.n, sub.p, sub.y);
        scatter(arm === 0 ? mu0 : mu1, test, reg.predict(te.x, te.n));
      }
    }
    if (need.m) {
      const reg = spec.outcome();
      reg.fit(tr.x, tr.n, tr.p, tr.y);
      scatter(m, test, reg.predict(te.x, te.n));
    }
  }
  const eRaw = e.slice();
  let clipped = 0;
  for (let i = 0; i < d.n; i++) {
    const v = e[i]!;
    if (v < spec.clip || v > 1 - spec.clip) clipped++;
    e[i] = Math.min(1 - spec.clip, Math.max(spec.clip, v));
  }
  return { e, eRaw, mu0, mu1, m, folds, clippedShare: clipped / d.n };
};

type Targets = { e: Float64Array; mu0: Float64Array; mu1: Float64Array; m: Float64Array };

/** The same cross-fitting as fitNuisances, expressed as independent jobs run by `spec.parallel.runner`. */
const fitAsJobs = (
  d: CausalData,
  spec: NuisanceSpec,
  need: { outcome: boolean; m?: boolean },
  k: number,
  folds: Int32Array,
  out: Targets,
): void => {
  const par = spec.parallel!;
  const jobs: FitJob[] = [];
  const sinks: Array<{ target: Float64Array; rows: number[] }> = [];
  for (let f = 0; f < k; f++) {
    const test = k > 1 ? rowsWhere(d.n, (i) => folds[i] === f) : rowsWhere(d.n, () => true);
    const train = k > 1 ? rowsWhere(d.n, (i) => folds[i] !== f) : test;
    const tr = subsetRows(d, train);
    const te = subsetRows(d, test);
    const job = (task: FitJob['task'], learner: LearnerSpec, src: CausalData, y: Float64Array): FitJob => ({
      task,
      learner,
      x: src.x,
      n: src.n,
      p: src.p,
      y,
      xTest: te.x,
      nTest: te.n,
    });
    jobs.push(job('classify', par.propensity, tr, tr.t));
    sinks.push({ target: out.e, rows: test });
    if (need.outcome) {
      for (const arm of [0, 1] as const) {
        const sub = subsetRows(
          tr,
          rowsWhere(tr.n, (i) => tr.t[i] === arm),
        );
        jobs.push(job('regress', par.outcome, sub, sub.y));
        sinks.push({ target: arm === 0 ? out.mu0 : out.mu1, rows: test });
      }
    }
    if (need.m) {
      jobs.push(job('regress', par.outcome, tr, tr.y));
      sinks.push({ target: out.m, rows: test });
    }
  }
  const preds = par.runner(jobs);
  sinks.forEach((s, j) => scatter(s.target, s.rows, preds[j]!));
};
