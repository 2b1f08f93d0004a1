import { readFile, writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
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
  trainTabular,
} from '../core/ml/tabular.js';
import type { ModelKind, TabularJson, TrainTabularOptions } from '../core/ml/tabular.js';
import { writeCsv } from './io/csv-write.js';
import { histogramPoolFor } from './gbdt-threads.js';
import { treeShapParallel } from './ml-parallel.js';
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

const int = (flag: string, v: string, min: number): number => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < min) throw badInput(flag, `must be an integer ≥ ${min}, got "${v}"`);
  return n;
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

const threadsOption = (v: string): number | 'auto' => (v === 'auto' ? 'auto' : int('--threads', v, 1));

const train = async (o: TrainOpts): Promise<void> => {
  const started = performance.now();
  if (o.model !== 'gbdt' && o.model !== 'logistic')
    throw badInput('--model', `must be gbdt or logistic, got "${o.model}"`);
  const kind: ModelKind = o.model;
  const folds = int('--cv', o.cv, 2);
  const seed = int('--seed', o.seed, 0);
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
  const threads = threadsOption(o.threads);
  const pool =
    kind === 'gbdt' ? await histogramPoolFor(threads, table.rows.length, schema.features.length) : null;
  const base: TrainTabularOptions = {
    kind,
    seed,
    ...(monotone ? { monotone } : {}),
    ...(pool ? { histograms: pool.strategy } : {}),
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
  const k = o.explain === undefined ? 0 : int('--explain', o.explain, 1);
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
