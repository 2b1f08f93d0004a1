import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createRng } from '../core/random.js';
import { runCli } from './testing.js';

/**
 * Issue 9 item 10: inputs that used to give a silently wrong answer (exit 0) are bad input (exit 2) with the
 * row as the user sees it in the file (header = row 1), the column and what was expected.
 */
const dir = mkdtempSync(join(tmpdir(), 'caiban-bad-input-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, text: string): string => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};

/** A small binary-classification / causal table: x numeric, seg text, t 0/1, y 0/1. */
const dataset = (n: number, edit?: (row: string[], i: number) => void): string => {
  const rng = createRng(3);
  const lines = ['x,seg,t,y'];
  for (let i = 0; i < n; i++) {
    const x = rng.normal();
    const t = rng.next() < 0.5 ? 1 : 0;
    const y = rng.next() < 1 / (1 + Math.exp(-(x + t))) ? 1 : 0;
    const row = [x.toFixed(3), ['a', 'b', 'c'][rng.int(3)]!, String(t), String(y)];
    edit?.(row, i);
    lines.push(row.join(','));
  }
  return lines.join('\n') + '\n';
};

const expectBad = async (args: string[], ...parts: string[]): Promise<void> => {
  const r = await runCli(args);
  expect(r.code, r.stderr).toBe(2);
  for (const p of parts) expect(r.stderr).toContain(p);
};

describe('silent wrong answers are bad input', () => {
  it('model train: one inf or abc in a numeric column names the row; --categorical declares a text column', async () => {
    const inf = file(
      'inf.csv',
      dataset(200, (r, i) => i === 40 && (r[0] = 'inf')),
    );
    await expectBad(
      ['model', 'train', '--data', inf, '--target', 'y', '--cv', '2', '--json'],
      'column "x" row 42: "inf" is not a finite number',
      '--categorical',
    );
    const abc = file(
      'abc.csv',
      dataset(200, (r, i) => i === 7 && (r[0] = 'abc')),
    );
    await expectBad(['model', 'train', '--data', abc, '--target', 'y', '--cv', '2'], 'column "x" row 9');
    // Declared categorical: accepted.
    const ok = await runCli([
      'model',
      'train',
      '--data',
      abc,
      '--target',
      'y',
      '--cv',
      '2',
      '--categorical',
      'x',
      '--model',
      'logistic',
      '--json',
    ]);
    expect(ok.code, ok.stderr).toBe(0);
  });

  it('model train counts rows as the file shows them (blank lines included)', async () => {
    const text = dataset(50, (r, i) => i === 20 && (r[0] = 'abc')).replace('\n', '\n\n\n');
    await expectBad(['model', 'train', '--data', file('blank.csv', text), '--target', 'y'], 'row 24');
  });

  it('causal effect: abc in a confounder, a treatment not 0/1, treatment = outcome', async () => {
    const abc = file(
      'c-abc.csv',
      dataset(300, (r, i) => i === 99 && (r[0] = 'abc')),
    );
    await expectBad(
      ['causal', 'effect', '--data', abc, '--treatment', 't', '--outcome', 'y', '--json'],
      'column "x" row 101',
    );
    const two = file(
      'c-two.csv',
      dataset(300, (r, i) => i === 10 && (r[2] = '2')),
    );
    await expectBad(
      ['causal', 'effect', '--data', two, '--treatment', 't', '--outcome', 'y', '--method', 'ipw'],
      'column "t" row 12: "2" is not 0 or 1',
    );
    await expectBad(
      ['causal', 'effect', '--data', two, '--treatment', 'y', '--outcome', 'y'],
      '--outcome',
      'two different columns',
    );
  });

  it('optimize: a duplicate header and a negative --target-volatility', async () => {
    const dup = file('dup.csv', 'date,A,B,A\n2020-01-01,1,2,3\n2020-01-02,1.1,2.1,3.1\n2020-01-03,1.2,2,3\n');
    await expectBad(
      ['optimize', '--prices', dup, '--objective', 'min-volatility'],
      'row 1: columns 2 and 4 are both named "A"',
    );
    const ok = file(
      'ok.csv',
      'date,A,B,C\n2020-01-01,1,2,3\n2020-01-02,1.1,2.1,3.1\n2020-01-03,1.2,2,3.3\n2020-01-04,1.1,2.2,3\n',
    );
    await expectBad(
      ['optimize', '--prices', ok, '--objective', 'efficient-risk', '--target-volatility', '-0.1'],
      '--target-volatility: must be above 0',
    );
  });

  it('metrics: a negative NAV and a non-date in the date column name the row', async () => {
    const nav = file('nav.csv', 'date,value\n2024-01-02,1.00\n2024-01-03,1.01\n2024-01-04,-1.02\n');
    await expectBad(['metrics', '--nav', nav, '--json'], 'column "value" row 4: NAV -1.02 is not positive');
    const date = file('date.csv', 'date,value\n2024-01-02,0.01\nyesterday,0.02\n2024-01-04,0.01\n');
    await expectBad(['metrics', '--returns', date], 'column "date" row 3: "yesterday" is not a date');
    const feb = file('feb.csv', 'date,value\n2024-02-28,0.01\n2024-02-30,0.02\n');
    await expectBad(['metrics', '--returns', feb], 'row 3: "2024-02-30" is not a date');
  });

  it('ragged rows name the row', async () => {
    const ragged = file('ragged.csv', 'score,t,y\n0.1,1,0\n0.2,0\n');
    await expectBad(
      ['uplift', 'metrics', '--data', ragged, '--score', 'score', '--treatment', 't', '--outcome', 'y'],
      'row 3 has 2 cells but the header has 3',
    );
  });

  it('compliance: empty text', async () => {
    await expectBad(['compliance', 'check', '--text', '  ', '--json'], '--text', 'empty');
    await expectBad(['compliance', 'check', '--file', file('empty.txt', '\n\n')], '--file', 'empty');
  });
});
