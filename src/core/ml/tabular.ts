import { badInput } from '../errors.js';
import { createRng } from '../random.js';
import type { Rng } from '../random.js';
import { applyOneHot, encodeFeatures, encodeTarget, fitOneHot } from './dataset.js';
import type { DatasetSchema, OneHotSpec, RawTable } from './dataset.js';
import { predictGbdt, predictGbdtRaw, trainGbdt } from './gbdt.js';
import type { GbdtModel, GbdtParams } from './gbdt.js';
import type { HistogramStrategy } from './gbdt-grow.js';
import { gbdtFromJson, gbdtToJson } from './gbdt-io.js';
import type { GbdtJson } from './gbdt-io.js';
import { applyStandardizer, fitStandardizer } from './learners.js';
import type { Standardizer } from './learners.js';
import { fitLogistic, linearPredict, sigmoid } from './linear.js';
import { auc, brier, logLoss, stratifiedFolds } from './metrics.js';
import { fitIsotonic, fitPlatt, isotonicFromKnots, plattFromParams } from './calibration.js';

/**
 * Binary classifiers on tables (what `caiban model train|predict` runs): the schema travels with the model,
 * so prediction re-encodes new files the same way. GBDT uses native categorical splits and early stopping on
 * an inner validation split; logistic uses one-hot + standardised columns with an L2 penalty (C = 1).
 */
export type ModelKind = 'gbdt' | 'logistic';

/** Probability calibration fitted on the out-of-fold predictions of cross-validation. */
export type CalibrationMethod = 'isotonic' | 'platt';
export type CalibrationJson =
  { method: 'isotonic'; x: number[]; y: number[] } | { method: 'platt'; a: number; b: number };

export type TabularModel = (
  | { kind: 'gbdt'; schema: DatasetSchema; gbdt: GbdtModel }
  | { kind: 'logistic'; schema: DatasetSchema; onehot: OneHotSpec; std: Standardizer; coef: Float64Array }
) & { calibration?: CalibrationJson };

/** Fits a calibration map on out-of-fold probabilities (Platt on the log-odds, isotonic on the probability). */
export const fitCalibration = (
  method: CalibrationMethod,
  oof: Float64Array,
  y: Float64Array,
): CalibrationJson => {
  if (method === 'platt') {
    const c = fitPlatt(oof.map(logit), y);
    return { method, a: c.a, b: c.b };
  }
  const c = fitIsotonic(oof, y);
  return { method, x: [...c.x], y: [...c.y] };
};

const logit = (p: number): number => {
  const q = Math.min(Math.max(p, 1e-12), 1 - 1e-12);
  return Math.log(q / (1 - q));
};

const calibrate = (c: CalibrationJson | undefined, p: Float64Array): Float64Array => {
  if (!c) return p;
  if (c.method === 'platt') {
    const m = plattFromParams(c.a, c.b);
    return p.map((v) => m.apply(logit(v)));
  }
  const m = isotonicFromKnots(Float64Array.from(c.x), Float64Array.from(c.y));
  return p.map((v) => m.apply(v));
};

/** Defaults tuned on Telco churn (5-fold CV): slow learning, small trees, early stopping. */
export const TABULAR_GBDT_DEFAULTS: Partial<GbdtParams> = {
  learningRate: 0.05,
  numLeaves: 8,
  maxDepth: 4,
  minDataInLeaf: 30,
  lambdaL2: 1,
  numRounds: 2000,
  earlyStoppingRounds: 50,
  featureFraction: 0.8,
  baggingFraction: 0.8,
  baggingFreq: 1,
};

export type TrainTabularOptions = {
  kind: ModelKind;
  seed: number;
  /** Per schema feature: −1, 0, 1. */
  monotone?: number[];
  params?: Partial<GbdtParams>;
  /** Fixed number of boosting rounds (no early stopping); used for the final model after CV. */
  rounds?: number;
  /** Threaded histogram building (same models, faster on large data). */
  histograms?: HistogramStrategy;
};

type Xy = { x: Float64Array; n: number; p: number; y: Float64Array };

const rowsOf = (d: Xy, rows: ArrayLike<number>): Xy => {
  const x = new Float64Array(rows.length * d.p);
  const y = new Float64Array(rows.length);
  for (let k = 0; k < rows.length; k++) {
    const r = rows[k]!;
    x.set(d.x.subarray(r * d.p, (r + 1) * d.p), k * d.p);
    y[k] = d.y[r]!;
  }
  return { x, n: rows.length, p: d.p, y };
};

const fitOn = (schema: DatasetSchema, d: Xy, o: TrainTabularOptions, rng: Rng): TabularModel => {
  if (o.kind === 'logistic') {
    const onehot = fitOneHot(schema, d.x, d.n);
    const q = onehot.names.length;
    const z = applyOneHot(schema, onehot, d.x, d.n);
    const std = fitStandardizer(z, d.n, q);
    const fit = fitLogistic(applyStandardizer(std, z, d.n), d.n, q, d.y, { l2: 1 });
    return { kind: 'logistic', schema, onehot, std, coef: fit.coef };
  }
  const params: Partial<GbdtParams> = { ...TABULAR_GBDT_DEFAULTS, ...o.params, seed: rng.int(2 ** 31) };
  const categorical = schema.features.map((f) => f.kind === 'categorical');
  const base = {
    categorical,
    ...(o.monotone ? { monotone: o.monotone } : {}),
    ...(o.histograms ? { histograms: o.histograms } : {}),
  };
  if (o.rounds !== undefined) {
    const gbdt = trainGbdt(d.x, d.n, d.p, d.y, {
      ...base,
      params: { ...params, numRounds: o.rounds, earlyStoppingRounds: 0 },
    });
    return { kind: 'gbdt', schema, gbdt };
  }
  // Inner stratified 10% validation split for early stopping.
  const inner = stratifiedFolds(d.y, 10, rng);
  const tr: number[] = [];
  const va: number[] = [];
  inner.forEach((f, i) => (f === 0 ? va : tr).push(i));
  const a = rowsOf(d, tr);
  const b = rowsOf(d, va);
  const gbdt = trainGbdt(a.x, a.n, a.p, a.y, { ...base, params, valid: { x: b.x, n: b.n, y: b.y } });
  return { kind: 'gbdt', schema, gbdt };
};

/** P(positive) for rows already encoded with the model's schema (calibrated when the model carries a map). */
export const predictEncoded = (m: TabularModel, x: Float64Array, n: number): Float64Array =>
  calibrate(m.calibration, uncalibrated(m, x, n));

const uncalibrated = (m: TabularModel, x: Float64Array, n: number): Float64Array => {
  if (m.kind === 'gbdt') return predictGbdt(m.gbdt, x, n);
  const z = applyStandardizer(m.std, applyOneHot(m.schema, m.onehot, x, n), n);
  return linearPredict(m.coef, true, z, n).map(sigmoid);
};

/** Raw margin (log-odds) for rows already encoded with the model's schema. */
export const marginEncoded = (m: TabularModel, x: Float64Array, n: number): Float64Array =>
  m.kind === 'gbdt'
    ? predictGbdtRaw(m.gbdt, x, n)
    : predictEncoded(m, x, n).map((p) => Math.log(p / (1 - p)));

export type CvReport = {
  auc: number;
  auc_folds: number[];
  logloss: number;
  brier: number;
  n: number;
  positive_rate: number;
  /** Boosting rounds chosen by early stopping in each fold (GBDT only). */
  rounds_folds?: number[];
};

/**
 * Stratified K-fold cross-validation: `auc` is the mean of the fold AUCs (as sklearn's cross_val_score);
 * log loss and Brier score are computed on the pooled out-of-fold predictions.
 */
export const crossValidate = (
  schema: DatasetSchema,
  table: RawTable,
  folds: number,
  o: TrainTabularOptions,
): { report: CvReport; oof: Float64Array } => {
  const enc = encodeFeatures(schema, table);
  const d: Xy = { ...enc, y: encodeTarget(schema, table) };
  const rng = createRng(o.seed);
  const fold = stratifiedFolds(d.y, folds, rng);
  const oof = new Float64Array(d.n);
  const aucs: number[] = [];
  const rounds: number[] = [];
  for (let k = 0; k < folds; k++) {
    const tr: number[] = [];
    const te: number[] = [];
    fold.forEach((f, i) => (f === k ? te : tr).push(i));
    const test = rowsOf(d, te);
    const m = fitOn(schema, rowsOf(d, tr), o, rng.fork());
    if (m.kind === 'gbdt') rounds.push(m.gbdt.bestIteration);
    const pred = predictEncoded(m, test.x, test.n);
    te.forEach((r, j) => (oof[r] = pred[j]!));
    aucs.push(auc(test.y, pred));
  }
  const pos = d.y.reduce((s, v) => s + v, 0);
  const report: CvReport = {
    auc: aucs.reduce((s, v) => s + v, 0) / aucs.length,
    auc_folds: aucs,
    logloss: logLoss(d.y, oof),
    brier: brier(d.y, oof),
    n: d.n,
    positive_rate: pos / d.n,
    ...(rounds.length > 0 ? { rounds_folds: rounds } : {}),
  };
  return { report, oof };
};

/** Fits the final model on every row (GBDT: with the given number of rounds, or early stopping). */
export const trainTabular = (
  schema: DatasetSchema,
  table: RawTable,
  o: TrainTabularOptions,
): TabularModel => {
  const enc = encodeFeatures(schema, table);
  return fitOn(schema, { ...enc, y: encodeTarget(schema, table) }, o, createRng(o.seed));
};

export type TabularJson = {
  format: 'caiban-model';
  version: 1;
  kind: ModelKind;
  schema: DatasetSchema;
  gbdt?: GbdtJson;
  calibration?: CalibrationJson;
  logistic?: { onehot: { names: string[]; fill: number[] }; mean: number[]; sd: number[]; coef: number[] };
};

export const tabularToJson = (m: TabularModel): TabularJson => ({
  ...modelJson(m),
  ...(m.calibration ? { calibration: m.calibration } : {}),
});

const modelJson = (m: TabularModel): TabularJson =>
  m.kind === 'gbdt'
    ? { format: 'caiban-model', version: 1, kind: 'gbdt', schema: m.schema, gbdt: gbdtToJson(m.gbdt) }
    : {
        format: 'caiban-model',
        version: 1,
        kind: 'logistic',
        schema: m.schema,
        logistic: {
          onehot: { names: m.onehot.names, fill: [...m.onehot.fill] },
          mean: [...m.std.mean],
          sd: [...m.std.sd],
          coef: [...m.coef],
        },
      };

export const tabularFromJson = (j: TabularJson): TabularModel => {
  if (j?.format !== 'caiban-model' || j.version !== 1) {
    throw badInput('--model', 'is not a caiban model file (expected format "caiban-model", version 1)');
  }
  const feats: unknown = j.schema?.features;
  if (
    !Array.isArray(feats) ||
    feats.some(
      (f: { name?: unknown; kind?: unknown }) =>
        typeof f?.name !== 'string' || (f.kind !== 'numeric' && f.kind !== 'categorical'),
    )
  ) {
    throw badInput('--model', 'has no valid schema.features list (name and kind per feature)');
  }
  if (j.kind === 'gbdt' && j.gbdt && j.gbdt.numFeatures !== feats.length) {
    throw badInput(
      '--model',
      `GBDT expects ${j.gbdt.numFeatures} features but the schema lists ${feats.length}`,
    );
  }
  const cal = j.calibration ? { calibration: checkCalibration(j.calibration) } : {};
  if (j.kind === 'gbdt' && j.gbdt)
    return { kind: 'gbdt', schema: j.schema, gbdt: gbdtFromJson(j.gbdt), ...cal };
  if (j.kind === 'logistic' && j.logistic) {
    const l = j.logistic;
    return {
      kind: 'logistic',
      schema: j.schema,
      onehot: { names: l.onehot.names, fill: Float64Array.from(l.onehot.fill) },
      std: { mean: Float64Array.from(l.mean), sd: Float64Array.from(l.sd) },
      coef: Float64Array.from(l.coef),
      ...cal,
    };
  }
  throw badInput('--model', `has kind "${String(j.kind)}" without its parameters`);
};

const checkCalibration = (c: CalibrationJson): CalibrationJson => {
  const ok =
    c.method === 'platt'
      ? Number.isFinite(c.a) && Number.isFinite(c.b)
      : c.method === 'isotonic' &&
        Array.isArray(c.x) &&
        Array.isArray(c.y) &&
        c.x.length === c.y.length &&
        c.x.length > 0;
  if (!ok) throw badInput('--model', 'has an invalid calibration block (isotonic knots or Platt a, b)');
  return c;
};
