import { buildBm25, queryWeightDistinct, scoreBm25Distinct, type Bm25Index } from './bm25.js';
import { intentProbabilities, type IntentModel } from './intent-model.js';
import { textViews, type TextViews } from './kb-text.js';
import { buildVectorIndex, cosineScores, type VectorIndex } from './kb-vectors.js';
import type { Lexicon } from './lexicon-match.js';
import { normalizeText } from './normalize.js';
import { pinyinInitials } from './pinyin-terms.js';
import type { KbItem } from './types.js';

/**
 * The retrieval structures of one knowledge base: BM25 over questions and over answers, TF-IDF cosine in three
 * views (characters, words + lexicon concepts, pinyin), per-item word and concept counts (so that one question
 * can be left out when the ranker learns from the KB's own questions), and the intent profile of each item.
 */
export type KbCore = {
  items: KbItem[];
  lexicon: Lexicon;
  docItem: Int32Array;
  /** Each item's questions are documents docStart[i] … docStart[i + 1] − 1 (contiguous, in item order). */
  docStart: Int32Array;
  itemDocs: Int32Array[];
  docViews: TextViews[];
  /** Normalised text of each question. */
  docText: string[];
  /** Characters of each normalised question. */
  docLength: Int32Array;
  bm25q: Bm25Index;
  bm25a: Bm25Index;
  /** BM25 over each item's questions joined into one document. */
  bm25i: Bm25Index;
  /** Per item: term frequencies of that joined document (to score it without one question). */
  itemTf: Map<string, number>[];
  chars: VectorIndex;
  words: VectorIndex;
  pinyin: VectorIndex;
  /** Per item: how many of its questions contain each word/concept term. */
  itemWordCount: Map<string, number>[];
  answerWords: Set<string>[];
  /** Normalised questions + answer of each item (numbers and product codes are looked up here). */
  itemText: string[];
  intent: { model: IntentModel; K: number; doc: Float64Array; itemSum: Float64Array } | null;
  /** Pinyin initials (≥ 2 letters) → the KB's Chinese words with those initials, most frequent first. */
  initials: Map<string, string[]>;
  /**
   * Score buffers reused by every query (a query allocates nothing proportional to the KB, which keeps garbage
   * collection out of the latency tail). Not re-entrant: the scores of a query are valid until the next one.
   */
  scratch: Scratch;
};

export type Scratch = { docs: Float64Array[]; items: Float64Array[]; itemInts: Int32Array };

const scratchFor = (docs: number, items: number): Scratch => ({
  docs: Array.from({ length: 5 }, () => new Float64Array(docs)),
  items: Array.from({ length: 10 }, () => new Float64Array(items)),
  itemInts: new Int32Array(items),
});

export const buildKbCore = (
  items: readonly KbItem[],
  lexicon: Lexicon,
  intentModel: IntentModel | null,
): KbCore => {
  const docItem: number[] = [];
  const texts: string[] = [];
  const itemDocs: Int32Array[] = [];
  items.forEach((item, i) => {
    const ids: number[] = [];
    for (const q of [item.question, ...item.similar]) {
      ids.push(texts.length);
      texts.push(normalizeText(q));
      docItem.push(i);
    }
    itemDocs.push(Int32Array.from(ids));
  });
  const di = Int32Array.from(docItem);
  const docStart = Int32Array.from({ length: items.length + 1 }, (_, i) =>
    i < items.length ? itemDocs[i]![0]! : texts.length,
  );
  const docViews = texts.map((t) => textViews(t, lexicon));
  const answers = items.map((it) => textViews(normalizeText(it.answer), lexicon));
  const itemWordCount = items.map(() => new Map<string, number>());
  const itemTerms: string[][] = items.map(() => []);
  docViews.forEach((v, d) => itemTerms[di[d]!]!.push(...v.bm25));
  const itemTf = itemTerms.map((terms) => {
    const m = new Map<string, number>();
    for (const t of terms) m.set(t, (m.get(t) ?? 0) + 1);
    return m;
  });
  docViews.forEach((v, d) => {
    const m = itemWordCount[di[d]!]!;
    for (const t of new Set(v.words)) m.set(t, (m.get(t) ?? 0) + 1);
  });
  return {
    items: [...items],
    lexicon,
    docItem: di,
    docStart,
    itemDocs,
    docViews,
    docText: texts,
    docLength: Int32Array.from(texts, (t) => [...t].length),
    bm25q: buildBm25(
      docViews.map((v) => v.bm25),
      { k1: 1.2, b: 0.5 },
    ),
    bm25a: buildBm25(
      answers.map((v) => v.bm25),
      { k1: 1.2, b: 0.75 },
    ),
    bm25i: buildBm25(itemTerms, { k1: 1.2, b: 0.5 }),
    itemTf,
    chars: buildVectorIndex(
      docViews.map((v) => v.chars),
      di,
      items.length,
    ),
    words: buildVectorIndex(
      docViews.map((v) => v.words),
      di,
      items.length,
    ),
    pinyin: buildVectorIndex(
      docViews.map((v) => v.pinyin),
      di,
      items.length,
    ),
    itemWordCount,
    answerWords: answers.map((v) => new Set(v.words)),
    itemText: items.map(
      (it, i) => texts.filter((_, d) => di[d] === i).join(' ') + ' ' + normalizeText(it.answer),
    ),
    intent: intentModel ? intentProfile(intentModel, texts, di, items.length) : null,
    initials: initialsMap(docViews),
    scratch: scratchFor(texts.length, items.length),
  };
};

const intentProfile = (
  model: IntentModel,
  texts: readonly string[],
  docItem: Int32Array,
  items: number,
): KbCore['intent'] => {
  const K = model.labels.length;
  const doc = new Float64Array(texts.length * K);
  const itemSum = new Float64Array(items * K);
  texts.forEach((t, d) => {
    const p = intentProbabilities(model, t);
    const i = docItem[d]!;
    for (let k = 0; k < K; k++) {
      doc[d * K + k] = p[k]!;
      itemSum[i * K + k]! += p[k]!;
    }
  });
  return { model, K, doc, itemSum };
};

const initialsMap = (views: readonly TextViews[]): Map<string, string[]> => {
  const freq = new Map<string, number>();
  for (const v of views) {
    for (const w of v.words) if (/^[\u3400-\u9fff]{2,5}$/.test(w)) freq.set(w, (freq.get(w) ?? 0) + 1);
  }
  const out = new Map<string, string[]>();
  for (const [w] of [...freq].sort((a, b) => b[1] - a[1])) {
    const key = pinyinInitials(w);
    if (key.length < 2) continue;
    const l = out.get(key) ?? [];
    if (l.length < 3) l.push(w);
    out.set(key, l);
  }
  return out;
};

/**
 * BM25 of an item's joined questions without question `left` (same statistics otherwise): the tf and length
 * of the item's document minus that question's.
 */
export const itemBm25Without = (
  core: KbCore,
  terms: readonly string[],
  item: number,
  left: number,
): number => {
  const idx = core.bm25i;
  const { k1, b } = idx.params;
  const leftTf = new Map<string, number>();
  for (const t of core.docViews[left]!.bm25) leftTf.set(t, (leftTf.get(t) ?? 0) + 1);
  const len = idx.lengths[item]! - core.docViews[left]!.bm25.length;
  const norm = k1 * (1 - b + (b * len) / idx.avgLen);
  let s = 0;
  for (const t of new Set(terms)) {
    const tf = (core.itemTf[item]!.get(t) ?? 0) - (leftTf.get(t) ?? 0);
    if (tf > 0) s += (idx.idf.get(t)! * tf * (k1 + 1)) / (tf + norm);
  }
  return s;
};

/**
 * Views of a normalised query. A Latin token the KB never uses but whose letters are the pinyin initials of a
 * KB word (zs → 指数) is read as that word.
 */
export const queryViews = (core: KbCore, normalized: string): TextViews => {
  let text = normalized;
  for (const m of normalized.matchAll(/[a-z]{2,6}/g)) {
    const tok = m[0];
    if (core.words.idf.has(tok) || core.chars.idf.has(tok)) continue;
    const word = core.initials.get(tok)?.[0];
    if (word) text = text.replace(tok, word);
  }
  return textViews(text, core.lexicon);
};

/**
 * Per-document and per-item raw scores of one query (before any item is aggregated or left out). The arrays
 * live in the KB's scratch buffers: valid until the next query.
 */
export type RawScores = {
  views: TextViews;
  bm25q: Float64Array;
  bm25a: Float64Array;
  bm25i: Float64Array;
  qWeight: number;
  iWeight: number;
  aWeight: number;
  chars: Float64Array;
  words: Float64Array;
  pinyin: Float64Array;
  /** Intent probabilities of the query (empty without an intent model). */
  intent: Float64Array;
};

export const rawScores = (core: KbCore, views: TextViews, normalized: string): RawScores => {
  const [bm25q, chars, words, pinyin] = core.scratch.docs as [
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array,
  ];
  const [bm25a, bm25i] = core.scratch.items as [Float64Array, Float64Array];
  bm25q.fill(0);
  bm25a.fill(0);
  bm25i.fill(0);
  const terms = [...new Set(views.bm25)];
  scoreBm25Distinct(core.bm25q, terms, bm25q);
  scoreBm25Distinct(core.bm25a, terms, bm25a);
  scoreBm25Distinct(core.bm25i, terms, bm25i);
  cosineScores(core.chars, views.chars, chars);
  cosineScores(core.words, views.words, words);
  cosineScores(core.pinyin, views.pinyin, pinyin);
  return {
    views,
    bm25q,
    bm25a,
    bm25i,
    qWeight: queryWeightDistinct(core.bm25q, terms) || 1,
    iWeight: queryWeightDistinct(core.bm25i, terms) || 1,
    aWeight: queryWeightDistinct(core.bm25a, terms) || 1,
    chars,
    words,
    pinyin,
    intent: core.intent ? intentProbabilities(core.intent.model, normalized) : new Float64Array(0),
  };
};
