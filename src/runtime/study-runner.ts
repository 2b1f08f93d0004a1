import type { LeverOptions } from '../core/insight/cate.js';
import type { InsightDataset } from '../core/insight/dataset.js';
import type { LeverScores } from '../core/insight/levers.js';
import type { CustomerShap } from '../core/insight/shap.js';
import type { StudyOptions, StudyResult } from '../core/insight/study.js';
import type { InsightWhatIf, WhatIfOptions } from '../core/insight/whatif.js';
import type { SurveyDriverOptions, SurveyDrivers, surveyDrivers } from '../core/insight/survey-drivers.js';
import { spawnWorker } from './worker.js';

export type StudyError = { code: string; message: string; details: Record<string, unknown> };
export type StudyOutcome =
  { kind: 'result'; result: StudyResult } | { kind: 'error'; error: StudyError } | { kind: 'cancelled' };

export type StudyRun = {
  /** Settles once: the result, the study's error, or cancelled. */
  done: Promise<StudyOutcome>;
  /** Stops the thread at once (whatever it is computing); `done` settles as cancelled. */
  cancel: () => Promise<void>;
};

type Message =
  | { type: 'progress'; fraction: number; stage: string }
  | { type: 'result'; result: StudyResult }
  | { type: 'error'; error: StudyError };

/**
 * Runs a study in its own worker thread so that the server keeps answering requests while the estimators work
 * (they are synchronous); progress arrives through `onProgress`, cancellation terminates the thread.
 */
export const startStudyRun = (
  dataset: InsightDataset,
  outcome: string,
  options: StudyOptions,
  onProgress: (fraction: number, stage: string) => void,
): StudyRun => {
  const { runner: _runner, ...plain } = options;
  const worker = spawnWorker('study-worker', {
    workerData: { kind: 'study', dataset, outcome, options: plain },
  });
  let cancelled = false;
  const done = new Promise<StudyOutcome>((resolve) => {
    worker.on('message', (m: Message) => {
      if (m.type === 'progress') onProgress(m.fraction, m.stage);
      else if (m.type === 'result') resolve({ kind: 'result', result: m.result });
      else resolve({ kind: 'error', error: m.error });
    });
    worker.on('error', (e) =>
      resolve({ kind: 'error', error: { code: 'INTERNAL', message: e.message, details: {} } }),
    );
    worker.on('exit', () =>
      resolve(
        cancelled
          ? { kind: 'cancelled' }
          : { kind: 'error', error: { code: 'INTERNAL', message: 'study worker exited', details: {} } },
      ),
    );
  });
  return {
    done,
    cancel: async () => {
      cancelled = true;
      await worker.terminate();
    },
  };
};

/** One job in a worker thread that answers once (the request thread stays free). */
const oneShot = <T>(
  workerData: Record<string, unknown>,
): Promise<{ ok: true; result: T } | { ok: false; error: StudyError }> => {
  const worker = spawnWorker('study-worker', { workerData });
  return new Promise((resolve) => {
    worker.on('message', (m: { type: 'result'; result: T } | { type: 'error'; error: StudyError }) => {
      resolve(m.type === 'result' ? { ok: true, result: m.result } : { ok: false, error: m.error });
      void worker.terminate();
    });
    worker.on('error', (e) =>
      resolve({ ok: false, error: { code: 'INTERNAL', message: e.message, details: {} } }),
    );
  });
};

/** Survey drivers (X-data fusion) in a worker thread; resolves with the result or the analysis's error. */
export const surveyDriversInWorker = (
  joined: Parameters<typeof surveyDrivers>[0],
  renewal: Parameters<typeof surveyDrivers>[1],
  options: SurveyDriverOptions,
) => oneShot<SurveyDrivers>({ kind: 'survey', joined, renewal, options });

/** Predictive importance (GBDT mean |TreeSHAP|, not causal) of a dataset in a worker thread. */
export const importanceInWorker = (dataset: InsightDataset, seed: number) =>
  oneShot<StudyResult['importance']>({ kind: 'importance', dataset, seed });

/** One what-if simulation in a worker thread (the request thread stays free); rejects with the study's error. */
export const whatIfInWorker = (dataset: InsightDataset, intervene: string, options: WhatIfOptions) => {
  const { runner: _runner, ...plain } = options;
  return oneShot<InsightWhatIf>({ kind: 'whatif', dataset, intervene, options: plain });
};

/** Per-customer lever scores (calibrated outcome, each lever's CATE) of `target`, fitted on `dataset`. */
export const leverScoresInWorker = (
  dataset: InsightDataset,
  target: InsightDataset,
  options: LeverOptions,
) => {
  const { runner: _runner, ...plain } = options;
  return oneShot<LeverScores[]>({ kind: 'levers', dataset, target, options: plain });
};

/** One customer's SHAP waterfall (the study's importance model) in a worker thread. */
export const customerShapInWorker = (
  dataset: InsightDataset,
  target: InsightDataset | null,
  customerId: number,
  seed: number,
) => oneShot<CustomerShap>({ kind: 'shap', dataset, target, customerId, seed });
