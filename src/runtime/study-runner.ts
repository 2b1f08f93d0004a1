import type { InsightDataset } from '../core/insight/dataset.js';
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

/** One what-if simulation in a worker thread (the request thread stays free); rejects with the study's error. */
export const whatIfInWorker = (
  dataset: InsightDataset,
  intervene: string,
  options: WhatIfOptions,
): Promise<{ ok: true; result: InsightWhatIf } | { ok: false; error: StudyError }> => {
  const { runner: _runner, ...plain } = options;
  const worker = spawnWorker('study-worker', {
    workerData: { kind: 'whatif', dataset, intervene, options: plain },
  });
  return new Promise((resolve) => {
    worker.on(
      'message',
      (m: { type: 'result'; result: InsightWhatIf } | { type: 'error'; error: StudyError }) => {
        resolve(m.type === 'result' ? { ok: true, result: m.result } : { ok: false, error: m.error });
        void worker.terminate();
      },
    );
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
): Promise<{ ok: true; result: SurveyDrivers } | { ok: false; error: StudyError }> => {
  const worker = spawnWorker('study-worker', {
    workerData: { kind: 'survey', joined, renewal, options },
  });
  return new Promise((resolve) => {
    worker.on(
      'message',
      (m: { type: 'result'; result: SurveyDrivers } | { type: 'error'; error: StudyError }) => {
        resolve(m.type === 'result' ? { ok: true, result: m.result } : { ok: false, error: m.error });
        void worker.terminate();
      },
    );
    worker.on('error', (e) =>
      resolve({ ok: false, error: { code: 'INTERNAL', message: e.message, details: {} } }),
    );
  });
};

/** Predictive importance (GBDT mean |TreeSHAP|, not causal) of a dataset in a worker thread. */
export const importanceInWorker = (
  dataset: InsightDataset,
  seed: number,
): Promise<{ ok: true; result: StudyResult['importance'] } | { ok: false; error: StudyError }> => {
  const worker = spawnWorker('study-worker', { workerData: { kind: 'importance', dataset, seed } });
  return new Promise((resolve) => {
    worker.on(
      'message',
      (m: { type: 'result'; result: StudyResult['importance'] } | { type: 'error'; error: StudyError }) => {
        resolve(m.type === 'result' ? { ok: true, result: m.result } : { ok: false, error: m.error });
        void worker.terminate();
      },
    );
    worker.on('error', (e) =>
      resolve({ ok: false, error: { code: 'INTERNAL', message: e.message, details: {} } }),
    );
  });
};
