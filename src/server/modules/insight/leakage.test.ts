import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, testDbKinds } from '../../../../test/support/db.js';
import type { TestDb } from '../../../../test/support/db.js';
import { createRng } from '../../../core/random.js';
import { buildDataset } from './dataset.js';

const AS_OF = '2026-10-30';
class Rollback extends Error {}

// The point-in-time rule, proven: every factor of a decision is the same when all data after its decision date
// is deleted. Run on the seeded test bank on both engines.
describe.each(testDbKinds())('the insight dataset on %s', (kind) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await createTestDb(kind, { content: 'demo' });
  });
  afterAll(async () => db?.close());

  it('has one row per decided subscription year with no latent column among its factors', async () => {
    const d = await buildDataset(db, { outcome: 'renewal', asOf: AS_OF, batchSize: 37 });
    const [{ n }] = (await db.rows<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM advisory_subscriptions WHERE renewed IS NOT NULL`,
    )) as [{ n: number }];
    expect(d.n).toBe(n);
    expect(d.names).not.toContain('engagement');
    expect(d.names).not.toContain('price_sensitivity');
    expect(new Set(d.decisionIds).size).toBe(d.n);
  });

  it('computes every factor identically after all data dated after the decision is deleted (no leakage)', async () => {
    const d = await buildDataset(db, { outcome: 'renewal', asOf: AS_OF });
    const rng = createRng(15);
    // Recent decisions first (their customers have behaviour after the decision date), then random ones.
    const byDate = [...d.dates.keys()].sort((a, b) => (d.dates[b]! < d.dates[a]! ? -1 : 1));
    const picks = [...byDate.slice(0, 8), ...Array.from({ length: 8 }, () => rng.int(d.n))];
    let deletedTotal = 0;
    let usageDeleted = 0;
    for (const i of picks) {
      const cid = d.customerIds[i]!;
      const day = d.dates[i]!;
      const cut = sql`((${day}::date + 1)::timestamp - interval '8 hours') AT TIME ZONE 'UTC'`;
      let after: Record<string, number> = {};
      try {
        await db.transaction(async (tx) => {
          const del = await tx.rows<{ n: number; usage: number }>(sql`
            WITH a AS (DELETE FROM events WHERE customer_id = ${cid} AND at >= ${cut} RETURNING 1),
                 b AS (DELETE FROM transactions WHERE customer_id = ${cid} AND trade_date > ${day}::date RETURNING 1),
                 c AS (DELETE FROM advisory_subscriptions WHERE customer_id = ${cid} AND start_date >= ${day}::date RETURNING 1),
                 u AS (DELETE FROM app_usage_monthly WHERE customer_id = ${cid}
                   AND month + interval '1 month' > ${day}::date + 1 RETURNING 1)
            SELECT ((SELECT count(*) FROM a) + (SELECT count(*) FROM b) + (SELECT count(*) FROM c))::int AS n,
              (SELECT count(*) FROM u)::int AS usage`);
          deletedTotal += del[0]!.n;
          usageDeleted += del[0]!.usage;
          const again = await buildDataset(tx, { outcome: 'renewal', asOf: AS_OF, customerIds: [cid] });
          const k = again.decisionIds.indexOf(d.decisionIds[i]!);
          after = Object.fromEntries(again.names.map((name, j) => [name, again.cols[j]![k]!]));
          throw new Rollback();
        });
      } catch (e) {
        if (!(e instanceof Rollback)) throw e;
      }
      const before = Object.fromEntries(d.names.map((name, j) => [name, d.cols[j]![i]!]));
      expect({ decision: d.decisionIds[i], ...after }).toEqual({ decision: d.decisionIds[i], ...before });
    }
    // The test has teeth: later data existed and was deleted.
    expect(deletedTotal).toBeGreaterThan(0);
    // …including months of the app-usage rollup that had not ended by the decision date.
    expect(usageDeleted).toBeGreaterThan(0);
  });

  it('refuses an outcome without data and an empty population with errors naming the field', async () => {
    await expect(buildDataset(db, { outcome: 'complaint', asOf: AS_OF })).rejects.toThrow(
      /outcome: no complaint/,
    );
    await expect(buildDataset(db, { outcome: 'renewal', asOf: '2020-01-01' })).rejects.toMatchObject({
      code: 'INSUFFICIENT_EVIDENCE',
    });
    await expect(buildDataset(db, { outcome: 'renewal', asOf: '2026-02-30x' })).rejects.toThrow(/as_of/);
  });
});
