import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './testing.js';

const dir = mkdtempSync(join(tmpdir(), 'caiban-funnel-'));

describe('caiban funnel', () => {
  it('reads flags and dates, reports counts, rates, groups, break point and flows', async () => {
    const rows = ['id,a,i,p,l,channel'];
    for (let k = 0; k < 400; k++) {
      const ch = k % 2 ? 'app' : 'branch';
      const i = Math.floor(k / 2) % 4 !== 0;
      const p = i && (ch === 'app' ? k % 3 === 0 : k % 5 !== 0);
      rows.push(
        `${k},1,${i ? '2026-01-05' : ''},${p ? '2026-02-10' : '0'},${p && k % 7 === 0 ? 'yes' : 'no'},${ch}`,
      );
    }
    const f = join(dir, 'f.csv');
    writeFileSync(f, rows.join('\n'));
    const r = await runCli([
      'funnel',
      '--data',
      f,
      '--stages',
      'a,i,p,l',
      '--by',
      'channel',
      '--from',
      '2026-01-31',
      '--to',
      '2026-03-01',
      '--json',
    ]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as {
      overall: { counts: number[]; rates: number[] };
      groups: Record<string, { counts: number[] }>;
      break_point: { step: string; group: string };
      flows: { matrix: number[][] };
    };
    expect(out.overall.counts[0]).toBe(400);
    expect(out.overall.counts[1]).toBe(300);
    expect(out.groups.app!.counts[0]! + out.groups.branch!.counts[0]!).toBe(400);
    expect(out.break_point).toMatchObject({ step: 'p', group: 'app' });
    expect(out.flows.matrix.flat().reduce((a, b) => a + b, 0)).toBe(400);
  });

  it('names the column and row of a bad stage cell (exit 2)', async () => {
    const f = join(dir, 'bad.csv');
    writeFileSync(f, 'a,b\n1,maybe\n');
    const r = await runCli(['funnel', '--data', f, '--stages', 'a,b', '--json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('column "b" row 2');
  });
});
