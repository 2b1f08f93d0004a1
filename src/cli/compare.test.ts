import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './testing.js';

const dir = mkdtempSync(join(tmpdir(), 'caiban-compare-'));
const write = (name: string, start: number, navs: number[]): string => {
  const p = join(dir, `${name}.csv`);
  writeFileSync(
    p,
    'date,value\n' + navs.map((v, i) => `2024-01-${String(start + i).padStart(2, '0')},${v}`).join('\n'),
  );
  return p;
};

describe('caiban compare', () => {
  it('prints window, funds, correlation and a summary for two NAV files', async () => {
    const a = write('fundA', 1, [1, 1.01, 1.02, 1.0, 1.03, 1.04, 1.05, 1.06]);
    const b = write('fundB', 3, [2, 2.1, 1.9, 2.2, 2.0, 2.3, 2.1, 2.4, 2.5]);
    const res = await runCli(['compare', '--nav', a, '--nav', b, '--json']);
    expect(res.code).toBe(0);
    const out = JSON.parse(res.stdout) as {
      window: { start: string; end: string };
      funds: Array<{ name: string; sharpe: number }>;
      correlation: number[][];
      summary: string;
    };
    expect(out.window).toMatchObject({ start: '2024-01-03', end: '2024-01-08' });
    expect(out.funds.map((f) => f.name)).toEqual(['fundA', 'fundB']);
    expect(out.correlation).toHaveLength(2);
    expect(out.summary).toContain('过往业绩不预示未来表现');
  });

  it('needs at least two --nav files (exit 2)', async () => {
    const a = write('solo', 1, [1, 1.01, 1.02]);
    const res = await runCli(['compare', '--nav', a, '--json']);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('--nav');
  });
});
