import { and, desc, eq, lt, or, sql } from 'drizzle-orm';
import type { StudyInput } from '../../../contracts/insight.js';
import type {
  DriverChange,
  EffectSnapshot,
  FactorDrift,
  FactorProfile,
} from '../../../core/insight/drift.js';
import {
  effectChanges,
  factorDrift,
  factorProfile,
  PSI_MAJOR,
  rankChanges,
} from '../../../core/insight/drift.js';
import { AppError, badInput } from '../../../core/errors.js';
import type { Queryable } from '../../db/index.js';
import { insightReviews as r } from '../../db/schema.js';
import { buildDataset } from './dataset.js';
import type { StudyRow } from './repo.js';
import { findStudy, insertStudy } from './repo.js';
import { runStudyJob } from './service.js';

/**
 * Periodic review of a saved study (issue 15 item 7): re-run it as of the review date, compare with its previous
 * run — PSI of every factor's distribution against the previous run's stored profile, changed drivers (effects
 * whose CIs no longer overlap, sign or status changes, importance ranks that moved) — store the comparison and
 * raise an alert for operations when something moved. One review per study and firing: a retried or doubly
 * delivered job finds the row and does not run twice.
 */
export type ReviewRow = typeof r.$inferSelect;

export type ReviewComparison = {
  n_previous: number | null;
  n: number;
  drift: FactorDrift[];
  changes: DriverChange[];
  /** Where the previous profiles came from: the previous review's stored profiles, or the base study's dataset rebuilt. */
  baseline: 'previous_review' | 'rebuilt_base_study';
};

/** A running review older than this is taken over by a retry (the worker that claimed it died). */
const STALE_MS = 60 * 60_000;

const chinaDate = (now: Date): string => new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);

const profilesOf = (d: { names: string[]; cols: Float64Array[] }): Record<string, FactorProfile> =>
  Object.fromEntries(d.names.map((k, j) => [k, factorProfile(d.cols[j]!)]));

type StudyResultLike = {
  effects?: EffectSnapshot[];
  importance?: Array<{ factor: string }>;
};

/** The alert's reasons (empty: nothing moved). */
export const alertReasons = (c: Pick<ReviewComparison, 'drift' | 'changes'>): string[] => [
  ...c.drift
    .filter((d) => d.psi >= PSI_MAJOR)
    .map((d) => `drift: ${d.factor} PSI ${d.psi.toFixed(3)} ≥ ${PSI_MAJOR}`),
  ...c.changes.map((ch) => `driver: ${ch.factor} ${ch.kind}`),
];

/** Claims the review of (study, firing); null when another run finished it or is running it now. */
const claim = async (
  db: Queryable,
  v: { studyId: number; scheduledFor: Date; trigger: 'schedule' | 'manual'; asOf: string; now: Date },
): Promise<ReviewRow | null> => {
  const [row] = await db.orm
    .insert(r)
    .values({ ...v, status: 'running', createdAt: v.now, updatedAt: v.now })
    .onConflictDoNothing()
    .returning();
  if (row) return row;
  const [taken] = await db.orm
    .update(r)
    .set({ status: 'running', error: null, updatedAt: v.now })
    .where(
      and(
        eq(r.studyId, v.studyId),
        eq(r.scheduledFor, v.scheduledFor),
        or(
          eq(r.status, 'failed'),
          and(eq(r.status, 'running'), lt(r.updatedAt, new Date(v.now.getTime() - STALE_MS))),
        ),
      ),
    )
    .returning();
  return taken ?? null;
};

/** The latest finished review of a study (its run is the "previous run" of the next review). */
const previousReview = async (db: Queryable, studyId: number, beforeId: number): Promise<ReviewRow | null> =>
  (
    await db.orm
      .select()
      .from(r)
      .where(and(eq(r.studyId, studyId), eq(r.status, 'done'), lt(r.id, beforeId)))
      .orderBy(desc(r.id))
      .limit(1)
  )[0] ?? null;

/** The saved study, which must have a result to compare with. */
const reviewable = async (db: Queryable, studyId: number): Promise<StudyRow> => {
  const s = await findStudy(db, studyId);
  if (!s) throw new AppError('NOT_FOUND', `study ${studyId} not found`, { field: 'study' });
  if (s.status !== 'done' || s.result === null)
    throw badInput('study', `study ${studyId} is ${s.status}; only a finished study can be reviewed`);
  return s;
};

export type ReviewOptions = {
  now: Date;
  scheduledFor?: Date;
  trigger?: 'schedule' | 'manual';
  /** Called once the review row is claimed (status running), before the re-run: lets a route answer 202 at once. */
  onClaimed?: (row: ReviewRow) => void;
};

/**
 * Runs one review of a saved study as of `now` (its China date is the new decision cut-off): a new study row with
 * the same params, compared with the previous run. Returns the review row (also when another run had it done).
 */
export const runReview = async (db: Queryable, studyId: number, o: ReviewOptions): Promise<ReviewRow> => {
  const base = await reviewable(db, studyId);
  const scheduledFor = o.scheduledFor ?? o.now;
  const asOf = chinaDate(o.now);
  const claimed = await claim(db, {
    studyId,
    scheduledFor,
    trigger: o.trigger ?? 'manual',
    asOf,
    now: o.now,
  });
  if (claimed === null)
    return (
      await db.orm
        .select()
        .from(r)
        .where(and(eq(r.studyId, studyId), eq(r.scheduledFor, scheduledFor)))
    )[0]!;
  const finish = async (set: Partial<ReviewRow>): Promise<ReviewRow> =>
    (
      await db.orm
        .update(r)
        .set({ ...set, updatedAt: o.now })
        .where(eq(r.id, claimed.id))
        .returning()
    )[0]!;
  o.onClaimed?.(claimed);
  try {
    const prev = await previousReview(db, studyId, claimed.id);
    const prevStudy = prev?.runStudyId ? await findStudy(db, prev.runStudyId) : base;
    const p = base.params as StudyInput;
    const prevProfiles =
      (prev?.profiles as Record<string, FactorProfile> | null | undefined) ??
      profilesOf(
        await buildDataset(db, { outcome: p.outcome, asOf: (prevStudy!.params as StudyInput).as_of! }),
      );
    const params: StudyInput = { ...p, as_of: asOf };
    const run = await insertStudy(db, {
      outcome: p.outcome,
      params,
      createdBy: `review:${claimed.id}`,
      now: o.now,
    });
    await finish({ runStudyId: run.id, previousStudyId: prevStudy!.id });
    await runStudyJob(db, run.id, params, () => o.now);
    const done = await findStudy(db, run.id);
    if (done?.status !== 'done' || done.result === null)
      return await finish({
        status: 'failed',
        error: done?.error ?? { code: 'INTERNAL', message: `review run ended ${done?.status}` },
        alert: true,
        alertReasons: [
          `run failed: ${typeof done?.error?.message === 'string' ? done.error.message : (done?.status ?? 'missing')}`,
        ],
      });
    const data = await buildDataset(db, { outcome: p.outcome, asOf });
    const before = prevStudy!.result as StudyResultLike;
    const after = done.result as StudyResultLike;
    const comparison: ReviewComparison = {
      n_previous: (before as { n?: number }).n ?? null,
      n: (after as { n?: number }).n ?? data.n,
      drift: factorDrift(
        prevProfiles,
        data.names.map((factor, j) => ({ factor, values: data.cols[j]! })),
      ),
      changes: [
        ...effectChanges(before.effects ?? [], after.effects ?? []),
        ...rankChanges(before.importance ?? [], after.importance ?? []),
      ],
      baseline: prev ? 'previous_review' : 'rebuilt_base_study',
    };
    const reasons = alertReasons(comparison);
    return await finish({
      status: 'done',
      comparison,
      profiles: profilesOf(data),
      alert: reasons.length > 0,
      alertReasons: reasons,
    });
  } catch (e) {
    const error =
      e instanceof AppError
        ? { code: e.code, message: e.message, details: e.details }
        : { code: 'INTERNAL', message: e instanceof Error ? e.message : String(e) };
    await finish({ status: 'failed', error, alert: true, alertReasons: [`review failed: ${error.message}`] });
    throw e;
  }
};

/** Reviews started by hand on this process (a shutdown or a test can wait for them). */
const background = new Set<Promise<unknown>>();

/** Resolves when every review started by `startReview` on this process has finished or failed. */
export const reviewJobsIdle = async (): Promise<void> => {
  while (background.size > 0) await Promise.all([...background]);
};

/**
 * A review by hand (the console's "review now"): resolves with the claimed row (status running) as soon as it is
 * stored, while the re-run goes on in the background; a study that cannot be reviewed (unknown, not finished)
 * rejects before anything is stored. A failure after the claim is stored on the review (failed, with an alert).
 */
export const startReview = (db: Queryable, studyId: number, now: Date): Promise<ReviewRow> =>
  new Promise((resolve, reject) => {
    const job = runReview(db, studyId, { now, trigger: 'manual', onClaimed: resolve });
    // Before the claim this settles the promise; after it, resolve/reject are no-ops (the row was answered).
    job.then(resolve, reject);
    const tracked = job.catch(() => undefined);
    background.add(tracked);
    void tracked.finally(() => background.delete(tracked));
  });

/** Reviews, newest first; `alertsOnly` lists the unacknowledged alerts (the operations list). */
export const listReviews = (db: Queryable, o: { studyId?: number; alertsOnly?: boolean; limit?: number }) =>
  db.orm
    .select()
    .from(r)
    .where(
      and(
        o.studyId === undefined ? sql`true` : eq(r.studyId, o.studyId),
        o.alertsOnly ? and(eq(r.alert, true), sql`${r.acknowledgedAt} IS NULL`) : sql`true`,
      ),
    )
    .orderBy(desc(r.id))
    .limit(o.limit ?? 50);

/** Marks an alert as seen; NOT_FOUND when there is no such review. */
export const acknowledgeReview = async (
  db: Queryable,
  id: number,
  who: string,
  now: Date,
): Promise<ReviewRow> => {
  const [row] = await db.orm
    .update(r)
    .set({ acknowledgedAt: now, acknowledgedBy: who, updatedAt: now })
    .where(eq(r.id, id))
    .returning();
  if (!row) throw new AppError('NOT_FOUND', `review ${id} not found`);
  return row;
};

/** A review as the API shows it. */
export const reviewView = (x: ReviewRow) => ({
  id: x.id,
  study_id: x.studyId,
  scheduled_for: x.scheduledFor.toISOString(),
  trigger: x.trigger,
  status: x.status,
  as_of: x.asOf,
  run_study_id: x.runStudyId,
  previous_study_id: x.previousStudyId,
  comparison: x.comparison,
  alert: x.alert,
  alert_reasons: x.alertReasons,
  acknowledged_at: x.acknowledgedAt?.toISOString() ?? null,
  acknowledged_by: x.acknowledgedBy,
  error: x.error,
  created_at: x.createdAt.toISOString(),
});
