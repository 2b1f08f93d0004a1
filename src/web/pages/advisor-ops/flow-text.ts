import { parse, stringify } from 'yaml';
import { FlowSetDocumentSchema } from '../../../core/dialogue/flow-set.js';

export type DocFormat = 'json' | 'yaml';
export type DocIssue = { path: string; message: string };

/** The document as editor text in the chosen format. */
export const toText = (doc: unknown, format: DocFormat): string =>
  format === 'json' ? JSON.stringify(doc, null, 2) : stringify(doc);

/**
 * Parses the editor text and checks it with the same zod schema as the server (the server adds the checks
 * that need the parent flows: tools, intents, links). Returns the document or the problems with their paths.
 */
export const readText = (
  text: string,
  format: DocFormat,
): { ok: true; doc: unknown } | { ok: false; parse: string | null; issues: DocIssue[] } => {
  let doc: unknown;
  try {
    doc = format === 'json' ? JSON.parse(text) : parse(text);
  } catch (e) {
    return { ok: false, parse: e instanceof Error ? e.message : String(e), issues: [] };
  }
  const r = FlowSetDocumentSchema.safeParse(doc);
  if (r.success) return { ok: true, doc };
  return {
    ok: false,
    parse: null,
    issues: r.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })),
  };
};
