import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StudyInput } from '../contracts/insight.js';
import type { TestDb } from '../../test/support/db.js';
import { createTestDb, testDbKinds } from '../../test/support/db.js';
import { insertStudy } from '../server/modules/insight/repo.js';
import { runStudyJob } from '../server/modules/insight/service.js';
import { runCli } from './testing.js';

const PARAMS: StudyInput = {
  outcome: 'renewal',
  as_of: '2026-10-30',
  seed: 0,
  folds: 2,
  refute_simulations: 0,
  oracle: false,
};

// `caiban insight review --study ID [--now ISO] --json` (CLI.md "Insight") on the seeded test bank (PostgreSQL: the
// CLI opens its database by URL).
describe.runIf(testDbKinds().includes('postgres'))('caiban insight review on PostgreSQL', () => {
  let db: TestDb;
  let studyId: number;
  beforeAll(async () => {
    db = await createTestDb('postgres', { content: 'demo' });
    const now = new Date('2026-10-31T00:00:00Z');
    const row = await insertStudy(db, { outcome: 'renewal', params: PARAMS, createdBy: 'test', now });
    await runStudyJob(db, row.id, PARAMS, () => now);
    studyId = row.id;
  });
  afterAll(async () => {
    await db.close();
  });
  const cli = (args: string[]) => runCli(['insight', 'review', ...args, '--database-url', db.url!, '--json']);

  it('runs one review: the comparison with every factor drift and no alert on unchanged data', async () => {
    const r = await cli(['--study', String(studyId), '--now', '2026-11-02T00:00:00Z']);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as {
      study_id: number;
      status: string;
      as_of: string;
      alert: boolean;
      comparison: { drift: Array<{ factor: string; psi: number }> };
    };
    expect(out.study_id).toBe(studyId);
    expect(out.status).toBe('done');
    expect(out.as_of).toBe('2026-11-02');
    expect(out.comparison.drift.map((d) => d.factor)).toEqual(expect.arrayContaining(['price', 'coupon']));
    expect(out.alert).toBe(false);
  });

  it('exits non-zero naming --study for a missing or bad id', async () => {
    const bad = await cli(['--study', 'abc']);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr + bad.stdout).toMatch(/study/);
    const missing = await cli(['--study', '999999']);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr + missing.stdout).toMatch(/study 999999 not found/);
  });
});
