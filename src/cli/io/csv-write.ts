import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { badInput } from '../../core/errors.js';

/** RFC 4180 field: quoted when it holds a comma, quote, CR or LF. Numbers use JS shortest round-trip form. */
export const csvField = (v: string | number): string => {
  const s = typeof v === 'number' ? (Number.isFinite(v) ? String(v) : '') : v;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** Writes a UTF-8 CSV (with BOM so that Excel opens Chinese text correctly), streaming row by row. */
export const writeCsv = async (
  path: string,
  columns: string[],
  rows: Array<Array<string | number>>,
  flag = '--out',
): Promise<void> => {
  try {
    const out = createWriteStream(path, 'utf8');
    const failed = once(out, 'error').then(([e]) => Promise.reject(e as Error));
    failed.catch(() => undefined);
    const write = async (line: string): Promise<void> => {
      if (!out.write(line)) await Promise.race([once(out, 'drain'), failed]);
    };
    await write('\ufeff' + columns.map(csvField).join(',') + '\n');
    for (const r of rows) await write(r.map(csvField).join(',') + '\n');
    out.end();
    await Promise.race([once(out, 'finish'), failed]);
  } catch (e) {
    throw badInput(flag, `cannot write "${path}" (${(e as Error).message})`);
  }
};
