import type { StudyInput } from '../../../contracts/insight.js';
import { AppError } from '../../../core/errors.js';
import type { StudyOptions } from '../../../core/insight/study.js';
import { parseInsightIntervention } from '../../../core/insight/intervention.js';
import type { InsightWhatIf } from '../../../core/insight/whatif.js';
import type { ErrorCode } from '../../../core/errors.js';
import { startStudyRun, whatIfInWorker } from '../../../runtime/study-runner.js';
import type { StudyRun } from '../../../runtime/study-runner.js';
import { actorOf, writeAudit } from '../../auth/audit.js';
import type { Principal } from '../../auth/principal.js';
import type { Queryable } from '../../db/index.js';
import { buildDataset, checkDatasetOptions } from './dataset.js';
import type { StudyRow } from './repo.js';
import { findStudy, insertStudy, updateStudy } from './repo.js';

/** A study as the API shows it (numbers as numbers, times as ISO strings). */
export const studyView = (r: StudyRow) => ({
  id: r.id,
  outcome: r.outcome,
  params: r.params,
  status: r.status,
  progress: Number(r.progress),
  stage: r.stage,
  result: r.result,
  error: r.error,
  created_at: r.createdAt.toISOString(),
  created_by: r.createdBy,
  updated_at: r.updatedAt.toISOString(),
});

/** Runs on this process, by study id: only to terminate the thread at once when this node is asked to cancel. */
const running = new Map<number, StudyRun>();

/** Background runs of this process (so that a shutdown or a test can wait for them). */
const jobs = new Set<Promise<unknown>>();

/** Resolves when every study started by this process has finished, failed or stopped. */
export const studyJobsIdle = async (): Promise<void> => {
  while (jobs.size > 0) await Promise.all([...jobs]);
};

const chinaDate = (now: Date): string => new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);

/** The estimation options a stored study's params describe. */
export const studyOptions = (p: StudyInput): StudyOptions => ({
  seed: p.seed,
  folds: p.folds,
  refuteSimulations: p.refute_simulations,
  oracle: p.oracle,
});

/**
 * Creates a study and starts it in the background (a worker thread); the caller polls GET for progress.
 * `clock` is the server's clock (passed in by the route): it stamps the rows and its China date is the default
 * decision cut-off.
 */
export const createStudy = async (
  db: Queryable,
  who: Principal,
  input: StudyInput,
  clock: () => Date,
  requestId: string | null = null,
): Promise<ReturnType<typeof studyView>> => {
  const now = clock();
  const params: StudyInput = { ...input, as_of: input.as_of ?? chinaDate(now) };
  checkDatasetOptions({ outcome: params.outcome, asOf: params.as_of! });
  const row = await insertStudy(db, { outcome: params.outcome, params, createdBy: who.id, now });
  await writeAudit(db, actorOf(who), requestId, [
    {
      action: 'insight.study_start',
      targetKind: 'insight_study',
      target: String(row.id),
      customerId: null,
      details: params,
    },
  ]);
  const job = runStudyJob(db, row.id, params, clock).catch(() => undefined);
  jobs.add(job);
  void job.finally(() => jobs.delete(job));
  return studyView(row);
};

/**
 * Builds the dataset, runs the study in a worker thread with progress written to the row, and stores the result.
 * A cancelled row (DELETE, from any node) stops the thread at the next progress tick.
 */
export const runStudyJob = async (
  db: Queryable,
  id: number,
  p: StudyInput,
  clock: () => Date,
): Promise<void> => {
  if (!(await updateStudy(db, id, ['queued'], { status: 'running', stage: 'dataset', updatedAt: clock() })))
    return;
  const fail = (error: Record<string, unknown>) =>
    updateStudy(db, id, ['running'], { status: 'failed', error, updatedAt: clock() });
  let data;
  try {
    data = await buildDataset(db, { outcome: p.outcome, asOf: p.as_of!, oracle: p.oracle });
  } catch (e) {
    await fail(
      e instanceof AppError
        ? { code: e.code, message: e.message, details: e.details }
        : { code: 'INTERNAL', message: String(e) },
    );
    return;
  }
  // Cancelled while the dataset was read: no thread is started.
  if (
    !(await updateStudy(db, id, ['running'], { progress: '0.1000', stage: 'estimating', updatedAt: clock() }))
  )
    return;
  let chain: Promise<unknown> = Promise.resolve();
  const run = startStudyRun(data, p.outcome, studyOptions(p), (f, stage) => {
    chain = chain
      .then(async () => {
        const progress = (0.1 + 0.9 * f).toFixed(4);
        const live = await updateStudy(db, id, ['running'], { progress, stage, updatedAt: clock() });
        if (!live) await run.cancel();
      })
      .catch(() => undefined);
  });
  running.set(id, run);
  const out = await run.done;
  running.delete(id);
  await chain;
  if (out.kind === 'result') {
    const result = out.result as unknown as Record<string, unknown>;
    await updateStudy(db, id, ['running'], {
      status: 'done',
      progress: '1',
      stage: 'done',
      result,
      updatedAt: clock(),
    });
  } else if (out.kind === 'error') await fail(out.error);
};

/** The study, or NOT_FOUND. */
export const getStudy = async (db: Queryable, id: number): Promise<ReturnType<typeof studyView>> => {
  const r = await findStudy(db, id);
  if (!r) throw new AppError('NOT_FOUND', `study ${id} not found`);
  return studyView(r);
};

/** Cancels a queued or running study (a finished one stays as it is); the thread stops at once on this node. */
export const cancelStudy = async (
  db: Queryable,
  who: Principal,
  id: number,
  now: Date,
  requestId: string | null = null,
): Promise<ReturnType<typeof studyView>> => {
  await getStudy(db, id);
  if (await updateStudy(db, id, ['queued', 'running'], { status: 'cancelled', updatedAt: now })) {
    await running.get(id)?.cancel();
    await writeAudit(db, actorOf(who), requestId, [
      {
        action: 'insight.study_cancel',
        targetKind: 'insight_study',
        target: String(id),
        customerId: null,
        details: {},
      },
    ]);
  }
  return getStudy(db, id);
};

/** Re-runs a stored study: a new study with the same params. */
export const rerunStudy = async (
  db: Queryable,
  who: Principal,
  id: number,
  clock: () => Date,
  requestId: string | null = null,
): Promise<ReturnType<typeof studyView>> => {
  const old = await findStudy(db, id);
  if (!old) throw new AppError('NOT_FOUND', `study ${id} not found`);
  return createStudy(db, who, old.params as StudyInput, clock, requestId);
};

/**
 * What-if on a stored study's population (its outcome and decision date), in a worker thread: baseline, the
 * simulated rate, the effect and its bootstrap CI. A bad expression is a 400 naming `intervene`.
 */
export const studyWhatIf = async (db: Queryable, id: number, intervene: string): Promise<InsightWhatIf> => {
  parseInsightIntervention(intervene);
  const s = await findStudy(db, id);
  if (!s) throw new AppError('NOT_FOUND', `study ${id} not found`);
  const p = s.params as StudyInput;
  const data = await buildDataset(db, { outcome: p.outcome, asOf: p.as_of! });
  const r = await whatIfInWorker(data, intervene, { seed: p.seed, folds: p.folds });
  if (!r.ok) throw new AppError(r.error.code as ErrorCode, r.error.message, r.error.details);
  return r.result;
};
