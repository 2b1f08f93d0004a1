import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './testing.js';

const dir = mkdtempSync(join(tmpdir(), 'caiban-uplift-'));

describe('caiban uplift metrics', () => {
  it('prints both conventions, bins, profit and writes a targeting list', async () => {
    const rows = ['score,w,y'];
    for (let i = 0; i < 200; i++) {
      const s = (i % 20) / 20;
      const w = i % 2;
      const y = w === 1 && s > 0.5 ? 1 : i % 7 === 0 ? 1 : 0;
      rows.push(`${s},${w},${y}`);
    }
    const f = join(dir, 'u.csv');
    const list = join(dir, 'list.csv');
    writeFileSync(f, rows.join('\n'));
    const r = await runCli([
      'uplift',
      'metrics',
      '--data',
      f,
      '--score',
      'score',
      '--treatment',
      'w',
      '--outcome',
      'y',
      '--value',
      '50',
      '--cost',
      '5',
      '--budget',
      '100',
      '--list-out',
      list,
      '--json',
    ]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as {
      causalml: { auuc: number; qini: number };
      sklift: { qini_auc: number; uplift_auc: number; uplift_at_30: number };
      targeting: { contacts: number };
    };
    expect(out.sklift.uplift_auc).toBeGreaterThan(0.3);
    expect(out.causalml.qini).toBeGreaterThan(0);
    expect(out.sklift.uplift_at_30).toBeGreaterThan(0.5);
    expect(out.targeting.contacts).toBe(20);
    expect(readFileSync(list, 'utf8').split('\n')[0]).toBe('row,score,expected_profit');
  });

  it('rejects a treatment that is not 0/1 with exit code 2', async () => {
    const f = join(dir, 'bad.csv');
    writeFileSync(f, 'score,w,y\n0.1,2,1\n0.2,0,0\n');
    const r = await runCli([
      'uplift',
      'metrics',
      '--data',
      f,
      '--score',
      'score',
      '--treatment',
      'w',
      '--outcome',
      'y',
      '--json',
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--treatment');
  });
});
