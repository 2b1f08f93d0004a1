import { readFile, writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { z } from 'zod';
import { DEFAULT_GBDT_PARAMS, type GbdtParams } from '../core/ml/gbdt.js';
import { autoOrIntFlag, intFlag, numberFlag, parseOptions } from './io/options.js';
import { badInput } from '../core/errors.js';
import { encodeFeatures, encodeTarget, inferSchema } from '../core/ml/dataset.js';
import { calibrationError } from '../core/ml/metrics.js';
import type { DatasetSchema, RawTable } from '../core/ml/dataset.js';
import { dropBaseColumn, explainRows } from '../core/ml/explain.js';
import {
  crossValidate,
  fitCalibration,
  predictEncoded,
  tabularFromJson,
  tabularToJson,
  TABULAR_GBDT_DEFAULTS,
  trainTabular,
} from '../core/ml/tabular.js';
import type { ModelKind, TabularJson, TrainTabularOptions } from '../core/ml/tabular.js';
import { writeCsv } from './io/csv-write.js';
import { histogramPoolFor } from '../runtime/gbdt-threads.js';
import { treeShapParallel } from '../runtime/ml-parallel.js';
import { log, printJson, runAction } from './io/output.js';
import { checkColumnKinds, numericColumn, readTable } from './io/table.js';

/** `caiban model train|predict` (contract: ../shared/CLI.md, "Models and causal analysis"). */

const list = (s: string | undefined): string[] =>
  s
    ? s
        .split(',')
        .map((v) => v.trim())
        .filter((v) => v !== '')
    : [];

/** "price:-1,age:1" → per-feature constraint vector in schema order. */
export const parseMonotone = (spec: string | undefined, schema: DatasetSchema): number[] | undefined => {
  if (!spec) return undefined;
  const out = schema.features.map(() => 0);
  for (const part of list(spec)) {
    const m = /^(.+):([+-]?1)$/.exec(part);
    if (!m) throw badInput('--monotone', `"${part}" must look like column:-1 or column:1`);
    const j = schema.features.findIndex((f) => f.name === m[1]);
    if (j < 0) throw badInput('--monotone', `"${m[1]}" is not a feature column`);
    if (schema.features[j]!.kind !== 'numeric')
      throw badInput('--monotone', `"${m[1]}" is categorical; constraints need a numeric column`);
    out[j] = Number(m[2]);
  }
  return out;
};

/** Numeric flags of `model train` (strings from commander, parsed strictly; bad values name the flag). */
const TrainNumbers = z.object({
  cv: intFlag(2, 100),
  seed: intFlag(0, 2 ** 31 - 1),
  threads: autoOrIntFlag(1, 256),
  rounds: intFlag(1, 100_000).optional(),
  learningRate: numberFlag({ min: 0, exclusiveMin: true, max: 1 }).optional(),
  maxDepth: intFlag(-1, 64).optional(),
  numLeaves: intFlag(2, 131_072).optional(),
  minChildSamples: intFlag(1).optional(),
  maxBin: intFlag(2, 65_535).optional(),
  earlyStopping: intFlag(0).optional(),
  regLambda: numberFlag({ min: 0 }).optional(),
  subsample: numberFlag({ min: 0, exclusiveMin: true, max: 1 }).optional(),
  colsampleBytree: numberFlag({ min: 0, exclusiveMin: true, max: 1 }).optional(),
});
type TrainNumbers = z.output<typeof TrainNumbers>;

/**
 * GBDT hyperparameters from the flags, over the defaults (TABULAR_GBDT_DEFAULTS, docs/ml.md). With
 * `--early-stopping 0` exactly `--rounds` trees are grown (no inner validation split).
 */
export const gbdtSettings = (n: TrainNumbers): { params: Partial<GbdtParams>; rounds?: number } => {
  const params: Partial<GbdtParams> = {
    ...(n.rounds !== undefined ? { numRounds: n.rounds } : {}),
    ...(n.learningRate !== undefined ? { learningRate: n.learningRate } : {}),
    ...(n.maxDepth !== undefined ? { maxDepth: n.maxDepth } : {}),
    ...(n.numLeaves !== undefined ? { numLeaves: n.numLeaves } : {}),
    ...(n.minChildSamples !== undefined ? { minDataInLeaf: n.minChildSamples } : {}),
    ...(n.maxBin !== undefined ? { maxBin: n.maxBin } : {}),
    ...(n.earlyStopping !== undefined ? { earlyStoppingRounds: n.earlyStopping } : {}),
    ...(n.regLambda !== undefined ? { lambdaL2: n.regLambda } : {}),
    ...(n.subsample !== undefined
      ? { baggingFraction: n.subsample, baggingFreq: n.subsample < 1 ? 1 : 0 }
      : {}),
    ...(n.colsampleBytree !== undefined ? { featureFraction: n.colsampleBytree } : {}),
  };
  if (n.earlyStopping === 0)
    return { params, rounds: n.rounds ?? TABULAR_GBDT_DEFAULTS.numRounds ?? DEFAULT_GBDT_PARAMS.numRounds };
  return { params };
};

type TrainOpts = {
  data: string;
  target: string;
  drop?: string;
  categorical?: string;
  model: string;
  cv: string;
  seed: string;
  monotone?: string;
  calibrate: string;
  threads: string;
  out?: string;
  json?: boolean;
};

const train = async (o: TrainOpts): Promise<void> => {
  const started = performance.now();
  if (o.model !== 'gbdt' && o.model !== 'logistic')
    throw badInput('--model', `must be gbdt or logistic, got "${o.model}"`);
  const kind: ModelKind = o.model;
  const nums = parseOptions(TrainNumbers, o);
  const folds = nums.cv;
  const seed = nums.seed;
  const gbdt = gbdtSettings(nums);
  const table = await readTable(o.data, { flag: '--data' });
  const categorical = list(o.categorical);
  const skipped = new Set([o.target, ...list(o.drop)]);
  checkColumnKinds(
    table,
    table.columns.filter((c) => !skipped.has(c)),
    new Set(categorical),
    '--data',
    'fix the cell, leave it blank for a missing value, or declare the column with --categorical',
  );
  const schema = inferSchema(table, {
    target: o.target,
    drop: list(o.drop),
    categorical,
  });
  const monotone = parseMonotone(o.monotone, schema);
  if (monotone && kind !== 'gbdt') throw badInput('--monotone', 'needs --model gbdt');
  if (!['none', 'isotonic', 'platt'].includes(o.calibrate)) {
    throw badInput('--calibrate', `must be none, isotonic or platt, got "${o.calibrate}"`);
  }
  const threads = nums.threads;
  const pool =
    kind === 'gbdt' ? await histogramPoolFor(threads, table.rows.length, schema.features.length) : null;
  const base: TrainTabularOptions = {
    kind,
    seed,
    ...(monotone ? { monotone } : {}),
    ...(pool ? { histograms: pool.strategy } : {}),
    ...(kind === 'gbdt' ? { params: gbdt.params } : {}),
    ...(kind === 'gbdt' && gbdt.rounds !== undefined ? { rounds: gbdt.rounds } : {}),
  };
  try {
    await trainWith(o, table, schema, folds, base, started);
  } finally {
    await pool?.close();
  }
};

const trainWith = async (
  o: TrainOpts,
  table: RawTable,
  schema: DatasetSchema,
  folds: number,
  base: TrainTabularOptions,
  started: number,
): Promise<void> => {
  const { kind } = base;
  log(
    `model: ${kind}, ${table.rows.length} rows, ${schema.features.length} features, ${folds}-fold CV` +
      (base.histograms ? ', histograms on worker threads' : ''),
  );
  const { report, oof } = crossValidate(schema, table, folds, base);
  const y = encodeTarget(schema, table);
  if (o.out) {
    const rounds = report.rounds_folds;
    const final = trainTabular(schema, table, {
      ...base,
      ...(rounds
        ? { rounds: Math.max(1, Math.round(rounds.reduce((s, v) => s + v, 0) / rounds.length)) }
        : {}),
    });
    if (o.calibrate === 'isotonic' || o.calibrate === 'platt') {
      final.calibration = fitCalibration(o.calibrate, oof, y);
    }
    await writeFile(o.out, JSON.stringify(tabularToJson(final)) + '\n', 'utf8').catch((e: Error) => {
      throw badInput('--out', `cannot write "${o.out}" (${e.message})`);
    });
    log(`model written to ${o.out}`);
  }
  const result = {
    model: kind,
    ...report,
    calibration_error: calibrationError(y, oof).ece,
    calibration: o.calibrate,
    positive_class: schema.positive,
    seconds: (performance.now() - started) / 1000,
  };
  if (o.json) printJson(result);
  else
    log(
      `AUC ${report.auc.toFixed(4)} (folds ${report.auc_folds.map((a) => a.toFixed(4)).join(', ')}), log loss ${report.logloss.toFixed(4)}, Brier ${report.brier.toFixed(4)}`,
    );
};

type PredictOpts = { model: string; data: string; explain?: string; out: string; json?: boolean };

const predict = async (o: PredictOpts): Promise<void> => {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(o.model, 'utf8'));
  } catch (e) {
    throw badInput('--model', `cannot read model "${o.model}" (${(e as Error).message})`);
  }
  const model = tabularFromJson(raw as TabularJson);
  const k =
    o.explain === undefined
      ? 0
      : parseOptions(z.object({ explain: intFlag(1, 1000) }), { explain: o.explain }).explain;
  const table = await readTable(o.data, { flag: '--data' });
  const numeric = model.schema.features.filter((f) => f.kind === 'numeric').map((f) => f.name);
  for (const name of numeric) numericColumn(table, name, '--data');
  const { x, n } = encodeFeatures(model.schema, table);
  const score = predictEncoded(model, x, n);
  const columns = [...table.columns, 'score'];
  const rows: Array<Array<string | number>> = table.rows.map((r, i) => [...r, score[i]!]);
  if (k > 0) {
    const p = model.schema.features.length;
    // GBDT: TreeSHAP on worker threads for large files (same numbers as in process).
    const phi =
      model.kind === 'gbdt' ? dropBaseColumn(await treeShapParallel(model.gbdt, x, n), n, p) : undefined;
    const reasons = explainRows(model, x, n, k, phi);
    for (let j = 1; j <= k; j++) columns.push(`reason_${j}`, `reason_${j}_contribution`);
    reasons.forEach((rs, i) => {
      for (let j = 0; j < k; j++) rows[i]!.push(rs[j]?.feature ?? '', rs[j]?.contribution ?? '');
    });
  }
  await writeCsv(o.out, columns, rows);
  const mean = score.reduce((s, v) => s + v, 0) / Math.max(n, 1);
  if (o.json) printJson({ n, out: o.out, mean_score: mean, explained: k });
  else log(`${n} rows scored (mean ${mean.toFixed(4)}) → ${o.out}`);
};

export const register = (program: Command): void => {
  const model = program
    .command('model')
    .description('Binary classifiers: train with cross-validation, predict and explain / 模型训练与预测');
  model
    .command('train')
    .description('Cross-validate and (with --out) fit a GBDT or logistic model on a CSV/XLSX file')
    .requiredOption('--data <file>', 'CSV or .xlsx with a header row')
    .requiredOption('--target <col>', 'binary target column (0/1, Yes/No, true/false)')
    .option('--drop <cols>', 'comma-separated columns to ignore (ids)')
    .option('--categorical <cols>', 'comma-separated columns to treat as categorical even if numeric')
    .option('--model <kind>', 'gbdt | logistic', 'gbdt')
    .option('--cv <k>', 'number of stratified folds', '5')
    .option('--seed <n>', 'random seed', '0')
    .option('--monotone <spec>', 'monotone constraints, e.g. price:-1,tenure:1 (gbdt)')
    .option(
      '--calibrate <method>',
      'none | isotonic | platt: calibrate the saved model on out-of-fold scores',
      'none',
    )
    .option(
      '--threads <n>',
      'threads for GBDT histograms: auto (all cores from 2M rows × features), or a number (1 = in process)',
      'auto',
    )
    .option('--out <file>', 'write the fitted model as JSON')
    .option('--rounds <n>', 'GBDT: most boosting rounds (default 2000, early stopping picks fewer)')
    .option('--learning-rate <x>', 'GBDT: shrinkage per round (default 0.05)')
    .option('--max-depth <n>', 'GBDT: deepest tree level, -1 = unlimited (default 4)')
    .option('--num-leaves <n>', 'GBDT: most leaves per tree (default 8)')
    .option('--min-child-samples <n>', 'GBDT: fewest rows in a leaf (default 30)')
    .option('--max-bin <n>', 'GBDT: histogram bins per feature (default 255)')
    .option(
      '--early-stopping <n>',
      'GBDT: stop after n rounds without improvement; 0 = exactly --rounds trees (default 50)',
    )
    .option('--reg-lambda <x>', 'GBDT: L2 penalty on leaf values (default 1)')
    .option('--subsample <x>', 'GBDT: fraction of rows per round (default 0.8)')
    .option('--colsample-bytree <x>', 'GBDT: fraction of features per tree (default 0.8)')
    .option('--json', 'print one JSON document')
    .action((o: TrainOpts) => runAction(o.json === true, () => train(o)));
  model
    .command('predict')
    .description('Score a file with a saved model; --explain K adds the top K TreeSHAP reasons per row')
    .requiredOption('--model <file>', 'model JSON written by `caiban model train --out`')
    .requiredOption('--data <file>', 'CSV or .xlsx with the training feature columns')
    .option('--explain <k>', 'add the top K feature contributions (log-odds) per row')
    .requiredOption('--out <file>', 'output CSV: the input columns plus score (and reasons)')
    .option('--json', 'print one JSON summary')
    .action((o: PredictOpts) => runAction(o.json === true, () => predict(o)));
};
