import { parentPort, workerData } from 'node:worker_threads';
import { AppError } from '../core/errors.js';
import type { InsightDataset } from '../core/insight/dataset.js';
import type { StudyOptions } from '../core/insight/study.js';
import { predictiveImportance, runStudy } from '../core/insight/study.js';
import type { LeverOptions } from '../core/insight/cate.js';
import { scoreLevers } from '../core/insight/cate.js';
import { customerShap } from '../core/insight/shap.js';
import type { WhatIfOptions } from '../core/insight/whatif.js';
import { insightWhatIf } from '../core/insight/whatif.js';
import { surveyDrivers } from '../core/insight/survey-drivers.js';

/**
 * Worker thread of the insight runs (study-runner.ts): a whole study with progress messages, one what-if
 * simulation, survey drivers, the predictive importance (mean |TreeSHAP|) of one dataset, the per-customer lever
 * scores or one customer's SHAP waterfall; posts the result (or the error). The caller cancels by terminating the
 * thread.
 */
type Job =
  | { kind: 'study'; dataset: InsightDataset; outcome: string; options: StudyOptions }
  | { kind: 'whatif'; dataset: InsightDataset; intervene: string; options: WhatIfOptions }
  | {
      kind: 'survey';
      joined: Parameters<typeof surveyDrivers>[0];
      renewal: Parameters<typeof surveyDrivers>[1];
      options: Parameters<typeof surveyDrivers>[2];
    }
  | { kind: 'importance'; dataset: InsightDataset; seed: number }
  | { kind: 'levers'; dataset: InsightDataset; target: InsightDataset; options: LeverOptions }
  | {
      kind: 'shap';
      dataset: InsightDataset;
      target: InsightDataset | null;
      customerId: number;
      seed: number;
    };

const job = workerData as Job;
try {
  const result =
    job.kind === 'whatif'
      ? insightWhatIf(job.dataset, job.intervene, job.options)
      : job.kind === 'survey'
        ? surveyDrivers(job.joined, job.renewal, job.options)
        : job.kind === 'importance'
          ? predictiveImportance(job.dataset, job.seed)
          : job.kind === 'levers'
            ? scoreLevers(job.dataset, job.target, job.options)
            : job.kind === 'shap'
              ? customerShap(job.dataset, job.target, job.customerId, job.seed)
              : runStudy(job.dataset, job.outcome, job.options, (fraction, stage) =>
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
