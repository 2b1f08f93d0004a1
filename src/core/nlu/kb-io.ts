import { badInput } from '../errors.js';
import type { KbItem } from './types.js';

/**
 * KB file formats of the CLI contract: a JSON array of { id, question, similar: [..], answer, category }, or a
 * table (CSV/XLSX rows) with columns id, question, similar (joined by "|"), answer, category.
 */

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

const checkItems = (items: KbItem[], field: string): KbItem[] => {
  const seen = new Set<string>();
  items.forEach((it, i) => {
    if (it.id === '') throw badInput(field, `item ${i + 1}: "id" is empty; every item needs a unique id`);
    if (seen.has(it.id)) throw badInput(field, `item ${i + 1}: duplicate id "${it.id}"; ids must be unique`);
    if (it.question.trim() === '') throw badInput(field, `item "${it.id}": "question" is empty`);
    seen.add(it.id);
  });
  return items;
};

const splitSimilar = (s: string): string[] =>
  s
    .split('|')
    .map((x) => x.trim())
    .filter((x) => x !== '');

/** Items of a parsed JSON document (an array, or { items: [...] }). */
export const kbFromJson = (doc: unknown, field = '--kb'): KbItem[] => {
  const arr = Array.isArray(doc) ? doc : isRecord(doc) && Array.isArray(doc.items) ? doc.items : null;
  if (!arr)
    throw badInput(field, 'expected a JSON array of { "id", "question", "similar", "answer", "category" }');
  const items = (arr as unknown[]).map((raw, i): KbItem => {
    if (!isRecord(raw)) throw badInput(field, `item ${i + 1} is not an object`);
    const str = (k: string, required: boolean): string => {
      const v = raw[k];
      if (typeof v === 'string') return v;
      if (typeof v === 'number') return String(v);
      if (v === undefined && !required) return '';
      throw badInput(field, `item ${i + 1}: "${k}" must be a string`);
    };
    const sim = raw.similar;
    const similar = Array.isArray(sim)
      ? sim.filter((s): s is string => typeof s === 'string')
      : typeof sim === 'string'
        ? splitSimilar(sim)
        : [];
    return {
      id: str('id', true),
      question: str('question', true),
      similar,
      answer: str('answer', false),
      category: str('category', false),
    };
  });
  return checkItems(items, field);
};

/** Items of a table with a header row (columns id, question, answer required; similar, category optional). */
export const kbFromTable = (
  columns: readonly string[],
  rows: readonly (readonly string[])[],
  field = '--kb',
): KbItem[] => {
  const col = (name: string, required: boolean): number => {
    const i = columns.indexOf(name);
    if (i < 0 && required) {
      throw badInput(
        field,
        `column "${name}" not found; a KB table needs id, question, similar, answer, category (has: ${columns.join(', ')})`,
      );
    }
    return i;
  };
  const id = col('id', true);
  const question = col('question', true);
  const answer = col('answer', true);
  const similar = col('similar', false);
  const category = col('category', false);
  const cell = (r: readonly string[], i: number): string => (i >= 0 ? (r[i] ?? '').trim() : '');
  const items = rows.map((r) => ({
    id: cell(r, id),
    question: cell(r, question),
    similar: splitSimilar(cell(r, similar)),
    answer: cell(r, answer),
    category: cell(r, category),
  }));
  return checkItems(items, field);
};

const csvCell = (s: string): string => (/[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/** CSV text (header + one row per item, `similar` joined by "|"); cells with commas, quotes or newlines are quoted. */
export const kbToCsv = (items: readonly KbItem[]): string => {
  const lines = ['id,question,similar,answer,category'];
  for (const it of items) {
    lines.push([it.id, it.question, it.similar.join('|'), it.answer, it.category].map(csvCell).join(','));
  }
  return lines.join('\n') + '\n';
};
