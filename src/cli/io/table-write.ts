import { badInput } from '../../core/errors.js';
import { writeCsv } from './csv-write.js';

/** Writes a table as .xlsx (one sheet, bold header, frozen first row) or, for any other name, as UTF-8 CSV. */
export const writeTable = async (
  path: string,
  columns: string[],
  rows: Array<Array<string | number>>,
  flag = '--out',
): Promise<void> => {
  if (!/\.xlsx$/i.test(path)) return writeCsv(path, columns, rows, flag);
  const { default: ExcelJS } = await import('exceljs'); // loaded only for .xlsx (heavy)
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('data', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.addRow(columns).font = { bold: true };
  for (const r of rows) ws.addRow(r);
  try {
    await wb.xlsx.writeFile(path);
  } catch (e) {
    throw badInput(flag, `cannot write "${path}" (${(e as Error).message})`);
  }
};
