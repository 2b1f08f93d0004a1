import { availableParallelism } from 'node:os';
import type { GbdtModel } from '../core/ml/gbdt.js';
import { gbdtToJson } from '../core/ml/gbdt-io.js';
import { treeShap } from '../core/ml/treeshap.js';
import { spawnWorker } from './worker.js';

/**
 * TreeSHAP over worker threads: rows are split into one contiguous chunk per thread; inputs and outputs live in
 * SharedArrayBuffers so nothing large is copied between threads. Small inputs run in this thread (starting a
 * worker costs tens of milliseconds). Works from the compiled CLI (.js) and from sources under tsx (.ts).
 */
export const treeShapParallel = async (
  model: GbdtModel,
  x: Float64Array,
  n: number,
  threads = availableParallelism(),
): Promise<Float64Array> => {
  const p = model.numFeatures;
  if (threads <= 1 || n < 20_000) return treeShap(model, x, n);
  const sx = new SharedArrayBuffer(n * p * 8);
  new Float64Array(sx).set(x.subarray(0, n * p));
  const so = new SharedArrayBuffer(n * (p + 1) * 8);
  const json = gbdtToJson(model);
  const chunk = Math.ceil(n / threads);
  const jobs: Array<Promise<void>> = [];
  for (let start = 0; start < n; start += chunk) {
    const end = Math.min(n, start + chunk);
    const workerData = { model: json, x: sx, out: so, start, end };
    const w = spawnWorker('ml-shap-worker', { workerData });
    jobs.push(
      new Promise<void>((resolve, reject) => {
        w.once('message', () => resolve());
        w.once('error', reject);
        w.once('exit', (code) =>
          code === 0 ? resolve() : reject(new Error(`TreeSHAP worker exited with ${code}`)),
        );
      }),
    );
  }
  await Promise.all(jobs);
  return new Float64Array(so);
};
