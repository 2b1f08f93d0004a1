import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestDb } from '../../test/support/db.js';
import { createTestDb, testDbKinds } from '../../test/support/db.js';
import { runCli } from './testing.js';

// The demo survey round trip through the CLI: `caiban demo export --table surveys` writes the seeded bank's
// survey, `caiban insight survey import` reads it (all or nothing), `summary` and `drivers` report on it.
describe.runIf(testDbKinds().includes('postgres'))('caiban insight survey on PostgreSQL', () => {
  let db: TestDb;
  let dir: string;
  beforeAll(async () => {
    db = await createTestDb('postgres', { content: 'demo' });
    dir = mkdtempSync(join(tmpdir(), 'caiban-survey-'));
  });
  afterAll(async () => {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const target = () => ['--database-url', db.url!, '--json'];

  it('exports the demo survey, imports it once, refuses the same file again, and reports drivers', async () => {
    const file = join(dir, 'survey.csv');
    const ex = await runCli(['demo', 'export', '--table', 'surveys', '--out', file, ...target()]);
    expect(ex.code, ex.stderr).toBe(0);
    const rows = (JSON.parse(ex.stdout) as { rows: number }).rows;
    expect(rows).toBeGreaterThan(20);

    const im = await runCli(['insight', 'survey', 'import', '--file', file, ...target()]);
    expect(im.code, im.stderr).toBe(0);
    expect(JSON.parse(im.stdout)).toMatchObject({ imported: rows, rejected_rows: 0, tagger: 'lexicon' });

    const again = await runCli(['insight', 'survey', 'import', '--file', file, ...target()]);
    expect(again.code).toBe(2);
    expect(again.stdout).toMatch(/duplicate response/);

    const dr = await runCli(['insight', 'survey', 'drivers', '--as-of', '2026-10-30', ...target()]);
    expect(dr.code, dr.stderr).toBe(0);
    const d = JSON.parse(dr.stdout) as { n: number; satisfaction: Array<{ key: string }> };
    expect(d.n).toBeGreaterThanOrEqual(20);
    expect(d.satisfaction.map((x) => x.key)).toContain('coupon');
  });
});
