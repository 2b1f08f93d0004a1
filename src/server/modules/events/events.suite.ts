import { afterAll, beforeAll, expect, it } from 'vitest';
import type { TestApp } from '../../../../test/support/app.js';

type Ingest = { accepted: number; duplicates: number; rejected: { index: number; error: string }[] };

/**
 * Event ingestion over HTTP (issue 14) on the demo bank: idempotency, ONE-ID resolution, bad events rejected by
 * index while the good ones of the batch are kept, dead letters and their replay. Run by src/server/api.test.ts on
 * each database, after the suites that count events; removes what it wrote.
 */
export const eventsSuite = (ctx: () => TestApp): void => {
  let t: TestApp;
  let ops: string;
  let customer: { id: number; phone: string };
  const at = '2026-01-06T10:00:00+08:00';
  const post = async <T>(url: string, payload: unknown, contentType?: string) => {
    const r = await t.app.inject({
      method: 'POST',
      url,
      headers: { authorization: `Bearer ${ops}`, ...(contentType ? { 'content-type': contentType } : {}) },
      ...(typeof payload === 'string' ? { body: payload } : { payload: payload as object }),
    });
    return { status: r.statusCode, body: r.json<T>() };
  };
  const eventsOf = async (id: number) =>
    (
      await t.db.query<{ type: string; payload: Record<string, unknown> }>(
        'SELECT type, payload FROM events WHERE customer_id = $1 AND id >= 1000000000000 ORDER BY id',
        [id],
      )
    ).map((r) => ({ type: r.type, payload: r.payload }));

  beforeAll(async () => {
    t = ctx();
    ops = await t.login('ops01');
    const [row] = await t.db.query<{ id: number; phone: string }>(
      `SELECT c.id, i.value AS phone FROM customers c
         JOIN customer_identities i ON i.customer_id = c.id AND i.channel = 'phone' AND i.verified
        WHERE c.merged_into IS NULL
          AND (SELECT count(*) FROM customer_identities j WHERE j.channel = 'phone' AND j.value = i.value) = 1
        ORDER BY c.id LIMIT 1`,
    );
    customer = row!;
    await clear(); // the permission matrix and the fuzz suite posted events of their own
  });

  const clear = () =>
    t.db.exec(
      `DELETE FROM events WHERE id >= 1000000000000; DELETE FROM event_receipts; DELETE FROM market_events;
       DELETE FROM event_dead_letters;`,
    );
  afterAll(() => clear());

  it('accepts an event by phone once: the same id again is a duplicate and writes nothing', async () => {
    const ev = {
      id: 'core-banking-tx-0001',
      type: 'large_transfer_in',
      customer: { by: 'phone', value: customer.phone },
      occurred_at: at,
      payload: { amount: 600_000 },
    };
    const first = await post<Ingest>('/api/events', [ev]);
    expect(first).toEqual({ status: 200, body: { accepted: 1, duplicates: 0, rejected: [] } });
    const again = await post<Ingest>('/api/events', [ev, ev]);
    expect(again.body).toEqual({ accepted: 0, duplicates: 2, rejected: [] });
    expect(await eventsOf(customer.id)).toEqual([
      { type: 'large_transfer_in', payload: { amount: 600_000 } },
    ]);
    const [receipt] = await t.db.query<{ customer_id: number; queued: number }>(
      `SELECT customer_id, (SELECT count(*)::int FROM event_queue q WHERE q.key = r.key) AS queued
         FROM event_receipts r WHERE key = 'core-banking-tx-0001'`,
    );
    // Received once, and queued once for the MOT engine (the duplicates were not queued again).
    expect(receipt).toEqual({ customer_id: customer.id, queued: 1 });
  });

  it('rejects bad events with their index and reason, keeps the good ones, and letters every rejection', async () => {
    const batch = [
      { id: 'b-1', type: 'login', customer: { by: 'customer_id', value: customer.id }, occurred_at: at },
      { id: 'b-2', type: 'login', customer: { by: 'phone', value: '19900000000' }, occurred_at: at },
      { id: 'b-3', customer: { by: 'customer_id', value: customer.id }, occurred_at: at },
      { id: 'b-4', type: 'page_view', customer: { by: 'customer_id', value: customer.id }, occurred_at: at },
      { id: 'b-5', type: 'market_move', occurred_at: at, payload: { index: '000300.SH', change: -0.025 } },
      {
        id: 'b-6',
        type: 'page_view',
        customer: { by: 'customer_id', value: customer.id },
        occurred_at: at,
        payload: { product_code: '000001' },
      },
    ];
    const res = await post<Ingest>('/api/events', batch);
    expect(res.status).toBe(200);
    expect(res.body.accepted).toBe(3);
    expect(res.body.rejected.map((r) => r.index)).toEqual([1, 2, 3]);
    expect(res.body.rejected[0]!.error).toMatch(/customer: no customer has phone "19900000000"/);
    expect(res.body.rejected[1]!.error).toMatch(/^type: expected one of/);
    expect(res.body.rejected[2]!.error).toMatch(/^payload\.product_code/);
    const market = await t.db.query<{ key: string }>('SELECT key FROM market_events');
    expect(market.map((m) => m.key)).toEqual(['b-5']);
    const letters = await t.app.inject({
      method: 'GET',
      url: '/api/events/dead-letters',
      headers: { authorization: `Bearer ${ops}` },
    });
    const open = letters.json<{ position: number; error: string; source: string }[]>();
    expect(open.map((l) => [l.position, l.source])).toEqual([
      [1, 'api'],
      [2, 'api'],
      [3, 'api'],
    ]);
  });

  it('reads JSON Lines and rejects a malformed line by its index, keeping the others', async () => {
    const lines = [
      JSON.stringify({
        id: 'l-1',
        type: 'login',
        customer: { by: 'customer_id', value: customer.id },
        occurred_at: at,
      }),
      '{"id": "l-2", "type": ',
      JSON.stringify({
        id: 'l-3',
        type: 'advisor_chat',
        customer: { by: 'customer_id', value: customer.id },
        occurred_at: at,
      }),
    ].join('\n');
    const res = await post<Ingest>('/api/events', lines, 'application/x-ndjson');
    expect(res.status).toBe(200);
    expect(res.body.accepted).toBe(2);
    expect(res.body.rejected.map((r) => r.index)).toEqual([1]);
    expect(res.body.rejected[0]!.error).toMatch(/line 2: not JSON/);
  });

  it('replays a dead letter once its cause is fixed (the unknown phone linked to the customer)', async () => {
    await t.db.query(
      `INSERT INTO customer_identities (customer_id, channel, value, verified, linked_at) VALUES ($1, 'phone', '19900000000', true, now())`,
      [customer.id],
    );
    try {
      const res = await post<{ replayed: number; accepted: number; failed: { id: number; error: string }[] }>(
        '/api/events/dead-letters/replay',
        {},
      );
      expect(res.status).toBe(200);
      expect(res.body.replayed).toBe(1); // b-2 now resolves; b-3 (no type) and b-4 (no product) still fail
      expect(res.body.failed).toHaveLength(3); // … and the malformed JSON line
      const still = await t.app.inject({
        method: 'GET',
        url: '/api/events/dead-letters',
        headers: { authorization: `Bearer ${ops}` },
      });
      expect(still.json<unknown[]>()).toHaveLength(3);
    } finally {
      await t.db.query(`DELETE FROM customer_identities WHERE customer_id = $1 AND value = '19900000000'`, [
        customer.id,
      ]);
    }
  });

  it('follows merges: an event for a merged-away record lands on the survivor, also through a chain', async () => {
    const others = await t.db.query<{ id: number }>(
      `SELECT id FROM customers WHERE merged_into IS NULL AND id <> $1 ORDER BY id LIMIT 2`,
      [customer.id],
    );
    const [a, b] = others.map((r) => r.id) as [number, number];
    // b → a → customer (a chain of two merges), restored afterwards.
    await t.db.query(`UPDATE customers SET merged_into = $2 WHERE id = $1`, [a, customer.id]);
    await t.db.query(`UPDATE customers SET merged_into = $2 WHERE id = $1`, [b, a]);
    try {
      const ev = (id: string, value: number) => ({
        id,
        type: 'page_view',
        customer: { by: 'customer_id', value },
        occurred_at: at,
        payload: { product_code: '000001' },
      });
      const res = await post<Ingest>('/api/events', [ev('m-1', a), ev('m-2', b), ev('m-3', 999_999_999)]);
      expect(res.body.accepted).toBe(2);
      expect(res.body.rejected.map((r) => r.index)).toEqual([2]);
      expect(res.body.rejected[0]!.error).toMatch(/customer: no customer has customer_id "999999999"/);
      const owners = await t.db.query<{ key: string; customer_id: number }>(
        `SELECT key, customer_id FROM event_receipts WHERE key IN ('m-1', 'm-2') ORDER BY key`,
      );
      expect(owners).toEqual([
        { key: 'm-1', customer_id: customer.id },
        { key: 'm-2', customer_id: customer.id },
      ]);
    } finally {
      await t.db.query(`UPDATE customers SET merged_into = NULL WHERE id IN ($1, $2)`, [a, b]);
    }
  });

  it('refuses a body that is not a batch, and a batch over the limit, with 400 naming the body', async () => {
    const notBatch = await post<{ error: { message: string } }>('/api/events', { id: 'x' });
    expect(notBatch.status).toBe(400);
    expect(notBatch.body.error.message).toMatch(/^body: expected a JSON array/);
  });
};
