import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestDb } from '../../test/support/db.js';
import { createTestDb, testDbKinds } from '../../test/support/db.js';
import { runCli } from './testing.js';

// `caiban insight …` per CLI.md "Insight", on the seeded test bank (PostgreSQL: the CLI needs a database it can
// open by URL; the same service code runs on PGlite in the server tests).
describe.runIf(testDbKinds().includes('postgres'))('caiban insight on PostgreSQL', () => {
  let db: TestDb;
  let dir: string;
  beforeAll(async () => {
    db = await createTestDb('postgres', { content: 'demo' });
    dir = mkdtempSync(join(tmpdir(), 'caiban-insight-'));
  });
  afterAll(async () => {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const cli = (args: string[]) => runCli(['insight', ...args, '--database-url', db.url!, '--json']);

  it('study prints effects with CIs, method and refutations, importance and the factor graph', async () => {
    const r = await cli(['study', '--outcome', 'renewal', '--as-of', '2026-10-30', '--refute', '1']);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as {
      effects: Array<Record<string, unknown>>;
      importance: Array<{ factor: string; mean_abs_shap: number }>;
      graph: { edges: unknown[] };
    };
    expect(out.effects.map((e) => e.factor)).toEqual(
      expect.arrayContaining([
        'coupon',
        'livestream_audience_2000',
        'sessions_per_month',
        'price',
        'rm_contact',
      ]),
    );
    for (const e of out.effects) {
      expect(Object.keys(e)).toEqual(
        expect.arrayContaining(['factor', 'ate', 'ci_low', 'ci_high', 'method', 'refutations']),
      );
      if (e.status === 'estimated') expect(e.refutations).not.toBeNull();
    }
    expect(out.importance[0]!.mean_abs_shap).toBeGreaterThan(0);
    expect(Array.isArray(out.graph.edges)).toBe(true);
  });

  it('whatif prints baseline, intervened, effect and its CI; a bad expression is exit 2 naming --intervene', async () => {
    const r = await cli([
      'whatif',
      '--outcome',
      'renewal',
      '--as-of',
      '2026-10-30',
      '--intervene',
      'sessions_per_month+=1',
    ]);
    expect(r.code, r.stderr).toBe(0);
    const w = JSON.parse(r.stdout) as Record<string, number>;
    expect(w.intervened! - w.baseline!).toBeCloseTo(w.effect!, 12);
    expect(w.ci_low!).toBeLessThanOrEqual(w.ci_high!);
    const bad = await cli(['whatif', '--outcome', 'renewal', '--intervene', 'engagement=1']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/intervene: unknown factor "engagement"/);
  });

  it('levers writes one row a running subscription with every lever column, within the budget', async () => {
    const out = join(dir, 'levers.xlsx');
    const r = await cli([
      'levers',
      '--outcome',
      'renewal',
      '--as-of',
      '2026-10-30',
      '--budget',
      '100',
      '--out',
      out,
    ]);
    expect(r.code, r.stderr).toBe(0);
    const s = JSON.parse(r.stdout) as {
      rows: Array<{ customer_id: number }>;
      expected_incremental: number;
      cost: number;
    };
    expect(s.cost).toBeLessThanOrEqual(100);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).values).toEqual([
      undefined,
      'customer_id',
      'p_outcome',
      'best_lever',
      'cate_coupon',
      'cate_rm_call',
      'cate_livestream_invite',
      'chosen',
      'cost',
    ]);
    expect(ws.rowCount - 1).toBe(s.rows.length);
  });

  it('refuses an unknown outcome (exit 2) and an outcome without data with a message naming it', async () => {
    expect((await cli(['study', '--outcome', 'churn'])).code).toBe(2);
    const c = await cli(['study', '--outcome', 'complaint']);
    expect(c.code).toBe(2);
    expect(c.stderr).toMatch(/outcome: no complaint records/);
  });
});
