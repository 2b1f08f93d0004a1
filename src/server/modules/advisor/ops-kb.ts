import { STARTER_KB } from '../../../core/nlu/data/kb-starter.js';
import { kbFromRows, kbToRows } from '../../../core/nlu/kb-sheet.js';
import type { KbItem } from '../../../core/nlu/types.js';
import { AppError, badInput } from '../../../core/errors.js';
import { actorOf, writeAudit } from '../../auth/audit.js';
import type { Principal } from '../../auth/principal.js';
import type { Queryable } from '../../db/index.js';
import type { AppDeps } from '../../http/deps.js';
import * as repo from './ops-repo.js';

/**
 * The knowledge base as operations edit it: the whole item list versioned in advisor_kb_versions (the starter
 * KB of the code until the first change). An import replaces the list in one insert after every row checked
 * (bad cells named by row and column; nothing stored otherwise); an edit or a review label (the message becomes
 * a similar question of the item) stores the next version. Each bumps the `kb` counter: every server process
 * rebuilds its KB index at its next turn (ops-runtime.ts).
 */

export const currentKb = async (db: Queryable): Promise<{ version: number; items: KbItem[] }> => {
  const v = await repo.latestKb(db);
  return v === null
    ? { version: 0, items: [...STARTER_KB] }
    : { version: v.version, items: v.items as KbItem[] };
};

const store = async (
  deps: AppDeps,
  p: Principal,
  items: KbItem[],
  action: 'import' | 'edit' | 'label',
  details: Record<string, unknown>,
  requestId: string,
) => {
  const at = deps.now();
  try {
    return await deps.db.transaction(async (tx) => {
      const version = (await repo.latestKbVersion(tx)) + 1;
      await repo.insertKb(tx, { version, items, action, by: `staff:${p.id}`, at });
      await repo.bumpGeneration(tx, 'kb');
      await writeAudit(tx, actorOf(p), requestId, [
        {
          action: action === 'import' ? 'advisor.kb_import' : 'advisor.kb_edit',
          targetKind: 'knowledge_base',
          target: String(version),
          customerId: null,
          details: { version, items: items.length, ...details },
        },
      ]);
      return { version, items: items.length };
    });
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError('CONFLICT', 'the knowledge base changed at the same time; reload and retry');
  }
};

export const upsertKbItem = async (
  deps: AppDeps,
  p: Principal,
  id: string,
  body: { question: string; similar: string[]; answer: string; category: string },
  requestId: string,
) => {
  const { items } = await currentKb(deps.db);
  const item: KbItem = { id, ...body };
  const k = items.findIndex((i) => i.id === id);
  const next = k < 0 ? [...items, item] : items.map((i) => (i.id === id ? item : i));
  return store(deps, p, next, 'edit', { id, created: k < 0 }, requestId);
};

/** A review label to a KB item: the message joins the item's similar questions (once). */
export const addSimilar = async (
  deps: AppDeps,
  p: Principal,
  id: string,
  text: string,
  requestId: string,
) => {
  const { items } = await currentKb(deps.db);
  const item = items.find((i) => i.id === id);
  if (item === undefined) throw badInput('value', `unknown knowledge-base item ${id}; create it first`);
  if (item.question === text || item.similar.includes(text)) return;
  const next = items.map((i) => (i.id === id ? { ...i, similar: [...i.similar, text] } : i));
  await store(deps, p, next, 'label', { id, similar: text }, requestId);
};

export const exportKbXlsx = async (deps: AppDeps): Promise<Buffer> => {
  const { items } = await currentKb(deps.db);
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('knowledge_base');
  for (const r of kbToRows(items)) ws.addRow(r);
  ws.getRow(1).font = { bold: true };
  return Buffer.from(await wb.xlsx.writeBuffer());
};

const scalar = (v: unknown): string =>
  typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : '';

/** A cell's text: plain values, rich text, hyperlinks (`text`) and formulas (`result`). */
const cellText = (v: unknown): string => {
  if (v === null || typeof v !== 'object') return scalar(v);
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  const o = v as { text?: unknown; richText?: { text: string }[]; result?: unknown };
  if (Array.isArray(o.richText)) return o.richText.map((x) => x.text).join('');
  return scalar(o.text ?? o.result);
};

export const importKbXlsx = async (deps: AppDeps, p: Principal, base64: string, requestId: string) => {
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(Buffer.from(base64, 'base64') as unknown as ArrayBuffer);
  } catch {
    throw badInput(
      'file',
      'not an .xlsx workbook; export the knowledge base, edit it in Excel and import that file',
    );
  }
  const ws = wb.worksheets[0];
  if (ws === undefined) throw badInput('file', 'the workbook has no sheet');
  const rows: string[][] = [];
  ws.eachRow({ includeEmpty: true }, (row, n) => {
    const values = row.values as unknown[];
    rows[n - 1] = values.slice(1).map(cellText);
  });
  const r = kbFromRows(Array.from(rows, (x) => x ?? []));
  if (!r.ok) {
    const first = r.errors[0]!;
    throw badInput(`row ${first.row}, column ${first.column}`, first.message, { errors: r.errors });
  }
  return store(deps, p, r.items, 'import', {}, requestId);
};
