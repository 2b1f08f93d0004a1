/**
 * The embedded database's floor for a durable chat turn: the fewest statements a turn can take when its state
 * lives in the database (read the session row; in one transaction store the turn and update the session), run
 * back to back on PGlite in a data folder, as the server runs it — no HTTP, no language engine, no tools. Its
 * rate bounds any chat turn rate on the embedded database from above, so it says how much of the trivial route's
 * ceiling a durable turn can reach at all (bench/chat.ts reports it beside the chat).
 *
 * Run alone: npx tsx bench/db-floor.ts [--seconds 3]  → one JSON line.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';

export type DbFloor = { turns_per_s: number; statements_per_turn: number; seconds: number };

/** Minimal durable turns per second on a fresh PGlite data folder, measured for `seconds`. */
export const embeddedTurnFloor = async (seconds: number): Promise<DbFloor> => {
  const dir = mkdtempSync(join(tmpdir(), 'caiban-db-floor-'));
  const db = new PGlite(dir);
  try {
    await db.exec(`
      CREATE TABLE s (id int PRIMARY KEY, state jsonb NOT NULL, turns int NOT NULL);
      CREATE TABLE m (session_id int NOT NULL, n int NOT NULL, text text NOT NULL, meta jsonb NOT NULL,
                      PRIMARY KEY (session_id, n));
      INSERT INTO s SELECT g, '{"flow": null}', 0 FROM generate_series(1, 100) g;`);
    let turns = 0;
    const end = performance.now() + seconds * 1000;
    const t0 = performance.now();
    while (performance.now() < end) {
      const id = (turns % 100) + 1;
      const cur = await db.query<{ turns: number }>('SELECT state, turns FROM s WHERE id = $1', [id]);
      const n = (cur.rows[0]?.turns ?? 0) + 1;
      await db.transaction(async (tx) => {
        await tx.query('INSERT INTO m VALUES ($1, $2, $3, $4)', [id, n, '你好', { intent: 'greeting' }]);
        await tx.query('UPDATE s SET state = $2, turns = $3 WHERE id = $1', [id, { flow: null, n }, n]);
      });
      turns++;
    }
    const s = (performance.now() - t0) / 1000;
    return { turns_per_s: Math.round(turns / s), statements_per_turn: 3, seconds: Math.round(s * 10) / 10 };
  } finally {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  }
};

if (import.meta.url === `file://${process.argv[1]}`) {
  const i = process.argv.indexOf('--seconds');
  const seconds = i >= 0 ? Number(process.argv[i + 1]) : 3;
  process.stdout.write(
    `${JSON.stringify({ bench: 'db-floor', engine: 'pglite', ...(await embeddedTurnFloor(seconds)) })}\n`,
  );
}
