import { eq, max } from 'drizzle-orm';
import { isDue, parseCron, previousFire } from '../../../core/schedule/cron.js';
import { AppError } from '../../../core/errors.js';
import type { Queryable } from '../../db/index.js';
import { insightReviewSchedules as sch, insightReviews as rv } from '../../db/schema.js';
import { findStudy } from './repo.js';
import { runReview } from './review.js';

/** The default review schedule: every Monday at 07:00 China time, before the operations team's weekly meeting. */
export const DEFAULT_REVIEW_CRON = '0 7 * * 1';

export type ReviewSchedule = {
  study_id: number;
  cron: string;
  enabled: boolean;
  created_by: string;
  updated_at: string;
};

const view = (x: typeof sch.$inferSelect): ReviewSchedule => ({
  study_id: x.studyId,
  cron: x.cron,
  enabled: x.enabled,
  created_by: x.createdBy,
  updated_at: x.updatedAt.toISOString(),
});

/**
 * Sets (or replaces) the review schedule of a saved study; a bad cron is BAD_INPUT naming `cron`, an unknown study
 * NOT_FOUND. Setting the schedule restarts its clock: the first review is the first firing after now.
 */
export const setReviewSchedule = async (
  db: Queryable,
  studyId: number,
  v: { cron: string; enabled: boolean; who: string; now: Date },
): Promise<ReviewSchedule> => {
  const spec = parseCron(v.cron, 'cron');
  if (!(await findStudy(db, studyId))) throw new AppError('NOT_FOUND', `study ${studyId} not found`);
  const [row] = await db.orm
    .insert(sch)
    .values({
      studyId,
      cron: spec.text,
      enabled: v.enabled,
      createdBy: v.who,
      createdAt: v.now,
      updatedAt: v.now,
    })
    .onConflictDoUpdate({
      target: sch.studyId,
      set: { cron: spec.text, enabled: v.enabled, createdBy: v.who, updatedAt: v.now },
    })
    .returning();
  return view(row!);
};

export const listReviewSchedules = async (db: Queryable): Promise<ReviewSchedule[]> =>
  (await db.orm.select().from(sch).orderBy(sch.studyId)).map(view);

export type DueReviewResult = {
  scheduled: number;
  reviewed: Array<{ study_id: number; review_id: number; alert: boolean }>;
  failed: Array<{ study_id: number; error: string }>;
};

/**
 * The `insight.review-due` job: reviews every enabled study whose schedule fired since its last review (or since
 * the schedule was set). One study's failure does not stop the others; the job fails at the end when any failed,
 * so that the jobs page shows it. A failed firing counts as reviewed (its failed review row carries an alert for
 * operations, who re-run it by hand); a redelivered job finds every review of the firing by its (study, firing) key.
 */
export const reviewDueStudies = async (db: Queryable, now: Date): Promise<DueReviewResult> => {
  const rows = await db.orm
    .select({
      studyId: sch.studyId,
      cron: sch.cron,
      enabled: sch.enabled,
      updatedAt: sch.updatedAt,
      last: max(rv.scheduledFor),
    })
    .from(sch)
    .leftJoin(rv, eq(rv.studyId, sch.studyId))
    .where(eq(sch.enabled, true))
    .groupBy(sch.studyId)
    .orderBy(sch.studyId);
  const out: DueReviewResult = { scheduled: rows.length, reviewed: [], failed: [] };
  for (const s of rows) {
    try {
      const spec = parseCron(s.cron, `study ${s.studyId} review cron`);
      const last = s.last === null ? null : new Date(s.last);
      if (!isDue(spec, now, last, s.updatedAt)) continue;
      const review = await runReview(db, s.studyId, {
        now,
        scheduledFor: previousFire(spec, now)!,
        trigger: 'schedule',
      });
      out.reviewed.push({ study_id: s.studyId, review_id: review.id, alert: review.alert });
    } catch (e) {
      out.failed.push({ study_id: s.studyId, error: e instanceof Error ? e.message : String(e) });
    }
  }
  if (out.failed.length > 0)
    throw new Error(
      `${out.failed.length} study review(s) failed: ${out.failed.map((f) => `${f.study_id}: ${f.error}`).join('; ')}`,
    );
  return out;
};
