import type { Command } from 'commander';
import { loadDatabaseConfig } from '../server/config.js';
import type { Database } from '../server/db/connection.js';
import { openDatabase, redactUrl } from '../server/db/connection.js';
import { pgliteDir } from '../server/config.js';

export type DbFlags = { databaseUrl?: string; dataDir?: string };

/** Adds --database-url and --data-dir (they override DATABASE_URL and DATA_DIR). */
export const withDbFlags = (cmd: Command): Command =>
  cmd
    .option(
      '--database-url <url>',
      'PostgreSQL server URL (default: $DATABASE_URL, else the embedded PGlite database)',
    )
    .option('--data-dir <dir>', 'data folder of the embedded database (default: $DATA_DIR or ./data)');

/** Opens the database chosen by flags and environment; also returns a printable description of it. */
export const openFromFlags = async (flags: DbFlags): Promise<{ db: Database; target: string }> => {
  const env: Record<string, string | undefined> = { ...process.env };
  if (flags.databaseUrl !== undefined) env.DATABASE_URL = flags.databaseUrl;
  if (flags.dataDir !== undefined) env.DATA_DIR = flags.dataDir;
  const cfg = loadDatabaseConfig(env);
  const db = await openDatabase(cfg);
  const target = cfg.databaseUrl !== null ? redactUrl(cfg.databaseUrl) : `pglite:${pgliteDir(cfg)}`;
  return { db, target };
};
