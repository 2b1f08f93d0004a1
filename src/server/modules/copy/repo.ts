import { and, desc, eq, ilike, inArray, or, sql } from 'drizzle-orm';
import type { SQL } from 'drizzle-orm';
import { containsPattern } from '../../db/conditions.js';
import type { Queryable } from '../../db/index.js';
import { consents, contentLibrary, copies, copyOutbox, copyVersions, products } from '../../db/schema.js';

export type CopyRow = typeof copies.$inferSelect;
export type VersionRow = typeof copyVersions.$inferSelect;

export const insertCopy = async (db: Queryable, row: typeof copies.$inferInsert): Promise<CopyRow> => {
  const [r] = await db.orm.insert(copies).values(row).returning();
  return r!;
};

export const insertVersion = (db: Queryable, row: typeof copyVersions.$inferInsert) =>
  db.orm.insert(copyVersions).values(row);

export const updateVersion = (
  db: Queryable,
  copyId: number,
  version: number,
  set: Partial<typeof copyVersions.$inferInsert>,
) =>
  db.orm
    .update(copyVersions)
    .set({ ...set, updatedAt: sql`now()` })
    .where(and(eq(copyVersions.copyId, copyId), eq(copyVersions.version, version)));

export const findCopy = async (db: Queryable, id: number): Promise<CopyRow | null> => {
  const [r] = await db.orm.select().from(copies).where(eq(copies.id, id));
  return r ?? null;
};

/** Copies (of one maker, or all), newest first. */
export const listCopies = (db: Queryable, makerId: number | null): Promise<CopyRow[]> =>
  db.orm
    .select()
    .from(copies)
    .where(makerId === null ? undefined : eq(copies.createdBy, makerId))
    .orderBy(desc(copies.id))
    .limit(200);

export const versionsOf = (db: Queryable, ids: readonly number[]): Promise<VersionRow[]> =>
  ids.length === 0
    ? Promise.resolve([])
    : db.orm
        .select()
        .from(copyVersions)
        .where(inArray(copyVersions.copyId, [...ids]))
        .orderBy(desc(copyVersions.copyId), desc(copyVersions.version));

export const productOf = async (db: Queryable, code: string) => {
  const [r] = await db.orm
    .select({
      code: products.code,
      name: products.name,
      type: products.type,
      risk: products.riskLevel,
      minPurchaseFen: products.minPurchaseFen,
      termDays: products.termDays,
    })
    .from(products)
    .where(eq(products.code, code));
  return r ?? null;
};

export const productNames = async (db: Queryable, codes: readonly string[]): Promise<Map<string, string>> => {
  if (codes.length === 0) return new Map();
  const rows = await db.orm
    .select({ code: products.code, name: products.name })
    .from(products)
    .where(inArray(products.code, [...new Set(codes)]));
  return new Map(rows.map((r) => [r.code, r.name]));
};

export const marketingConsent = async (
  db: Queryable,
  customerId: number,
  channel: string,
): Promise<boolean> => {
  const [r] = await db.orm
    .select({ granted: consents.granted })
    .from(consents)
    .where(
      and(
        eq(consents.customerId, customerId),
        eq(consents.purpose, 'marketing'),
        sql`${consents.channel} = ${channel}`,
      ),
    );
  return r?.granted === true;
};

export const queueOutbox = async (db: Queryable, row: typeof copyOutbox.$inferInsert): Promise<number> => {
  const [r] = await db.orm.insert(copyOutbox).values(row).returning({ id: copyOutbox.id });
  return r!.id;
};

export const insertLibraryItem = async (db: Queryable, row: typeof contentLibrary.$inferInsert) => {
  const [r] = await db.orm.insert(contentLibrary).values(row).returning();
  return r!;
};

/** Library items matching a text (title or body), a tag and a kind, newest first. */
export const searchLibrary = (
  db: Queryable,
  q: { q?: string | undefined; tag?: string | undefined; kind?: string | undefined },
) => {
  const conds: SQL[] = [];
  if (q.q !== undefined && q.q.trim() !== '') {
    const pat = containsPattern(q.q.trim());
    conds.push(or(ilike(contentLibrary.title, pat), ilike(contentLibrary.body, pat))!);
  }
  if (q.tag !== undefined && q.tag !== '')
    conds.push(sql`${contentLibrary.tags} @> ${JSON.stringify([q.tag])}::jsonb`);
  if (q.kind !== undefined) conds.push(sql`${contentLibrary.kind} = ${q.kind}`);
  return db.orm
    .select()
    .from(contentLibrary)
    .where(conds.length === 0 ? undefined : and(...conds))
    .orderBy(desc(contentLibrary.id))
    .limit(100);
};
