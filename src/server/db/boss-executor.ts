import type PgBoss from 'pg-boss';
import type { Database } from './connection.js';

/** Text with a statement after a `;` (pg-boss's install and maintenance scripts); parameters never come with it. */
const MULTI_STATEMENT = /;\s*\S/;

/**
 * pg-boss's database port (`executeSql(text, values)`) over the app's own connection, for PGlite (one embedded
 * connection: pg-boss cannot open its own). PGlite's extended protocol refuses several statements in one
 * prepared text, so parameterless multi-statement text goes through the simple protocol (`exec`, no rows
 * needed), everything else through `query` (docs/decisions/0006-durable-jobs.md).
 */
export const bossExecutor = (db: Database): PgBoss.Db => ({
  executeSql: async (text: string, values?: unknown[]) => {
    if ((values === undefined || values.length === 0) && MULTI_STATEMENT.test(text.trim())) {
      await db.exec(text);
      return { rows: [] };
    }
    return { rows: await db.query(text, values ?? []) };
  },
});
