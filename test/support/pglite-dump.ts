import { writeFileSync } from 'node:fs';
import type { Database } from '../../src/server/db/connection.js';

/**
 * Writes a PGlite instance's data folder to `file` (the tarball `openPglite(null, { loadDataDir })` starts from),
 * after a CHECKPOINT when `checkpoint` is true. A dump of a running instance is a crash image: every copy starts
 * with recovery, which replays the WAL written since the last checkpoint (for the test fixtures, the migrations
 * and the seeding). Checkpointed first, there is next to nothing to replay and each restore costs less CPU
 * (measured by bench/pglite-restore.ts).
 */
export const writePgliteDump = async (db: Database, file: string, checkpoint = true): Promise<void> => {
  if (db.dumpDataDir === undefined) throw new Error(`writePgliteDump: ${db.kind} has no data folder to dump`);
  if (checkpoint) await db.exec('CHECKPOINT');
  writeFileSync(file, Buffer.from(await (await db.dumpDataDir()).arrayBuffer()));
};
