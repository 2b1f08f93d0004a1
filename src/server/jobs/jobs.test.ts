import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_SECRET } from '../../../test/support/app.js';
import type { TestDb } from '../../../test/support/db.js';
import { createTestDb, testDbKinds } from '../../../test/support/db.js';
import { AppError } from '../../core/errors.js';
import { buildApp } from '../app.js';
import { segmentRefreshes, segments } from '../db/schema.js';
import type { JobRunner } from './boss.js';
import { startJobs } from './boss.js';
import { CDP_JOBS } from './cdp-jobs.js';
import { JOB_CATALOGUE } from './catalogue.js';
import type { AnyJob } from './registry.js';
import { defineJob, runJobNow } from './registry.js';
import { jobsStatus } from './status.js';

/** Polls `check` every 200 ms until it returns true; fails after `ms`. */
const waitFor = async (what: string, check: () => Promise<boolean>, ms = 20_000): Promise<void> => {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out waiting for ${what}`);
};

const saveSegment = async (db: TestDb, name: string, cron: string | null, updatedAt: Date) => {
  const [s] = await db.orm
    .insert(segments)
    .values({
      name,
      rule: { attr: 'aum', op: 'gte', value: 100_000 },
      refreshCron: cron,
      createdAt: updatedAt,
      updatedAt,
    })
    .returning();
  return s!.id;
};

const refreshesOf = (db: TestDb, id: number) =>
  db.orm.select().from(segmentRefreshes).where(eq(segmentRefreshes.segmentId, id));

describe.each(testDbKinds())('durable jobs on %s', (kind) => {
  let db: TestDb;
  const runners: JobRunner[] = [];
  const start = async (catalogue: readonly AnyJob[], extra: { schedule?: boolean } = {}) => {
    const r = await startJobs({
      db,
      databaseUrl: db.url,
      catalogue,
      pollingIntervalSeconds: 0.5,
      cronMonitorIntervalSeconds: 1,
      cronWorkerIntervalSeconds: 1,
      schedule: extra.schedule ?? false,
      onError: () => undefined,
    });
    runners.push(r);
    return r;
  };

  beforeAll(async () => {
    db = await createTestDb(kind, { content: 'demo' });
  });
  afterAll(async () => {
    for (const r of runners) await r.stop(2000);
    await db?.close();
  });

  it('runs the scheduled segment refresh from its cron and writes a segment_refreshes row with the count', async () => {
    const id = await saveSegment(db, 'every minute', '* * * * *', new Date('2026-01-01T00:00:00Z'));
    const idle = await saveSegment(db, 'no schedule', null, new Date('2026-01-01T00:00:00Z'));
    const job = CDP_JOBS.find((j) => j.name === 'segments.refresh-due')!;
    const runner = await start([job], { schedule: true });
    await waitFor('a segment refresh', async () => (await refreshesOf(db, id)).length > 0, 30_000);
    const [row] = await refreshesOf(db, id);
    const [expected] = await db.rows<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM customers WHERE aum_fen >= 10000000 AND merged_into IS NULL`,
    );
    expect(row!.count).toBe(expected!.n);
    expect(row!.trigger).toBe('schedule');
    expect(row!.scheduledFor.getUTCSeconds()).toBe(0);
    expect(await refreshesOf(db, idle)).toEqual([]);
    const status = await jobsStatus(db, [job]);
    expect(status.queues.find((q) => q.name === job.name)?.installedSchedule).toBe('* * * * *');
    await runner.stop(2000);
  });

  it('retries a failing handler with backoff and shows the failure in GET /api/jobs', async () => {
    const attempts: number[] = [];
    const failing = defineJob({
      name: 'test.always-fails',
      description: 'fails on purpose',
      retryLimit: 1,
      retryDelay: 1,
      retryBackoff: true,
      handler: () => {
        attempts.push(Date.now());
        return Promise.reject(new Error(`boom on attempt ${attempts.length}`));
      },
    });
    const runner = await start([failing]);
    await runner.send('test.always-fails', {});
    await waitFor('the final failure', async () => {
      const s = await jobsStatus(db, [failing]);
      return s.queues[0]!.counts.failed === 1;
    });
    expect(attempts).toHaveLength(2);
    // Backoff: retryDelay × 2^(retry) / 2 plus up to as much jitter = 1–2 s after the first failure.
    expect(attempts[1]! - attempts[0]!).toBeGreaterThanOrEqual(900);
    const app = await buildApp({ db, sessionSecret: TEST_SECRET, logLevel: 'silent', llm: null });
    try {
      const login = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'ops01', password: 'demo1234' },
      });
      const token = login.json<{ token: string }>().token;
      const res = await app.inject({
        method: 'GET',
        url: '/api/jobs',
        headers: { authorization: `Bearer ${token}` },
      });
      expect(res.statusCode).toBe(200);
      const body = res.json<{ installed: boolean; queues: { name: string; declared: boolean }[] }>();
      expect(body.installed).toBe(true);
      const q = body.queues.find((x) => x.name === 'test.always-fails') as unknown as {
        declared: boolean;
        counts: { failed: number };
        lastFailed: { error: string; retryCount: number };
      };
      expect(q.declared).toBe(false);
      expect(q.counts.failed).toBe(1);
      expect(q.lastFailed.error).toBe('boom on attempt 2');
      expect(q.lastFailed.retryCount).toBe(1);
      // The catalogue's jobs are listed with their schedules whether or not they ran.
      expect(body.queues.map((x) => x.name)).toEqual(
        expect.arrayContaining(JOB_CATALOGUE.map((j) => j.name)),
      );
    } finally {
      await app.close();
    }
    await runner.stop(2000);
  });

  it('runs a job sent twice with the same singleton key once; another key runs on its own', async () => {
    const runs: string[] = [];
    const once = defineJob({
      name: 'test.singleton',
      description: 'counts runs',
      retryLimit: 0,
      retryDelay: 0,
      retryBackoff: false,
      singleton: true,
      handler: ({ data }) => {
        runs.push((data as { tag: string }).tag);
        return Promise.resolve();
      },
    });
    const runner = await start([once]);
    const later = new Date(Date.now() + 1500);
    const first = await runner.send(
      'test.singleton',
      { tag: 'a1' },
      { singletonKey: 'a', startAfter: later },
    );
    const second = await runner.send(
      'test.singleton',
      { tag: 'a2' },
      { singletonKey: 'a', startAfter: later },
    );
    const other = await runner.send(
      'test.singleton',
      { tag: 'b1' },
      { singletonKey: 'b', startAfter: later },
    );
    expect(first).not.toBeNull();
    expect(second).toBeNull();
    expect(other).not.toBeNull();
    await waitFor('both keys to run', () => Promise.resolve(runs.length >= 2));
    await new Promise((r) => setTimeout(r, 1500));
    expect(runs.sort()).toEqual(['a1', 'b1']);
    await runner.stop(2000);
  });

  it('waits on stop for a running handler, so its run completes instead of failing', async () => {
    let finished = false;
    const slow = defineJob({
      name: 'test.slow',
      description: 'takes a while',
      retryLimit: 0,
      retryDelay: 0,
      retryBackoff: false,
      handler: async () => {
        await new Promise((r) => setTimeout(r, 1500));
        finished = true;
      },
    });
    const runner = await start([slow]);
    await runner.send('test.slow', {});
    await waitFor(
      'the handler to start',
      async () => (await jobsStatus(db, [slow])).queues[0]!.counts.active === 1,
    );
    await runner.stop(10_000);
    expect(finished).toBe(true);
    const q = (await jobsStatus(db, [slow])).queues[0]!;
    expect(q.counts.completed).toBe(1);
    expect(q.lastFailed).toBeNull();
  });

  it('saves a segment refresh schedule through the API; a bad cron is a 400 naming refreshCron and the fix', async () => {
    const app = await buildApp({ db, sessionSecret: TEST_SECRET, logLevel: 'silent', llm: null });
    try {
      const login = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'ops01', password: 'demo1234' },
      });
      const headers = { authorization: `Bearer ${login.json<{ token: string }>().token}` };
      const rule = { attr: 'age', op: 'gte', value: 60 };
      const bad = await app.inject({
        method: 'POST',
        url: '/api/segments',
        headers,
        payload: { name: 'bad', rule, refreshCron: '0 25 * * *' },
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.json<{ error: { message: string } }>().error.message).toMatch(
        /refreshCron.*hour field "25" is outside 0–23/,
      );
      const made = await app.inject({
        method: 'POST',
        url: '/api/segments',
        headers,
        payload: { name: 'weekly', rule, refreshCron: '0  6 * * 1' },
      });
      expect(made.statusCode).toBe(200);
      const seg = made.json<{ id: number; refreshCron: string | null }>();
      expect(seg.refreshCron).toBe('0 6 * * 1');
      const kept = await app.inject({
        method: 'PUT',
        url: `/api/segments/${seg.id}`,
        headers,
        payload: { name: 'weekly 2', rule },
      });
      expect(kept.json<{ refreshCron: string | null }>().refreshCron).toBe('0 6 * * 1');
      const cleared = await app.inject({
        method: 'PUT',
        url: `/api/segments/${seg.id}`,
        headers,
        payload: { name: 'weekly 2', rule, refreshCron: null },
      });
      expect(cleared.json<{ refreshCron: string | null }>().refreshCron).toBeNull();
      const history = await app.inject({ method: 'GET', url: `/api/segments/${seg.id}/refreshes`, headers });
      expect(history.json()).toEqual({ items: [] });
    } finally {
      await app.close();
    }
  });

  it('runs a job now through the same handler; a second run for the same instant writes nothing new', async () => {
    const id = await saveSegment(db, 'hourly', '0 * * * *', new Date('2026-01-01T00:00:00Z'));
    const now = new Date('2026-02-03T10:20:00+08:00');
    const r1 = await runJobNow(db, JOB_CATALOGUE, 'segments.refresh-due', now);
    const refreshed = (r1.result as { refreshed: { segmentId: number; written: boolean }[] }).refreshed;
    expect(refreshed.find((x) => x.segmentId === id)?.written).toBe(true);
    const r2 = await runJobNow(db, JOB_CATALOGUE, 'segments.refresh-due', now);
    expect(
      (r2.result as { refreshed: { segmentId: number }[] }).refreshed.map((x) => x.segmentId),
    ).not.toContain(id);
    const rows = await refreshesOf(db, id);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.scheduledFor).toEqual(new Date('2026-02-03T10:00:00+08:00'));
    await expect(runJobNow(db, JOB_CATALOGUE, 'no.such-job', now)).rejects.toThrow(AppError);
  });
});
