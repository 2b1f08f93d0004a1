import { AppError, badInput } from '../../errors.js';
import type { GbdtParams } from '../../ml/gbdt.js';
import { createRng } from '../../random.js';
import { aipw, dmlPartiallyLinear } from './aipw.js';
import { differenceInMeans, ipw, propensityMatching, regressionAdjustment } from './basic.js';
import type { CausalData } from './data.js';
import { checkData, countTreated, isBinary, subsetRows } from './data.js';
import type { LearnerKind } from './learners.js';
import { outcomeLearner, propensityLearner } from './learners.js';
import { metaLearner } from './meta-learners.js';
import type { JobRunner, NuisanceSpec, Nuisances } from './nuisance.js';
import { fitNuisances } from './nuisance.js';
import type { BalanceRow, Overlap } from './overlap.js';
import { overlapDiagnostics } from './overlap.js';
import type { EValue, Refutations } from './refute.js';
import { eValue, refute } from './refute.js';
import type { EffectMethod, EffectResult } from './result.js';

export type EstimateOptions = {
  method?: EffectMethod;
  /** Nuisance learners; default: gbdt from 1,000 rows on, linear/logistic below. */
  learner?: LearnerKind;
  /** Propensity learner (default: L2 logistic regression, 'linear'). */
  propensityLearner?: LearnerKind;
  gbdt?: Partial<GbdtParams>;
  folds?: number;
  seed?: number;
  clip?: number;
  refute?: boolean;
  refuteSimulations?: number;
  /** Overlap gate (see overlapDiagnostics); `false` disables it. */
  overlapGate?: boolean;
  /** Runs the cross-fitting jobs elsewhere (e.g. worker threads); results are identical to in-process. */
  runner?: JobRunner;
};

export type EffectReport = EffectResult & {
  learner: LearnerKind | null;
  folds: number;
  overlap: Overlap | null;
  balance: BalanceRow[];
  e_value: EValue;
  refutations?: Refutations;
};

const NEEDS_OUTCOME = new Set<EffectMethod>([
  'aipw',
  's-learner',
  't-learner',
  'x-learner',
  'r-learner',
  'dr-learner',
]);
const NEEDS_M = new Set<EffectMethod>(['dml', 'r-learner']);
const META = new Set<EffectMethod>(['s-learner', 't-learner', 'x-learner', 'r-learner', 'dr-learner']);

type Resolved = Required<Omit<EstimateOptions, 'gbdt' | 'learner' | 'propensityLearner' | 'runner'>> & {
  runner: JobRunner | null;
  learner: LearnerKind;
  propensityLearner: LearnerKind;
  gbdt: Partial<GbdtParams>;
};

const resolve = (d: CausalData, o: EstimateOptions): Resolved => {
  const folds = o.folds ?? 5;
  if (!Number.isInteger(folds) || folds < 1 || folds > 20)
    throw badInput('--folds', 'expected an integer from 1 to 20');
  const clip = o.clip ?? 0.01;
  if (!(clip > 0 && clip < 0.5)) throw badInput('clip', 'expected 0 < clip < 0.5');
  const learner = o.learner ?? (d.n >= 1000 ? 'gbdt' : 'linear');
  return {
    method: o.method ?? 'aipw',
    learner,
    // A logistic propensity is the default: flexible propensities give extreme weights on small samples.
    propensityLearner: o.propensityLearner ?? 'linear',
    gbdt: o.gbdt ?? {},
    folds,
    seed: o.seed ?? 0,
    clip,
    refute: o.refute ?? false,
    refuteSimulations: o.refuteSimulations ?? 5,
    overlapGate: o.overlapGate ?? true,
    runner: o.runner ?? null,
  };
};

const spec = (r: Resolved, seed: number, folds: number): NuisanceSpec => ({
  outcome: outcomeLearner(r.learner, { ...r.gbdt, seed }),
  propensity: propensityLearner(r.propensityLearner, { ...r.gbdt, seed }),
  folds,
  clip: r.clip,
  rng: createRng(seed),
  ...(r.runner
    ? {
        parallel: {
          runner: r.runner,
          outcome: { kind: r.learner, params: { ...r.gbdt, seed } },
          propensity: { kind: r.propensityLearner, params: { ...r.gbdt, seed } },
        },
      }
    : {}),
});

/** Propensity folds: parametric IPW/matching fit in sample (as DoWhy does); flexible learners cross-fit. */
const foldsFor = (r: Resolved): number =>
  (r.method === 'ipw' || r.method === 'ipw-ht' || r.method === 'matching') && r.propensityLearner === 'linear'
    ? 1
    : r.folds;

const compute = (d: CausalData, r: Resolved, nu: Nuisances | null): EffectResult => {
  const m = r.method;
  if (m === 'difference') return differenceInMeans(d);
  if (m === 'regression') return regressionAdjustment(d);
  if (!nu) throw new AppError('INTERNAL', 'nuisances missing');
  if (m === 'ipw' || m === 'ipw-ht') return ipw(d, nu.e, m === 'ipw');
  if (m === 'matching') return propensityMatching(d, nu.e);
  if (m === 'aipw') return aipw(d, nu);
  if (m === 'dml') return dmlPartiallyLinear(d, nu.m, nu.e);
  if (META.has(m)) return metaLearner(m, d, nu, outcomeLearner(r.learner, r.gbdt));
  throw badInput('--method', `unknown method "${m as string}"`);
};

const nuisancesFor = (d: CausalData, r: Resolved, seed: number): Nuisances | null => {
  if (r.method === 'difference' || r.method === 'regression') return null;
  if (r.method === 'dml' && !isBinary(d.t)) return continuousDoseNuisances(d, r, seed);
  return fitNuisances(d, spec(r, seed, foldsFor(r)), {
    outcome: NEEDS_OUTCOME.has(r.method),
    m: NEEDS_M.has(r.method),
  });
};

/** DML with a continuous dose: t̂(x) = E[T|X] by regression instead of a propensity. */
const continuousDoseNuisances = (d: CausalData, r: Resolved, seed: number): Nuisances => {
  const asOutcome: CausalData = { ...d, y: d.t, t: new Float64Array(d.n) };
  const { parallel: _parallel, ...s } = spec(r, seed, r.folds);
  const tHat = fitNuisances(
    asOutcome,
    { ...s, propensity: constantClassifier },
    { outcome: false, m: true },
  ).m;
  const m = fitNuisances(
    { ...d, t: new Float64Array(d.n) },
    { ...s, rng: createRng(seed), propensity: constantClassifier },
    { outcome: false, m: true },
  ).m;
  return {
    e: tHat,
    eRaw: tHat,
    mu0: new Float64Array(d.n),
    mu1: new Float64Array(d.n),
    m,
    folds: new Int32Array(d.n),
    clippedShare: 0,
  };
};

const constantClassifier = () => ({
  fit: () => undefined,
  predictProba: (_x: Float64Array, n: number) => new Float64Array(n).fill(0.5),
});

const binaryBaseline = (d: CausalData): number | null => {
  if (!isBinary(d.y)) return null;
  let s = 0;
  let k = 0;
  for (let i = 0; i < d.n; i++) {
    if (d.t[i] !== 0) continue;
    s += d.y[i]!;
    k++;
  }
  return k ? s / k : null;
};

/**
 * Estimates the effect of a binary treatment (or a continuous dose with `dml`) on y given the covariates,
 * with overlap diagnostics, a balance table, an E-value and optional refutations. Throws AppError
 * 'INSUFFICIENT_EVIDENCE' (details: overlap) instead of returning a number when positivity fails.
 */
export const estimateEffect = (d: CausalData, opts: EstimateOptions = {}): EffectReport => {
  checkData(d);
  const r = resolve(d, opts);
  const binary = isBinary(d.t);
  if (!binary && r.method !== 'dml') {
    throw badInput(
      '--treatment',
      'must be 0/1 for this method (use --method dml for a continuous dose, or give a multi-arm treatment)',
    );
  }
  const n1 = binary ? countTreated(d.t) : d.n;
  if (binary && (n1 < 2 || d.n - n1 < 2)) {
    throw new AppError(
      'INSUFFICIENT_EVIDENCE',
      `need treated and control rows (treated ${n1}, control ${d.n - n1})`,
    );
  }
  const nu = nuisancesFor(d, r, r.seed);
  let diag: ReturnType<typeof overlapDiagnostics> | null = null;
  if (binary && d.p > 0) {
    // Overlap needs a propensity even for methods that do not use one.
    const pn = nu && binary ? nu : fitNuisances(d, spec(r, r.seed, foldsFor(r)), { outcome: false });
    diag = overlapDiagnostics(d, pn.eRaw, pn.e, r.clip);
    if (r.overlapGate && r.method !== 'difference' && !diag.overlap.ok) {
      throw new AppError('INSUFFICIENT_EVIDENCE', `insufficient evidence: ${diag.overlap.reason}`, {
        overlap: diag.overlap,
      });
    }
  }
  const res = compute(d, r, nu);
  const report: EffectReport = {
    ...res,
    learner: nu ? r.learner : null,
    folds: nu ? foldsFor(r) : 0,
    overlap: diag?.overlap ?? null,
    balance: diag?.balance ?? [],
    e_value: eValue(res.ate, res.ci_low, res.ci_high, d.y, binaryBaseline(d)),
  };
  if (r.refute) {
    const rerun = (dd: CausalData, seed: number): { ate: number; se: number } => {
      const e = compute(dd, r, nuisancesFor(dd, r, seed));
      return { ate: e.ate, se: e.se };
    };
    report.refutations = refute(d, res.ate, rerun, createRng(r.seed + 7919), r.refuteSimulations);
  }
  return report;
};

export type ArmContrast = EffectReport & { arm: number; control: number };

/** Multi-arm treatment: each arm against the control level, on the rows of those two arms. */
export const estimateMultiArm = (
  d: CausalData,
  control: number,
  opts: EstimateOptions = {},
): ArmContrast[] => {
  const levels = [...new Set(d.t)].sort((a, b) => a - b);
  if (!levels.includes(control))
    throw badInput('--control', `level ${control} not found; levels: ${levels.join(', ')}`);
  return levels
    .filter((l) => l !== control)
    .map((arm) => {
      const rows = [...d.t.keys()].filter((i) => d.t[i] === arm || d.t[i] === control);
      const sub = subsetRows(d, rows);
      sub.t = sub.t.map((v) => (v === arm ? 1 : 0));
      return { arm, control, ...estimateEffect(sub, opts) };
    });
};
