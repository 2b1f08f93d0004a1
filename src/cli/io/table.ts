import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { parse } from 'csv-parse/sync';
import type ExcelJS from 'exceljs';
import { badInput } from '../../core/errors.js';

/** A rectangular table of strings as read from CSV or XLSX; blank cells are ''. */
export type Table = { columns: string[]; rows: string[][] };

export type ReadTableOptions = { noHeader?: boolean; flag?: string };

/**
 * Reads a CSV (UTF-8 with or without BOM, comma or semicolon detected from the first line) or an .xlsx file
 * (first worksheet). Without a header row (`noHeader`) the columns are named c0, c1, ….
 */
export const readTable = async (path: string, opts: ReadTableOptions = {}): Promise<Table> => {
  const flag = opts.flag ?? '--data';
  let buf: Buffer;
  try {
    buf = await readFile(path);
  } catch {
    throw badInput(flag, `cannot read file "${path}"; give the path of a CSV or .xlsx file`);
  }
  const raw =
    extname(path).toLowerCase() === '.xlsx' ? await xlsxRows(buf, path, flag) : csvRows(buf, path, flag);
  if (raw.length === 0) throw badInput(flag, `"${path}" is empty; expected a header row and data rows`);
  const width = Math.max(...raw.map((r) => r.length));
  const pad = (r: string[]): string[] =>
    r.length < width ? [...r, ...Array<string>(width - r.length).fill('')] : r;
  if (opts.noHeader) {
    return { columns: Array.from({ length: width }, (_, i) => `c${i}`), rows: raw.map(pad) };
  }
  const header = pad(raw[0]!).map((h, i) => (h.trim() === '' ? `c${i}` : h.trim()));
  return { columns: header, rows: raw.slice(1).map(pad) };
};

const csvRows = (buf: Buffer, path: string, flag: string): string[][] => {
  let text = buf.toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const firstLine = text.slice(0, text.indexOf('\n') >>> 0);
  const delimiter = count(firstLine, ';') > count(firstLine, ',') ? ';' : ',';
  try {
    const rows: string[][] = parse(text, {
      delimiter,
      relax_column_count: true,
      skip_empty_lines: true,
      trim: false,
    });
    return rows;
  } catch (e) {
    throw badInput(flag, `"${path}" is not valid CSV (${(e as Error).message})`);
  }
};

const count = (s: string, ch: string): number => s.split(ch).length - 1;

const xlsxRows = async (buf: Buffer, path: string, flag: string): Promise<string[][]> => {
  const { default: Excel } = await import('exceljs'); // loaded only for .xlsx (heavy)
  const wb = new Excel.Workbook();
  try {
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
  } catch (e) {
    throw badInput(flag, `"${path}" is not a readable .xlsx workbook (${(e as Error).message})`);
  }
  const ws = wb.worksheets[0];
  if (!ws) throw badInput(flag, `"${path}" has no worksheet`);
  const out: string[][] = [];
  ws.eachRow({ includeEmpty: false }, (row) => {
    const cells: string[] = [];
    for (let c = 1; c <= row.cellCount; c++) cells.push(cellText(row.getCell(c).value));
    out.push(cells);
  });
  return out;
};

const cellText = (v: ExcelJS.CellValue): string => {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('result' in v) return cellText(v.result);
    if ('text' in v) return String(v.text);
    if ('richText' in v) return v.richText.map((t) => t.text).join('');
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

/**
 * A numeric column as Float64Array; blank cells become NaN. A non-numeric cell is bad input naming the
 * column and the (1-based, header = row 1) row.
 */
export const numericColumn = (table: Table, name: string, flag: string): Float64Array => {
  const i = columnIndex(table, name, flag);
  const out = new Float64Array(table.rows.length);
  table.rows.forEach((r, k) => {
    const s = (r[i] ?? '').trim();
    if (s === '' || s.toLowerCase() === 'nan' || s.toLowerCase() === 'na') {
      out[k] = NaN;
      return;
    }
    const v = Number(s);
    if (!Number.isFinite(v)) {
      throw badInput(flag, `column "${name}" row ${k + 2}: "${s}" is not a number`, {
        column: name,
        row: k + 2,
      });
    }
    out[k] = v;
  });
  return out;
};
