import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createArrivalGate, currentArrival, withArrival } from './arrival-order.js';
import { createTestDb } from '../../../test/support/db.js';

const tick = (): Promise<void> => new Promise((r) => setImmediate(r));

describe('statements in request-arrival order', () => {
  it('admits one at a time, the earliest request first, then in issue order', async () => {
    const gate = createArrivalGate();
    const order: string[] = [];
    let release!: () => void;
    const blocker = gate(() => new Promise<void>((r) => (release = r)));
    const waiting = [
      withArrival(30, () => gate(() => Promise.resolve(void order.push('late request')))),
      withArrival(10, () => gate(() => Promise.resolve(void order.push('early request, 1st statement')))),
      withArrival(20, () => gate(() => Promise.resolve(void order.push('middle request')))),
      withArrival(10, () => gate(() => Promise.resolve(void order.push('early request, 2nd statement')))),
    ];
    await tick();
    expect(order).toEqual([]); // the slot is held
    release();
    await Promise.all([blocker, ...waiting]);
    expect(order).toEqual([
      'early request, 1st statement',
      'early request, 2nd statement',
      'middle request',
      'late request',
    ]);
  });

  it('frees the slot when a statement fails', async () => {
    const gate = createArrivalGate();
    await expect(gate(() => Promise.reject(new Error('bad statement')))).rejects.toThrow('bad statement');
    await expect(gate(() => Promise.resolve(7))).resolves.toBe(7);
  });

  it('counts a statement outside a request from when it is issued', () => {
    const before = performance.now();
    expect(currentArrival()).toBeGreaterThanOrEqual(before);
    expect(withArrival(5, () => currentArrival())).toBe(5);
  });

  it('keeps PGlite transactions whole while statements of other requests wait their turn', async () => {
    const db = await createTestDb('pglite'); // restored from the run's migrated fixture
    try {
      await db.exec('CREATE TABLE arrival_t (v int)');
      const tx = db.transaction(async (q) => {
        await q.exec('INSERT INTO arrival_t VALUES (1)');
        await tick();
        await q.exec('INSERT INTO arrival_t VALUES (2)');
      });
      const read = withArrival(0, () =>
        db.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM arrival_t`),
      );
      await tx;
      // The read arrived "earlier" but the transaction already held the database: it sees both rows or none.
      expect([0, 2]).toContain((await read)[0]!.n);
    } finally {
      await db.close();
    }
  });
});
