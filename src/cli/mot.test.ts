import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestDb } from '../../test/support/db.js';
import { createTestDb, testDbKinds } from '../../test/support/db.js';
import { ingestEvents } from '../server/modules/events/ingest.js';
import { runCli } from './testing.js';

/** `caiban mot run` and `caiban leads list` on a PostgreSQL demo bank (the CLI reaches it by --database-url). */
describe.runIf(testDbKinds().includes('postgres'))('caiban mot run / leads list on PostgreSQL', () => {
  let db: TestDb;
  beforeAll(async () => {
    db = await createTestDb('postgres', { content: 'demo' });
  });
  afterAll(() => db.close());

  it('runs once with the contract counts, again with nothing new, and lists the RM’s lead', async () => {
    const [c] = await db.query<{ id: number; username: string }>(
      `SELECT c.id, s.username FROM customers c JOIN staff s ON s.id = c.rm_id
        WHERE c.merged_into IS NULL ORDER BY c.id LIMIT 1`,
    );
    await ingestEvents(
      db,
      [
        {
          id: 'cli-tx-1',
          type: 'large_transfer_in',
          customer: { by: 'customer_id', value: c!.id },
          occurred_at: '2026-01-06T09:00:00+08:00',
          payload: { amount: 600_000 },
        },
      ],
      { now: new Date('2026-01-06T10:00:00+08:00'), source: 'cli' },
    );
    const args = ['mot', 'run', '--now', '2026-01-06T10:00:00+08:00', '--database-url', db.url!, '--json'];
    const first = await runCli(args);
    expect(first.code, first.stderr).toBe(0);
    const out = JSON.parse(first.stdout) as Record<string, number>;
    expect(Object.keys(out)).toEqual(
      expect.arrayContaining([
        'leads_created',
        'messages_queued',
        'messages_deferred',
        'messages_suppressed',
      ]),
    );
    expect(out.leads_created).toBeGreaterThanOrEqual(1);
    const again = JSON.parse((await runCli(args)).stdout) as Record<string, number>;
    expect(again).toMatchObject({
      leads_created: 0,
      messages_queued: 0,
      messages_deferred: 0,
      messages_suppressed: 0,
    });
    const list = await runCli(['leads', 'list', '--rm', c!.username, '--database-url', db.url!, '--json']);
    expect(list.code, list.stderr).toBe(0);
    const leads = JSON.parse(list.stdout) as { customer_id: number; rule: string; script: string }[];
    expect(leads.find((l) => l.customer_id === c!.id)).toMatchObject({ rule: 'large_inflow' });
    const bad = await runCli(['leads', 'list', '--rm', 'nobody99', '--database-url', db.url!, '--json']);
    expect(bad.code).toBe(2);
  });
});
