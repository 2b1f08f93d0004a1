import { buildBm25, queryWeight, scoreBm25, type Bm25Index } from './bm25.js';
import { normalizeText } from './normalize.js';
import { segments, words } from './tokenize.js';
import type { KbItem } from './types.js';

/**
 * Knowledge-base retrieval: BM25 over each item's standard and similar questions (best of them counts),
 * plus BM25 over the answers at a lower weight; query and documents are expanded with synonym groups; a
 * normalised score threshold gives an explicit "no match"; the top-k are returned for "did you mean".
 */
export type KbOptions = {
  synonyms: readonly (readonly string[])[];
  /** Below this normalised score the answer is "no match" (candidates are still listed). */
  threshold: number;
  /** Weight of the answer-text score relative to the question score. */
  answerWeight: number;
};

/** Threshold and answer weight chosen on the KB evaluation queries (data/kb-queries.ts). */
export const DEFAULT_KB_OPTIONS: KbOptions = { synonyms: [], threshold: 0.26, answerWeight: 0.5 };

export type KbHit = { id: string; question: string; category: string; score: number };
export type KbResult = { match: (KbHit & { answer: string }) | null; candidates: KbHit[] };

export type KbIndex = {
  items: KbItem[];
  options: KbOptions;
  questions: Bm25Index;
  /** Item of each question document. */
  questionItem: Int32Array;
  answers: Bm25Index;
  synonymPattern: RegExp | null;
  synonymGroup: Map<string, number>;
};

/** Particles and pronouns that carry no topic (kept inside character bigrams, dropped as words). */
const STOP = new Set([
  ...'的了吗呢吧啊呀哦嘛么我你您是在个这那和与就都也还要会能把给让被',
  '请问',
  '一下',
  '可以',
  '怎么',
  '什么',
  '如何',
]);

const buildSynonyms = (
  groups: readonly (readonly string[])[],
): Pick<KbIndex, 'synonymPattern' | 'synonymGroup'> => {
  const synonymGroup = new Map<string, number>();
  groups.forEach((g, i) => {
    for (const term of g) {
      const t = normalizeText(term);
      if (t.length >= 2 && !synonymGroup.has(t)) synonymGroup.set(t, i);
    }
  });
  if (synonymGroup.size === 0) return { synonymPattern: null, synonymGroup };
  const escaped = [...synonymGroup.keys()]
    .sort((a, b) => b.length - a.length)
    .map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return { synonymPattern: new RegExp(escaped.join('|'), 'g'), synonymGroup };
};

/** Retrieval terms of normalised text: content words, CJK character bigrams and unigrams, synonym-group tokens. */
export const kbTerms = (text: string, index: Pick<KbIndex, 'synonymPattern' | 'synonymGroup'>): string[] => {
  const out: string[] = [];
  for (const w of words(text, true)) if (!STOP.has(w) && /[\p{L}\p{N}]/u.test(w)) out.push(w);
  for (const seg of segments(text)) {
    if (seg.kind !== 'cjk') continue;
    const chars = [...seg.text];
    for (let i = 0; i + 1 < chars.length; i++) out.push('§' + chars[i]! + chars[i + 1]!);
    // Single characters (minus particles) rescue paraphrases that share no bigram: 货基 ↔ 货币基金.
    for (const ch of chars) if (!STOP.has(ch)) out.push('¹' + ch);
  }
  if (index.synonymPattern) {
    for (const m of text.matchAll(index.synonymPattern)) out.push(`≈${index.synonymGroup.get(m[0])}`);
  }
  return out;
};

export const buildKbIndex = (items: readonly KbItem[], options: Partial<KbOptions> = {}): KbIndex => {
  const opts: KbOptions = { ...DEFAULT_KB_OPTIONS, ...options };
  const syn = buildSynonyms(opts.synonyms);
  const qDocs: string[][] = [];
  const qItem: number[] = [];
  items.forEach((item, i) => {
    for (const q of [item.question, ...item.similar]) {
      qDocs.push(kbTerms(normalizeText(q), syn));
      qItem.push(i);
    }
  });
  const aDocs = items.map((item) => kbTerms(normalizeText(item.answer), syn));
  return {
    items: [...items],
    options: opts,
    questions: buildBm25(qDocs, { k1: 1.2, b: 0.5 }),
    questionItem: Int32Array.from(qItem),
    answers: buildBm25(aDocs, { k1: 1.2, b: 0.75 }),
    ...syn,
  };
};

const round4 = (v: number): number => Math.round(v * 1e4) / 1e4;

/** Top-k items for a NORMALISED query; `match` is null ("no match") when the best score is under the threshold. */
export const searchKbNormalized = (index: KbIndex, normalized: string, k = 5): KbResult => {
  const n = index.items.length;
  if (n === 0) return { match: null, candidates: [] };
  const terms = kbTerms(normalized, index);
  const qScores = new Float64Array(index.questions.size);
  scoreBm25(index.questions, terms, qScores);
  const aScores = new Float64Array(n);
  scoreBm25(index.answers, terms, aScores);
  const qw = queryWeight(index.questions, terms) || 1;
  const aw = queryWeight(index.answers, terms) || 1;
  const best = new Float64Array(n);
  for (let d = 0; d < qScores.length; d++) {
    const i = index.questionItem[d]!;
    if (qScores[d]! > best[i]!) best[i] = qScores[d]!;
  }
  const scores = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    scores[i] = best[i]! / qw + (index.options.answerWeight * aScores[i]!) / aw;
  }
  const order = topK(scores, k);
  const candidates = order.map((i) => {
    const it = index.items[i]!;
    return { id: it.id, question: it.question, category: it.category, score: round4(scores[i]!) };
  });
  const top = order[0];
  const match =
    top !== undefined && scores[top]! >= index.options.threshold
      ? { ...candidates[0]!, answer: index.items[top]!.answer }
      : null;
  return { match, candidates };
};

export const searchKb = (index: KbIndex, query: string, k = 5): KbResult =>
  searchKbNormalized(index, normalizeText(query), k);

/** Indices of the k largest positive scores, best first. */
const topK = (scores: Float64Array, k: number): number[] => {
  const out: number[] = [];
  for (let i = 0; i < scores.length; i++) {
    if (!(scores[i]! > 0)) continue;
    let p = out.length;
    if (p === k && scores[i]! <= scores[out[k - 1]!]!) continue;
    if (p === k) {
      out.pop();
      p--;
    }
    while (p > 0 && scores[out[p - 1]!]! < scores[i]!) p--;
    out.splice(p, 0, i);
  }
  return out;
};
