import { badInput } from '../errors.js';
import type { BayesianPrior, BayesianResult, CupedResult, FrequentistResult } from './hypothesis.js';
import type { Alternative } from './hypothesis.js';
import { bayesianTest, cupedTest, frequentistTest, sequentialTest } from './hypothesis.js';
import type { ArmStat, CupedArmStat, Difference } from './moments.js';
import { benjaminiHochberg, holmAdjust } from './multiple-testing.js';
import { minimumDetectableEffect, powerOfLift, sampleSizeForLift } from './power.js';
import { srmPValue } from './srm.js';

export type Engine = 'frequentist' | 'sequential' | 'bayesian' | 'cuped';

/**
 * One experiment as given to `caiban abtest` (the shape of gbstats_vectors.json): `a` = control, `b` =
 * treatment, either arm stats (SampleMean/Proportion) or CUPED pre/post sums, and a config. The engine
 * is `engine` when given, else inferred: CUPED sums → cuped, a prior → bayesian, a sequential tuning
 * parameter → sequential, otherwise frequentist. `users` + `weights` add a sample-ratio check.
 */
export type ExperimentInput = {
  id?: string;
  engine?: Engine;
  a?: unknown;
  b?: unknown;
  config?: Record<string, unknown>;
  users?: number[];
  weights?: number[];
  /** Design question: {mean, sd, n, share?, alpha?, power?, lift?} → MDE at n, power at lift, n for lift. */
  power?: Record<string, unknown>;
};

export type ExperimentOutput = {
  id?: string;
  engine: Engine | 'srm';
  result?: FrequentistResult | BayesianResult | CupedResult;
  srm_p?: number;
  power?: { mde: number; power_at_lift: number | null; sample_size_for_lift: number | null };
};

const designAnswer = (q: Record<string, unknown>): NonNullable<ExperimentOutput['power']> => {
  const mean = num(q.mean, 'power.mean');
  const sd = num(q.sd, 'power.sd');
  const n = num(q.n, 'power.n');
  if (!(mean !== 0 && sd > 0 && n > 4))
    throw badInput('power', 'needs mean ≠ 0, sd > 0 and n > 4 (total units)');
  const share = q.share === undefined ? 0.5 : num(q.share, 'power.share');
  const alpha = q.alpha === undefined ? 0.05 : num(q.alpha, 'power.alpha');
  const target = q.power === undefined ? 0.8 : num(q.power, 'power.power');
  const lift = q.lift === undefined ? null : num(q.lift, 'power.lift');
  const inp = { mean, sd, nPerExperiment: n, share, alpha };
  return {
    mde: minimumDetectableEffect(inp, target),
    power_at_lift: lift === null ? null : powerOfLift(inp, lift),
    sample_size_for_lift: lift === null ? null : sampleSizeForLift({ mean, sd, share, alpha }, lift, target),
  };
};

const num = (v: unknown, field: string): number => {
  if (typeof v !== 'number' || !Number.isFinite(v)) throw badInput(field, 'expected a finite number');
  return v;
};

const parseArm = (v: unknown, field: string): ArmStat => {
  if (typeof v !== 'object' || v === null) throw badInput(field, 'expected an object with type, sum, n');
  const o = v as Record<string, unknown>;
  if (o.type === 'Proportion')
    return { type: 'Proportion', sum: num(o.sum, `${field}.sum`), n: num(o.n, `${field}.n`) };
  if (o.type === 'SampleMean') {
    return {
      type: 'SampleMean',
      sum: num(o.sum, `${field}.sum`),
      sum_squares: num(o.sum_squares, `${field}.sum_squares`),
      n: num(o.n, `${field}.n`),
    };
  }
  throw badInput(`${field}.type`, 'expected "SampleMean" or "Proportion"');
};

const parseCuped = (v: unknown, field: string): CupedArmStat => {
  const o = (typeof v === 'object' && v !== null ? v : {}) as Record<string, unknown>;
  const k = [
    'post_sum',
    'post_sum_squares',
    'pre_sum',
    'pre_sum_squares',
    'post_pre_sum_of_products',
    'n',
  ] as const;
  const vals = k.map((key) => num(o[key], `${field}.${key}`));
  return {
    post_sum: vals[0]!,
    post_sum_squares: vals[1]!,
    pre_sum: vals[2]!,
    pre_sum_squares: vals[3]!,
    post_pre_sum_of_products: vals[4]!,
    n: vals[5]!,
  };
};

const inferEngine = (inp: ExperimentInput): Engine => {
  if (inp.engine) return inp.engine;
  const a = inp.a as Record<string, unknown> | undefined;
  if (a && 'post_sum' in a) return 'cuped';
  if (inp.config && 'prior' in inp.config) return 'bayesian';
  if (inp.config && 'sequential_tuning_parameter' in inp.config) return 'sequential';
  return 'frequentist';
};

const parseConfig = (c: Record<string, unknown>) => {
  const difference = (c.difference ?? 'relative') as Difference;
  if (difference !== 'relative' && difference !== 'absolute') {
    throw badInput('config.difference', 'expected "relative" or "absolute"');
  }
  const alternative = (c.alternative ?? 'two-sided') as Alternative;
  if (!['two-sided', 'greater', 'less'].includes(alternative)) {
    throw badInput('config.alternative', 'expected "two-sided", "greater" or "less"');
  }
  const alpha = c.alpha === undefined ? 0.05 : num(c.alpha, 'config.alpha');
  if (!(alpha > 0 && alpha < 1)) throw badInput('config.alpha', 'expected 0 < alpha < 1');
  return { difference, alternative, alpha };
};

const parsePrior = (v: unknown): BayesianPrior => {
  if (v === undefined || v === 'flat') return 'flat';
  const o = v as Record<string, unknown>;
  return { mean: num(o.mean, 'config.prior.mean'), variance: num(o.variance, 'config.prior.variance') };
};

/** Runs one experiment analysis (see ExperimentInput). */
export const analyzeExperiment = (inp: ExperimentInput): ExperimentOutput => {
  const out: ExperimentOutput = { engine: 'srm', ...(inp.id !== undefined ? { id: inp.id } : {}) };
  if (inp.users !== undefined || inp.weights !== undefined) {
    if (!Array.isArray(inp.users) || !Array.isArray(inp.weights)) {
      throw badInput('users', 'a sample-ratio check needs both "users" and "weights" arrays');
    }
    out.srm_p = srmPValue(
      inp.users.map((u, i) => num(u, `users[${i}]`)),
      inp.weights.map((w, i) => num(w, `weights[${i}]`)),
    );
  }
  if (inp.power !== undefined) out.power = designAnswer(inp.power);
  if (inp.a === undefined && inp.b === undefined) {
    if (out.srm_p === undefined && out.power === undefined) {
      throw badInput('a', 'give arms "a" and "b", "users" and "weights", or a "power" design question');
    }
    return out;
  }
  const cfgRaw = inp.config ?? {};
  const cfg = parseConfig(cfgRaw);
  const engine = inferEngine(inp);
  out.engine = engine;
  if (engine === 'cuped') {
    out.result = cupedTest(parseCuped(inp.a, 'a'), parseCuped(inp.b, 'b'), cfg);
    return out;
  }
  const a = parseArm(inp.a, 'a');
  const b = parseArm(inp.b, 'b');
  if (engine === 'bayesian') {
    out.result = bayesianTest(a, b, {
      difference: cfg.difference,
      alpha: cfg.alpha,
      prior: parsePrior(cfgRaw.prior),
    });
  } else if (engine === 'sequential') {
    const tau = cfgRaw.sequential_tuning_parameter;
    out.result = sequentialTest(a, b, {
      ...cfg,
      sequential_tuning_parameter: tau === undefined ? 5000 : num(tau, 'config.sequential_tuning_parameter'),
    });
  } else {
    out.result = frequentistTest(a, b, cfg);
  }
  return out;
};

/**
 * Several experiments (or metrics) at once: each analysed alone, then the frequentist p-values adjusted
 * across the family with Holm (FWER) and Benjamini–Hochberg (FDR).
 */
export const analyzeFamily = (inputs: ExperimentInput[]) => {
  const results = inputs.map(analyzeExperiment);
  const withP = results
    .map((r, i) => ({ i, p: r.result && 'p' in r.result ? r.result.p : undefined }))
    .filter((x): x is { i: number; p: number } => x.p !== undefined);
  const holm = holmAdjust(withP.map((x) => x.p));
  const bh = benjaminiHochberg(withP.map((x) => x.p));
  return {
    results: results.map((r, i) => {
      const k = withP.findIndex((x) => x.i === i);
      return k < 0 ? r : { ...r, p_holm: holm[k]!, p_bh: bh[k]! };
    }),
  };
};
