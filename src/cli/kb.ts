import { readFile, writeFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import { badInput } from '../core/errors.js';
import { STARTER_KB } from '../core/nlu/data/kb-starter.js';
import { kbReport } from '../core/nlu/eval-metrics.js';
import { kbFromJson, kbFromTable, kbToCsv } from '../core/nlu/kb-io.js';
import { buildKbIndex, searchKb, DEFAULT_KB_OPTIONS, FINANCE_LEXICON, type KbIndex } from '../core/nlu/kb.js';
import type { KbItem } from '../core/nlu/types.js';
import { log, printJson, runAction } from './io/output.js';
import { readTable, stringColumn } from './io/table.js';

/** `caiban kb eval|search|export` — knowledge-base retrieval (CLI.md, Language). */

export const readKbFile = async (path: string, flag = '--kb'): Promise<KbItem[]> => {
  if (extname(path).toLowerCase() === '.json') {
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch {
      throw badInput(flag, `cannot read "${path}"; give a KB as a JSON array or a CSV/XLSX table`);
    }
    try {
      return kbFromJson(JSON.parse(text.replace(/^\uFEFF/, '')), flag);
    } catch (e) {
      if (e instanceof SyntaxError) throw badInput(flag, `"${path}" is not valid JSON (${e.message})`);
      throw e;
    }
  }
  const table = await readTable(path, { flag });
  return kbFromTable(table.columns, table.rows, flag);
};

const fraction = (v: string): number => {
  const n = Number(v);
  if (!(n >= 0)) throw new InvalidArgumentError(`"${v}" is not a number ≥ 0`);
  return n;
};

type IndexOpts = { kb?: string; threshold?: number; synonyms?: boolean };

const loadIndex = async (o: IndexOpts): Promise<KbIndex> => {
  const items = o.kb === undefined ? [...STARTER_KB] : await readKbFile(o.kb);
  return buildKbIndex(items, {
    synonyms: o.synonyms === false ? [] : FINANCE_LEXICON,
    threshold: o.threshold ?? DEFAULT_KB_OPTIONS.threshold,
  });
};

type EvalOpts = IndexOpts & { queries: string; queryCol: string; expectedCol: string; json?: boolean };

const evaluate = async (o: EvalOpts): Promise<void> => {
  const index = await loadIndex(o);
  const table = await readTable(o.queries, { flag: '--queries' });
  const queries = stringColumn(table, o.queryCol, '--query-col');
  const expected = stringColumn(table, o.expectedCol, '--expected-col').map((s) => s.trim());
  const t0 = performance.now();
  const outcomes = queries.map((q, i) => {
    const r = searchKb(index, q, 5);
    return { expected: expected[i]!, answer: r.match?.id ?? 'none', ranked: r.candidates.map((c) => c.id) };
  });
  const ms = (performance.now() - t0) / Math.max(1, queries.length);
  const report = {
    ...kbReport(outcomes),
    ms_per_query: Math.round(ms * 1000) / 1000,
    calibration: {
      ...index.calibration,
      threshold_used: index.options.threshold ?? index.calibration.threshold,
    },
  };
  if (o.json) printJson(report);
  else log(`top1 ${report.top1}  mrr ${report.mrr}  recall@5 ${report.recall_at_5}  n ${report.n}`);
};

const search = async (text: string, o: IndexOpts & { json?: boolean }): Promise<void> => {
  if (text.trim() === '') throw badInput('TEXT', 'empty query; pass the question as the argument');
  const r = searchKb(await loadIndex(o), text, 5);
  if (o.json) printJson(r);
  else if (r.match) process.stdout.write(`${r.match.question}\n${r.match.answer}\n`);
  else process.stdout.write(`no match; did you mean: ${r.candidates.map((c) => c.question).join(' / ')}\n`);
};

const exportKb = async (o: { kb?: string; out: string; json?: boolean }): Promise<void> => {
  const items = o.kb === undefined ? [...STARTER_KB] : await readKbFile(o.kb);
  const body =
    extname(o.out).toLowerCase() === '.json' ? JSON.stringify(items, null, 2) + '\n' : kbToCsv(items);
  try {
    await writeFile(o.out, body);
  } catch (e) {
    throw badInput('--out', `cannot write "${o.out}" (${(e as Error).message})`);
  }
  if (o.json) printJson({ out: o.out, items: items.length });
  else log(`kb: wrote ${items.length} items → ${o.out}`);
};

export const register = (program: Command): void => {
  const kb = program.command('kb').description('Knowledge-base retrieval / 知识库检索');
  const common = (c: Command): Command =>
    c
      .option(
        '--threshold <score>',
        '"no match" when P(answerable) is below this (default: calibrated on the KB by leave-one-item-out)',
        fraction,
      )
      .option('--no-synonyms', 'do not use the built-in finance lexicon (synonyms and paraphrases)');
  common(
    kb
      .command('eval')
      .description('top-1, MRR, recall@5 and "no match" precision of a KB on labelled queries')
      .requiredOption(
        '--kb <file>',
        'KB as a JSON array or CSV/XLSX (id, question, similar joined by |, answer, category)',
      )
      .requiredOption('--queries <file>', 'CSV or .xlsx of queries with the expected item id (or none)')
      .option('--query-col <name>', 'query column', 'query')
      .option('--expected-col <name>', 'expected id column', 'expected_id'),
  )
    .option('--json', 'print one JSON report on stdout')
    .action((o: EvalOpts) => runAction(Boolean(o.json), () => evaluate(o)));
  common(
    kb
      .command('search')
      .description('best answer and did-you-mean candidates for one question')
      .argument('<text>', 'the question')
      .option('--kb <file>', 'KB file (default: the built-in starter KB)'),
  )
    .option('--json', 'print one JSON document on stdout')
    .action((text: string, o: IndexOpts & { json?: boolean }) =>
      runAction(Boolean(o.json), () => search(text, o)),
    );
  kb.command('export')
    .description('write a KB (default: the built-in starter KB) as JSON or CSV, by the extension of --out')
    .option('--kb <file>', 'KB file to convert')
    .requiredOption('--out <file>', 'FILE.json or FILE.csv')
    .option('--json', 'print one JSON summary on stdout')
    .action((o: { kb?: string; out: string; json?: boolean }) =>
      runAction(Boolean(o.json), () => exportKb(o)),
    );
};
