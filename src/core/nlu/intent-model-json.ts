import { badInput } from '../errors.js';
import { blockOf, DEFAULT_FEATURES, type FeatureConfig, type Vocabulary } from './features.js';
import { decodeFloat32Base64, encodeFloat64AsFloat32Base64 } from './float-codec.js';
import { DEFAULT_INTENT_OPTIONS, type IntentExample, type IntentModel } from './intent-model.js';

/** On-disk form of an intent model (`caiban nlu train --out MODEL.json`). */
export type IntentModelJson = {
  format: 'caiban.intent-model';
  version: 1;
  labels: string[];
  terms: string[];
  /** float32 base64 (see float-codec.ts). */
  idf: string;
  weights: string;
  temperature: number;
  options: IntentModel['options'];
  examples: IntentExample[] | null;
};

export const intentModelToJson = (model: IntentModel): IntentModelJson => ({
  format: 'caiban.intent-model',
  version: 1,
  labels: model.labels,
  terms: model.vocab.terms,
  idf: encodeFloat64AsFloat32Base64(model.vocab.idf),
  weights: encodeFloat64AsFloat32Base64(model.weights),
  temperature: model.temperature,
  options: model.options,
  examples: model.examples,
});

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const isStringArray = (v: unknown): v is string[] =>
  Array.isArray(v) && v.every((s) => typeof s === 'string');

/** Reads a parsed JSON document back into a model; anything malformed is bad input naming the field. */
export const intentModelFromJson = (doc: unknown, field = 'model'): IntentModel => {
  if (!isRecord(doc) || doc.format !== 'caiban.intent-model') {
    throw badInput(
      field,
      'not a Caiban intent model (expected "format": "caiban.intent-model"); train one with `caiban nlu train`',
    );
  }
  if (doc.version !== 1)
    throw badInput(field, `unsupported model version ${String(doc.version)}; expected 1`);
  if (!isStringArray(doc.labels) || doc.labels.length < 2)
    throw badInput(`${field}.labels`, 'expected ≥ 2 label strings');
  if (!isStringArray(doc.terms)) throw badInput(`${field}.terms`, 'expected an array of strings');
  const idf = typeof doc.idf === 'string' ? decodeFloat32Base64(doc.idf) : null;
  if (!idf || idf.length !== doc.terms.length)
    throw badInput(`${field}.idf`, 'expected one float per term (base64 float32)');
  const K = doc.labels.length;
  const weights = typeof doc.weights === 'string' ? decodeFloat32Base64(doc.weights) : null;
  if (!weights || weights.length !== (doc.terms.length + 1) * K) {
    throw badInput(
      `${field}.weights`,
      `expected (terms + 1) × labels = ${(doc.terms.length + 1) * K} floats (base64 float32)`,
    );
  }
  const temperature = doc.temperature;
  if (typeof temperature !== 'number' || !(temperature > 0))
    throw badInput(`${field}.temperature`, 'expected a positive number');
  if (!isRecord(doc.options) || !isRecord(doc.options.features))
    throw badInput(`${field}.options`, 'expected the training options');
  const features: FeatureConfig = {
    ...DEFAULT_FEATURES,
    ...(doc.options.features as Partial<FeatureConfig>),
  };
  const options = {
    ...DEFAULT_INTENT_OPTIONS,
    ...(doc.options as Partial<IntentModel['options']>),
    features,
  };
  const examples = Array.isArray(doc.examples)
    ? (doc.examples as unknown[]).filter(
        (e): e is IntentExample => isRecord(e) && typeof e.text === 'string' && typeof e.label === 'string',
      )
    : null;
  const terms = doc.terms;
  const block = new Uint8Array(terms.length);
  const index = new Map<string, number>();
  terms.forEach((t, j) => {
    index.set(t, j);
    block[j] = blockOf(t);
  });
  const vocab: Vocabulary = { config: features, terms, idf, block, index };
  return { labels: doc.labels, vocab, weights, temperature, options, examples };
};
