import type { KbItem } from './types.js';

/**
 * The knowledge base as a spreadsheet (ops import/export): a header row `id, question, similar, answer,
 * category` (`similar` joined by "|"), one item a row. Validation names every bad cell by its spreadsheet row
 * (the header is row 1) and column, so that a file is fixed in one pass; the caller stores nothing unless the
 * whole file is good.
 */
export const KB_COLUMNS = ['id', 'question', 'similar', 'answer', 'category'] as const;

export type KbSheetError = { row: number; column: string; message: string };

const ID = /^[A-Za-z0-9_-]{1,64}$/;

export const kbToRows = (items: readonly KbItem[]): string[][] => [
  [...KB_COLUMNS],
  ...items.map((it) => [it.id, it.question, it.similar.join('|'), it.answer, it.category]),
];

export const kbFromRows = (
  rows: readonly (readonly string[])[],
): { ok: true; items: KbItem[] } | { ok: false; errors: KbSheetError[] } => {
  const header = (rows[0] ?? []).map((h) => h.trim().toLowerCase());
  const errors: KbSheetError[] = [];
  const col = new Map<string, number>();
  for (const c of KB_COLUMNS) {
    const i = header.indexOf(c);
    if (i < 0 && c !== 'similar' && c !== 'category')
      errors.push({
        row: 1,
        column: c,
        message: `column "${c}" is missing; the header needs ${KB_COLUMNS.join(', ')}`,
      });
    col.set(c, i);
  }
  if (errors.length > 0) return { ok: false, errors };
  const cell = (r: readonly string[], c: string): string => {
    const i = col.get(c) ?? -1;
    return i < 0 ? '' : (r[i] ?? '').trim();
  };
  const seen = new Map<string, number>();
  const items: KbItem[] = [];
  rows.slice(1).forEach((r, k) => {
    const row = k + 2;
    if (r.every((v) => v.trim() === '')) return;
    const id = cell(r, 'id');
    if (!ID.test(id))
      errors.push({
        row,
        column: 'id',
        message:
          id === '' ? 'empty; every item needs an id' : `"${id}" is not an id (letters, digits, - and _)`,
      });
    else if (seen.has(id)) errors.push({ row, column: 'id', message: `"${id}" repeats row ${seen.get(id)}` });
    else seen.set(id, row);
    const question = cell(r, 'question');
    if (question === '')
      errors.push({ row, column: 'question', message: 'empty; give the standard question' });
    const answer = cell(r, 'answer');
    if (answer === '')
      errors.push({ row, column: 'answer', message: 'empty; give the answer the advisor says' });
    if (answer.length > 2000) errors.push({ row, column: 'answer', message: 'longer than 2000 characters' });
    const similar = cell(r, 'similar')
      .split('|')
      .map((s) => s.trim())
      .filter((s) => s !== '');
    items.push({ id, question, similar, answer, category: cell(r, 'category') || 'general' });
  });
  if (items.length === 0 && errors.length === 0)
    errors.push({
      row: 2,
      column: 'id',
      message: 'the sheet has no items; nothing would remain in the knowledge base',
    });
  return errors.length === 0 ? { ok: true, items } : { ok: false, errors };
};
