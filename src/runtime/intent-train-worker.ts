import { parentPort } from 'node:worker_threads';
import { intentModelToJson } from '../core/nlu/intent-model-json.js';
import { trainIntentModel, type IntentExample, type IntentTrainOptions } from '../core/nlu/intent-model.js';

/** Worker thread of intent-train.ts: trains one intent model and posts its JSON form (without the examples). */
type Message = { examples: IntentExample[]; options: IntentTrainOptions };

parentPort?.on('message', (msg: Message) => {
  try {
    const model = trainIntentModel(msg.examples, { ...msg.options, keepExamples: false });
    parentPort?.postMessage({ ok: true, model: intentModelToJson(model) });
  } catch (e) {
    parentPort?.postMessage({ ok: false, error: e instanceof Error ? e.message : String(e) });
  }
});
