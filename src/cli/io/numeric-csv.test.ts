import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createRng } from '../../core/random.js';
import { readNumericCsv } from './numeric-csv.js';
import { readTable } from './table.js';

const dir = mkdtempSync(join(tmpdir(), 'caiban-numeric-csv-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let seq = 0;
const file = (text: string | Buffer): string => {
  const p = join(dir, `t${seq++}.csv`);
  writeFileSync(p, text);
  return p;
};

/** What the general reader and `Number` make of the same file (blank → NaN). */
const general = async (path: string) => {
  const t = await readTable(path);
  const values = t.rows.flatMap((r) => r.slice(1).map((s) => (s.trim() === '' ? NaN : Number(s))));
  return { columns: t.columns, values, rows: t.rows.length, first: t.rows[0]![0], last: t.rows.at(-1)![0] };
};

const same = async (path: string): Promise<void> => {
  const fast = readNumericCsv(path);
  expect(fast).not.toBeNull();
  const g = await general(path);
  expect(fast!.columns).toEqual(g.columns);
  expect(fast!.rows).toBe(g.rows);
  expect(fast!.firstLabel).toBe(g.first);
  expect(fast!.lastLabel).toBe(g.last);
  expect(Array.from(fast!.values)).toEqual(g.values); // toEqual: NaN equals NaN, every double compared exactly
};

describe('numeric CSV fast path', () => {
  it('parses random decimals to the same doubles as Number(), across 1 MiB chunk boundaries', async () => {
    const rng = createRng(3);
    const lines = ['date,' + Array.from({ length: 40 }, (_, j) => `A${j}`).join(',')];
    for (let t = 0; t < 3000; t++) {
      const cells = Array.from({ length: 40 }, () => {
        const digits = Math.floor(rng.next() * 8);
        return (1 + rng.next() * 10 ** Math.floor(rng.next() * 7)).toFixed(digits);
      });
      lines.push(`2020-01-${t},` + cells.join(','));
    }
    const text = lines.join('\n');
    expect(text.length).toBeGreaterThan(1 << 20);
    await same(file(text));
    await same(file(text + '\n'));
  });

  it('handles BOM, CRLF, semicolons, blank cells, blanks around numbers, empty lines and reversed dates', async () => {
    await same(file('\uFEFFdate,A,B\r\n2020-01-02,1.5,2\r\n2020-01-01,,  3.25 \r\n'));
    await same(file('date;A;B;C\n2020-01-01;1,5;2;3\n'.replace('1,5', '15')));
    await same(file('date,A,B\n\n2020-01-01,.5,7.\n\n2020-01-02,007.25,1\n'));
    await same(file('date,A,B\r2020-01-01,1,2\r2020-01-02,3,4'));
  });

  it('gives up (null) on everything the general reader must judge', () => {
    const cases = [
      'date,A\n2020-01-01,1\n', // fewer than three columns
      'date,A,B\n2020-01-01,"1",2\n', // quotes
      'date,A,B\n2020-01-01,1e3,2\n', // exponent
      'date,A,B\n2020-01-01,-1,2\n', // sign
      'date,A,B\n2020-01-01,+1,2\n',
      'date,A,B\n2020-01-01,0,2\n', // not a positive price
      'date,A,B\n2020-01-01,abc,2\n',
      'date,A,B\n2020-01-01,1\n', // ragged
      'date,A,B\n2020-01-01,1,2,3\n',
      'date,A,B\n2020-01-01,1,2,\n',
      'date,A,B\n,,\n2020-01-01,1,2\n', // an all-blank row
      'date,A,B\n2020-01-01,1234567890123456,2\n', // 16 digits
      'date,A,A\n2020-01-01,1,2\n', // duplicate names
      'date,A,B,\n2020-01-01,1,2,\n', // a trailing blank header cell
      'date,A,B\n', // no data
      'date,A,B\n2020-01-01,.,2\n',
      'date,A,B\n2020-01-01,1\u00a0,2\n', // other whitespace
      'date,A,B\n2020-01-01,1,2\r2020-01-02,3,4\n', // a lone CR inside a file of LF lines
      'date,A,B\n2020-01-01,1.2.3,2\n', // two points
    ];
    for (const c of cases) expect(readNumericCsv(file(c)), JSON.stringify(c)).toBeNull();
    expect(readNumericCsv(join(dir, 'missing.csv'))).toBeNull();
  });
});
