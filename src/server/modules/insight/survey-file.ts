import { parse } from 'csv-parse/sync';
import { badInput } from '../../../core/errors.js';

/**
 * Decodes a survey file (csv in UTF-8, with or without BOM, or the first sheet of an .xlsx) into rows of cell
 * texts; the rules of the rows are the core's (parseSurveyRows). An unreadable file is a 400 naming `file`.
 */
export type SurveyFormat = 'csv' | 'xlsx';

/** xlsx files are zip archives (PK\x03\x04); anything else is read as csv. */
export const sniffFormat = (bytes: Uint8Array): SurveyFormat =>
  bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04 ? 'xlsx' : 'csv';

const scalar = (v: unknown): string =>
  v === null || v === undefined
    ? ''
    : typeof v === 'number' || typeof v === 'boolean'
      ? String(v)
      : typeof v === 'string'
        ? v
        : JSON.stringify(v);

/** An Excel cell as text: dates as YYYY-MM-DD (the China date of a date cell), rich text joined, formulas' results. */
const cellText = (v: unknown): string => {
  if (v === null || typeof v !== 'object') return scalar(v);
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  const o = v as { text?: unknown; richText?: { text: string }[]; result?: unknown };
  if (Array.isArray(o.richText)) return o.richText.map((x) => x.text).join('');
  if (o.result instanceof Date) return o.result.toISOString().slice(0, 10);
  return scalar(o.text ?? o.result);
};

const readCsv = (bytes: Uint8Array): string[][] => {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw badInput('file', 'the csv is not UTF-8 text; save it as "CSV UTF-8" (Excel) and import again');
  }
  try {
    const records: unknown = parse(text.replace(/^\uFEFF/, ''), {
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
    });
    return records as string[][];
  } catch (e) {
    throw badInput('file', `not a readable csv (${(e as Error).message}); check quotes and separators`);
  }
};

const readXlsx = async (bytes: Uint8Array): Promise<string[][]> => {
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  } catch {
    throw badInput('file', 'not an .xlsx workbook; save the sheet as .xlsx or .csv and import again');
  }
  const ws = wb.worksheets[0];
  if (ws === undefined) throw badInput('file', 'the workbook has no sheet');
  const rows: string[][] = [];
  ws.eachRow({ includeEmpty: true }, (row, n) => {
    rows[n - 1] = (row.values as unknown[]).slice(1).map(cellText);
  });
  return Array.from(rows, (x) => x ?? []);
};

/** The rows of a survey file (header first). */
export const readSurveyFile = async (bytes: Uint8Array, format?: SurveyFormat): Promise<string[][]> => {
  if (bytes.length === 0) throw badInput('file', 'the file is empty');
  const rows = (format ?? sniffFormat(bytes)) === 'xlsx' ? await readXlsx(bytes) : readCsv(bytes);
  if (rows.length === 0) throw badInput('file', 'the file has no header row');
  return rows;
};
