import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createTestDb, testDbKinds } from '../../../test/support/db.js';
import { repoRoot } from '../../../test/support/repo-root.js';
import { withJobWorkers } from '../../../test/support/two-workers.js';
import { join } from 'node:path';

const N = 24;

describe.skipIf(!testDbKinds().includes('postgres'))(
  'two worker processes on one PostgreSQL database',
  () => {
    it('runs each of N jobs exactly once across both processes, and both processes do work', async () => {
      const db = await createTestDb('postgres', { content: 'migrated' });
      try {
        await db.exec(`CREATE TABLE job_proof (key text PRIMARY KEY, pid int NOT NULL);
        CREATE TABLE job_proof_calls (key text NOT NULL, pid int NOT NULL)`);
        const { reports } = await withJobWorkers(
          { databaseUrl: db.url!, catalogueModule: join(repoRoot, 'test/support/once-jobs.ts') },
          async (send, wdb) => {
            for (let i = 0; i < N; i++) await send('proof.insert-once', { key: `k${i}` });
            const end = Date.now() + 25_000;
            for (;;) {
              const [r] = await wdb.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM job_proof`);
              if (r!.n === N || Date.now() > end) return;
              await new Promise((res) => setTimeout(res, 200));
            }
          },
        );
        const calls = await db.rows<{ key: string; n: number }>(
          sql`SELECT key, count(*)::int AS n FROM job_proof_calls GROUP BY key ORDER BY key`,
        );
        expect(calls).toHaveLength(N);
        expect(calls.filter((c) => c.n !== 1)).toEqual([]);
        const byPid = await db.rows<{ pid: number; n: number }>(
          sql`SELECT pid, count(*)::int AS n FROM job_proof GROUP BY pid`,
        );
        expect(byPid).toHaveLength(2);
        expect(reports).toHaveLength(2);
        for (const r of reports) expect(r.invocations['proof.insert-once']).toBeGreaterThan(0);
        expect(reports.reduce((s, r) => s + (r.invocations['proof.insert-once'] ?? 0), 0)).toBe(N);
        expect(new Set(reports.map((r) => r.pid))).toEqual(new Set(byPid.map((r) => r.pid)));
      } finally {
        await db.close();
      }
    });
  },
);
