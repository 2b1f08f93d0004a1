import { readFile, writeFile } from 'node:fs/promises';
import { InvalidArgumentError, type Command } from 'commander';
import { badInput } from '../core/errors.js';
import { builtinIntentModel } from '../core/nlu/builtin.js';
import { buildCatalogueIndex, type CatalogueEntry, type CatalogueIndex } from '../core/nlu/catalogue.js';
import { classificationReport } from '../core/nlu/eval-metrics.js';
import { intentModelFromJson, intentModelToJson } from '../core/nlu/intent-model-json.js';
import {
  DEFAULT_INTENT_OPTIONS,
  predictIntentNormalized,
  trainIntentModel,
  type IntentModel,
  type IntentTrainOptions,
} from '../core/nlu/intent-model.js';
import { normalizeText } from '../core/nlu/normalize.js';
import { understand } from '../core/nlu/pipeline.js';
import { log, printJson, runAction } from './io/output.js';
import { readTable, stringColumn } from './io/table.js';

/** `caiban nlu train|eval|predict` (CLI.md, Language). */

export const loadIntentModel = async (path: string | undefined): Promise<IntentModel> => {
  if (path === undefined) return builtinIntentModel();
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    throw badInput(
      '--model',
      `cannot read "${path}"; give a model file written by \`caiban nlu train --out\``,
    );
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw badInput('--model', `"${path}" is not JSON (${(e as Error).message})`);
  }
  return intentModelFromJson(doc, '--model');
};

type Labelled = { texts: string[]; labels: string[] };

const readLabelled = async (path: string, textCol: string, labelCol: string): Promise<Labelled> => {
  const table = await readTable(path, { flag: '--data' });
  const texts = stringColumn(table, textCol, '--text-col');
  const labels = stringColumn(table, labelCol, '--label-col');
  const keep = texts.map((t, i) => t.trim() !== '' && labels[i]!.trim() !== '');
  const dropped = keep.filter((k) => !k).length;
  if (dropped > 0) log(`nlu: skipped ${dropped} row(s) with an empty text or label`);
  if (dropped === texts.length) throw badInput('--data', `"${path}" has no row with both a text and a label`);
  return {
    texts: texts.filter((_, i) => keep[i]),
    labels: labels.filter((_, i) => keep[i]).map((l) => l.trim()),
  };
};

/** Option parser for positive numbers; commander reports the error with exit code 2. */
export const positive = (v: string): number => {
  const n = Number(v);
  if (!(n > 0)) throw new InvalidArgumentError(`"${v}" is not a positive number`);
  return n;
};

type TrainOpts = {
  data: string;
  textCol: string;
  labelCol: string;
  out: string;
  json?: boolean;
  c?: number;
  epochs?: number;
  seed?: number;
};

const trainOptions = (o: TrainOpts): Partial<IntentTrainOptions> => {
  const svm = { ...DEFAULT_INTENT_OPTIONS.svm };
  if (o.c !== undefined) svm.c = o.c;
  if (o.epochs !== undefined) svm.maxEpochs = Math.round(o.epochs);
  return { svm, ...(o.seed !== undefined ? { seed: Math.round(o.seed) } : {}) };
};

const train = async (o: TrainOpts): Promise<void> => {
  const { texts, labels } = await readLabelled(o.data, o.textCol, o.labelCol);
  const t0 = performance.now();
  const model = trainIntentModel(
    texts.map((text, i) => ({ text, label: labels[i]! })),
    trainOptions(o),
  );
  const seconds = Math.round(performance.now() - t0) / 1000;
  try {
    await writeFile(o.out, JSON.stringify(intentModelToJson(model)));
  } catch (e) {
    throw badInput('--out', `cannot write "${o.out}" (${(e as Error).message})`);
  }
  const summary = {
    out: o.out,
    n: texts.length,
    labels: model.labels.length,
    features: model.vocab.terms.length,
    temperature: Math.round(model.temperature * 1e4) / 1e4,
    seconds,
  };
  if (o.json) printJson(summary);
  else log(`nlu: trained on ${summary.n} examples, ${summary.labels} labels in ${seconds}s → ${o.out}`);
};

type EvalOpts = { model?: string; data: string; textCol: string; labelCol: string; json?: boolean };

const evaluate = async (o: EvalOpts): Promise<void> => {
  const model = await loadIntentModel(o.model);
  const { texts, labels } = await readLabelled(o.data, o.textCol, o.labelCol);
  const t0 = performance.now();
  const predicted = texts.map((t) => predictIntentNormalized(model, normalizeText(t), 1).intent);
  const seconds = Math.round(performance.now() - t0) / 1000;
  const report = { ...classificationReport(labels, predicted), seconds };
  if (o.json) printJson(report);
  else {
    log(`accuracy ${report.accuracy}  macro-F1 ${report.macro_f1}  n ${report.n}`);
    for (const c of report.confusions.slice(0, 10)) log(`  ${c.expected} → ${c.predicted}: ${c.count}`);
  }
};

type PredictOpts = { model?: string; json?: boolean; top?: number; catalogue?: string };

/** Product/manager catalogue file: { "products": [{ "name", "code"?, "aliases"? }], "managers": [{ "name" }] }. */
const loadCatalogue = async (path: string): Promise<CatalogueIndex> => {
  let doc: unknown;
  try {
    doc = JSON.parse(await readFile(path, 'utf8'));
  } catch (e) {
    throw badInput('--catalogue', `cannot read "${path}" as JSON (${(e as Error).message})`);
  }
  const list = (key: string): CatalogueEntry[] => {
    const v = (doc as Record<string, unknown> | null)?.[key];
    if (v === undefined) return [];
    if (!Array.isArray(v)) throw badInput('--catalogue', `"${key}" must be an array of { "name", "code" }`);
    return v.map((e, i) => {
      const r = e as Record<string, unknown>;
      if (typeof r?.name !== 'string') throw badInput('--catalogue', `${key}[${i}].name must be a string`);
      const entry: CatalogueEntry = { name: r.name };
      if (typeof r.code === 'string') entry.code = r.code;
      if (Array.isArray(r.aliases))
        entry.aliases = r.aliases.filter((a): a is string => typeof a === 'string');
      return entry;
    });
  };
  return buildCatalogueIndex({ products: list('products'), managers: list('managers') });
};

const predict = async (text: string, o: PredictOpts): Promise<void> => {
  if (text.trim() === '') throw badInput('TEXT', 'empty message; pass the text to classify as the argument');
  const model = await loadIntentModel(o.model);
  const catalogue = o.catalogue === undefined ? undefined : await loadCatalogue(o.catalogue);
  const u = understand(text, { model, topK: Math.round(o.top ?? 3), ...(catalogue ? { catalogue } : {}) });
  const out = {
    intent: u.intent,
    confidence: u.confidence,
    alternatives: u.alternatives,
    slots: u.slots,
    normalized: u.normalized,
  };
  if (o.json) printJson(out);
  else process.stdout.write(`${u.intent} (${u.confidence}) ${JSON.stringify(u.slots)}\n`);
};

export const register = (program: Command): void => {
  const nlu = program.command('nlu').description('Intent classifier and slots / 意图识别与槽位抽取');
  nlu
    .command('train')
    .description('train an intent model from a labelled CSV/XLSX file')
    .requiredOption('--data <file>', 'CSV or .xlsx with a text and a label column')
    .option('--text-col <name>', 'text column', 'text')
    .option('--label-col <name>', 'label column', 'label')
    .requiredOption('--out <model.json>', 'where to write the model')
    .option('--c <number>', 'SVM regularisation C (larger = less regularised)', positive)
    .option('--epochs <n>', 'maximum passes of the dual coordinate-descent solver', positive)
    .option('--seed <n>', 'seed of the solver’s shuffling', positive)
    .option('--json', 'print one JSON summary on stdout')
    .action((o: TrainOpts) => runAction(Boolean(o.json), () => train(o)));
  nlu
    .command('eval')
    .description('accuracy, macro-F1, per-label report and confusion pairs on a labelled file')
    .option('--model <model.json>', 'model from `nlu train` (default: the built-in Chinese intent model)')
    .requiredOption('--data <file>', 'CSV or .xlsx with a text and a label column')
    .option('--text-col <name>', 'text column', 'text')
    .option('--label-col <name>', 'label column', 'label')
    .option('--json', 'print one JSON report on stdout')
    .action((o: EvalOpts) => runAction(Boolean(o.json), () => evaluate(o)));
  nlu
    .command('predict')
    .description('intent, confidence, alternatives and slots of one message')
    .argument('<text>', 'the message')
    .option('--model <model.json>', 'model from `nlu train` (default: the built-in Chinese intent model)')
    .option('--top <k>', 'number of intents to list (best + alternatives)', positive)
    .option(
      '--catalogue <file.json>',
      'products and managers to match names against ({ products: [{ name, code }], managers: [{ name }] })',
    )
    .option('--json', 'print one JSON document on stdout')
    .action((text: string, o: PredictOpts) => runAction(Boolean(o.json), () => predict(text, o)));
};
