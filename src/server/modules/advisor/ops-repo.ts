import type { FlowSetDocument } from '../../../core/dialogue/flow-set.js';
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { Queryable } from '../../db/index.js';
import {
  advisorKbVersions,
  advisorFlowDrafts,
  advisorFlowVersions,
  advisorIntentModels,
  advisorOpsGenerations,
  advisorReviewItems,
} from '../../db/schema.js';

/** The two cache counters (flows, model): one small read per turn tells a process whether to reload. */
export const readGenerations = async (
  db: Queryable,
): Promise<{ flows: number; model: number; kb: number }> => {
  const rows = await db.orm
    .select({ key: advisorOpsGenerations.key, generation: advisorOpsGenerations.generation })
    .from(advisorOpsGenerations);
  const of = (k: string) => Number(rows.find((r) => r.key === k)?.generation ?? 0);
  return { flows: of('flows'), model: of('model'), kb: of('kb') };
};

export const bumpGeneration = (db: Queryable, key: 'flows' | 'model' | 'kb') =>
  db.orm
    .update(advisorOpsGenerations)
    .set({ generation: sql`${advisorOpsGenerations.generation} + 1` })
    .where(eq(advisorOpsGenerations.key, key));

/** The current (highest) published version of every unit that published. */
export const latestVersions = (db: Queryable) =>
  db.orm
    .selectDistinctOn([advisorFlowVersions.orgUnitId])
    .from(advisorFlowVersions)
    .orderBy(advisorFlowVersions.orgUnitId, desc(advisorFlowVersions.version));

export const versionsOf = (db: Queryable, unit: string) =>
  db.orm
    .select()
    .from(advisorFlowVersions)
    .where(eq(advisorFlowVersions.orgUnitId, unit))
    .orderBy(desc(advisorFlowVersions.version));

export const findVersion = async (db: Queryable, unit: string, version: number) =>
  (
    await db.orm
      .select()
      .from(advisorFlowVersions)
      .where(and(eq(advisorFlowVersions.orgUnitId, unit), eq(advisorFlowVersions.version, version)))
  )[0] ?? null;

export const insertVersion = (
  db: Queryable,
  v: {
    unit: string;
    version: number;
    document: FlowSetDocument;
    action: 'publish' | 'rollback';
    sourceVersion: number | null;
    by: string;
    at: Date;
  },
) =>
  db.orm.insert(advisorFlowVersions).values({
    orgUnitId: v.unit,
    version: v.version,
    document: v.document,
    action: v.action,
    sourceVersion: v.sourceVersion,
    publishedBy: v.by,
    publishedAt: v.at,
  });

export const findDraft = async (db: Queryable, unit: string) =>
  (await db.orm.select().from(advisorFlowDrafts).where(eq(advisorFlowDrafts.orgUnitId, unit)))[0] ?? null;

export const draftUnits = async (db: Queryable): Promise<Set<string>> =>
  new Set(
    (await db.orm.select({ unit: advisorFlowDrafts.orgUnitId }).from(advisorFlowDrafts)).map((r) => r.unit),
  );

export const saveDraft = (db: Queryable, unit: string, document: FlowSetDocument, by: string, at: Date) =>
  db.orm
    .insert(advisorFlowDrafts)
    .values({ orgUnitId: unit, document, updatedBy: by, updatedAt: at })
    .onConflictDoUpdate({
      target: advisorFlowDrafts.orgUnitId,
      set: { document, updatedBy: by, updatedAt: at },
    });

export const deleteDraft = (db: Queryable, unit: string) =>
  db.orm.delete(advisorFlowDrafts).where(eq(advisorFlowDrafts.orgUnitId, unit));

// ---------------------------------------------------------------- review queue and models

export type ReviewInsert = {
  customerId: number | null;
  sessionId: string | null;
  seq: number | null;
  text: string;
  reason: 'low_confidence' | 'unanswered' | 'corrected';
  intent: string | null;
  confidence: number | null;
  suggested: string | null;
  at: Date;
};

/** Idempotent per message and reason (a retried turn does not queue the message twice). */
export const insertReviewItem = (db: Queryable, r: ReviewInsert) =>
  db.orm
    .insert(advisorReviewItems)
    .values({
      customerId: r.customerId,
      sessionId: r.sessionId,
      seq: r.seq,
      text: r.text,
      reason: r.reason,
      intent: r.intent,
      confidence: r.confidence === null ? null : r.confidence.toFixed(4),
      suggested: r.suggested,
      createdAt: r.at,
    })
    .onConflictDoNothing()
    .returning({ id: advisorReviewItems.id });

export const listReviewItems = (db: Queryable, status: 'open' | 'labelled' | 'dismissed', limit = 200) =>
  db.orm
    .select()
    .from(advisorReviewItems)
    .where(eq(advisorReviewItems.status, status))
    .orderBy(asc(advisorReviewItems.id))
    .limit(limit);

export const findReviewItem = async (db: Queryable, id: number) =>
  (await db.orm.select().from(advisorReviewItems).where(eq(advisorReviewItems.id, id)))[0] ?? null;

export const labelReviewItem = (
  db: Queryable,
  id: number,
  l: {
    status: 'labelled' | 'dismissed';
    kind: 'intent' | 'kb' | null;
    label: string | null;
    by: string;
    at: Date;
  },
) =>
  db.orm
    .update(advisorReviewItems)
    .set({ status: l.status, labelKind: l.kind, label: l.label, labelledBy: l.by, labelledAt: l.at })
    .where(eq(advisorReviewItems.id, id));

/** Messages labelled to an intent: the learning loop's training examples. */
export const intentLabels = (db: Queryable) =>
  db.orm
    .select({ text: advisorReviewItems.text, label: advisorReviewItems.label })
    .from(advisorReviewItems)
    .where(and(eq(advisorReviewItems.status, 'labelled'), eq(advisorReviewItems.labelKind, 'intent')))
    .orderBy(asc(advisorReviewItems.id));

export const latestModel = async (db: Queryable) =>
  (await db.orm.select().from(advisorIntentModels).orderBy(desc(advisorIntentModels.version)).limit(1))[0] ??
  null;

export const latestModelInfo = async (db: Queryable) =>
  (
    await db.orm
      .select({
        version: advisorIntentModels.version,
        examples: advisorIntentModels.examples,
        labelled: advisorIntentModels.labelled,
        trainedAt: advisorIntentModels.trainedAt,
      })
      .from(advisorIntentModels)
      .orderBy(desc(advisorIntentModels.version))
      .limit(1)
  )[0] ?? null;

export const insertModel = (
  db: Queryable,
  m: { version: number; model: unknown; examples: number; labelled: number; by: string; at: Date },
) =>
  db.orm.insert(advisorIntentModels).values({
    version: m.version,
    model: m.model,
    examples: m.examples,
    labelled: m.labelled,
    trainedBy: m.by,
    trainedAt: m.at,
  });

export const latestKb = async (db: Queryable) =>
  (await db.orm.select().from(advisorKbVersions).orderBy(desc(advisorKbVersions.version)).limit(1))[0] ??
  null;

export const latestKbVersion = async (db: Queryable): Promise<number> =>
  (
    await db.orm
      .select({ version: advisorKbVersions.version })
      .from(advisorKbVersions)
      .orderBy(desc(advisorKbVersions.version))
      .limit(1)
  )[0]?.version ?? 0;

export const insertKb = (
  db: Queryable,
  v: { version: number; items: unknown; action: 'import' | 'edit' | 'label'; by: string; at: Date },
) =>
  db.orm.insert(advisorKbVersions).values({
    version: v.version,
    items: v.items,
    action: v.action,
    changedBy: v.by,
    changedAt: v.at,
  });
