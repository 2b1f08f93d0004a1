import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { OutboundMessage } from '../../../core/engagement/message.js';
import { createTestDb, testDbKinds, type TestDb } from '../../../../test/support/db.js';
import { channelAdapters, providersFromEnv } from './adapters.js';
import { attributeConversions, dispatchDue, enqueueMessages } from './service.js';

const bj = (local: string) => new Date(`${local}+08:00`);
const adapters = channelAdapters();

describe.each(testDbKinds())('the outbox on %s', (kind) => {
  let db: TestDb;
  let cid: number;
  let other: number;

  beforeAll(async () => {
    db = await createTestDb(kind, { content: 'demo' });
    const rows = await db.query<{ id: number }>('SELECT id FROM customers ORDER BY id LIMIT 2');
    cid = rows[0]!.id;
    other = rows[1]!.id;
    // The demo bank's assessments are dated in its own year; the scenarios below run in March 2026.
    await db.query(
      `UPDATE customers SET risk_assessed_at = '2026-01-05', risk_level = 'C3' WHERE id IN ($1, $2)`,
      [cid, other],
    );
  });
  afterAll(() => db.close());

  beforeEach(async () => {
    await db.exec(
      `DELETE FROM outbox; DELETE FROM channel_deliveries; DELETE FROM conversions; DELETE FROM contact_preferences;
       DELETE FROM advisor_inbox WHERE id LIKE 'outbox:%';`,
    );
    for (const id of [cid, other]) {
      await db.query('DELETE FROM consents WHERE customer_id = $1', [id]);
      await db.query(
        `INSERT INTO consents (customer_id, purpose, channel, granted, at, text_shown)
         SELECT $1, 'marketing', ch, true, '2025-01-01T00:00:00Z', '同意接收营销信息'
           FROM unnest(ARRAY['app_push', 'wechat', 'email']) AS ch`,
        [id],
      );
    }
  });

  const msg = (over: Partial<OutboundMessage> = {}): OutboundMessage => ({
    key: 'k1',
    customerId: cid,
    channel: 'app',
    purpose: 'marketing',
    title: '理财资讯',
    body: '本周投资者教育直播：如何做好资产配置。',
    source: { kind: 'mot', ref: 'repeat_view_no_buy' },
    ...over,
  });
  const statusOf = async (id: number) =>
    (
      await db.query<{ status: string; reason: string | null }>(
        'SELECT status, reason FROM outbox WHERE id = $1',
        [id],
      )
    )[0];
  const inbox = async (customerId: number) =>
    db.query<{ id: string; kind: string }>(
      `SELECT id, kind FROM advisor_inbox WHERE customer_id = $1 AND id LIKE 'outbox:%' ORDER BY id`,
      [customerId],
    );

  it('keeps every reach table distributable: customer_id leads each primary key and the outbox key is unique per customer', async () => {
    const rows = await db.query<{ table_name: string; column_name: string }>(
      `SELECT tc.table_name, kcu.column_name FROM information_schema.table_constraints tc
         JOIN information_schema.key_column_usage kcu ON kcu.constraint_name = tc.constraint_name
        WHERE tc.constraint_type = 'PRIMARY KEY' AND kcu.ordinal_position = 1 AND tc.table_schema = 'public'
          AND tc.table_name IN ('outbox', 'consent_events', 'contact_preferences', 'channel_deliveries', 'conversions')`,
    );
    expect(rows).toHaveLength(5);
    expect(rows.every((r) => r.column_name === 'customer_id')).toBe(true);
    const [ix] = await db.query<{ indexdef: string }>(
      `SELECT indexdef FROM pg_indexes WHERE indexname = 'outbox_customer_key_idx'`,
    );
    expect(ix!.indexdef).toMatch(/UNIQUE INDEX .*\(customer_id, key\)/);
  });

  it('defers a marketing push at 22:30 Beijing time to 09:00 the next day, and sends it at 09:00, not before', async () => {
    const [o] = await enqueueMessages(db, [msg()], bj('2026-03-10T22:30:00'));
    expect(o).toMatchObject({ status: 'deferred', reason: 'quiet_hours', duplicate: false });
    expect(o!.scheduledAt).toBe(bj('2026-03-11T09:00:00').toISOString());
    expect(await dispatchDue(db, bj('2026-03-11T08:59:59'), adapters)).toMatchObject({ claimed: 0, sent: 0 });
    expect(await inbox(cid)).toEqual([]);
    expect(await dispatchDue(db, bj('2026-03-11T09:00:00'), adapters)).toMatchObject({ claimed: 1, sent: 1 });
    expect(await statusOf(o!.id)).toEqual({ status: 'sent', reason: null });
    expect(await inbox(cid)).toEqual([{ id: `outbox:${o!.id}`, kind: 'outbox_app' }]);
  });

  it('queues a service alert at 22:30 at once and sends it then', async () => {
    const now = bj('2026-03-10T22:30:00');
    const [o] = await enqueueMessages(
      db,
      [
        msg({
          purpose: 'service',
          channel: 'chat',
          source: { kind: 'alert', ref: 'a1' },
          body: '您持有的理财产品将于3月17日到期。',
        }),
      ],
      now,
    );
    expect(o).toMatchObject({ status: 'queued', reason: null, scheduledAt: now.toISOString() });
    expect(await dispatchDue(db, now, adapters)).toMatchObject({ sent: 1 });
    expect(await inbox(cid)).toEqual([{ id: `outbox:${o!.id}`, kind: 'outbox_chat' }]);
  });

  it('sends nothing by SMS to a customer without SMS marketing consent, and says why', async () => {
    const now = bj('2026-03-10T12:00:00');
    const [o] = await enqueueMessages(db, [msg({ channel: 'sms' })], now);
    expect(o).toMatchObject({ status: 'suppressed', reason: 'no_consent:sms:marketing' });
    expect(await dispatchDue(db, now, adapters)).toMatchObject({ claimed: 0 });
    expect(await db.query('SELECT 1 FROM channel_deliveries')).toEqual([]);
  });

  it('lets at most 3 of a burst of 30 marketing messages out a day; every other one is suppressed with cap:day', async () => {
    const now = bj('2026-03-10T12:00:00');
    const burst = Array.from({ length: 30 }, (_, i) =>
      msg({ key: `burst-${i}`, channel: (['app', 'wecom', 'email'] as const)[i % 3]! }),
    );
    const out = await enqueueMessages(db, burst, now);
    expect(out.filter((o) => o.status === 'queued')).toHaveLength(3);
    expect(out.filter((o) => o.status === 'suppressed').every((o) => o.reason === 'cap:day')).toBe(true);
    expect(out.filter((o) => o.status === 'suppressed')).toHaveLength(27);
    // A later producer the same day is capped too; the next day has room again.
    const later = await enqueueMessages(db, [msg({ key: 'later' })], bj('2026-03-10T18:00:00'));
    expect(later[0]!.reason).toBe('cap:day');
    const next = await enqueueMessages(db, [msg({ key: 'next' })], bj('2026-03-11T10:00:00'));
    expect(next[0]!.status).toBe('queued');
    expect(await dispatchDue(db, bj('2026-03-11T10:00:00'), adapters)).toMatchObject({ sent: 4 });
  });

  it('stores the same key once: within a batch and from a retried producer', async () => {
    const now = bj('2026-03-10T12:00:00');
    const first = await enqueueMessages(db, [msg(), msg()], now);
    expect(first.map((o) => o.duplicate)).toEqual([false, true]);
    const again = await enqueueMessages(db, [msg({ body: '改过的文字' })], now);
    expect(again[0]).toMatchObject({ id: first[0]!.id, duplicate: true, status: 'queued' });
    expect(await db.query('SELECT id FROM outbox')).toHaveLength(1);
    // The same key for another customer is another message.
    const theirs = await enqueueMessages(db, [msg({ customerId: other })], now);
    expect(theirs[0]!.duplicate).toBe(false);
  });

  it('suppresses a text promising capital and returns through the guard (保本保收益)', async () => {
    const [o] = await enqueueMessages(
      db,
      [msg({ body: '这款产品保本保收益，欢迎咨询。' })],
      bj('2026-03-10T12:00:00'),
    );
    expect(o!.status).toBe('suppressed');
    expect(o!.reason).toMatch(/^guard:/);
    expect(o!.reason).toBe('guard:guarantee');
  });

  it('refuses an unknown customer or product before writing anything', async () => {
    await expect(
      enqueueMessages(db, [msg(), msg({ key: 'x', customerId: 999_999_999 })], new Date()),
    ).rejects.toThrow(/messages\[1\]\.customerId/);
    await expect(enqueueMessages(db, [msg({ productCodes: ['NOPE'] })], new Date())).rejects.toThrow(/NOPE/);
    expect(await db.query('SELECT id FROM outbox')).toEqual([]);
  });

  it('re-checks consent at send time: a withdrawal before dispatch suppresses the queued message', async () => {
    const now = bj('2026-03-10T12:00:00');
    const [o] = await enqueueMessages(db, [msg()], now);
    await db.query(`UPDATE consents SET granted = false WHERE customer_id = $1 AND channel = 'app_push'`, [
      cid,
    ]);
    expect(await dispatchDue(db, now, adapters)).toMatchObject({ claimed: 1, sent: 0, suppressed: 1 });
    expect(await statusOf(o!.id)).toEqual({ status: 'suppressed', reason: 'no_consent:app_push:marketing' });
  });

  it('sends each row once when two dispatchers run at the same time', async () => {
    const now = bj('2026-03-10T12:00:00');
    const many = Array.from({ length: 3 }, (_, i) => msg({ key: `c-${i}` }));
    const service = Array.from({ length: 20 }, (_, i) =>
      msg({
        key: `s-${i}`,
        customerId: other,
        purpose: 'service',
        channel: i % 2 ? 'sms' : 'app',
        source: { kind: 'alert', ref: `a${i}` },
      }),
    );
    await enqueueMessages(db, [...many, ...service], now);
    const [a, b] = await Promise.all([
      dispatchDue(db, now, adapters, { batchSize: 5 }),
      dispatchDue(db, now, adapters, { batchSize: 5 }),
    ]);
    expect(a.sent + b.sent).toBe(23);
    const deliveries = await db.query<{ outbox_id: number; n: number }>(
      'SELECT outbox_id, count(*)::int AS n FROM channel_deliveries GROUP BY outbox_id',
    );
    expect(deliveries).toHaveLength(23);
    expect(deliveries.every((d) => d.n === 1)).toBe(true);
    expect(await dispatchDue(db, now, adapters)).toMatchObject({ claimed: 0 });
  });

  it('sends through a gateway the bank plugs in; a failed delivery stays queued and is retried 5 minutes later', async () => {
    const now = bj('2026-03-10T12:00:00');
    const [o] = await enqueueMessages(db, [msg({ channel: 'email' })], now);
    let up = false;
    const gateway = channelAdapters(
      {},
      {
        email: {
          channel: 'email',
          provider: 'bank-mail',
          send: () => Promise.resolve(up ? { status: 'delivered' as const } : { status: 'failed' as const }),
        },
      },
    );
    expect(await dispatchDue(db, now, gateway)).toMatchObject({ claimed: 1, sent: 0, failed: 1 });
    expect(await statusOf(o!.id)).toEqual({ status: 'queued', reason: null });
    up = true;
    expect(await dispatchDue(db, now, gateway)).toMatchObject({ claimed: 0 });
    expect(await dispatchDue(db, bj('2026-03-10T12:05:00'), gateway)).toMatchObject({ sent: 1 });
    expect(() => providersFromEnv({ OUTBOX_SMS_PROVIDER: 'acme' })).toThrow(/OUTBOX_SMS_PROVIDER/);
    expect(providersFromEnv({ OUTBOX_SMS_PROVIDER: 'log' })).toEqual({ sms: 'log' });
  });

  it('attributes a purchase of the promoted product within 7 days to the message, once', async () => {
    const [p] = await db.query<{ code: string }>(
      `SELECT code FROM products WHERE risk_level = 'R1' AND status = 'open' ORDER BY code LIMIT 1`,
    );
    const code = p!.code;
    const sentAt = bj('2026-03-10T12:00:00');
    const [o] = await enqueueMessages(
      db,
      [msg({ purpose: 'service', productCodes: [code], source: { kind: 'manual', ref: 'test' } })],
      sentAt,
    );
    expect(o).toMatchObject({ status: 'queued' });
    expect(await dispatchDue(db, sentAt, adapters)).toMatchObject({ sent: 1 });
    await db.query(
      `INSERT INTO transactions (customer_id, id, product_code, type, trade_date, amount_fen, units, nav, fee_fen, channel)
       VALUES ($1, 9000000001, $2, 'purchase', '2026-03-13', 1000000, 10000, 1, 0, 'app'),
              ($1, 9000000002, $2, 'purchase', '2026-03-20', 500000, 5000, 1, 0, 'app')`,
      [cid, code],
    );
    try {
      expect(await attributeConversions(db, bj('2026-03-21T00:00:00'))).toBe(1);
      expect(await attributeConversions(db, bj('2026-03-21T00:00:00'))).toBe(0);
      const conv = await db.query('SELECT outbox_id, transaction_id, amount_fen FROM conversions');
      expect(conv).toEqual([{ outbox_id: o!.id, transaction_id: 9000000001, amount_fen: 1000000 }]);
    } finally {
      await db.query('DELETE FROM transactions WHERE id >= 9000000001 AND customer_id = $1', [cid]);
    }
  });
});
