import { access } from 'node:fs/promises';
import { extname } from 'node:path';
import type ExcelJS from 'exceljs';
import { badInput } from '../../core/errors.js';
import { CsvSyntaxError, csvRecords } from './csv-stream.js';

/**
 * A rectangular table of strings as read from CSV or XLSX; blank cells are ''. `rowNumbers[k]` is the row of
 * `rows[k]` as the user sees it in the file (header = row 1; for CSV the line the record starts on).
 */
export type Table = { columns: string[]; rows: string[][]; rowNumbers?: number[] };

export type ReadTableOptions = { noHeader?: boolean; flag?: string };

/** The row number (as the user sees it in the file) of data row k. */
export const rowNumberOf = (table: Table, k: number): number => table.rowNumbers?.[k] ?? k + 2;

/**
 * Reads a CSV (UTF-8 with or without BOM, comma or semicolon detected from the first line) or an .xlsx file
 * (first worksheet), streaming: the file is never held in memory whole, only the parsed rows. Without a header
 * row (`noHeader`) the columns are named c0, c1, …; empty header cells are named c<i>. Ragged rows, duplicate
 * column names and CSV syntax errors are bad input naming the row.
 */
export const readTable = async (path: string, opts: ReadTableOptions = {}): Promise<Table> => {
  const rows: string[][] = [];
  const rowNumbers: number[] = [];
  const columns = await streamTable(path, opts, (cells, row) => {
    rows.push(cells);
    rowNumbers.push(row);
  });
  return { columns, rows, rowNumbers };
};

/**
 * The same reading and checks as `readTable`, but each data row goes to `onRow` as it is parsed instead of being
 * kept: for large numeric files the caller converts cells on the fly and the strings die young. Resolves to the
 * column names. `onRow` may throw (bad input naming the row) to stop reading.
 */
export const streamTable = async (
  path: string,
  opts: ReadTableOptions,
  onRow: (cells: string[], row: number, columns: readonly string[]) => void,
): Promise<string[]> => {
  const flag = opts.flag ?? '--data';
  try {
    await access(path);
  } catch {
    throw badInput(flag, `cannot read file "${path}"; give the path of a CSV or .xlsx file`);
  }
  const xlsx = extname(path).toLowerCase() === '.xlsx';
  const builder = new TableBuilder(path, flag, opts.noHeader === true, xlsx, onRow);
  if (xlsx) await readXlsx(path, flag, builder);
  else {
    try {
      for await (const r of csvRecords(path)) builder.add(r.cells, r.line);
    } catch (e) {
      if (e instanceof CsvSyntaxError) {
        throw badInput(flag, `"${path}" row ${e.line}: ${e.message}`, { row: e.line });
      }
      if (isAppErrorLike(e)) throw e;
      throw badInput(flag, `cannot read "${path}" (${(e as Error).message})`);
    }
  }
  return builder.header();
};

const isAppErrorLike = (e: unknown): boolean => e instanceof Error && e.name === 'AppError';

/** Checks each row against the header as it arrives and hands it on. */
class TableBuilder {
  private columns: string[] | null = null;

  constructor(
    private readonly path: string,
    private readonly flag: string,
    private readonly noHeader: boolean,
    /** xlsx drops trailing blank cells, so short rows are padded there rather than rejected. */
    private readonly padShort: boolean,
    private readonly onRow: (cells: string[], row: number, columns: readonly string[]) => void,
  ) {}

  add(cells: string[], row: number): void {
    if (cells.every((c) => c.trim() === '')) return;
    if (this.columns === null) {
      if (this.noHeader) this.columns = cells.map((_, i) => `c${i}`);
      else {
        this.columns = headerNames(trimTrailingBlanks(cells), this.path, this.flag);
        return;
      }
    }
    const width = this.columns.length;
    if (cells.length > width) {
      if (cells.slice(width).some((c) => c.trim() !== '')) throw this.ragged(cells.length, row);
      cells.length = width;
    } else if (cells.length < width) {
      if (!this.padShort) throw this.ragged(cells.length, row);
      while (cells.length < width) cells.push('');
    }
    this.onRow(cells, row, this.columns);
  }

  header(): string[] {
    if (this.columns === null)
      throw badInput(this.flag, `"${this.path}" is empty; expected a header row and data rows`);
    return this.columns;
  }

  private ragged(got: number, row: number): Error {
    const width = this.columns!.length;
    return badInput(
      this.flag,
      `"${this.path}" row ${row} has ${got} cells but the ${this.noHeader ? 'first row' : 'header'} has ${width}; ` +
        `every row needs the same number of cells (quote cells that contain the separator)`,
      { row },
    );
  }
}

const trimTrailingBlanks = (cells: string[]): string[] => {
  let n = cells.length;
  while (n > 1 && cells[n - 1]!.trim() === '') n--;
  return cells.slice(0, n);
};

/** Header names: trimmed, empty ones named c<i>; a name used twice is bad input naming both columns. */
const headerNames = (cells: string[], path: string, flag: string): string[] => {
  const names = cells.map((h, i) => (h.trim() === '' ? `c${i}` : h.trim()));
  const seen = new Map<string, number>();
  names.forEach((name, i) => {
    const prev = seen.get(name);
    if (prev !== undefined) {
      throw badInput(
        flag,
        `"${path}" row 1: columns ${prev + 1} and ${i + 1} are both named "${name}"; give every column a distinct name`,
        { row: 1, column: name },
      );
    }
    seen.set(name, i);
  });
  return names;
};

/** The first worksheet of an .xlsx file, row by row through ExcelJS's streaming reader. */
const readXlsx = async (path: string, flag: string, builder: TableBuilder): Promise<void> => {
  const { default: Excel } = await import('exceljs'); // loaded only for .xlsx (heavy)
  const reader = new Excel.stream.xlsx.WorkbookReader(path, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  let sheets = 0;
  try {
    for await (const ws of reader) {
      if (sheets++ > 0) continue; // drain the others; only the first sheet is read
      for await (const row of ws) {
        const values = row.values as ExcelJS.CellValue[];
        const cells: string[] = [];
        for (let c = 1; c < values.length; c++) cells.push(cellText(values[c]));
        builder.add(cells, row.number);
      }
    }
  } catch (e) {
    if (isAppErrorLike(e)) throw e;
    throw badInput(flag, `"${path}" is not a readable .xlsx workbook (${(e as Error).message})`);
  }
  if (sheets === 0) throw badInput(flag, `"${path}" has no worksheet`);
};

const cellText = (v: ExcelJS.CellValue): string => {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('result' in v) return cellText(v.result);
    if ('text' in v) return String(v.text);
    if ('richText' in v) return v.richText.map((t) => t.text).join('');
    if ('error' in v) return String(v.error);
    return '';
  }
  return String(v);
};

/** Index of a named column, or a bad-input error naming the flag and the columns that exist. */
export const columnIndex = (table: Table, name: string, flag: string): number => {
  const i = table.columns.indexOf(name);
  if (i < 0) {
    throw badInput(flag, `column "${name}" not found; the file has columns: ${table.columns.join(', ')}`);
  }
  return i;
};

export const stringColumn = (table: Table, name: string, flag: string): string[] => {
  const i = columnIndex(table, name, flag);
  return table.rows.map((r) => r[i] ?? '');
};

/** A printable ASCII character other than space: never trimmed. */
const solid = (c: number): boolean => c > 32 && c < 127;

/** Blank, NaN and NA cells: missing values (not errors) in a numeric column. */
export const isMissingCell = (s: string): boolean => {
  // Longer than any missing token, with no blank at either end (trim would change nothing): not missing.
  if (s.length > 3 && solid(s.charCodeAt(0)) && solid(s.charCodeAt(s.length - 1))) return false;
  const t = s.trim().toLowerCase();
  return t === '' || t === 'nan' || t === 'na';
};

/** A finite number in a cell, or undefined (missing cells, text, inf). */
export const parseNumberCell = (s: string): number | undefined => {
  const t = s.trim();
  if (t === '') return undefined;
  const v = Number(t);
  return Number.isFinite(v) ? v : undefined;
};

/**
 * A numeric column as Float64Array; blank/NaN/NA cells become NaN. Any other cell that is not a finite number
 * is bad input naming the column and the row as the user sees it in the file.
 */
export const numericColumn = (table: Table, name: string, flag: string): Float64Array => {
  const i = columnIndex(table, name, flag);
  const out = new Float64Array(table.rows.length);
  for (let k = 0; k < table.rows.length; k++) {
    const s = table.rows[k]![i] ?? '';
    if (isMissingCell(s)) {
      out[k] = NaN;
      continue;
    }
    const v = parseNumberCell(s);
    if (v === undefined) throw notANumber(table, name, k, s, flag);
    out[k] = v;
  }
  return out;
};

/** Bad input: a cell of a numeric column that is not a finite number. */
export const notANumber = (table: Table, column: string, k: number, cell: string, flag: string): Error => {
  const row = rowNumberOf(table, k);
  return badInput(
    flag,
    `column "${column}" row ${row}: "${cell.trim()}" is not a finite number (expected a number, or blank for missing)`,
    { column, row },
  );
};

/**
 * A column is numeric when any cell parses as a number, and text (categorical) only when declared so or when
 * no cell does: one `inf` or `abc` among numbers would otherwise turn a numeric column into a category with
 * hundreds of levels and give a silently wrong answer. A mixed column is bad input naming the first cell that
 * is not a number; `hint` says how to declare a categorical column where the command allows it.
 */
export const checkColumnKinds = (
  table: Table,
  names: readonly string[],
  declaredCategorical: ReadonlySet<string>,
  flag: string,
  hint = 'fix the cell, or leave it blank for a missing value',
): void => {
  for (const name of names) {
    if (declaredCategorical.has(name)) continue;
    const j = columnIndex(table, name, flag);
    let firstNumber = -1;
    let firstText = -1;
    for (let k = 0; k < table.rows.length && (firstNumber < 0 || firstText < 0); k++) {
      const s = table.rows[k]![j] ?? '';
      if (isMissingCell(s)) continue;
      if (parseNumberCell(s) !== undefined) {
        if (firstNumber < 0) firstNumber = k;
      } else if (firstText < 0) firstText = k;
    }
    if (firstNumber >= 0 && firstText >= 0) {
      const row = rowNumberOf(table, firstText);
      const cell = (table.rows[firstText]![j] ?? '').trim();
      throw badInput(
        flag,
        `column "${name}" row ${row}: "${cell}" is not a finite number, but row ${rowNumberOf(table, firstNumber)} ` +
          `holds a number, so the column is numeric; ${hint}`,
        { column: name, row },
      );
    }
  }
};
