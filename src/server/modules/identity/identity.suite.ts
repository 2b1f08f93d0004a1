import { expect, it } from 'vitest';
import type { TestApp } from '../../../../test/support/app.js';

/**
 * ONE-ID on the demo bank: a duplicate record sharing a verified phone is proposed for merging (and is a conflict
 * for resolve until merged); merging moves its events to the survivor, unmerging restores exactly them. Leaves the
 * data as it found it. Run by src/server/api.test.ts on each database, after the suites that count customers.
 */
export const identitySuite = (ctx: () => TestApp): void => {
  it('merges a duplicate by verified phone, moves its events, and unmerging restores them', async () => {
    const t = ctx();
    const ops = await t.login('ops01');
    const call = async <T>(method: 'GET' | 'POST', url: string, payload?: object) => {
      const r = await t.app.inject({
        method,
        url,
        headers: { authorization: `Bearer ${ops}` },
        ...(payload ? { payload } : {}),
      });
      return { status: r.statusCode, body: r.json<T>() };
    };
    const pair = await t.db.query<{ id: number }>(
      `SELECT c.id FROM customers c WHERE EXISTS (SELECT 1 FROM events e WHERE e.customer_id = c.id)
        AND NOT EXISTS (SELECT 1 FROM customer_identities i WHERE i.customer_id = c.id AND i.channel = 'ecif' AND false)
        ORDER BY c.id LIMIT 2`,
    );
    const [a, b] = [pair[0]!.id, pair[1]!.id];
    const [phone] = await t.db.query<{ value: string }>(
      `SELECT value FROM customer_identities WHERE customer_id = $1 AND channel = 'phone' AND verified`,
      [a],
    );
    // B's record carries A's verified phone and no ECIF of its own: the same person, registered twice.
    const [ecifB] = await t.db.query<{ value: string }>(
      `DELETE FROM customer_identities WHERE customer_id = $1 AND channel = 'ecif' RETURNING value`,
      [b],
    );
    await t.db.query(
      `INSERT INTO customer_identities (customer_id, channel, value, verified, linked_at) VALUES ($1, 'phone', $2, true, now())`,
      [b, phone!.value],
    );
    const eventsOf = async (id: number) =>
      (
        await t.db.query<{ id: number }>('SELECT id FROM events WHERE customer_id = $1 ORDER BY id', [id])
      ).map((r) => r.id);
    const beforeA = await eventsOf(a);
    const beforeB = await eventsOf(b);
    expect(beforeB.length).toBeGreaterThan(0);

    const conflict = await call<{ error: { code: string } }>(
      'GET',
      `/api/identity/resolve?by=phone&value=${phone!.value}`,
    );
    expect(conflict.status).toBe(409);
    const cands = await call<{ merges: { survivor: number; merged: number; rule: string }[] }>(
      'GET',
      '/api/identity/candidates',
    );
    expect(cands.body.merges).toContainEqual(
      expect.objectContaining({ survivor: a, merged: b, rule: 'verified_phone' }),
    );

    const merged = await call<{ mergeId: number }>('POST', '/api/identity/merge', {
      survivor: a,
      merged: b,
      reason: '同一手机号重复开户',
    });
    expect(merged.status).toBe(200);
    expect(await eventsOf(b)).toEqual([]);
    expect(await eventsOf(a)).toEqual([...beforeA, ...beforeB].sort((x, y) => x - y));
    expect(
      (await call<{ customerId: number }>('GET', `/api/identity/resolve?by=phone&value=${phone!.value}`)).body
        .customerId,
    ).toBe(a);
    expect(
      (await call<{ customerId: number }>('GET', `/api/identity/resolve?by=customer_id&value=${b}`)).body
        .customerId,
    ).toBe(a);
    const again = await call('POST', '/api/identity/merge', { survivor: a, merged: b, reason: 'twice' });
    expect(again.status).toBe(409);

    const undone = await call<{ merged: number; events: number }>('POST', '/api/identity/unmerge', {
      survivor: a,
      mergeId: merged.body.mergeId,
      reason: '误合并',
    });
    expect(undone.body).toEqual({ merged: b, events: beforeB.length });
    expect(await eventsOf(a)).toEqual(beforeA);
    expect(await eventsOf(b)).toEqual(beforeB);
    const audit = await t.db.query<{ action: string }>(
      `SELECT action FROM audit_log WHERE action LIKE 'customer.%merge' AND customer_id = $1 ORDER BY id`,
      [a],
    );
    expect(audit.map((x) => x.action)).toEqual(['customer.merge', 'customer.unmerge']);
    // The staff 360 of the survivor shows the merge: who merged what, when, and who undid it.
    const c360 = await call<{
      merges: {
        survivor: number;
        merged: number;
        by: string;
        movedEvents: number;
        unmergedAt: string | null;
        unmergedBy: string | null;
      }[];
    }>('GET', `/api/customers/${a}`);
    expect(c360.status).toBe(200);
    const m = c360.body.merges.find((x) => x.survivor === a && x.merged === b);
    expect(m).toBeDefined();
    expect(m!.movedEvents).toBe(beforeB.length);
    expect(m!.by).not.toBe('');
    expect(m!.unmergedAt).not.toBeNull();
    expect(m!.unmergedBy).not.toBeNull();

    await t.db.query(
      `DELETE FROM customer_identities WHERE customer_id = $1 AND channel = 'phone' AND value = $2`,
      [b, phone!.value],
    );
    await t.db.query(
      `INSERT INTO customer_identities (customer_id, channel, value, verified, linked_at) VALUES ($1, 'ecif', $2, true, now())`,
      [b, ecifB!.value],
    );
  });
};
