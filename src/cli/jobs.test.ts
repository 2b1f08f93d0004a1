import { rmSync } from 'node:fs';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { restoredDataDir } from '../../test/support/data-dir.js';
import type { TestDb } from '../../test/support/db.js';
import { createTestDb, testDbKinds } from '../../test/support/db.js';
import { segmentRefreshes, segments } from '../server/db/schema.js';
import { runCli } from './testing.js';

type Listed = { installed: boolean; queues: { name: string; schedule: string | null }[] };

describe('caiban jobs on an embedded database', () => {
  let dir: string;
  // A migrated data folder restored from the run's dump (`caiban db migrate --data-dir` is src/cli/db.test.ts's).
  beforeAll(async () => {
    dir = await restoredDataDir('migrated');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('lists the catalogue with its schedules before the job system ever ran', async () => {
    const r = await runCli(['jobs', 'list', '--data-dir', dir, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const body = JSON.parse(r.stdout) as Listed;
    expect(body.installed).toBe(false);
    expect(body.queues.find((q) => q.name === 'cdp.refresh')?.schedule).toBe('30 2 * * *');
    expect(body.queues.map((q) => q.name)).toContain('segments.refresh-due');
  });

  it('refuses an unknown job, a bad --now and bad --data with exit 2 naming what to fix', async () => {
    const unknown = await runCli(['jobs', 'run', 'no.such', '--data-dir', dir, '--json']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/no job "no\.such"; known jobs: cdp\.refresh/);
    const badNow = await runCli(['jobs', 'run', 'tags.refresh', '--now', 'soon', '--data-dir', dir]);
    expect(badNow.code).toBe(2);
    expect(badNow.stderr).toMatch(/--now/);
    const badData = await runCli(['jobs', 'run', 'tags.refresh', '--data', '{x', '--data-dir', dir]);
    expect(badData.code).toBe(2);
    expect(badData.stderr).toMatch(/--data: expected a JSON object/);
  });
});

describe.runIf(testDbKinds().includes('postgres'))('caiban jobs run on PostgreSQL', () => {
  let db: TestDb;
  beforeAll(async () => {
    db = await createTestDb('postgres', { content: 'demo' });
  });
  afterAll(async () => {
    await db.close();
  });

  it('runs the due segment refreshes for --now and records the count once', async () => {
    const [s] = await db.orm
      .insert(segments)
      .values({
        name: 'daily',
        rule: { attr: 'age', op: 'gte', value: 60 },
        refreshCron: '0 6 * * *',
        createdAt: new Date('2026-01-01T00:00:00Z'),
        updatedAt: new Date('2026-01-01T00:00:00Z'),
      })
      .returning();
    const args = ['jobs', 'run', 'segments.refresh-due', '--now', '2026-03-02T07:00:00+08:00'];
    const r = await runCli([...args, '--database-url', db.url!, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { name: string; result: { refreshed: { segmentId: number }[] } };
    expect(out.result.refreshed.map((x) => x.segmentId)).toEqual([s!.id]);
    await runCli([...args, '--database-url', db.url!, '--json']);
    const rows = await db.orm.select().from(segmentRefreshes).where(eq(segmentRefreshes.segmentId, s!.id));
    expect(rows.map((x) => x.scheduledFor.toISOString())).toEqual(['2026-03-01T22:00:00.000Z']);
  });
});
