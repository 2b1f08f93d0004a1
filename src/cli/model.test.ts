import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { benchmarkFile } from '../../test/support/benchmarks.js';
import { runCli } from './testing.js';

const telco = benchmarkFile('causal', 'telco', 'Telco-Customer-Churn.csv');
const dir = mkdtempSync(join(tmpdir(), 'caiban-model-'));

type TrainReport = {
  auc: number;
  auc_folds: number[];
  logloss: number;
  brier: number;
  n: number;
  positive_rate: number;
  seconds: number;
};

describe.skipIf(!telco)('caiban model on Telco churn', () => {
  const modelPath = join(dir, 'gbdt.json');

  it('GBDT 5-fold CV AUC ≥ 0.845 with the contract fields, and writes a model', async () => {
    const r = await runCli([
      'model',
      'train',
      '--data',
      telco!,
      '--target',
      'Churn',
      '--drop',
      'customerID',
      '--cv',
      '5',
      '--out',
      modelPath,
      '--json',
    ]);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout) as TrainReport;
    expect(j.auc).toBeGreaterThanOrEqual(0.845);
    expect(j.auc_folds).toHaveLength(5);
    expect(j.n).toBe(7043);
    expect(j.positive_rate).toBeCloseTo(0.2654, 4);
    expect(j.logloss).toBeLessThan(0.43);
    expect(j.brier).toBeLessThan(0.14);
    expect(j.seconds).toBeGreaterThan(0);
  });

  it('logistic (one-hot + standardised, C = 1) 5-fold CV AUC ≈ 0.845', async () => {
    const r = await runCli([
      'model',
      'train',
      '--data',
      telco!,
      '--target',
      'Churn',
      '--drop',
      'customerID',
      '--model',
      'logistic',
      '--json',
    ]);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout) as TrainReport;
    expect(Math.abs(j.auc - 0.845)).toBeLessThan(0.003);
  });

  it('predict adds score and the top-3 TreeSHAP reasons per row', async () => {
    const out = join(dir, 'scored.csv');
    const r = await runCli([
      'model',
      'predict',
      '--model',
      modelPath,
      '--data',
      telco!,
      '--explain',
      '3',
      '--out',
      out,
      '--json',
    ]);
    expect(r.code).toBe(0);
    const lines = readFileSync(out, 'utf8')
      .replace(/^\ufeff/, '')
      .trim()
      .split('\n');
    expect(lines).toHaveLength(7044);
    const header = lines[0]!.split(',');
    expect(header.slice(-7)).toEqual([
      'score',
      'reason_1',
      'reason_1_contribution',
      'reason_2',
      'reason_2_contribution',
      'reason_3',
      'reason_3_contribution',
    ]);
    const first = lines[1]!.split(',');
    const score = Number(first[header.indexOf('score')]);
    expect(score).toBeGreaterThan(0);
    expect(score).toBeLessThan(1);
    expect(first[header.indexOf('reason_1')]).toMatch(/^[A-Za-z]+=/);
  });
});

describe('caiban model input errors', () => {
  it.skipIf(!telco)(
    '--threads 2 (histograms on a worker thread) gives exactly the in-process result',
    async () => {
      const args = [
        'model',
        'train',
        '--data',
        telco!,
        '--target',
        'Churn',
        '--drop',
        'customerID',
        '--cv',
        '2',
      ];
      const one = await runCli([...args, '--threads', '1', '--json']);
      const two = await runCli([...args, '--threads', '2', '--json']);
      expect(two.code, two.stderr).toBe(0);
      const a = JSON.parse(one.stdout) as TrainReport;
      const b = JSON.parse(two.stdout) as TrainReport;
      expect(b.auc_folds).toEqual(a.auc_folds);
      expect(b.logloss).toBe(a.logloss);
      expect(two.stderr).toMatch(/histograms on worker threads/);
    },
  );

  const small = join(dir, 'small.csv');
  writeFileSync(
    small,
    'id,price,segment,renewed\n' +
      Array.from(
        { length: 60 },
        (_, i) => `${i},${i % 10},${i % 3 === 0 ? 'A' : 'B'},${i % 2 === 0 ? 'true' : 'false'}`,
      ).join('\n'),
  );

  it('names a bad --threads value (exit 2)', async () => {
    const r = await runCli(['model', 'train', '--data', small, '--target', 'renewed', '--threads', '0']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--threads/);
  });

  it('names a missing target column (exit 2)', async () => {
    const r = await runCli(['model', 'train', '--data', small, '--target', 'churn', '--json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--target: column "churn" not found/);
  });

  it('rejects a malformed monotone spec and a non-binary target (exit 2)', async () => {
    const a = await runCli([
      'model',
      'train',
      '--data',
      small,
      '--target',
      'renewed',
      '--monotone',
      'price=-1',
      '--json',
    ]);
    expect(a.code).toBe(2);
    expect(a.stderr).toMatch(/--monotone/);
    const b = await runCli(['model', 'train', '--data', small, '--target', 'price', '--json']);
    expect(b.code).toBe(2);
    expect(b.stderr).toMatch(/exactly two distinct values/);
  });

  it('trains with true/false labels, a monotone price constraint and string categories', async () => {
    const r = await runCli([
      'model',
      'train',
      '--data',
      small,
      '--target',
      'renewed',
      '--drop',
      'id',
      '--monotone',
      'price:-1',
      '--cv',
      '3',
      '--json',
    ]);
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as { n: number }).n).toBe(60);
  });
});

describe('caiban model predict input errors', () => {
  it('rejects a file that is not a caiban model, naming --model (exit 2)', async () => {
    const bad = join(dir, 'bad-model.json');
    writeFileSync(
      bad,
      JSON.stringify({ format: 'caiban-model', version: 1, kind: 'gbdt', schema: {}, gbdt: {} }),
    );
    const r = await runCli([
      'model',
      'predict',
      '--model',
      bad,
      '--data',
      bad,
      '--out',
      join(dir, 'o.csv'),
      '--json',
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--model: has no valid schema/);
  });
});

describe.skipIf(!telco)('caiban model calibration', () => {
  it('--calibrate isotonic stores a map fitted on out-of-fold scores; predictions stay in [0, 1]', async () => {
    const path = join(dir, 'cal.json');
    const r = await runCli([
      'model',
      'train',
      '--data',
      telco!,
      '--target',
      'Churn',
      '--drop',
      'customerID',
      '--model',
      'logistic',
      '--calibrate',
      'isotonic',
      '--out',
      path,
      '--json',
    ]);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout) as { calibration_error: number; calibration: string };
    expect(j.calibration).toBe('isotonic');
    expect(j.calibration_error).toBeGreaterThan(0);
    expect(j.calibration_error).toBeLessThan(0.05);
    const saved = JSON.parse(readFileSync(path, 'utf8')) as { calibration?: { method: string; x: number[] } };
    expect(saved.calibration?.method).toBe('isotonic');
    const out = join(dir, 'cal.csv');
    const p = await runCli(['model', 'predict', '--model', path, '--data', telco!, '--out', out, '--json']);
    expect(p.code).toBe(0);
    const mean = (JSON.parse(p.stdout) as { mean_score: number }).mean_score;
    // Isotonic on out-of-fold scores reproduces the base rate on the training data closely.
    expect(Math.abs(mean - 0.2654)).toBeLessThan(0.01);
  });

  it('names a bad --calibrate value (exit 2)', async () => {
    const r = await runCli([
      'model',
      'train',
      '--data',
      telco!,
      '--target',
      'Churn',
      '--calibrate',
      'beta',
      '--json',
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--calibrate/);
  });
});
