import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './testing.js';

const dir = mkdtempSync(join(tmpdir(), 'caiban-abtest-'));
const write = (name: string, v: unknown): string => {
  const p = join(dir, name);
  writeFileSync(p, JSON.stringify(v));
  return p;
};

describe('caiban abtest', () => {
  it('prints the frequentist result of one experiment as one JSON document', async () => {
    const p = write('f.json', {
      a: { type: 'Proportion', sum: 14, n: 28 },
      b: { type: 'Proportion', sum: 16, n: 30 },
      config: { difference: 'relative', alternative: 'two-sided', alpha: 0.05 },
    });
    const r = await runCli(['abtest', '--input', p, '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { engine: string; result: { estimate: number; p: number } };
    expect(out.engine).toBe('frequentist');
    expect(out.result.estimate).toBeCloseTo(0.06667, 5);
    expect(out.result.p).toBeCloseTo(0.80707, 5);
  });

  it('adjusts p-values across an array of experiments and checks the sample ratio', async () => {
    const arm = (s: number) => ({ type: 'Proportion', sum: s, n: 1000 });
    const p = write('family.json', [
      { id: 'x', a: arm(100), b: arm(140), users: [1000, 1000], weights: [0.5, 0.5] },
      { id: 'y', a: arm(100), b: arm(105) },
    ]);
    const r = await runCli(['abtest', '--input', p, '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as {
      results: Array<{ p_holm: number; p_bh: number; srm_p?: number; result: { p: number } }>;
    };
    expect(out.results[0]!.srm_p).toBe(1);
    expect(out.results[0]!.p_holm).toBeCloseTo(Math.min(1, 2 * out.results[0]!.result.p), 12);
    expect(out.results[1]!.p_bh).toBeGreaterThanOrEqual(out.results[1]!.result.p);
  });

  it('answers a design question: MDE, power at a lift and the sample size for it', async () => {
    const p = write('power.json', { power: { mean: 0.1, sd: 0.3, n: 20000, lift: 0.1 } });
    const r = await runCli(['abtest', '--input', p, '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as {
      power: { mde: number; power_at_lift: number; sample_size_for_lift: number };
    };
    expect(out.power.mde).toBeGreaterThan(0.05);
    expect(out.power.mde).toBeLessThan(0.2);
    expect(out.power.power_at_lift).toBeGreaterThan(0.3);
    expect(out.power.sample_size_for_lift).toBeGreaterThan(20000);
  });

  it('rejects a malformed arm with exit code 2 naming the field', async () => {
    const p = write('bad.json', {
      a: { type: 'Mean', sum: 1, n: 2 },
      b: { type: 'Proportion', sum: 1, n: 2 },
    });
    const r = await runCli(['abtest', '--input', p, '--json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('a.type');
  });
});
