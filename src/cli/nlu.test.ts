import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { benchmarkFile } from '../../test/support/benchmarks.js';
import { INTENT_HELDOUT } from '../core/nlu/data/intent-heldout.js';
import { runCli } from './testing.js';

const dir = mkdtempSync(join(tmpdir(), 'caiban-nlu-'));

/** A small banking77 subset (first 8 categories, `perLabel` rows each) keeps this test fast. */
const subset = (file: string, perLabel: number, out: string): void => {
  const rows: string[][] = parse(readFileSync(file, 'utf8'), { from_line: 2 });
  const byLabel = new Map<string, string[][]>();
  for (const r of rows) byLabel.set(r[1]!, [...(byLabel.get(r[1]!) ?? []), r]);
  const chosen = [...byLabel.keys()].sort().slice(0, 8);
  const quote = (s: string): string => `"${s.replace(/"/g, '""')}"`;
  const body = chosen.flatMap((l) =>
    byLabel
      .get(l)!
      .slice(0, perLabel)
      .map((r) => `${quote(r[0]!)},${r[1]}`),
  );
  writeFileSync(out, ['text,category', ...body].join('\n') + '\n');
};

describe('caiban nlu', () => {
  it('predicts the acceptance message with the built-in model', async () => {
    const r = await runCli(['nlu', 'predict', '--json', '我有50万想三年后给孩子上学用，不想亏钱']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(out.intent).toBe('allocation_advice');
    expect(out.slots).toEqual({
      amount: 500000,
      horizon_months: 36,
      purpose: 'education',
      risk_appetite: 'conservative',
    });
    expect(out.alternatives).toHaveLength(2);
    expect(out.confidence).toBeGreaterThan(0);
  });

  const train = benchmarkFile('nlu', 'banking77', 'train.csv');
  const test = benchmarkFile('nlu', 'banking77', 'test.csv');

  it.skipIf(!train || !test)('trains, evaluates and predicts on a banking77 subset', async () => {
    subset(train!, 25, join(dir, 'train.csv'));
    subset(test!, 8, join(dir, 'test.csv'));
    const model = join(dir, 'model.json');
    const t = await runCli([
      'nlu',
      'train',
      '--data',
      join(dir, 'train.csv'),
      '--label-col',
      'category',
      '--out',
      model,
      '--json',
    ]);
    expect(t.code, t.stderr).toBe(0);
    expect(JSON.parse(t.stdout)).toMatchObject({ n: 200, labels: 8 });
    const e = await runCli([
      'nlu',
      'eval',
      '--model',
      model,
      '--data',
      join(dir, 'test.csv'),
      '--label-col',
      'category',
      '--json',
    ]);
    expect(e.code, e.stderr).toBe(0);
    const rep = JSON.parse(e.stdout) as {
      accuracy: number;
      macro_f1: number;
      n: number;
      per_label: Record<string, unknown>;
    };
    expect(rep.n).toBe(64);
    expect(Object.keys(rep.per_label)).toHaveLength(8);
    expect(rep.accuracy).toBeGreaterThan(0.7);
    expect(rep.macro_f1).toBeGreaterThan(0.6);
    const p = await runCli(['nlu', 'predict', '--model', model, '--json', 'how can I activate my new card']);
    expect(JSON.parse(p.stdout)).toMatchObject({ intent: 'activate_my_card' });
  });

  it('evaluates the built-in model (no --model) on the held-out file', async () => {
    const f = join(dir, 'heldout.csv');
    const quote = (s: string): string => `"${s.replace(/"/g, '""')}"`;
    const rows = Object.entries(INTENT_HELDOUT).flatMap(([label, texts]) =>
      texts.map((t) => `${quote(t)},${label}`),
    );
    writeFileSync(f, ['text,label', ...rows].join('\n'));
    const r = await runCli(['nlu', 'eval', '--data', f, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const rep = JSON.parse(r.stdout) as { accuracy: number; n: number; confusions: unknown[] };
    expect(rep.n).toBe(rows.length);
    expect(rep.accuracy).toBeGreaterThanOrEqual(0.9);
    expect(Array.isArray(rep.confusions)).toBe(true);
  });

  it('reports a missing label column as bad input (exit 2) naming the flag', async () => {
    const f = join(dir, 'bad.csv');
    writeFileSync(f, 'text,intent\nhello,greeting\nbye,thanks\n');
    const r = await runCli(['nlu', 'train', '--data', f, '--out', join(dir, 'x.json'), '--json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--label-col/);
  });

  it('rejects a model file that is not a model', async () => {
    const f = join(dir, 'notmodel.json');
    writeFileSync(f, '{"hello": 1}');
    const r = await runCli(['nlu', 'predict', '--model', f, '--json', 'hi']);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout)).toMatchObject({ error: { code: 'BAD_INPUT' } });
  });
});
