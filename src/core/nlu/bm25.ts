/**
 * Okapi BM25 over pre-tokenised documents (Robertson & Zaragoza 2009, "The Probabilistic Relevance Framework:
 * BM25 and Beyond"), with Lucene's non-negative IDF:
 *   score(q, d) = Σ_t∈q idf(t) · tf(t,d)·(k1 + 1) / (tf(t,d) + k1·(1 − b + b·|d|/avgdl)),
 *   idf(t) = ln(1 + (N − df + 0.5) / (df + 0.5)).
 */
export type Bm25Params = { k1: number; b: number };
export const DEFAULT_BM25: Bm25Params = { k1: 1.2, b: 0.75 };

/**
 * One term's documents, raw term frequencies, and each document's whole contribution idf · tf·(k1+1)/(tf + k1·(1−b+b·|d|/avgdl))
 * computed once at build time, so that scoring a query is one multiply-free add per posting.
 */
type Posting = { docs: Int32Array; tfs: Float64Array; scores: Float64Array };

export type Bm25Index = {
  params: Bm25Params;
  size: number;
  avgLen: number;
  lengths: Float64Array;
  postings: Map<string, Posting>;
  idf: Map<string, number>;
};

export const buildBm25 = (
  docs: readonly (readonly string[])[],
  params: Bm25Params = DEFAULT_BM25,
): Bm25Index => {
  const lists = new Map<string, { docs: number[]; tfs: number[] }>();
  const lengths = new Float64Array(docs.length);
  let total = 0;
  docs.forEach((terms, d) => {
    lengths[d] = terms.length;
    total += terms.length;
    const tf = new Map<string, number>();
    for (const t of terms) tf.set(t, (tf.get(t) ?? 0) + 1);
    for (const [t, c] of tf) {
      let l = lists.get(t);
      if (!l) lists.set(t, (l = { docs: [], tfs: [] }));
      l.docs.push(d);
      l.tfs.push(c);
    }
  });
  const postings = new Map<string, Posting>();
  const idf = new Map<string, number>();
  const n = docs.length;
  const avgLen = n > 0 ? total / n : 0;
  const { k1, b } = params;
  for (const [t, l] of lists) {
    const w = Math.log(1 + (n - l.docs.length + 0.5) / (l.docs.length + 0.5));
    idf.set(t, w);
    const scores = Float64Array.from(l.docs, (d, j) => {
      const tf = l.tfs[j]!;
      return (w * tf * (k1 + 1)) / (tf + k1 * (1 - b + (b * lengths[d]!) / avgLen));
    });
    postings.set(t, { docs: Int32Array.from(l.docs), tfs: Float64Array.from(l.tfs), scores });
  }
  return { params, size: n, avgLen, lengths, postings, idf };
};

/** Adds the BM25 score of each document for the query terms (duplicates count once) into `out`. */
export const scoreBm25 = (index: Bm25Index, query: readonly string[], out: Float64Array, weight = 1): void =>
  scoreBm25Distinct(index, [...new Set(query)], out, weight);

/** scoreBm25 for query terms that are already distinct (a query's terms deduplicated once for every index). */
export const scoreBm25Distinct = (
  index: Bm25Index,
  terms: readonly string[],
  out: Float64Array,
  weight = 1,
): void => {
  for (let k = 0; k < terms.length; k++) {
    const p = index.postings.get(terms[k]!);
    if (!p) continue;
    const { docs, scores } = p;
    if (weight === 1) for (let j = 0; j < docs.length; j++) out[docs[j]!]! += scores[j]!;
    else for (let j = 0; j < docs.length; j++) out[docs[j]!]! += weight * scores[j]!;
  }
};

/**
 * Σ idf(t) over the distinct query terms — the score of an average-length document containing each term once.
 * A term the index has never seen counts with the IDF of df = 0, so a query that is mostly about something
 * else scores low. Dividing by it puts scores on a comparable 0–~1 scale across queries, which is what makes
 * one "no match" threshold meaningful.
 */
export const queryWeight = (index: Bm25Index, query: readonly string[]): number =>
  queryWeightDistinct(index, [...new Set(query)]);

/** queryWeight for query terms that are already distinct. */
export const queryWeightDistinct = (index: Bm25Index, terms: readonly string[]): number => {
  const unseen = Math.log(1 + (index.size + 0.5) / 0.5);
  let s = 0;
  for (let k = 0; k < terms.length; k++) s += index.idf.get(terms[k]!) ?? unseen;
  return s;
};
