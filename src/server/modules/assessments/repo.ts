import { and, desc, eq } from 'drizzle-orm';
import type { InvestorLevel } from '../../../core/suitability/types.js';
import type { Queryable } from '../../db/index.js';
import { customers, riskAssessments } from '../../db/schema.js';

export type AssessmentRow = typeof riskAssessments.$inferSelect;
export type NewAssessmentRow = Omit<typeof riskAssessments.$inferInsert, 'id'>;

/** The suitability facts of the customer record, locked for the rest of the transaction (one writer a customer). */
export type CustomerLevelRow = {
  riskLevel: InvestorLevel;
  riskAssessedAt: string;
  lowestCategory: boolean;
  professional: boolean;
};

export const lockCustomerLevel = async (
  db: Queryable,
  customerId: number,
): Promise<CustomerLevelRow | null> => {
  const rows = await db.orm
    .select({
      riskLevel: customers.riskLevel,
      riskAssessedAt: customers.riskAssessedAt,
      lowestCategory: customers.lowestCategory,
      professional: customers.professional,
    })
    .from(customers)
    .where(eq(customers.id, customerId))
    .for('update');
  return rows[0] ?? null;
};

/** Every assessment of a customer, newest first. */
export const listAssessments = (db: Queryable, customerId: number): Promise<AssessmentRow[]> =>
  db.orm
    .select()
    .from(riskAssessments)
    .where(eq(riskAssessments.customerId, customerId))
    .orderBy(desc(riskAssessments.takenAt), desc(riskAssessments.id));

export const findAssessment = async (
  db: Queryable,
  customerId: number,
  id: number,
): Promise<AssessmentRow | null> => {
  const rows = await db.orm
    .select()
    .from(riskAssessments)
    .where(and(eq(riskAssessments.customerId, customerId), eq(riskAssessments.id, id)));
  return rows[0] ?? null;
};

export const insertAssessment = async (db: Queryable, row: NewAssessmentRow): Promise<AssessmentRow> => {
  const rows = await db.orm.insert(riskAssessments).values(row).returning();
  return rows[0]!;
};

/** A pending assessment replaced by a newer one can no longer be confirmed. */
export const supersedePending = (db: Queryable, customerId: number): Promise<unknown> =>
  db.orm
    .update(riskAssessments)
    .set({ status: 'superseded' })
    .where(and(eq(riskAssessments.customerId, customerId), eq(riskAssessments.status, 'pending')));

export const markEffective = async (
  db: Queryable,
  customerId: number,
  id: number,
  at: Date,
): Promise<AssessmentRow> => {
  const rows = await db.orm
    .update(riskAssessments)
    .set({ status: 'effective', confirmedAt: at })
    .where(and(eq(riskAssessments.customerId, customerId), eq(riskAssessments.id, id)))
    .returning();
  return rows[0]!;
};

/** Puts an assessment's result on the customer record (the level the suitability checks read). */
export const applyToCustomer = (
  db: Queryable,
  customerId: number,
  a: { level: InvestorLevel; takenOn: string; lowestCategory: boolean },
): Promise<unknown> =>
  db.orm
    .update(customers)
    .set({ riskLevel: a.level, riskAssessedAt: a.takenOn, lowestCategory: a.lowestCategory })
    .where(eq(customers.id, customerId));
