import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createTestDb, testDbKinds } from '../../../../test/support/db.js';
import { repoRoot } from '../../../../test/support/repo-root.js';
import { withJobWorkers } from '../../../../test/support/two-workers.js';
import { ingestEvents } from '../events/ingest.js';

/**
 * Issue 14's acceptance with two server processes: a 60万 inflow posted twice, with large inflows of other customers,
 * evaluated by two job-worker processes at once on one PostgreSQL database — one lead per customer for its owner
 * RM, one outbox row per message, and both processes did work.
 */
describe.skipIf(!testDbKinds().includes('postgres'))('MOT with two worker processes', () => {
  it('creates each lead and message once when two processes evaluate the same events', async () => {
    const db = await createTestDb('postgres', { content: 'demo' });
    try {
      const owned = await db.query<{ id: number; rm_id: number }>(
        `SELECT id, rm_id FROM customers WHERE merged_into IS NULL AND rm_id IS NOT NULL ORDER BY id LIMIT 12`,
      );
      const now = new Date();
      const ev = (id: string, customerId: number) => ({
        id,
        type: 'large_transfer_in',
        customer: { by: 'customer_id', value: customerId },
        occurred_at: new Date(now.getTime() - 60_000).toISOString(),
        payload: { amount: 600_000 },
      });
      const first = owned[0]!;
      await ingestEvents(db, [ev('core-600k', first.id)], { now, source: 'api' });
      const again = await ingestEvents(db, [ev('core-600k', first.id)], { now, source: 'api' });
      expect(again.duplicates).toBe(1);
      // The same customer's second inflow that day (another id) falls in the rule's dedupe window.
      const others = [ev('core-600k-b', first.id), ...owned.slice(1).map((c) => ev(`in-${c.id}`, c.id))];
      expect((await ingestEvents(db, others, { now, source: 'api' })).accepted).toBe(others.length);

      const { reports } = await withJobWorkers(
        { databaseUrl: db.url!, catalogueModule: join(repoRoot, 'test/support/mot-jobs.ts') },
        async (send, wdb) => {
          for (let i = 0; i < 8; i++) await send('proof.mot-run');
          const end = Date.now() + 40_000;
          for (;;) {
            const [r] = await wdb.rows<{ pending: number; open: number }>(sql`
              SELECT (SELECT count(*) FROM event_queue)::int AS pending,
                     (SELECT count(*) FROM pgboss.job WHERE name = 'proof.mot-run'
                        AND state NOT IN ('completed', 'failed'))::int AS open`);
            if ((r!.pending === 0 && r!.open === 0) || Date.now() > end) return;
            await new Promise((res) => setTimeout(res, 200));
          }
        },
      );
      const leads = await db.query<{ customer_id: number; rm_id: number; n: number }>(
        `SELECT customer_id, min(rm_id) AS rm_id, count(*)::int AS n FROM leads GROUP BY customer_id ORDER BY customer_id`,
      );
      expect(leads.map((l) => [Number(l.customer_id), Number(l.rm_id), l.n])).toEqual(
        owned.map((c) => [c.id, c.rm_id, 1]),
      );
      const dupMessages = await db.query(
        `SELECT customer_id, key FROM outbox GROUP BY customer_id, key HAVING count(*) > 1`,
      );
      expect(dupMessages).toEqual([]);
      const messages = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM outbox`);
      expect(messages[0]!.n).toBe(owned.length);
      const failed = await db.query(
        `SELECT 1 FROM pgboss.job WHERE name = 'proof.mot-run' AND state = 'failed'`,
      );
      expect(failed).toEqual([]);
      expect(reports).toHaveLength(2);
      for (const r of reports) expect(r.invocations['proof.mot-run']).toBeGreaterThan(0);
    } finally {
      await db.close();
    }
  }, 120_000);
});
