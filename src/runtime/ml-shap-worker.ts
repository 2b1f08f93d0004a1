import { parentPort, workerData } from 'node:worker_threads';
import { gbdtFromJson } from '../core/ml/gbdt-io.js';
import type { GbdtJson } from '../core/ml/gbdt-io.js';
import { treeShap } from '../core/ml/treeshap.js';

/** Worker of `treeShapParallel`: SHAP values of rows start…end−1, written straight into the shared output. */
type Job = { model: GbdtJson; x: SharedArrayBuffer; out: SharedArrayBuffer; start: number; end: number };

const job = workerData as Job;
const model = gbdtFromJson(job.model);
const p = model.numFeatures;
const rows = job.end - job.start;
const x = new Float64Array(job.x, job.start * p * 8, rows * p);
const phi = treeShap(model, x, rows);
new Float64Array(job.out, job.start * (p + 1) * 8, rows * (p + 1)).set(phi);
parentPort?.postMessage('done');
