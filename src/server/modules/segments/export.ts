import type { Writable } from 'node:stream';
import type { SQL } from 'drizzle-orm';
import type { Queryable } from '../../db/index.js';
import { EXPORT_COLUMNS, segmentRows } from './repo.js';

export type ExportFormat = 'xlsx' | 'csv';

const csvCell = (v: string | number | boolean | null): string => {
  if (v === null) return '';
  const s = String(v);
  // A cell starting with = + - @ would be a formula in a spreadsheet: prefix it (CSV injection).
  const safe = /^[=+\-@\t\r]/.test(s) && typeof v === 'string' ? `'${s}` : s;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

const write = (out: Writable, chunk: string): Promise<void> =>
  new Promise((resolve, reject) => {
    if (out.write(chunk)) {
      resolve();
      return;
    }
    const onDrain = () => {
      out.off('error', onError);
      resolve();
    };
    const onError = (e: Error) => {
      out.off('drain', onDrain);
      reject(e);
    };
    out.once('drain', onDrain);
    out.once('error', onError);
  });

/**
 * Streams the customers of a segment to `out` as CSV (UTF-8 with BOM, for Excel) or as .xlsx through exceljs's
 * streaming workbook writer: rows are read a keyset page at a time and committed as they go, so memory stays flat.
 * Returns the number of rows written. Ends `out`.
 */
export const exportSegment = async (
  db: Queryable,
  where: SQL,
  asOf: Date,
  format: ExportFormat,
  out: Writable,
): Promise<number> => {
  let n = 0;
  if (format === 'csv') {
    await write(out, '\uFEFF' + EXPORT_COLUMNS.join(',') + '\n');
    for await (const page of segmentRows(db, where, asOf)) {
      await write(out, page.map((r) => r.map(csvCell).join(',')).join('\n') + '\n');
      n += page.length;
    }
    await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
    return n;
  }
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useSharedStrings: false,
    useStyles: true,
  });
  const ws = wb.addWorksheet('segment', { views: [{ state: 'frozen', ySplit: 1 }] });
  const header = ws.addRow([...EXPORT_COLUMNS]);
  header.font = { bold: true };
  header.commit();
  for await (const page of segmentRows(db, where, asOf)) {
    for (const r of page) ws.addRow(r).commit();
    n += page.length;
  }
  ws.commit();
  await wb.commit();
  return n;
};
