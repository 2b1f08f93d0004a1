import { createWriteStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isAppError } from '../../core/errors.js';
import { CsvTokenizer, type CsvRecord } from './csv-stream.js';
import { numericColumn, readTable, rowNumberOf } from './table.js';
import { writeTable } from './table-write.js';

const dir = mkdtempSync(join(tmpdir(), 'caiban-table-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, text: string): string => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};
const badInputMessage = async (p: Promise<unknown>): Promise<string> => {
  try {
    await p;
  } catch (e) {
    expect(isAppError(e) && e.code === 'BAD_INPUT').toBe(true);
    return (e as Error).message;
  }
  throw new Error('expected bad input');
};

describe('readTable', () => {
  it('reads a generated 1,000,000-row CSV streaming (no spread of the rows)', async () => {
    const p = join(dir, 'million.csv');
    const out = createWriteStream(p);
    out.write('id,x,y\n');
    for (let i = 0; i < 1_000_000; i += 10_000) {
      let block = '';
      for (let j = i; j < i + 10_000; j++) block += `${j},${j % 97},${(j * 7) % 13}\n`;
      if (!out.write(block)) await once(out, 'drain');
    }
    out.end();
    await once(out, 'finish');
    const t = await readTable(p);
    expect(t.columns).toEqual(['id', 'x', 'y']);
    expect(t.rows.length).toBe(1_000_000);
    expect(t.rows[999_999]).toEqual(['999999', String(999_999 % 97), String((999_999 * 7) % 13)]);
    expect(rowNumberOf(t, 999_999)).toBe(1_000_001);
    const x = numericColumn(t, 'x', '--data');
    expect(x.reduce((m, v) => Math.max(m, v), 0)).toBe(96);
  }, 30_000);

  it('handles BOM, semicolons, quotes with separators, doubled quotes, CRLF and quoted line breaks', async () => {
    const p = file('q.csv', '\ufeffa;b;c\r\n1;"x;y";"say ""hi"""\r\n\r\n2;"two\nlines";3\r\n4;5;6');
    const t = await readTable(p);
    expect(t.columns).toEqual(['a', 'b', 'c']);
    expect(t.rows).toEqual([
      ['1', 'x;y', 'say "hi"'],
      ['2', 'two\nlines', '3'],
      ['4', '5', '6'],
    ]);
    // Row numbers are the file lines the records start on (the blank line 3 and the quoted break count).
    expect(t.rowNumbers).toEqual([2, 4, 6]);
  });

  it('rejects ragged rows naming the row and the widths', async () => {
    const msg = await badInputMessage(readTable(file('r.csv', 'a,b,c\n1,2,3\n4,5\n')));
    expect(msg).toContain('row 3 has 2 cells but the header has 3');
    const more = await badInputMessage(readTable(file('r2.csv', 'a,b\n1,2\n\n3,4,5\n')));
    expect(more).toContain('row 4 has 3 cells');
    // Trailing empty cells (a spreadsheet's export) are not data and are dropped.
    expect((await readTable(file('r3.csv', 'a,b\n1,2,,\n'))).rows).toEqual([['1', '2']]);
  });

  it('rejects duplicate column names, names empty header cells c<i>', async () => {
    const msg = await badInputMessage(readTable(file('d.csv', 'date,AAA,BBB,AAA\n2020-01-01,1,2,3\n')));
    expect(msg).toContain('row 1: columns 2 and 4 are both named "AAA"');
    expect((await readTable(file('e.csv', 'a,,c\n1,2,3\n'))).columns).toEqual(['a', 'c1', 'c']);
  });

  it('rejects broken quoting naming the row', async () => {
    expect(await badInputMessage(readTable(file('u.csv', 'a,b\n1,2\n3,"open\n')))).toContain(
      'row 3: a quoted cell is never closed',
    );
    expect(await badInputMessage(readTable(file('t.csv', 'a,b\n1,"x"y\n')))).toContain(
      'row 2: text after a closing quote',
    );
  });

  it('names the file row of a non-number in a numeric column', async () => {
    const t = await readTable(file('n.csv', 'x,y\n1,2\n\n2,inf\n'));
    expect(() => numericColumn(t, 'y', '--data')).toThrow('column "y" row 4: "inf" is not a finite number');
  });
});

describe('readTable on .xlsx', () => {
  it('streams the first worksheet, pads short rows and names the spreadsheet row', async () => {
    const p = join(dir, 'w.xlsx');
    await writeTable(
      p,
      ['name', 'x', 'note'],
      [
        ['a', 1, 'n'],
        ['b', 2, ''],
        ['c', 'abc', 'z'],
      ],
    );
    const t = await readTable(p);
    expect(t.columns).toEqual(['name', 'x', 'note']);
    expect(t.rows).toEqual([
      ['a', '1', 'n'],
      ['b', '2', ''],
      ['c', 'abc', 'z'],
    ]);
    expect(() => numericColumn(t, 'x', '--data')).toThrow('column "x" row 4');
  });
});

describe('CsvTokenizer', () => {
  it('gives the same records however the text is cut into pieces', () => {
    const text = 'a,b\r\n"x,""y""",2\r\n\r\n"multi\r\nline",""\n"end"';
    const whole: CsvRecord[] = [];
    const t = new CsvTokenizer(',', (r) => whole.push(r));
    t.push(text);
    t.end();
    for (let cut = 1; cut < text.length; cut++) {
      const parts: CsvRecord[] = [];
      const tk = new CsvTokenizer(',', (r) => parts.push(r));
      tk.push(text.slice(0, cut));
      tk.push(text.slice(cut));
      tk.end();
      expect(parts, `cut at ${cut}`).toEqual(whole);
    }
    expect(whole.map((r) => r.cells)).toEqual([['a', 'b'], ['x,"y"', '2'], ['multi\r\nline', ''], ['end']]);
  });
});
