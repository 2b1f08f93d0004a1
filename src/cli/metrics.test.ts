import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './testing.js';

const dir = mkdtempSync(join(tmpdir(), 'caiban-metrics-'));
const mixed = [NaN, 0.01, 0.1, -0.04, 0.02, 0.03, 0.02, 0.01, -0.1];
const dates = mixed.map((_, i) => `2000-02-${String(i + 1).padStart(2, '0')}`);
const returnsCsv = join(dir, 'r.csv');
writeFileSync(
  returnsCsv,
  '\ufeffdate;value\n' + mixed.map((r, i) => `${dates[i]};${Number.isNaN(r) ? '' : r}`).join('\n'),
);

describe('caiban metrics', () => {
  it('prints empyrical values for the reference mixed series (semicolon CSV with BOM)', async () => {
    const res = await runCli(['metrics', '--returns', returnsCsv, '--json']);
    expect(res.code).toBe(0);
    const m = JSON.parse(res.stdout) as Record<string, number | null>;
    expect(m.sharpe).toBeCloseTo(1.7238613961706866, 10);
    expect(m.annual_return).toBeCloseTo(1.9135925373194231, 10);
    expect(m.annual_volatility).toBeCloseTo(0.9136465399704637, 10);
    expect(m.max_drawdown).toBeCloseTo(-0.1, 12);
    expect(m.sortino).toBeCloseTo(2.605531251673693, 10);
    expect(m.n).toBe(9);
    expect(m).not.toHaveProperty('alpha');
  });

  it('computes returns from a NAV file and alpha/beta against a benchmark joined on dates', async () => {
    const nav = [1, 1.01, 1.03, 1.02, 1.05, 1.04];
    const bench = [100, 100.5, 101.5, 101, 102.6, 102];
    const navCsv = join(dir, 'nav.csv');
    const benchCsv = join(dir, 'bench.csv');
    writeFileSync(navCsv, 'd,nav\n' + nav.map((v, i) => `2024/1/${i + 2},${v}`).join('\n'));
    // benchmark rows shuffled and with an extra date: the join must use dates, not row order.
    const rows = bench.map((v, i) => `2024-01-0${i + 2},${v}`);
    writeFileSync(
      benchCsv,
      'd,nav\n' + [rows[3], rows[0], rows[5], rows[1], rows[4], rows[2], '2024-01-20,103'].join('\n'),
    );
    const res = await runCli([
      'metrics',
      '--nav',
      navCsv,
      '--benchmark',
      benchCsv,
      '--date-col',
      'd',
      '--value-col',
      'nav',
      '--json',
    ]);
    expect(res.code).toBe(0);
    const m = JSON.parse(res.stdout) as Record<string, number>;
    expect(m.n).toBe(5);
    expect(typeof m.beta).toBe('number');
    expect(m.beta).toBeGreaterThan(0);
    expect(m.cumulative_return).toBeCloseTo(0.04, 12);
  });

  it('rejects a missing column with exit code 2 and names the column', async () => {
    const res = await runCli(['metrics', '--returns', returnsCsv, '--value-col', 'ret', '--json']);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('"ret"');
  });

  it('rejects giving both --returns and --nav', async () => {
    const res = await runCli(['metrics', '--returns', returnsCsv, '--nav', returnsCsv, '--json']);
    expect(res.code).toBe(2);
  });
});
