import type { Command } from 'commander';
import { migrate } from '../server/db/migrate.js';
import { openFromFlags, withDbFlags } from './db-target.js';
import type { DbFlags } from './db-target.js';
import { log, printJson, runAction } from './io/output.js';

/** `caiban db migrate`: applies the committed SQL migrations to PGlite (DATA_DIR) or PostgreSQL (--database-url). */
export const register = (program: Command): void => {
  const db = program.command('db').description('database administration / 数据库管理');
  withDbFlags(db.command('migrate').description('apply pending SQL migrations / 执行数据库迁移'))
    .option('--json', 'print one JSON document')
    .action(async (opts: DbFlags & { json?: boolean }) => {
      await runAction(opts.json === true, async () => {
        const { db: conn, target } = await openFromFlags(opts);
        try {
          const r = await migrate(conn);
          if (opts.json) printJson({ target, applied: r.applied, already_applied: r.alreadyApplied });
          else
            log(
              `${target}: applied ${r.applied.length} migration(s)${r.applied.length ? ` (${r.applied.join(', ')})` : ''}; ${r.alreadyApplied} already applied`,
            );
        } finally {
          await conn.close();
        }
      });
    });
};
