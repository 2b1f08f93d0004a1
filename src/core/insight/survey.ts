/**
 * Survey (X-data) responses of the insight console (issue 15, item 5): the header and row rules of an imported
 * file (csv or xlsx, decoded to rows of cell texts by the caller), and the Chinese sentiment and topic tagging of
 * the free-text comments. Pure: the caller supplies the known customer ids and the stored responses.
 *
 * Columns (case-insensitive, Chinese aliases accepted): `customer_id` (客户号), `nps` (0–10), any number of
 * `csat_*` items (1–5, empty = not answered), `comment` (意见, may be empty), `response_date` (填写日期,
 * YYYY-MM-DD). One response per customer and date: a repeated pair is a duplicate.
 */
import { compileTaxonomy, DEFAULT_TAXONOMY } from '../conversation/taxonomy.js';
import type { CompiledTaxonomy } from '../conversation/taxonomy.js';
import { scoreSentiment } from '../conversation/sentiment.js';
import { toTurns } from '../conversation/turns.js';
import { normalizeUtterance, splitClauses, splitSentences } from '../conversation/text.js';
import { SURVEY_TOPICS } from './survey-topics.js';
import type { SurveyTopic } from './survey-topics.js';

export type SurveySentiment = 'positive' | 'neutral' | 'negative';

export type SurveyResponse = {
  /** Spreadsheet row number (the header is row 1). */
  row: number;
  customer_id: number;
  nps: number;
  csat: Record<string, number | null>;
  comment: string;
  response_date: string;
};

/** A bad cell: the row (header = 1), the column, the value as written and what to fix. */
export type RowError = { row: number; column: string; value: string; message: string };

export type ParsedSurvey = { csatColumns: string[]; responses: SurveyResponse[]; errors: RowError[] };

const ALIASES: Readonly<Record<string, string>> = {
  customer_id: 'customer_id',
  customerid: 'customer_id',
  客户号: 'customer_id',
  客户id: 'customer_id',
  客户编号: 'customer_id',
  nps: 'nps',
  推荐意愿: 'nps',
  comment: 'comment',
  comments: 'comment',
  意见: 'comment',
  评论: 'comment',
  留言: 'comment',
  response_date: 'response_date',
  date: 'response_date',
  填写日期: 'response_date',
  日期: 'response_date',
};

export const MAX_COMMENT = 2000;
export const MAX_ROWS = 100_000;

const headerKey = (raw: string): string => {
  const h = raw.trim().toLowerCase().replace(/\s+/g, '_');
  if (/^csat_[a-z0-9_]+$/.test(h)) return h;
  return ALIASES[h] ?? h;
};

/** Calendar date check of YYYY-MM-DD (also accepts YYYY/MM/DD and YYYY.MM.DD; returns the ISO form or null). */
export const isoDate = (raw: string): string | null => {
  const m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(raw.trim());
  if (!m) return null;
  const iso = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
  const d = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== iso ? null : iso;
};

const intIn = (raw: string, lo: number, hi: number): number | null => {
  const t = raw.trim();
  if (!/^-?\d+(?:\.0+)?$/.test(t)) return null;
  const v = Number(t);
  return v >= lo && v <= hi ? v : null;
};

/** Thrown (by the caller, as a 400) when the header itself is unusable: the file cannot be read row by row. */
export type HeaderProblem = { column: string; message: string };

/** Checks the header row; returns the column index of every field, or the problems. */
export const surveyHeader = (
  header: readonly string[],
):
  | { ok: true; index: Record<string, number>; csatColumns: string[] }
  | { ok: false; problems: HeaderProblem[] } => {
  const index: Record<string, number> = {};
  const problems: HeaderProblem[] = [];
  header.forEach((raw, j) => {
    if (raw.trim() === '') return;
    const k = headerKey(raw);
    if (index[k] !== undefined)
      problems.push({ column: raw, message: `column "${raw}" appears twice; keep one of them` });
    else index[k] = j;
  });
  for (const need of ['customer_id', 'nps', 'comment', 'response_date'])
    if (index[need] === undefined)
      problems.push({
        column: need,
        message: `missing column "${need}"; the header must name customer_id, nps, csat_* (any number), comment, response_date`,
      });
  const csatColumns = Object.keys(index)
    .filter((k) => k.startsWith('csat_'))
    .sort((a, b) => index[a]! - index[b]!);
  return problems.length > 0 ? { ok: false, problems } : { ok: true, index, csatColumns };
};

/**
 * Validates the data rows (rows[0] is the header). Every bad cell is listed with its row, column and the fix;
 * `knownCustomer` names unknown ids; `stored` holds "customerId|date" keys already in the database (duplicates);
 * `today` (YYYY-MM-DD) refuses responses dated in the future. Blank rows are skipped.
 */
export const parseSurveyRows = (
  rows: ReadonlyArray<readonly string[]>,
  opts: {
    knownCustomer?: (id: number) => boolean;
    stored?: ReadonlySet<string>;
    today?: string;
  } = {},
): ParsedSurvey => {
  const h = surveyHeader(rows[0] ?? []);
  if (!h.ok)
    return {
      csatColumns: [],
      responses: [],
      errors: h.problems.map((p) => ({ row: 1, column: p.column, value: '', message: p.message })),
    };
  const { index, csatColumns } = h;
  const errors: RowError[] = [];
  const responses: SurveyResponse[] = [];
  const seen = new Map<string, number>();
  if (rows.length - 1 > MAX_ROWS)
    errors.push({
      row: 1,
      column: 'customer_id',
      value: String(rows.length - 1),
      message: `at most ${MAX_ROWS} responses a file; split the file`,
    });
  for (let r = 1; r < rows.length && errors.length < 1000; r++) {
    const cells = rows[r] ?? [];
    if (cells.every((c) => (c ?? '').trim() === '')) continue;
    const row = r + 1;
    const cell = (k: string) => (cells[index[k]!] ?? '').trim();
    const bad = (column: string, message: string) =>
      errors.push({ row, column, value: cell(column), message });
    const before = errors.length;

    const idRaw = cell('customer_id');
    const id = intIn(idRaw, 1, Number.MAX_SAFE_INTEGER);
    if (id === null)
      bad('customer_id', 'expected a customer number such as 1024 (the id of the customer list)');
    else if (opts.knownCustomer && !opts.knownCustomer(id))
      bad('customer_id', `unknown customer ${id}; check the id against the customer list or remove the row`);

    const nps = intIn(cell('nps'), 0, 10);
    if (nps === null) bad('nps', 'expected a whole number from 0 to 10 (how likely to recommend us)');

    const csat: Record<string, number | null> = {};
    for (const c of csatColumns) {
      const raw = cell(c);
      if (raw === '') csat[c] = null;
      else {
        const v = intIn(raw, 1, 5);
        if (v === null) bad(c, 'expected a whole number from 1 to 5, or leave it empty when not answered');
        csat[c] = v;
      }
    }

    const comment = cell('comment');
    if (comment.length > MAX_COMMENT)
      errors.push({
        row,
        column: 'comment',
        value: `${comment.slice(0, 20)}…`,
        message: `at most ${MAX_COMMENT} characters; shorten the comment`,
      });

    const dateRaw = cell('response_date');
    const date = isoDate(dateRaw);
    if (date === null) bad('response_date', 'expected a date YYYY-MM-DD such as 2026-06-30');
    else if (opts.today !== undefined && date > opts.today)
      bad('response_date', `the date is after today (${opts.today}); correct the date`);

    if (id !== null && date !== null) {
      const key = `${id}|${date}`;
      const first = seen.get(key);
      if (first !== undefined)
        bad(
          'customer_id',
          `duplicate response: customer ${id} on ${date} is already in row ${first}; keep one of the rows`,
        );
      else if (opts.stored?.has(key))
        bad(
          'customer_id',
          `duplicate response: customer ${id} on ${date} was imported before; remove the row`,
        );
      else seen.set(key, row);
    }
    if (errors.length === before)
      responses.push({ row, customer_id: id!, nps: nps!, csat, comment, response_date: date! });
  }
  return { csatColumns, responses, errors };
};

// ─── Sentiment and topics ────────────────────────────────────────────────────────────────────────────────

export { SURVEY_TOPICS };
export type { SurveyTopic };

/**
 * Extra sentiment cues of survey comments, added to the conversation taxonomy's cues (the same matching,
 * negation and question rules: 不方便 and 不专业 count negative).
 */
const SURVEY_CUES: ReadonlyArray<{ pattern: string; weight: number }> = [
  {
    pattern: '卡顿|闪退|登不上|看不懂|不透明|乱收费|太高了|偏高|很慢|太慢|难用|麻烦|复杂|没人管|不及时',
    weight: -2,
  },
  { pattern: '高了|贵了|一般般|不太好|慢|少了|下降|缩水', weight: -1 },
  { pattern: '方便|好用|流畅|清楚|清晰|及时|耐心|热情|周到|稳健|划算|实惠|透明|省心', weight: 2 },
  { pattern: '还行|可以|合理|稳定|赚了|涨了', weight: 1 },
];

let surveyTx: CompiledTaxonomy | null = null;
/** The conversation taxonomy with the survey cues; a single comment is positive or negative from ±1. */
const surveyTaxonomy = (): CompiledTaxonomy =>
  (surveyTx ??= compileTaxonomy({
    ...DEFAULT_TAXONOMY,
    sentiment: { threshold: 1, cues: [...DEFAULT_TAXONOMY.sentiment.cues, ...SURVEY_CUES] },
  }));

const topicRes = SURVEY_TOPICS.map((t) => ({ key: t.key, re: new RegExp(t.cues.toLowerCase(), 'u') }));

export type TopicMention = { topic: SurveyTopic; sentiment: SurveySentiment };
export type CommentTags = {
  sentiment: SurveySentiment;
  score: number;
  topics: TopicMention[];
};

const label = (score: number, th: number): SurveySentiment =>
  score >= th ? 'positive' : score <= -th ? 'negative' : 'neutral';

/**
 * Lexicon tagging of one comment: the overall sentiment (the conversation engine's cue weights, negation and
 * question rules, with the survey cues) and each topic mentioned with the sentiment of the clauses naming it.
 */
export const tagComment = (text: string): CommentTags => {
  const tx = surveyTaxonomy();
  const clean = text.trim();
  if (clean === '') return { sentiment: 'neutral', score: 0, topics: [] };
  const all = scoreSentiment(toTurns([{ sender: 'customer', text: clean }]), tx);
  const byTopic = new Map<SurveyTopic, number>();
  for (const sentence of splitSentences(clean))
    for (const clause of splitClauses(sentence)) {
      const norm = normalizeUtterance(clause);
      const hits = topicRes.filter((t) => t.re.test(norm));
      if (hits.length === 0) continue;
      const s = scoreSentiment(toTurns([{ sender: 'customer', text: clause }]), tx).score;
      for (const t of hits) byTopic.set(t.key, (byTopic.get(t.key) ?? 0) + s);
    }
  const topics = SURVEY_TOPICS.filter((t) => byTopic.has(t.key)).map((t) => ({
    topic: t.key,
    sentiment: label(byTopic.get(t.key)!, 1),
  }));
  return { sentiment: label(all.score, tx.sentiment.threshold), score: all.score, topics };
};

/** Checks an LLM's tagging answer; null when it is not usable (the caller falls back to the lexicon). */
export const commentTagsFromLlm = (answer: unknown): CommentTags | null => {
  const a = answer as { sentiment?: unknown; topics?: unknown };
  const sentiments = ['positive', 'neutral', 'negative'];
  if (typeof a?.sentiment !== 'string' || !sentiments.includes(a.sentiment)) return null;
  if (!Array.isArray(a.topics)) return null;
  const keys = new Set<string>(SURVEY_TOPICS.map((t) => t.key));
  const topics: TopicMention[] = [];
  for (const t of a.topics as Array<{ topic?: unknown; sentiment?: unknown }>) {
    if (typeof t?.topic !== 'string' || !keys.has(t.topic)) return null;
    if (typeof t.sentiment !== 'string' || !sentiments.includes(t.sentiment)) return null;
    if (!topics.some((x) => x.topic === t.topic))
      topics.push({ topic: t.topic as SurveyTopic, sentiment: t.sentiment as SurveySentiment });
  }
  const sentiment = a.sentiment as SurveySentiment;
  return { sentiment, score: sentiment === 'positive' ? 1 : sentiment === 'negative' ? -1 : 0, topics };
};

/** The instruction given to the LLM (when configured) for one comment. */
export const LLM_TAGGING_PROMPT = [
  '你是银行理财调研的评论分析员。读一条客户评论，只输出 JSON：',
  '{"sentiment":"positive|neutral|negative","topics":[{"topic":"KEY","sentiment":"positive|neutral|negative"}]}',
  `topic 只能取：${SURVEY_TOPICS.map((t) => `${t.key}（${t.zh}）`).join('、')}；没有提到的主题不要列出。`,
].join('\n');

// ─── Summary ──────────────────────────────────────────────────────────────────────────────────────────────

/** NPS class: promoter 9–10, passive 7–8, detractor 0–6. */
export const npsClass = (nps: number): 'promoter' | 'passive' | 'detractor' =>
  nps >= 9 ? 'promoter' : nps >= 7 ? 'passive' : 'detractor';

export type SurveySummary = {
  responses: number;
  nps_score: number | null;
  promoters: number;
  passives: number;
  detractors: number;
  /** Responses per NPS answer 0..10. */
  distribution: number[];
  csat: Array<{ item: string; mean: number | null; answered: number }>;
  sentiment: Record<SurveySentiment, number>;
  topics: Array<{ topic: SurveyTopic; zh: string; en: string } & Record<SurveySentiment, number>>;
};

/** Counts of stored responses for the console (NPS distribution, CSAT means, topic × sentiment). */
export const summarizeSurvey = (
  rows: ReadonlyArray<{
    nps: number;
    csat: Record<string, number | null>;
    sentiment: SurveySentiment;
    topics: readonly TopicMention[];
  }>,
): SurveySummary => {
  const distribution = Array.from({ length: 11 }, () => 0);
  const sentiment = { positive: 0, neutral: 0, negative: 0 };
  const topics = SURVEY_TOPICS.map((t): SurveySummary['topics'][number] => ({
    topic: t.key,
    zh: t.zh,
    en: t.en,
    positive: 0,
    neutral: 0,
    negative: 0,
  }));
  const csat = new Map<string, { sum: number; n: number }>();
  for (const r of rows) {
    distribution[r.nps] = (distribution[r.nps] ?? 0) + 1;
    sentiment[r.sentiment]++;
    for (const m of r.topics) {
      const t = topics.find((x) => x.topic === m.topic);
      if (t) t[m.sentiment]++;
    }
    for (const [k, v] of Object.entries(r.csat)) {
      const c = csat.get(k) ?? { sum: 0, n: 0 };
      if (v !== null) {
        c.sum += v;
        c.n++;
      }
      csat.set(k, c);
    }
  }
  const n = rows.length;
  const promoters = distribution.slice(9).reduce((s, v) => s + v, 0);
  const detractors = distribution.slice(0, 7).reduce((s, v) => s + v, 0);
  return {
    responses: n,
    nps_score: n === 0 ? null : (100 * (promoters - detractors)) / n,
    promoters,
    passives: n - promoters - detractors,
    detractors,
    distribution,
    csat: [...csat.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([item, c]) => ({ item, mean: c.n === 0 ? null : c.sum / c.n, answered: c.n })),
    sentiment,
    topics,
  };
};
