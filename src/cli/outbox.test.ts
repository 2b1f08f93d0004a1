import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestDb } from '../../test/support/db.js';
import { createTestDb, testDbKinds } from '../../test/support/db.js';
import { enqueueMessages } from '../server/modules/outbox/service.js';
import { runCli } from './testing.js';

describe.runIf(testDbKinds().includes('postgres'))('caiban outbox on PostgreSQL', () => {
  let db: TestDb;
  let cid: number;
  beforeAll(async () => {
    db = await createTestDb('postgres', { content: 'demo' });
    const [c] = await db.query<{ id: number }>('SELECT id FROM customers ORDER BY id LIMIT 1');
    cid = c!.id;
    await db.query(`UPDATE customers SET risk_assessed_at = '2026-01-05' WHERE id = $1`, [cid]);
    await db.query(`DELETE FROM consents WHERE customer_id = $1`, [cid]);
  });
  afterAll(() => db.close());

  it('lists a customer’s messages with the contract fields, dispatches what is due at --now, and refuses a bad flag', async () => {
    const base = {
      customerId: cid,
      body: '本周投资者教育直播：如何做好资产配置。',
      source: { kind: 'manual' as const, ref: 'cli' },
    };
    await enqueueMessages(
      db,
      [
        { ...base, key: 'cli-1', channel: 'app', purpose: 'service' },
        { ...base, key: 'cli-2', channel: 'sms', purpose: 'marketing' },
      ],
      new Date('2026-03-10T04:00:00Z'),
    );
    const list = await runCli([
      'outbox',
      'list',
      '--customer',
      String(cid),
      '--database-url',
      db.url!,
      '--json',
    ]);
    expect(list.code, list.stderr).toBe(0);
    const rows = JSON.parse(list.stdout) as Record<string, unknown>[];
    expect(rows.map((r) => [r.channel, r.purpose, r.status, r.reason])).toEqual([
      ['sms', 'marketing', 'suppressed', 'no_consent:sms:marketing'],
      ['app', 'service', 'queued', null],
    ]);
    for (const k of ['id', 'customer_id', 'channel', 'purpose', 'status', 'scheduled_at', 'reason'])
      expect(rows[0]).toHaveProperty(k);
    const sent = await runCli([
      'outbox',
      'dispatch',
      '--now',
      '2026-03-10T12:00:00+08:00',
      '--database-url',
      db.url!,
      '--json',
    ]);
    expect(JSON.parse(sent.stdout)).toMatchObject({ claimed: 1, sent: 1 });
    const bad = await runCli(['outbox', 'list', '--status', 'lost', '--database-url', db.url!, '--json']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--status');
  });
});
