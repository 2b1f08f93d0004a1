import { parentPort, workerData } from 'node:worker_threads';
import { AppError } from '../core/errors.js';
import type { InsightDataset } from '../core/insight/dataset.js';
import type { StudyOptions } from '../core/insight/study.js';
import { runStudy } from '../core/insight/study.js';

/**
 * Worker thread of an insight study (study-runner.ts): runs the whole study on the dataset it was given and
 * posts progress messages, then the result (or the error). The caller cancels by terminating the thread.
 */
type Job = { dataset: InsightDataset; outcome: string; options: StudyOptions };

const job = workerData as Job;
try {
  const result = runStudy(job.dataset, job.outcome, job.options, (fraction, stage) =>
    parentPort?.postMessage({ type: 'progress', fraction, stage }),
  );
  parentPort?.postMessage({ type: 'result', result });
} catch (e) {
  const err =
    e instanceof AppError
      ? { code: e.code, message: e.message, details: e.details }
      : { code: 'INTERNAL', message: e instanceof Error ? e.message : String(e), details: {} };
  parentPort?.postMessage({ type: 'error', error: err });
}
