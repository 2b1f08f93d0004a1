import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { isAppError } from '../../core/errors.js';
import { numericColumn, readTable, type Table } from './table.js';
import { writeTable } from './table-write.js';

/**
 * Issue 9 item 11: random CSV/xlsx shapes (BOM, separators, quotes, blanks, NaN/inf, duplicate or empty
 * headers, ragged rows, stray quotes) give either a clean rectangular table or bad input naming the problem,
 * never a crash; a well-formed file reads back exactly.
 */
const dir = mkdtempSync(join(tmpdir(), 'caiban-table-prop-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const CELLS = [
  '1',
  '-2.5',
  '1e3',
  '',
  ' ',
  'NaN',
  'nan',
  'NA',
  'inf',
  '-Infinity',
  'abc',
  '中文',
  'a,b',
  'a;b',
  'say "hi"',
  'two\nlines',
  'x\r\ny',
  '"',
  ' 7 ',
];
const NAMES = ['', ' ', 'x', 'y', 'x', '收益', 'date', 'c1', 'value '];

const rawShape = fc.record({
  header: fc.array(fc.constantFrom(...NAMES), { minLength: 1, maxLength: 5 }),
  rows: fc.array(fc.array(fc.constantFrom(...CELLS), { minLength: 0, maxLength: 6 }), { maxLength: 8 }),
  sep: fc.constantFrom(',', ';'),
  bom: fc.boolean(),
  eol: fc.constantFrom('\n', '\r\n'),
  quoteAll: fc.boolean(),
  corrupt: fc.constantFrom('none', 'none', 'stray-quote', 'unclosed', 'text-after-quote'),
  rectangular: fc.boolean(),
});
/** Half the shapes have every row as wide as the header (the others are ragged at random). */
const shape = rawShape.map((s) =>
  s.rectangular ? { ...s, rows: s.rows.map((r) => s.header.map((_, i) => r[i] ?? '1')) } : s,
);
type Shape = typeof rawShape extends fc.Arbitrary<infer T> ? T : never;

const field = (s: string, sep: string, quoteAll: boolean): string =>
  quoteAll || s.includes(sep) || /["\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;

const csvText = (s: Shape): string => {
  const lines = [s.header, ...s.rows].map((r) => r.map((c) => field(c, s.sep, s.quoteAll)).join(s.sep));
  let text = (s.bom ? '\ufeff' : '') + lines.join(s.eol) + s.eol;
  if (s.corrupt === 'stray-quote') text = text.replace(s.eol, `${s.eol}ab"c${s.sep}`);
  if (s.corrupt === 'unclosed') text += `"open${s.sep}1`;
  if (s.corrupt === 'text-after-quote') text += `"q"z${s.sep}1${s.eol}`;
  return text;
};

/** The table a well-formed file must read as, or null when the reader must refuse it. */
const expected = (s: Shape): Table | null => {
  const blank = (r: string[]): boolean => r.every((c) => c.trim() === '');
  if (blank(s.header)) return null; // the first non-blank row would be the header: not compared
  let h = s.header.slice();
  while (h.length > 1 && h[h.length - 1]!.trim() === '') h = h.slice(0, -1);
  const columns = h.map((c, i) => (c.trim() === '' ? `c${i}` : c.trim()));
  if (new Set(columns).size !== columns.length) return null;
  const rows: string[][] = [];
  for (const r of s.rows) {
    if (r.length === 0 || blank(r)) continue;
    if (r.length < columns.length) return null;
    if (r.slice(columns.length).some((c) => c.trim() !== '')) return null;
    rows.push(r.slice(0, columns.length));
  }
  return { columns, rows };
};

/** Reads and checks the invariant: a clean rectangular table with distinct names, or BAD_INPUT. */
const readChecked = async (path: string): Promise<Table | null> => {
  let t: Table;
  try {
    t = await readTable(path);
  } catch (e) {
    expect(isAppError(e), String(e)).toBe(true);
    expect((e as { code: string }).code).toBe('BAD_INPUT');
    expect((e as Error).message).toMatch(/^--data: /);
    return null;
  }
  expect(new Set(t.columns).size).toBe(t.columns.length);
  for (const r of t.rows) expect(r.length).toBe(t.columns.length);
  expect(t.rowNumbers?.length).toBe(t.rows.length);
  for (const c of t.columns) {
    try {
      numericColumn(t, c, '--data');
    } catch (e) {
      expect(isAppError(e), String(e)).toBe(true);
      expect((e as Error).message).toMatch(/row \d+: /);
    }
  }
  return t;
};

describe('table reader on random shapes', () => {
  it('CSV: a clean table (read back exactly when well formed) or bad input, never a crash', async () => {
    let k = 0;
    let compared = 0;
    await fc.assert(
      fc.asyncProperty(shape, async (s) => {
        const p = join(dir, `t${k++}.csv`);
        writeFileSync(p, csvText(s));
        const t = await readChecked(p);
        const want = s.corrupt === 'none' ? expected(s) : null;
        if (want !== null) {
          compared++;
          expect(t && { columns: t.columns, rows: t.rows }).toEqual(want);
        }
      }),
      { numRuns: 300 },
    );
    expect(compared).toBeGreaterThan(20); // the exact read-back is checked often, not vacuously
  });

  it('xlsx: a clean table or bad input, never a crash', async () => {
    let k = 0;
    await fc.assert(
      fc.asyncProperty(shape, async (s) => {
        const p = join(dir, `t${k++}.xlsx`);
        await writeTable(p, s.header, s.rows);
        await readChecked(p);
      }),
      { numRuns: 25 },
    );
  }, 60_000);
});
