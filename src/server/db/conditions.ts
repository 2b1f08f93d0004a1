import { eq, or, sql } from 'drizzle-orm';
import type { AnyColumn, SQL } from 'drizzle-orm';
import { orgUnits } from './schema.js';

/**
 * Reusable pieces of queries, shared by the feature modules so that each is written once. They return Drizzle
 * `SQL` values to combine with `and(…)`/`or(…)` in the query builder or inside a `sql` template.
 */

/** A LIKE pattern matching `text` anywhere, with LIKE's own wildcards in `text` escaped. */
export const containsPattern = (text: string): string => `%${text.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;

/** A LIKE pattern matching values that start with `text` (wildcards escaped). */
export const prefixPattern = (text: string): string => `${text.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;

/**
 * `column` is the org unit `unitId` or one of its direct children (a branch and its outlets). Only the org_units
 * reference table is read, so the condition stays valid on Citus.
 */
export const inUnitOrChildren = (column: AnyColumn, unitId: string): SQL =>
  sql`${column} IN (${sql`SELECT ${orgUnits.id} FROM ${orgUnits} WHERE ${or(eq(orgUnits.id, unitId), eq(orgUnits.parentId, unitId))}`})`;

/** LIMIT/OFFSET of a 1-based page. */
export const pageWindow = (q: { page: number; pageSize: number }): { limit: number; offset: number } => ({
  limit: q.pageSize,
  offset: (q.page - 1) * q.pageSize,
});

/**
 * `column = any(ids)` with the ids as ONE array parameter. Drizzle's `inArray` binds one value per id, and for
 * the MOT engine's batches (hundreds to thousands of customers per statement) building those statements cost more
 * Node CPU than PostgreSQL spent running them (bench/engagement-cpu.ts profile). A btree index scans the array's
 * keys directly, on PGlite and Citus alike. No ids: matches nothing.
 */
export const inIds = (column: AnyColumn, ids: readonly number[]): SQL => {
  for (const id of ids) if (!Number.isSafeInteger(id)) throw new Error(`inIds: ${String(id)} is not an id`);
  return sql`${column} = any(${`{${ids.join(',')}}`}::bigint[])`;
};
