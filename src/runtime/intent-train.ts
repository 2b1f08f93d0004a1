import type { IntentModelJson } from '../core/nlu/intent-model-json.js';
import type { IntentExample, IntentTrainOptions } from '../core/nlu/intent-model.js';
import { cachedAsync, contentKey } from './trained-cache.js';
import { spawnWorker } from './worker.js';

/**
 * Trains an intent model in a worker thread (a few seconds of CPU that would otherwise stall every request of
 * the server) and resolves with its JSON form. One worker per training, ended when it answers. The same
 * examples and options give the model trained earlier (trained-cache.ts: this process, or CAIBAN_MODEL_CACHE).
 */
export const trainIntentModelInWorker = (
  examples: readonly IntentExample[],
  options: IntentTrainOptions,
): Promise<IntentModelJson> =>
  cachedAsync(contentKey('intent-model-json/1', { examples, options }), () =>
    trainInWorker(examples, options),
  );

const trainInWorker = (
  examples: readonly IntentExample[],
  options: IntentTrainOptions,
): Promise<IntentModelJson> =>
  new Promise((resolve, reject) => {
    const w = spawnWorker('intent-train-worker');
    const done = (f: () => void) => {
      void w.terminate();
      f();
    };
    w.once('error', (e) => done(() => reject(e)));
    w.once('message', (m: { ok: true; model: IntentModelJson } | { ok: false; error: string }) =>
      done(() => (m.ok ? resolve(m.model) : reject(new Error(m.error)))),
    );
    w.postMessage({ examples: [...examples], options });
  });
