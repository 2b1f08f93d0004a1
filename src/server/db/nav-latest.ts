import { sql } from 'drizzle-orm';
import type { Queryable } from './queryable.js';
import { nav, navLatest } from './schema.js';

/**
 * Rewrites `nav_latest` (the latest unit NAV per product) from `nav`. Call it in the same transaction as any
 * write of NAV rows (the demo seeder, NAV loaders, test fixtures): segment rules value holdings with it.
 */
export const refreshLatestNav = async (db: Queryable): Promise<void> => {
  await db.run(sql`DELETE FROM ${navLatest}`);
  await db.run(
    sql`INSERT INTO ${navLatest} (product_code, date, unit)
        SELECT DISTINCT ON (${nav.productCode}) ${nav.productCode}, ${nav.date}, ${nav.unit}
        FROM ${nav} ORDER BY ${nav.productCode}, ${nav.date} DESC`,
  );
};
