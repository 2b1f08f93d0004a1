import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import { analyzeConversation, type AnalyzeContext } from '../core/conversation/analyze.js';
import { LABELLED_CATALOGUE } from '../core/conversation/data/catalogue.js';
import { LABELLED_DEV } from '../core/conversation/data/labelled-dev.js';
import { LABELLED_HELDOUT } from '../core/conversation/data/labelled-heldout.js';
import { evaluateInsights, type EvalReport } from '../core/conversation/evaluate.js';
import {
  conversationsFromRows,
  parseConversationsJsonl,
  parseLabelledJsonl,
} from '../core/conversation/ingest.js';
import { checkTaxonomyExamples } from '../core/conversation/taxonomy-check.js';
import {
  compileTaxonomy,
  DEFAULT_TAXONOMY,
  parseTaxonomy,
  type CompiledTaxonomy,
  type Taxonomy,
} from '../core/conversation/taxonomy.js';
import type { Conversation, ConversationInsight, LabelledConversation } from '../core/conversation/types.js';
import { badInput } from '../core/errors.js';
import { builtinIntentModel } from '../core/nlu/builtin.js';
import { buildCatalogueIndex, type CatalogueEntry, type CatalogueIndex } from '../core/nlu/catalogue.js';
import { log, printJson, runAction } from './io/output.js';
import { readTable } from './io/table.js';

/** `caiban conversations analyze|eval|taxonomy` — conversation insight (CLI.md, RM assistant and WeCom). */

const readText = async (path: string, flag: string): Promise<string> => {
  try {
    return (await readFile(path, 'utf8')).replace(/^\uFEFF/, '');
  } catch {
    throw badInput(flag, `cannot read "${path}"`);
  }
};

const readJson = async (path: string, flag: string): Promise<unknown> => {
  const text = await readText(path, flag);
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw badInput(flag, `"${path}" is not valid JSON (${(e as Error).message})`);
  }
};

const loadTaxonomy = async (path: string | undefined): Promise<Taxonomy> =>
  path === undefined ? DEFAULT_TAXONOMY : parseTaxonomy(await readJson(path, '--taxonomy'), '--taxonomy');

/** Catalogue file: { "products": [{ "name", "code"?, "aliases"? }], "managers": [{ "name" }] }. */
const loadCatalogue = async (path: string): Promise<CatalogueIndex> => {
  const doc = await readJson(path, '--catalogue');
  const list = (key: 'products' | 'managers'): CatalogueEntry[] => {
    const v = (doc as Record<string, unknown> | null)?.[key];
    if (v === undefined) return [];
    if (!Array.isArray(v)) throw badInput('--catalogue', `"${key}" must be an array of { "name", "code" }`);
    return v.map((e: unknown, i) => {
      const r = (e ?? {}) as Record<string, unknown>;
      if (typeof r.name !== 'string' || r.name === '') {
        throw badInput('--catalogue', `${key}[${i}].name must be a non-empty string`);
      }
      const entry: CatalogueEntry = { name: r.name };
      if (typeof r.code === 'string') entry.code = r.code;
      if (Array.isArray(r.aliases))
        entry.aliases = r.aliases.filter((a): a is string => typeof a === 'string');
      return entry;
    });
  };
  return buildCatalogueIndex({ products: list('products'), managers: list('managers') });
};

type AnalyzeOpts = {
  file: string;
  conversationCol: string;
  senderCol: string;
  textCol: string;
  timeCol: string;
  idCol: string;
  rmIds?: string;
  catalogue?: string;
  taxonomy?: string;
  topics?: boolean;
  json?: boolean;
};

const readConversations = async (o: AnalyzeOpts): Promise<Conversation[]> => {
  const ext = extname(o.file).toLowerCase();
  if (ext === '.jsonl' || ext === '.json' || ext === '.ndjson') {
    return parseConversationsJsonl(await readText(o.file, '--file'), o.file);
  }
  if (ext !== '.csv' && ext !== '.xlsx') {
    throw badInput(
      '--file',
      `"${o.file}": give conversations as .jsonl, or archive message rows as .csv/.xlsx`,
    );
  }
  const table = await readTable(o.file, { flag: '--file' });
  const optional = (name: string): string | undefined => (table.columns.includes(name) ? name : undefined);
  const cols = {
    conversation: o.conversationCol,
    sender: o.senderCol,
    text: o.textCol,
    ...(optional(o.timeCol) ? { time: o.timeCol } : {}),
    ...(optional(o.idCol) ? { id: o.idCol } : {}),
  };
  const rmIds = new Set(
    (o.rmIds ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== ''),
  );
  return conversationsFromRows(table.columns, table.rows, cols, rmIds, o.file);
};

/** The contract's fields first, then the details (evidence per tag, mentions, topics). */
const present = (r: ConversationInsight) => ({
  id: r.id,
  tags: r.tags,
  objections: r.objections,
  sentiment: r.sentiment,
  intents: r.intents.map((i) => ({
    purpose: i.purpose,
    amount: i.amount,
    horizon_months: i.horizon_months,
    liquidity: i.liquidity,
    risk_appetite: i.risk_appetite,
    constraints: i.constraints,
    evidence: i.evidence,
  })),
  resolved_objections: r.details.filter((d) => d.resolved === true).map((d) => d.key),
  evidence: Object.fromEntries(r.details.map((d) => [d.key, d.evidence])),
  products: r.products,
  managers: r.managers,
  topics: r.topics,
});

const analyze = async (o: AnalyzeOpts): Promise<void> => {
  const conversations = await readConversations(o);
  const ctx: AnalyzeContext = { taxonomy: compileTaxonomy(await loadTaxonomy(o.taxonomy)) };
  if (o.catalogue !== undefined) ctx.catalogue = await loadCatalogue(o.catalogue);
  if (o.topics) ctx.intentModel = builtinIntentModel();
  const out = conversations.map((c) => present(analyzeConversation(c, ctx)));
  if (o.json) {
    printJson(out);
    return;
  }
  for (const r of out) {
    const money = r.intents
      .map((i) => `${i.purpose} ${i.amount}元 ${i.horizon_months ?? '?'}个月`)
      .join('; ');
    process.stdout.write(`${r.id}\t${r.sentiment}\t${r.tags.join(',') || '-'}\t${money || '-'}\n`);
  }
};

type EvalOpts = {
  set: string;
  file?: string;
  catalogue?: string;
  taxonomy?: string;
  mistakes?: boolean;
  json?: boolean;
};

const SETS: Readonly<Record<string, readonly LabelledConversation[]>> = {
  dev: LABELLED_DEV,
  heldout: LABELLED_HELDOUT,
  all: [...LABELLED_DEV, ...LABELLED_HELDOUT],
};

const evaluate = async (o: EvalOpts): Promise<void> => {
  const taxonomy = await loadTaxonomy(o.taxonomy);
  const compiled: CompiledTaxonomy = compileTaxonomy(taxonomy);
  const catalogue = buildCatalogueIndex(LABELLED_CATALOGUE);
  const ctx: AnalyzeContext = {
    taxonomy: compiled,
    catalogue: o.catalogue === undefined ? catalogue : await loadCatalogue(o.catalogue),
  };
  const keys = taxonomy.tags.map((t) => t.key);
  const run = (set: readonly LabelledConversation[]): EvalReport | Omit<EvalReport, 'mistakes'> => {
    const r = evaluateInsights(set, (c) => analyzeConversation(c, ctx), keys);
    if (o.mistakes) return r;
    const { mistakes: _m, ...rest } = r;
    return rest;
  };
  const sets: Record<string, readonly LabelledConversation[]> = {};
  if (o.file !== undefined) sets.file = parseLabelledJsonl(await readText(o.file, '--file'), o.file);
  else if (o.set === 'both') Object.assign(sets, { dev: SETS.dev, heldout: SETS.heldout });
  else sets[o.set] = SETS[o.set]!;
  const reports = Object.fromEntries(Object.entries(sets).map(([k, v]) => [k, run(v)]));
  if (o.json) {
    printJson({ taxonomy_version: taxonomy.version, ...reports });
    return;
  }
  for (const [name, r] of Object.entries(reports)) {
    log(
      `${name}: n=${r.n} objections F1=${r.objections.f1} intents P=${r.intents.precision} R=${r.intents.recall}`,
    );
    for (const [tag, s] of Object.entries(r.per_tag))
      log(`  ${tag.padEnd(18)} P=${s.precision} R=${s.recall} F1=${s.f1}`);
  }
};

const taxonomyCheck = async (o: { file?: string; json?: boolean }): Promise<void> => {
  const taxonomy = await loadTaxonomy(o.file);
  const result = checkTaxonomyExamples(taxonomy);
  const report = { version: taxonomy.version, tags: taxonomy.tags.length, ...result };
  if (o.json) printJson(report);
  else {
    log(`taxonomy ${report.version}: ${report.tags} tags, ${report.passed} examples pass`);
    for (const f of report.failed)
      log(`  ${f.tag}: "${f.text}" (${f.expected ? 'should' : 'should not'} match)`);
  }
  if (result.failed.length > 0) process.exitCode = 1;
};

const setName = (v: string): string => {
  if (!['dev', 'heldout', 'all', 'both'].includes(v)) {
    throw new InvalidArgumentError('use dev, heldout, all or both');
  }
  return v;
};

export const register = (program: Command): void => {
  const conv = program
    .command('conversations')
    .description('RM–customer conversation insight / 对话洞察 (objections, signals, per-money intents)');
  conv
    .command('analyze')
    .description('tags, objections, sentiment and per-money investment intents of each conversation')
    .requiredOption('--file <file>', '.jsonl (one conversation a line) or archive message rows as .csv/.xlsx')
    .option('--conversation-col <name>', 'CSV/XLSX: conversation id column', 'conversation_id')
    .option('--sender-col <name>', 'CSV/XLSX: sender column (customer/rm, 客户/理财经理, wm… ids)', 'sender')
    .option('--text-col <name>', 'CSV/XLSX: message text column', 'text')
    .option('--time-col <name>', 'CSV/XLSX: message time column (used when present)', 'time')
    .option('--id-col <name>', 'CSV/XLSX: message id column (used when present)', 'msgid')
    .option('--rm-ids <ids>', 'CSV/XLSX: comma-separated sender ids that are RMs')
    .option(
      '--catalogue <file.json>',
      'products and managers to find ({ products: [{ name, code }], managers: [{ name }] })',
    )
    .option('--taxonomy <file.json>', 'an edited tag taxonomy (default: the built-in taxonomy.v1.json)')
    .option('--topics', 'also list the intents of the customer’s messages (trains the built-in model, ~1 s)')
    .option('--json', 'print one JSON array on stdout')
    .action((o: AnalyzeOpts) => runAction(Boolean(o.json), () => analyze(o)));
  conv
    .command('eval')
    .description('per-tag precision/recall/F1, sentiment and per-money intents on our labelled set')
    .option(
      '--set <name>',
      'dev (tuned on), heldout (never tuned on), all, or both separately',
      setName,
      'both',
    )
    .option(
      '--file <labelled.jsonl>',
      'evaluate your own labelled conversations instead (one a line, with "labels")',
    )
    .option('--catalogue <file.json>', 'product/manager catalogue for mention scoring')
    .option('--taxonomy <file.json>', 'an edited tag taxonomy')
    .option('--mistakes', 'list every miss (tag, sentiment, intent, field)')
    .option('--json', 'print one JSON report on stdout')
    .action((o: EvalOpts) => runAction(Boolean(o.json), () => evaluate(o)));
  conv
    .command('taxonomy')
    .description('validate a tag taxonomy and run its examples and counter-examples (exit 1 when one fails)')
    .option('--file <file.json>', 'the taxonomy to check (default: the built-in one)')
    .option('--json', 'print one JSON report on stdout')
    .action((o: { file?: string; json?: boolean }) => runAction(Boolean(o.json), () => taxonomyCheck(o)));
};
