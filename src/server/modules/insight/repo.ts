import { and, desc, eq, inArray } from 'drizzle-orm';
import type { Queryable } from '../../db/index.js';
import { insightStudies as s } from '../../db/schema.js';

export type StudyRow = typeof s.$inferSelect;

/** Inserts a queued study and returns it. */
export const insertStudy = async (
  db: Queryable,
  v: { outcome: string; params: Record<string, unknown>; createdBy: string; now: Date },
): Promise<StudyRow> => {
  const [row] = await db.orm
    .insert(s)
    .values({
      outcome: v.outcome,
      params: v.params,
      status: 'queued',
      createdAt: v.now,
      createdBy: v.createdBy,
      updatedAt: v.now,
    })
    .returning();
  return row!;
};

export const findStudy = async (db: Queryable, id: number): Promise<StudyRow | null> =>
  (await db.orm.select().from(s).where(eq(s.id, id)))[0] ?? null;

export const listStudies = (db: Queryable, limit = 50) =>
  db.orm
    .select({
      id: s.id,
      outcome: s.outcome,
      params: s.params,
      status: s.status,
      progress: s.progress,
      stage: s.stage,
      error: s.error,
      createdAt: s.createdAt,
      createdBy: s.createdBy,
      updatedAt: s.updatedAt,
    })
    .from(s)
    .orderBy(desc(s.id))
    .limit(limit);

/**
 * Moves a study on, only from the states given (so that a cancelled study stays cancelled whatever a late
 * progress message or result says). Returns whether a row changed.
 */
export const updateStudy = async (
  db: Queryable,
  id: number,
  from: ReadonlyArray<StudyRow['status']>,
  set: Partial<Pick<StudyRow, 'status' | 'progress' | 'stage' | 'result' | 'error'>> & { updatedAt: Date },
): Promise<boolean> => {
  const r = await db.orm
    .update(s)
    .set(set)
    .where(and(eq(s.id, id), inArray(s.status, [...from])))
    .returning({ id: s.id });
  return r.length > 0;
};
