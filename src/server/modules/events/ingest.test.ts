import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestDb } from '../../../../test/support/db.js';
import { createTestDb, testDbKinds } from '../../../../test/support/db.js';
import { ingestEvents, listDeadLetters, replayDeadLetters } from './ingest.js';

const NOW = new Date('2026-11-30T12:00:00+08:00');
const AT = '2026-11-30T10:00:00+08:00';

/**
 * The ingestion contract on both engines, on the bulk path (the zod shortcut of core/events/fast-shape.ts): a
 * repeated id is a duplicate, a customer id is followed along merges or rejected with a dead letter, the good
 * events of a bad batch are kept, payload text survives as sent, and a failed batch leaves nothing half-written.
 */
describe.each(testDbKinds())('event ingestion on %s', (kind) => {
  let db: TestDb;
  let live: number;
  let merged: number;
  let survivor: number;
  beforeAll(async () => {
    db = await createTestDb(kind, { content: 'demo' });
    const ids = await db.query<{ id: number }>(
      'SELECT id FROM customers WHERE merged_into IS NULL ORDER BY id LIMIT 3',
    );
    [live, merged, survivor] = ids.map((r) => r.id) as [number, number, number];
    // A chain of one merge: events sent for the merged-away record belong to the survivor.
    await db.query('UPDATE customers SET merged_into = $1 WHERE id = $2', [survivor, merged]);
  });
  afterAll(async () => {
    await db?.close();
  });

  const ev = (id: string, customer: number | string, extra: Record<string, unknown> = {}) => ({
    id,
    type: 'large_transfer_in',
    customer: { by: 'customer_id', value: customer },
    occurred_at: AT,
    payload: { amount: 600_000, note: 'tab\there, line\nbreak, back\\slash' },
    ...extra,
  });
  const receipts = async (prefix: string) =>
    db.query<{ key: string; customer_id: number | null }>(
      `SELECT key, customer_id FROM event_receipts WHERE key LIKE $1 ORDER BY key`,
      [`${prefix}%`],
    );

  it('writes each new id once, follows merges, and dead-letters unknown customers while keeping the good events', async () => {
    const batch = [
      ev('st-1', live),
      ev('st-2', 999_999_999),
      ev('st-3', merged),
      { id: 'st-4', type: 'market_move', occurred_at: AT, payload: { index: '000300.SH', change: -0.03 } },
      ev('st-1', live),
      ev('st-5', '0'),
    ];
    const first = await ingestEvents(db, batch, { now: NOW, source: 'api' });
    expect(first.accepted).toBe(3);
    expect(first.duplicates).toBe(1);
    expect(first.rejected.map((r) => r.index)).toEqual([1, 5]);
    expect(first.rejected[0]!.error).toBe(
      'customer: no customer has customer_id "999999999"; check the value or link the identity first',
    );
    expect(await receipts('st-')).toEqual([
      { key: 'st-1', customer_id: live },
      { key: 'st-3', customer_id: survivor },
      { key: 'st-4', customer_id: null },
    ]);
    const [stored] = await db.query<{ payload: { note: string } }>(
      `SELECT e.payload FROM events e JOIN event_receipts r ON r.event_id = e.id AND r.customer_id = e.customer_id
        WHERE r.key = 'st-1'`,
    );
    expect(stored!.payload.note).toBe('tab\there, line\nbreak, back\\slash');
    const letters = (await listDeadLetters(db, { open: true, limit: 100 })).filter((l) =>
      l.raw.includes('"st-'),
    );
    expect(letters.map((l) => [l.position, (JSON.parse(l.raw) as { id: string }).id])).toEqual([
      [1, 'st-2'],
      [5, 'st-5'],
    ]);

    // The same batch again: nothing new, every good id a duplicate; the bad ones rejected again.
    const again = await ingestEvents(db, batch, { now: NOW, source: 'api' });
    expect(again).toMatchObject({ accepted: 0, duplicates: 4 });
    expect(again.rejected.map((r) => r.index)).toEqual([1, 5]);
    expect(await receipts('st-')).toHaveLength(3);
    const [n] = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM events e JOIN event_receipts r ON r.event_id = e.id WHERE r.key LIKE 'st-%'`,
    );
    expect(n!.n).toBe(2);
  });

  it('replays a dead letter once its customer exists, and keeps the still-failing one with the new reason', async () => {
    // The letters of the first batch (its repeat wrote the same two again).
    const open = (await listDeadLetters(db, { open: true, limit: 100 }))
      .filter((l) => l.raw.includes('"st-'))
      .slice(0, 2);
    // Point the unknown id's letter at a real customer (the cause fixed at the sender), leave the other as it is.
    const fixed = open.find((l) => l.raw.includes('"st-2"'))!;
    await db.query('UPDATE event_dead_letters SET raw = $1 WHERE id = $2', [
      JSON.stringify(ev('st-2', live)),
      fixed.id,
    ]);
    const r = await replayDeadLetters(db, { now: NOW, ids: open.map((l) => l.id) });
    expect(r.replayed).toBe(1);
    expect(r.accepted).toBe(1);
    expect(r.failed.map((f) => f.error)).toEqual([
      'customer: no customer has customer_id "0"; check the value or link the identity first',
    ]);
    expect(await receipts('st-2')).toEqual([{ key: 'st-2', customer_id: live }]);
  });

  it('refuses a text holding U+0000 by name and keeps the good events of its batch', async () => {
    const r = await ingestEvents(
      db,
      [ev('st-11', live), ev('st-12', live, { payload: { amount: 600_000, note: 'nul \u0000' } })],
      { now: NOW, source: 'api' },
    );
    expect(r.accepted).toBe(1);
    expect(r.rejected).toEqual([
      { index: 1, error: expect.stringMatching(/^payload\.note: contains the NUL character/) as unknown },
    ]);
    expect(await receipts('st-11')).toHaveLength(1);
  });

  it('leaves nothing of a batch whose write fails', async () => {
    // The batch's writes all happen, then the commit fails (as on a lost connection or a full disk).
    const failing = {
      ...db,
      transaction: <T>(fn: (tx: Parameters<Parameters<TestDb['transaction']>[0]>[0]) => Promise<T>) =>
        db.transaction(async (tx) => {
          await fn(tx);
          throw new Error('commit failed');
        }),
    } as TestDb;
    await expect(
      ingestEvents(failing, [ev('st-9', live), ev('st-10', live)], { now: NOW, source: 'api' }),
    ).rejects.toThrow('commit failed');
    expect(await receipts('st-9')).toEqual([]);
    expect(await receipts('st-10')).toEqual([]);
    const ok = await ingestEvents(db, [ev('st-9', live)], { now: NOW, source: 'api' });
    expect(ok.accepted).toBe(1);
  });
});
