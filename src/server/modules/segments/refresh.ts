import { desc, eq, isNotNull, max } from 'drizzle-orm';
import { AppError } from '../../../core/errors.js';
import { isDue, parseCron, previousFire } from '../../../core/schedule/cron.js';
import { parseRule } from '../../../core/segment/rule.js';
import type { Database, Queryable } from '../../db/index.js';
import { segmentRefreshes, segments } from '../../db/schema.js';
import { countSegment, segmentWhere } from './repo.js';

export type SegmentRefresh = {
  at: string;
  scheduledFor: string;
  count: number;
  ms: number;
  trigger: 'schedule' | 'manual';
};

export type RefreshOutcome = { segmentId: number; count: number; ms: number; written: boolean };

/**
 * Counts a saved segment over every live customer (no data scope: a schedule runs for the bank) through the
 * segment compiler and records the count for the firing `scheduledFor`. The (segment, firing) unique key makes
 * a retried or doubly delivered job write one row; `written` is false when the row already existed.
 */
export const refreshSegment = async (
  db: Database,
  segmentId: number,
  opts: { now: Date; scheduledFor: Date; trigger: 'schedule' | 'manual' },
): Promise<RefreshOutcome> => {
  const [s] = await db.orm.select().from(segments).where(eq(segments.id, segmentId));
  if (s === undefined) throw new AppError('NOT_FOUND', `segment ${segmentId} not found`, { id: segmentId });
  const rule = parseRule(s.rule, `segment ${segmentId} rule`);
  const started = performance.now();
  const count = await countSegment(db, segmentWhere({ kind: 'all' }, rule, opts.now));
  const ms = Math.round(performance.now() - started);
  const written = await db.orm
    .insert(segmentRefreshes)
    .values({
      segmentId,
      scheduledFor: opts.scheduledFor,
      at: opts.now,
      count,
      ms,
      trigger: opts.trigger,
    })
    .onConflictDoNothing()
    .returning({ id: segmentRefreshes.id });
  return { segmentId, count, ms, written: written.length > 0 };
};

export type DueRefreshResult = {
  scheduled: number;
  refreshed: RefreshOutcome[];
  failed: { segmentId: number; error: string }[];
};

/**
 * Refreshes every saved segment whose schedule fired since its last refresh (or since the schedule was set).
 * One segment's failure does not stop the others; the job fails at the end (and is retried) when any failed,
 * and the retry skips the segments already refreshed for that firing.
 */
export const refreshDueSegments = async (db: Database, now: Date): Promise<DueRefreshResult> => {
  const rows = await db.orm
    .select({
      id: segments.id,
      cron: segments.refreshCron,
      updatedAt: segments.updatedAt,
      last: max(segmentRefreshes.at),
    })
    .from(segments)
    .leftJoin(segmentRefreshes, eq(segmentRefreshes.segmentId, segments.id))
    .where(isNotNull(segments.refreshCron))
    .groupBy(segments.id)
    .orderBy(segments.id);
  const out: DueRefreshResult = { scheduled: rows.length, refreshed: [], failed: [] };
  for (const r of rows) {
    try {
      const spec = parseCron(r.cron!, `segment ${r.id} refreshCron`);
      if (!isDue(spec, now, r.last === null ? null : new Date(r.last), r.updatedAt)) continue;
      const scheduledFor = previousFire(spec, now)!;
      out.refreshed.push(await refreshSegment(db, r.id, { now, scheduledFor, trigger: 'schedule' }));
    } catch (e) {
      out.failed.push({ segmentId: r.id, error: e instanceof Error ? e.message : String(e) });
    }
  }
  if (out.failed.length > 0)
    throw new Error(
      `${out.failed.length} segment refresh(es) failed: ${out.failed.map((f) => `${f.segmentId}: ${f.error}`).join('; ')}`,
    );
  return out;
};

/** The latest refreshes of a segment, newest first (the console's count trend). */
export const segmentRefreshHistory = async (
  db: Queryable,
  segmentId: number,
  limit = 30,
): Promise<SegmentRefresh[]> =>
  (
    await db.orm
      .select()
      .from(segmentRefreshes)
      .where(eq(segmentRefreshes.segmentId, segmentId))
      .orderBy(desc(segmentRefreshes.at))
      .limit(limit)
  ).map((r) => ({
    at: r.at.toISOString(),
    scheduledFor: r.scheduledFor.toISOString(),
    count: r.count,
    ms: r.ms,
    trigger: r.trigger,
  }));
