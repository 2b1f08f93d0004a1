import { describe, expect, it } from 'vitest';
import { STARTER_KB } from './data/kb-starter.js';
import { kbFromRows, kbToRows } from './kb-sheet.js';

describe('knowledge base as a spreadsheet', () => {
  it('round-trips the starter KB', () => {
    const r = kbFromRows(kbToRows(STARTER_KB));
    expect(r).toEqual({
      ok: true,
      items: STARTER_KB.map((i) => ({ ...i, category: i.category || 'general' })),
    });
  });

  it('names every bad cell by spreadsheet row and column', () => {
    const rows = [
      ['id', 'question', 'similar', 'answer', 'category'],
      ['kb-1', '问题一', 'a|b', '答案', 'x'],
      ['', '问题二', '', '答案', ''],
      ['kb-1', '', '', '', ''],
      ['', '', '', '', ''],
      ['kb 3', '问题', '', '答案', ''],
    ];
    const r = kbFromRows(rows);
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.errors.map((e) => `${e.row}:${e.column}`)).toEqual([
        '3:id',
        '4:id',
        '4:question',
        '4:answer',
        '6:id',
      ]);
  });

  it('refuses a sheet without the required columns or without items', () => {
    const r = kbFromRows([['id', 'question']]);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]).toMatchObject({ row: 1, column: 'answer' });
    const empty = kbFromRows([['id', 'question', 'answer']]);
    expect(empty.ok).toBe(false);
  });
});
