import type { MessagePort } from 'node:worker_threads';
import { parentPort } from 'node:worker_threads';
import type { FitJob } from '../core/causal/effects/nuisance.js';
import { runFitJob } from '../core/causal/effects/nuisance.js';

/**
 * Worker thread of the nuisance-fit pool (fit-pool.ts): runs one fit job per message, posts the predictions on
 * the job's port, raises the job's flag and bumps the shared completion counter so that the caller wakes up.
 */
type Message = { job: FitJob; port: MessagePort; flag: Int32Array; done: Int32Array };

parentPort?.on('message', (msg: Message | 'ping') => {
  if (msg === 'ping') {
    parentPort?.postMessage('ready');
    return;
  }
  try {
    const out = runFitJob(msg.job);
    msg.port.postMessage({ ok: true, out }, [out.buffer as ArrayBuffer]);
  } catch (e) {
    msg.port.postMessage({ ok: false, error: e instanceof Error ? e.message : String(e) });
  }
  Atomics.store(msg.flag, 0, 1);
  Atomics.add(msg.done, 0, 1);
  Atomics.notify(msg.done, 0);
});
