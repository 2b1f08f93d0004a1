import { randomUUID } from 'node:crypto';
import { desc, sql } from 'drizzle-orm';
import { AppError, badInput } from '../../../core/errors.js';
import type { ErrorCode } from '../../../core/errors.js';
import type { InsightDataset } from '../../../core/insight/dataset.js';
import type { SurveyColumns, SurveyDrivers } from '../../../core/insight/survey-drivers.js';
import {
  commentTagsFromLlm,
  isoDate,
  LLM_TAGGING_PROMPT,
  parseSurveyRows,
  summarizeSurvey,
  SURVEY_TOPICS,
  tagComment,
} from '../../../core/insight/survey.js';
import type { CommentTags, RowError, SurveySentiment, TopicMention } from '../../../core/insight/survey.js';
import { surveyDriversInWorker } from '../../../runtime/study-runner.js';
import { actorOf, writeAudit } from '../../auth/audit.js';
import type { Principal } from '../../auth/principal.js';
import type { Database } from '../../db/connection.js';
import type { Queryable } from '../../db/index.js';
import { sqlStateOf } from '../../db/queryable.js';
import { surveyResponses as sr } from '../../db/schema.js';
import { completeText, parseJsonAnswer } from '../../llm/client.js';
import type { LlmConfig } from '../../llm/client.js';
import { buildDataset } from './dataset.js';
import { readSurveyFile } from './survey-file.js';
import type { SurveyFormat } from './survey-file.js';

/**
 * Survey (X-data) fusion of the insight console (issue 15, item 5): import of csv/xlsx answers with row-level
 * validation (all or nothing by default), comment tagging (lexicon; the LLM when configured, falling back to
 * the lexicon comment by comment), the console summary, and the drivers joined with the operational data.
 */
export type SurveyDeps = { db: Database; llm: LlmConfig | null; now: () => Date };

const chinaDate = (now: Date): string => new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);

const inList = (ids: readonly number[]) =>
  sql.join(
    ids.map((id) => sql`${id}`),
    sql`, `,
  );

const chunks = <T>(xs: readonly T[], size: number): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += size) out.push(xs.slice(i, i + size));
  return out;
};

/** Which of these customer ids exist, and which (customer, date) pairs are already stored. */
const lookups = async (db: Queryable, ids: readonly number[]) => {
  const known = new Set<number>();
  const stored = new Set<string>();
  for (const part of chunks([...new Set(ids)], 1000)) {
    for (const r of await db.rows<{ id: unknown }>(
      sql`SELECT id FROM customers WHERE id IN (${inList(part)})`,
    ))
      known.add(Number(r.id));
    for (const r of await db.rows<{ customer_id: unknown; d: string }>(
      sql`SELECT customer_id, response_date::text AS d FROM survey_responses WHERE customer_id IN (${inList(part)})`,
    ))
      stored.add(`${Number(r.customer_id)}|${r.d}`);
  }
  return { known, stored };
};

const idsOf = (rows: ReadonlyArray<readonly string[]>, header: readonly string[]): number[] => {
  const j = header.findIndex((h) =>
    ['customer_id', 'customerid', '客户号', '客户id', '客户编号'].includes(
      h.trim().toLowerCase().replace(/\s+/g, '_'),
    ),
  );
  if (j < 0) return [];
  return rows
    .slice(1)
    .map((r) => Number((r[j] ?? '').trim()))
    .filter((v) => Number.isSafeInteger(v) && v > 0);
};

/** Tags with the LLM; null when it fails or answers out of the taxonomy (the caller uses the lexicon). */
const llmTags = async (cfg: LlmConfig, text: string): Promise<CommentTags | null> => {
  try {
    const r = await completeText(cfg, { system: LLM_TAGGING_PROMPT, user: text, json: true });
    return commentTagsFromLlm(parseJsonAnswer(r.text));
  } catch {
    return null;
  }
};

const tagAll = async (
  llm: LlmConfig | null,
  comments: readonly string[],
): Promise<Array<CommentTags & { tagger: 'lexicon' | 'llm' }>> => {
  const out: Array<CommentTags & { tagger: 'lexicon' | 'llm' }> = comments.map((c) => ({
    ...tagComment(c),
    tagger: 'lexicon' as const,
  }));
  if (!llm) return out;
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < comments.length; i = next++) {
      if (comments[i]!.trim() === '') continue;
      const t = await llmTags(llm, comments[i]!);
      if (t) out[i] = { ...t, tagger: 'llm' };
    }
  };
  await Promise.all(Array.from({ length: 4 }, worker));
  return out;
};

export type SurveyImport = {
  batch_id: string;
  received: number;
  imported: number;
  rejected_rows: number;
  errors: RowError[];
  tagger: 'lexicon' | 'llm' | 'mixed';
};

/**
 * Imports a survey file. Every bad cell is named (row, column, value, fix): unknown customer, NPS out of range,
 * CSAT out of range, bad or future date, duplicate response (in the file or already stored). By default a file
 * with any bad row is rejected whole (400, nothing stored, `details.errors` lists them all); with
 * `keepGoodRows` the good rows are stored and the bad ones returned. The rows are written in one transaction.
 */
export const importSurveys = async (
  deps: SurveyDeps,
  who: Principal,
  input: { bytes: Uint8Array; format?: SurveyFormat; keepGoodRows: boolean },
  requestId: string | null = null,
): Promise<SurveyImport> => {
  const rows = await readSurveyFile(input.bytes, input.format);
  const now = deps.now();
  const { known, stored } = await lookups(deps.db, idsOf(rows, rows[0] ?? []));
  const parsed = parseSurveyRows(rows, {
    knownCustomer: (id) => known.has(id),
    stored,
    today: chinaDate(now),
  });
  const badRows = new Set(parsed.errors.map((e) => e.row));
  const received = parsed.responses.length + badRows.size;
  if (parsed.errors.length > 0 && (!input.keepGoodRows || parsed.errors.some((e) => e.row === 1))) {
    const first = parsed.errors[0]!;
    throw badInput(
      `row ${first.row}, column ${first.column}`,
      `${first.message} — ${parsed.errors.length} problem(s) in ${badRows.size} row(s); nothing was imported. ` +
        'Fix the rows listed in details.errors, or import with keep_good_rows to store the good rows only.',
      { errors: parsed.errors.slice(0, 500), rejected_rows: badRows.size, received },
    );
  }
  if (parsed.responses.length === 0)
    throw badInput('file', 'the file has a header but no responses', { errors: parsed.errors });
  const tags = await tagAll(
    deps.llm,
    parsed.responses.map((r) => r.comment),
  );
  const batchId = randomUUID();
  const values = parsed.responses.map((r, i) => ({
    customerId: r.customer_id,
    responseDate: r.response_date,
    nps: r.nps,
    csat: r.csat,
    comment: r.comment,
    sentiment: tags[i]!.sentiment,
    sentimentScore: tags[i]!.score.toFixed(3),
    topics: tags[i]!.topics,
    tagger: tags[i]!.tagger,
    batchId,
    importedAt: now,
    importedBy: who.id,
  }));
  try {
    await deps.db.transaction(async (tx) => {
      for (const part of chunks(values, 500)) await tx.orm.insert(sr).values(part);
      await writeAudit(tx, actorOf(who), requestId, [
        {
          action: 'insight.survey_import',
          targetKind: 'survey_batch',
          target: batchId,
          customerId: null,
          details: { imported: values.length, rejected_rows: badRows.size },
        },
      ]);
    });
  } catch (e) {
    if (sqlStateOf(e) === '23505')
      throw new AppError(
        'CONFLICT',
        'customer_id: a response of the same customer and date was imported at the same time; import again to see which rows',
      );
    throw e;
  }
  const taggers = new Set(tags.map((t) => t.tagger));
  return {
    batch_id: batchId,
    received,
    imported: values.length,
    rejected_rows: badRows.size,
    errors: parsed.errors,
    tagger: taggers.size > 1 ? 'mixed' : taggers.has('llm') ? 'llm' : 'lexicon',
  };
};

/** NPS distribution, CSAT means, sentiment and topic × sentiment counts, and the import batches. */
export const surveySummary = async (db: Queryable) => {
  const rows = await db.orm
    .select({ nps: sr.nps, csat: sr.csat, sentiment: sr.sentiment, topics: sr.topics })
    .from(sr);
  const batches = await db.rows<{ batch_id: string; n: unknown; at: Date }>(sql`
    SELECT batch_id, count(*) AS n, min(imported_at) AS at FROM survey_responses
    GROUP BY batch_id ORDER BY min(imported_at) DESC LIMIT 20`);
  return {
    ...summarizeSurvey(rows.map((r) => ({ ...r, topics: r.topics as TopicMention[] }))),
    batches: batches.map((b) => ({
      batch_id: b.batch_id,
      responses: Number(b.n),
      imported_at: new Date(b.at).toISOString(),
    })),
  };
};

type StoredResponse = {
  customer_id: unknown;
  id: unknown;
  d: string;
  nps: number;
  csat: Record<string, number | null>;
  score: string;
  topics: TopicMention[];
};

/** Survey columns aligned with a dataset whose decision ids are response ids. */
const surveyColumns = (f: InsightDataset, byId: ReadonlyMap<number, StoredResponse>): SurveyColumns => {
  const items = new Set<string>();
  for (const r of byId.values()) for (const k of Object.keys(r.csat)) items.add(k);
  const at = (i: number) => byId.get(f.decisionIds[i]!)!;
  const csat: Record<string, Float64Array> = {};
  for (const k of items) csat[k] = Float64Array.from({ length: f.n }, (_, i) => at(i).csat[k] ?? Number.NaN);
  const negative: Record<string, Float64Array> = {};
  for (const t of SURVEY_TOPICS)
    negative[t.key] = Float64Array.from({ length: f.n }, (_, i) =>
      at(i).topics.some((m) => m.topic === t.key && m.sentiment === ('negative' as SurveySentiment)) ? 1 : 0,
    );
  return {
    nps: Float64Array.from({ length: f.n }, (_, i) => at(i).nps),
    csat,
    sentiment: Float64Array.from({ length: f.n }, (_, i) => Number(at(i).score)),
    negative,
  };
};

const csatMean = (c: Record<string, number | null>): number => {
  const v = Object.values(c).filter((x): x is number => x !== null);
  return v.length === 0 ? Number.NaN : v.reduce((a, b) => a + b, 0) / v.length;
};

/**
 * The drivers of NPS and of detractors (operational factors point-in-time at each response date, survey
 * measures) and the renewal study's effects without/with the survey measures, computed in a worker thread.
 */
export const surveyDriversOn = async (
  db: Queryable,
  o: { asOf: string; seed: number },
): Promise<SurveyDrivers & { as_of: string }> => {
  if (isoDate(o.asOf) !== o.asOf)
    throw badInput('as_of', `expected a calendar date YYYY-MM-DD, got "${o.asOf}"`);
  const responses = await db.rows<StoredResponse>(sql`
    SELECT customer_id, id, response_date::text AS d, nps, csat, sentiment_score::text AS score, topics
    FROM survey_responses WHERE response_date <= ${o.asOf}::date ORDER BY customer_id, response_date`);
  if (responses.length === 0)
    throw new AppError(
      'INSUFFICIENT_EVIDENCE',
      `no survey responses on or before ${o.asOf}; import a survey first`,
      {
        field: 'as_of',
      },
    );
  const byId = new Map(responses.map((r) => [Number(r.id), r]));
  let factors: InsightDataset;
  try {
    factors = await buildDataset(db, { outcome: 'renewal', asOf: o.asOf, population: 'survey' });
  } catch (e) {
    if (e instanceof AppError && e.code === 'INSUFFICIENT_EVIDENCE')
      throw new AppError(
        'INSUFFICIENT_EVIDENCE',
        'no survey response belongs to a customer with a subscription started by the response date',
        { field: 'as_of' },
      );
    throw e;
  }
  const survey = surveyColumns(factors, byId);

  // The renewal decisions with the latest answer dated on or before each decision date (point-in-time).
  let renewal: Parameters<typeof surveyDriversInWorker>[1] = null;
  try {
    const decisions = await buildDataset(db, { outcome: 'renewal', asOf: o.asOf });
    const byCustomer = new Map<number, StoredResponse[]>();
    for (const r of responses) {
      const k = Number(r.customer_id);
      byCustomer.set(k, [...(byCustomer.get(k) ?? []), r]);
    }
    const latest = (i: number): StoredResponse | undefined => {
      const list = byCustomer.get(decisions.customerIds[i]!) ?? [];
      let best: StoredResponse | undefined;
      for (const r of list) if (r.d <= decisions.dates[i]!) best = r;
      return best;
    };
    const picked = Array.from({ length: decisions.n }, (_, i) => latest(i));
    renewal = {
      decisions,
      measures: {
        nps: Float64Array.from(picked, (r) => (r ? r.nps : Number.NaN)),
        csatMean: Float64Array.from(picked, (r) => (r ? csatMean(r.csat) : Number.NaN)),
        sentiment: Float64Array.from(picked, (r) => (r ? Number(r.score) : Number.NaN)),
      },
    };
  } catch (e) {
    if (!(e instanceof AppError && e.code === 'INSUFFICIENT_EVIDENCE')) throw e;
  }
  const r = await surveyDriversInWorker({ factors, survey }, renewal, { seed: o.seed });
  if (!r.ok) throw new AppError(r.error.code as ErrorCode, r.error.message, r.error.details);
  return { as_of: o.asOf, ...r.result };
};

/** The drivers as of a date (default: the China date of the clock). */
export const surveyDriversFor = (db: Queryable, q: { as_of?: string | undefined; seed: number }, now: Date) =>
  surveyDriversOn(db, { asOf: q.as_of ?? chinaDate(now), seed: q.seed });

/** The latest stored responses (for tests and the CLI). */
export const latestResponses = (db: Queryable, limit = 20) =>
  db.orm.select().from(sr).orderBy(desc(sr.importedAt)).limit(limit);
