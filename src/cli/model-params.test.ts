import { mkdtempSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createRng } from '../core/random.js';
import { runCli } from './testing.js';

/** Issue 10 item 6: the usual GBDT hyperparameters are flags of `caiban model train`. */
const dir = mkdtempSync(join(tmpdir(), 'caiban-model-params-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const data = (n: number): string => {
  const rng = createRng(5);
  const lines = ['a,b,c,y'];
  for (let i = 0; i < n; i++) {
    const a = rng.normal();
    const b = rng.normal();
    const c = rng.int(5);
    const z = a - 0.5 * b + (c > 2 ? 0.7 : 0);
    lines.push(`${a.toFixed(3)},${b.toFixed(3)},${c},${rng.next() < 1 / (1 + Math.exp(-z)) ? 1 : 0}`);
  }
  return lines.join('\n') + '\n';
};

describe('caiban model train hyperparameters', () => {
  const f = join(dir, 'd.csv');
  writeFileSync(f, data(1500));

  it('--early-stopping 0 grows exactly --rounds trees of the given shape', async () => {
    const out = join(dir, 'm.json');
    const r = await runCli([
      'model',
      'train',
      '--data',
      f,
      '--target',
      'y',
      '--cv',
      '3',
      '--rounds',
      '17',
      '--early-stopping',
      '0',
      '--learning-rate',
      '0.2',
      '--max-depth',
      '3',
      '--num-leaves',
      '6',
      '--min-child-samples',
      '10',
      '--max-bin',
      '32',
      '--subsample',
      '1',
      '--colsample-bytree',
      '1',
      '--reg-lambda',
      '0.5',
      '--out',
      out,
      '--json',
    ]);
    expect(r.code, r.stderr).toBe(0);
    const res = JSON.parse(r.stdout) as { auc: number; rounds_folds?: number[] };
    expect(res.auc).toBeGreaterThan(0.7);
    const m = JSON.parse(readFileSync(out, 'utf8')) as { gbdt: { trees: unknown[] } };
    expect(m.gbdt.trees.length).toBe(17);
  });

  it('different settings give different models; bad values name the flag', async () => {
    const a = await runCli([
      'model',
      'train',
      '--data',
      f,
      '--target',
      'y',
      '--cv',
      '3',
      '--rounds',
      '5',
      '--early-stopping',
      '0',
      '--json',
    ]);
    const b = await runCli([
      'model',
      'train',
      '--data',
      f,
      '--target',
      'y',
      '--cv',
      '3',
      '--rounds',
      '60',
      '--early-stopping',
      '0',
      '--learning-rate',
      '0.3',
      '--json',
    ]);
    const auc = (s: string): number => (JSON.parse(s) as { auc: number }).auc;
    expect(auc(a.stdout)).not.toBe(auc(b.stdout));
    for (const [flag, v, msg] of [
      ['--learning-rate', '0', 'expected a number above 0'],
      ['--rounds', '1.5', 'expected an integer'],
      ['--num-leaves', '1', 'expected an integer from 2'],
      ['--subsample', '2', 'expected a number ≤ 1'],
      ['--cv', '0x10', 'expected an integer'],
    ] as const) {
      const r = await runCli(['model', 'train', '--data', f, '--target', 'y', flag, v]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`${flag}: ${msg}`);
    }
  });
});
