import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/app.js';
import { testDbKinds } from '../../../../test/support/db.js';
import { enqueueMessages } from './service.js';

type Item = {
  id: number;
  customer_id: number;
  status: string;
  reason: string | null;
  reason_label: { zh: string };
};
type ErrorBody = { error: { code: string; message: string; details: Record<string, unknown> } };

describe.each(testDbKinds())('outbox and consent routes on %s', (kind) => {
  let t: TestApp;
  let rm: string;
  let ops: string;
  let mine: number;
  let notMine: number;
  const now = new Date('2026-03-10T04:00:00Z'); // 12:00 Beijing time

  beforeAll(async () => {
    t = await createTestApp(kind);
    [rm, ops] = await Promise.all([t.login('rm001'), t.login('ops01')]);
    const own = await t.db.query<{ id: number }>(
      `SELECT c.id FROM customers c JOIN staff s ON s.id = c.rm_id WHERE s.username = 'rm001' ORDER BY c.id LIMIT 1`,
    );
    const other = await t.db.query<{ id: number }>(
      `SELECT c.id FROM customers c JOIN staff s ON s.id = c.rm_id WHERE s.username <> 'rm001' ORDER BY c.id LIMIT 1`,
    );
    mine = own[0]!.id;
    notMine = other[0]!.id;
    await t.db.query(`UPDATE customers SET risk_assessed_at = '2026-01-05' WHERE id IN ($1, $2)`, [
      mine,
      notMine,
    ]);
  });
  afterAll(() => t.close());

  const put = async <T>(url: string, token: string, payload: object) => {
    const r = await t.app.inject({
      method: 'PUT',
      url,
      headers: { authorization: `Bearer ${token}` },
      payload,
    });
    return { status: r.statusCode, body: r.json<T>() };
  };
  const marketing = (customerId: number, key: string) => ({
    key,
    customerId,
    channel: 'sms' as const,
    purpose: 'marketing' as const,
    body: '本周投资者教育直播：如何做好资产配置。',
    source: { kind: 'manual' as const, ref: 'http-test' },
  });

  it('records SMS marketing consent with its evidence in the ledger, audited, and the outbox then lets SMS through', async () => {
    const url = `/api/customers/${mine}/consents`;
    const text = '本人同意接收贵行理财产品营销短信，可随时回复R退订。';
    const r = await put<{
      current: { channel: string; granted: boolean }[];
      ledger: { by: string; text_shown: string }[];
    }>(url, rm, { purpose: 'marketing', channel: 'sms', granted: true, text_shown: text });
    expect(r.status).toBe(200);
    expect(r.body.current).toContainEqual(expect.objectContaining({ channel: 'sms', granted: true }));
    expect(r.body.ledger[0]).toMatchObject({ by: 'staff:rm001', text_shown: text });
    const audit = await t.db.query(
      `SELECT 1 FROM audit_log WHERE action = 'consent.recorded' AND customer_id = $1`,
      [mine],
    );
    expect(audit).toHaveLength(1);
    const [o] = await enqueueMessages(t.db, [marketing(mine, 'http-1')], now);
    expect(o).toMatchObject({ status: 'queued' });
    expect(o!.reason).toBeNull();
  });

  it('turns do-not-contact on and the next marketing message is suppressed with the reason shown in the list', async () => {
    const r = await put<{ do_not_contact: boolean }>(`/api/customers/${mine}/contact-preferences`, rm, {
      do_not_contact: true,
    });
    expect(r).toMatchObject({ status: 200, body: { do_not_contact: true, non_personalised: false } });
    await enqueueMessages(t.db, [marketing(mine, 'http-2')], now);
    const list = await t.get<Item[]>(`/api/outbox?customerId=${mine}&status=suppressed`, rm);
    expect(list.status).toBe(200);
    expect(list.body.map((i) => [i.reason, i.reason_label.zh])).toEqual([
      ['do_not_contact', '客户已设置免打扰'],
    ]);
    const stats = await t.get<{ by_reason: { reason: string; count: number }[] }>(`/api/outbox/stats`, ops);
    expect(stats.body.by_reason).toContainEqual(
      expect.objectContaining({ reason: 'do_not_contact', count: 1 }),
    );
  });

  it('keeps an RM to their own customers: another RM’s customer is 403 and absent from the list', async () => {
    await enqueueMessages(t.db, [{ ...marketing(notMine, 'http-3'), purpose: 'service' }], now);
    expect((await t.get<ErrorBody>(`/api/outbox?customerId=${notMine}`, rm)).status).toBe(403);
    const all = await t.get<Item[]>('/api/outbox', rm);
    expect(all.body.some((i) => i.customer_id === notMine)).toBe(false);
    const opsView = await t.get<Item[]>('/api/outbox', ops);
    expect(opsView.body.some((i) => i.customer_id === notMine)).toBe(true);
    const denied = await put<ErrorBody>(`/api/customers/${notMine}/consents`, rm, {
      purpose: 'marketing',
      channel: 'sms',
      granted: true,
      text_shown: '同意',
    });
    expect(denied.status).toBe(403);
  });

  it('refuses a consent without the text shown (400 naming the field) and writes nothing', async () => {
    const before = await t.db.query('SELECT id FROM consent_events WHERE customer_id = $1', [mine]);
    const r = await put<ErrorBody>(`/api/customers/${mine}/consents`, rm, {
      purpose: 'marketing',
      channel: 'email',
      granted: true,
    });
    expect(r.status).toBe(400);
    expect(JSON.stringify(r.body.error)).toContain('text_shown');
    const bad = await put<ErrorBody>(`/api/customers/${mine}/contact-preferences`, rm, {});
    expect(bad.status).toBe(400);
    expect(await t.db.query('SELECT id FROM consent_events WHERE customer_id = $1', [mine])).toEqual(before);
  });

  it('answers hostile filters with 400 naming the field, never a 500', async () => {
    for (const q of ['customerId=abc', 'limit=0', 'status=lost', 'channel=fax', 'customerId=1e30']) {
      const r = await t.get<ErrorBody>(`/api/outbox?${q}`, ops);
      expect(r.status, q).toBe(400);
      expect(r.body.error.code, q).toBe('BAD_INPUT');
    }
    expect((await t.get<Item[]>(`/api/outbox?reason=${encodeURIComponent("%_\\'")}`, ops)).status).toBe(200);
    expect((await t.get<ErrorBody>('/api/outbox?customerId=999999999', ops)).status).toBe(404);
    const badPurpose = await put<ErrorBody>(`/api/customers/${mine}/consents`, rm, {
      purpose: 'spam',
      channel: 'sms',
      granted: true,
      text_shown: '同意',
    });
    expect(badPurpose.status).toBe(400);
    expect(JSON.stringify(badPurpose.body.error)).toContain('purpose');
  });

  it('lets the customer withdraw their own consent in the app, and never shows them a staff login', async () => {
    const [{ phone }] = (await t.db.query<{ phone: string }>('SELECT phone FROM customers WHERE id = $1', [
      mine,
    ])) as [{ phone: string }];
    const me = await t.loginCustomer(phone);
    type View = { ledger: { by: string; granted: boolean }[]; preferences: { updated_by: string | null } };
    const before = await t.get<View>(`/api/customers/${mine}/consents`, me);
    expect(before.status).toBe(200);
    expect(before.body.ledger.length).toBeGreaterThan(0);
    expect(before.body.ledger.every((e) => e.by === 'bank')).toBe(true); // recorded by rm001 above
    expect(before.body.preferences.updated_by).toBe('bank');
    expect(JSON.stringify(before.body)).not.toContain('rm001');
    const text = '本人同意贵行通过短信向本人发送产品与活动信息；可随时在“我的-隐私与消息设置”中关闭。';
    const off = await put<View>(`/api/customers/${mine}/consents`, me, {
      purpose: 'marketing',
      channel: 'sms',
      granted: false,
      text_shown: text,
    });
    expect(off.status).toBe(200);
    expect(off.body.ledger[0]).toMatchObject({ by: 'customer', granted: false });
    const staffView = await t.get<View>(`/api/customers/${mine}/consents`, rm);
    expect(staffView.body.ledger[0]).toMatchObject({ by: 'customer' });
    expect(staffView.body.ledger.some((e) => e.by === 'staff:rm001')).toBe(true);
    const other = await t.get<ErrorBody>(`/api/customers/${notMine}/consents`, me);
    expect([403, 404]).toContain(other.status);
    const otherPut = await put<ErrorBody>(`/api/customers/${notMine}/consents`, me, {
      purpose: 'marketing',
      channel: 'sms',
      granted: true,
      text_shown: text,
    });
    expect([403, 404]).toContain(otherPut.status);
  });
});
