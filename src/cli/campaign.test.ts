import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestDb } from '../../test/support/db.js';
import { createTestDb, postgresEnabled } from '../../test/support/db.js';
import { launchCampaign } from '../server/modules/campaigns/launch.js';
import { createCampaign } from '../server/modules/campaigns/service.js';
import { runCli } from './testing.js';

const LAUNCH = new Date('2026-03-02T02:00:00Z');

describe.skipIf(!postgresEnabled())('caiban campaign (PostgreSQL)', () => {
  let db: TestDb;
  let id: number;
  beforeAll(async () => {
    db = await createTestDb('postgres', { content: 'demo' });
    id = (
      await createCampaign(
        db,
        'cli-test',
        {
          key: 'cli-spring',
          name: 'CLI 活动',
          target: { rule: { attr: 'aum', op: 'gte', value: 0 } },
          arms: [
            { key: 'a', weight: 1, message: { channel: 'app', purpose: 'marketing', body: '欢迎了解。' } },
          ],
          conversion: { kind: 'any_purchase' },
          startAt: LAUNCH.toISOString(),
        },
        LAUNCH,
      )
    ).id;
    await launchCampaign(db, id, LAUNCH, {
      enqueue: (_db, msgs, now) =>
        Promise.resolve(
          msgs.map((m, i) => ({
            key: m.key,
            id: i + 1,
            status: 'queued' as const,
            scheduledAt: now.toISOString(),
            reason: null,
            duplicate: false,
          })),
        ),
    });
  });
  afterAll(async () => {
    await db?.close();
  });

  it('prints the measured results of a campaign as one JSON document', async () => {
    const r = await runCli([
      'campaign',
      'results',
      '--id',
      String(id),
      '--now',
      '2026-03-20T00:00:00Z',
      '--database-url',
      db.url!,
      '--json',
    ]);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { arms: { arm: string; assigned: number }[]; srm: { p: number } };
    expect(out.arms.map((a) => a.arm)).toEqual(['holdout', 'a']);
    const [n] = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM campaign_assignments WHERE campaign_id = $1`,
      [id],
    );
    expect(out.arms.reduce((s, a) => s + a.assigned, 0)).toBe(n!.n);
  });

  it('exits 2 naming the flag on a bad id, and 1 on a campaign that does not exist', async () => {
    const bad = await runCli(['campaign', 'results', '--id', 'x', '--database-url', db.url!, '--json']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--id|id/);
    const missing = await runCli([
      'campaign',
      'results',
      '--id',
      '999999',
      '--database-url',
      db.url!,
      '--json',
    ]);
    expect(missing.code).toBe(1);
  });
});
