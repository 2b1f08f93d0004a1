import { count, eq, sql } from 'drizzle-orm';
import { AppError } from '../../core/errors.js';
import type { SeedMarker, SeedingPort } from '../../core/seeding.js';
import { hashPassword } from '../auth/password.js';
import { refreshCdp } from '../modules/cdp/service.js';
import type { Database, Queryable } from './connection.js';
import { refreshLatestNav } from './nav-latest.js';
import { appMeta, staff } from './schema.js';

/** The app_meta key of the seed marker. */
const MARKER_KEY = 'demo';

/** What seeded data the database holds (null when it was never seeded). */
export const readSeedMarker = async (db: Queryable): Promise<SeedMarker | null> => {
  const [r] = await db.orm.select({ value: appMeta.value }).from(appMeta).where(eq(appMeta.key, MARKER_KEY));
  return (r?.value as SeedMarker | undefined) ?? null;
};

/** True when the database has been seeded (`caiban start` seeds only on first run). */
export const isSeeded = async (db: Queryable): Promise<boolean> => (await readSeedMarker(db)) !== null;

/** A database with staff but without the seed marker is a real installation: never wipe it by accident. */
const refuseRealData = async (tx: Queryable): Promise<void> => {
  if ((await readSeedMarker(tx)) !== null) return;
  const [r] = await tx.orm.select({ n: count() }).from(staff);
  const n = r?.n ?? 0;
  if (n > 0) {
    throw new AppError(
      'CONFLICT',
      `the database holds ${n} staff rows but no demo bank marker (a real installation?); seeding would erase it — pass --force to replace it anyway`,
      { staff: n },
    );
  }
};

/**
 * Bulk loads are faster when secondary indexes are built once at the end instead of row by row: drop the
 * non-unique, non-constraint indexes of `tables` (inside the seeding transaction, so nobody sees them missing)
 * and return the statements that recreate them exactly as the migrations defined them.
 */
const dropSecondaryIndexes = async (tx: Queryable, tables: readonly string[]): Promise<string[]> => {
  const idx = await tx.rows<{ name: string; def: string }>(
    sql`SELECT i.indexname AS name, i.indexdef AS def FROM pg_indexes i
     JOIN pg_class c ON c.relname = i.indexname
     JOIN pg_index x ON x.indexrelid = c.oid
     WHERE i.schemaname = 'public' AND i.tablename IN (${sql.join(
       tables.map((t) => sql`${t}`),
       sql`, `,
     )}) AND NOT x.indisunique
       AND NOT x.indisprimary
     ORDER BY i.indexname`,
  );
  for (const { name } of idx) await tx.run(sql`DROP INDEX ${sql.identifier(name)}`);
  return idx.map((i) => i.def);
};

const writeMarker = async (tx: Queryable, marker: SeedMarker, at: string): Promise<void> => {
  await tx.orm
    .insert(appMeta)
    .values({ key: MARKER_KEY, value: marker, updatedAt: new Date(at) })
    .onConflictDoUpdate({ target: appMeta.key, set: { value: marker, updatedAt: new Date(at) } });
};

/** The seeding port (src/core/seeding.ts) on a database: how the demo bank generator writes its rows. */
export const seedingPort = (db: Database): SeedingPort => ({
  hashPassword: (password, salt) => hashPassword(password, Buffer.from(salt)),
  replace: async (tables, opts, fill) => {
    await db.transaction(async (tx) => {
      if (!opts.force) await refuseRealData(tx);
      await tx.run(
        sql`TRUNCATE ${sql.join(
          tables.map((t) => sql.identifier(t)),
          sql`, `,
        )}`,
      );
      const rebuild = await dropSecondaryIndexes(tx, tables);
      await fill({ copy: (table, columns, text) => tx.copyFrom(table, columns, text) });
      for (const ddl of rebuild) await tx.exec(ddl);
      await refreshLatestNav(tx);
      // 三分体系, lifecycle, groups and rule tags of the new customers, as of the bank's reference instant.
      await refreshCdp(tx, { asOf: new Date(opts.markedAt) });
      await writeMarker(tx, opts.marker, opts.markedAt);
    });
    await db.exec('ANALYZE');
  },
});
