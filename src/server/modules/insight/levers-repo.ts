import { asc, desc, eq, sql } from 'drizzle-orm';
import type { LeverScores } from '../../../core/insight/levers.js';
import type { Queryable } from '../../db/index.js';
import {
  insightCampaignPredictions as pr,
  insightLeverScores as ls,
  insightStudyCampaigns as sc,
} from '../../db/schema.js';

/** A study's stored lever scores in customer order (empty until first computed). */
export const leverScoreRows = async (db: Queryable, studyId: number): Promise<LeverScores[]> =>
  (await db.orm.select().from(ls).where(eq(ls.studyId, studyId)).orderBy(asc(ls.customerId))).map((r) => ({
    customerId: r.customerId,
    pOutcome: r.pOutcome,
    cate: {
      coupon: r.cate.coupon ?? 0,
      rm_call: r.cate.rm_call ?? 0,
      livestream_invite: r.cate.livestream_invite ?? 0,
    },
  }));

/** Stores a study's lever scores; a concurrent first computation's rows win (same inputs, same seed). */
export const insertLeverScores = async (db: Queryable, studyId: number, rows: readonly LeverScores[]) => {
  for (let i = 0; i < rows.length; i += 1000)
    await db.orm
      .insert(ls)
      .values(
        rows.slice(i, i + 1000).map((r) => ({
          customerId: r.customerId,
          studyId,
          pOutcome: r.pOutcome,
          cate: { ...r.cate },
        })),
      )
      .onConflictDoNothing();
};

export type StudyCampaignRow = typeof sc.$inferSelect;

/** Links a campaign to the study and strategy list it came from, with each listed customer's prediction. */
export const insertStudyCampaign = async (
  db: Queryable,
  link: StudyCampaignRow,
  predictions: ReadonlyArray<{ customerId: number; arm: string; predictedUplift: number; pOutcome: number }>,
) => {
  await db.orm.insert(sc).values(link);
  for (let i = 0; i < predictions.length; i += 1000)
    await db.orm
      .insert(pr)
      .values(predictions.slice(i, i + 1000).map((p) => ({ ...p, campaignId: link.campaignId })));
};

export const studyCampaignRows = (db: Queryable, studyId: number) =>
  db.orm.select().from(sc).where(eq(sc.studyId, studyId)).orderBy(desc(sc.campaignId));

/** Mean predicted uplift and count per arm of a campaign's listed customers. */
export const predictionsByArm = (db: Queryable, campaignId: number) =>
  db.rows<{ arm: string; n: number; mean: number }>(sql`
    SELECT arm, count(*)::int AS n, avg(predicted_uplift)::float8 AS mean
    FROM ${pr} WHERE campaign_id = ${campaignId} GROUP BY arm ORDER BY arm`);

/** Every listed customer's predicted uplift. */
export const campaignPredictions = async (db: Queryable, campaignId: number) =>
  new Map(
    (
      await db.orm
        .select({ customerId: pr.customerId, uplift: pr.predictedUplift })
        .from(pr)
        .where(eq(pr.campaignId, campaignId))
    ).map((r) => [r.customerId, r.uplift]),
  );
