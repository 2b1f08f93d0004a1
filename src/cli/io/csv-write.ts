import { writeFile } from 'node:fs/promises';
import { badInput } from '../../core/errors.js';

/** RFC 4180 field: quoted when it holds a comma, quote, CR or LF. Numbers use JS shortest round-trip form. */
export const csvField = (v: string | number): string => {
  const s = typeof v === 'number' ? (Number.isFinite(v) ? String(v) : '') : v;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** Writes a UTF-8 CSV (with BOM so that Excel opens Chinese text correctly). */
export const writeCsv = async (
  path: string,
  columns: string[],
  rows: Array<Array<string | number>>,
  flag = '--out',
): Promise<void> => {
  const lines = [columns.map(csvField).join(','), ...rows.map((r) => r.map(csvField).join(','))];
  try {
    await writeFile(path, '\ufeff' + lines.join('\n') + '\n', 'utf8');
  } catch (e) {
    throw badInput(flag, `cannot write "${path}" (${(e as Error).message})`);
  }
};
