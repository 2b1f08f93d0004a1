/**
 * Cosine similarity over sparse TF-IDF vectors (sublinear tf, smooth idf = ln((1+N)/(1+df)) + 1, each vector
 * L2-normalised) with an inverted index, plus what retrieval needs to score an item's centroid (the sum of its
 * question vectors) with or without one of its questions, without a second index:
 *   cos(q, centroid_i) = Σ_{d∈i} cos(q, v_d) / ‖S_i‖,  and without question e: (Σ_{d∈i} cos(q, v_d) − cos(q, v_e)) /
 *   sqrt(‖S_i‖² − 2·S_i·v_e + ‖v_e‖²).
 * A query term the index has never seen keeps the idf of df = 0, so it lowers every cosine (an unfamiliar
 * query scores low everywhere, which the "no match" decision uses).
 */
export type VectorIndex = {
  size: number;
  idf: Map<string, number>;
  unseenIdf: number;
  postings: Map<string, { docs: Int32Array; w: Float64Array }>;
  /** ‖S_i‖² of each item's summed question vectors, and 1/‖S_i‖ (0 for an empty item). */
  itemNormSq: Float64Array;
  itemInvNorm: Float64Array;
  /** S_item(d) · v_d and ‖v_d‖² (0 or 1) of each document. */
  docDotSum: Float64Array;
  docNormSq: Float64Array;
};

type Sparse = Map<string, number>;

const weigh = (terms: readonly string[], idfOf: (t: string) => number): Sparse => {
  const tf = new Map<string, number>();
  for (const t of terms) tf.set(t, (tf.get(t) ?? 0) + 1);
  let sq = 0;
  const v: Sparse = new Map();
  for (const [t, c] of tf) {
    const w = (1 + Math.log(c)) * idfOf(t);
    v.set(t, w);
    sq += w * w;
  }
  const norm = Math.sqrt(sq);
  if (norm > 0) for (const [t, w] of v) v.set(t, w / norm);
  return v;
};

/** Index of documents (term lists) grouped into items by `docItem`. */
export const buildVectorIndex = (
  docs: readonly (readonly string[])[],
  docItem: Int32Array,
  items: number,
): VectorIndex => {
  const n = docs.length;
  const df = new Map<string, number>();
  for (const d of docs) for (const t of new Set(d)) df.set(t, (df.get(t) ?? 0) + 1);
  const idf = new Map<string, number>();
  for (const [t, c] of df) idf.set(t, Math.log((1 + n) / (1 + c)) + 1);
  const unseenIdf = Math.log(1 + n) + 1;
  const vectors = docs.map((d) => weigh(d, (t) => idf.get(t)!));
  const lists = new Map<string, { docs: number[]; w: number[] }>();
  vectors.forEach((v, d) => {
    for (const [t, w] of v) {
      let l = lists.get(t);
      if (!l) lists.set(t, (l = { docs: [], w: [] }));
      l.docs.push(d);
      l.w.push(w);
    }
  });
  const postings = new Map<string, { docs: Int32Array; w: Float64Array }>();
  for (const [t, l] of lists) postings.set(t, { docs: Int32Array.from(l.docs), w: Float64Array.from(l.w) });
  const sums: Sparse[] = Array.from({ length: items }, (): Sparse => new Map<string, number>());
  vectors.forEach((v, d) => {
    const s = sums[docItem[d]!]!;
    for (const [t, w] of v) s.set(t, (s.get(t) ?? 0) + w);
  });
  const itemNormSq = Float64Array.from(sums, (s) => {
    let q = 0;
    for (const w of s.values()) q += w * w;
    return q;
  });
  const docDotSum = new Float64Array(n);
  const docNormSq = new Float64Array(n);
  vectors.forEach((v, d) => {
    const s = sums[docItem[d]!]!;
    let dot = 0;
    let sq = 0;
    for (const [t, w] of v) {
      dot += w * s.get(t)!;
      sq += w * w;
    }
    docDotSum[d] = dot;
    docNormSq[d] = sq;
  });
  const itemInvNorm = Float64Array.from(itemNormSq, (q) => (q > 0 ? 1 / Math.sqrt(q) : 0));
  return { size: n, idf, unseenIdf, postings, itemNormSq, itemInvNorm, docDotSum, docNormSq };
};

/** Cosine of the query terms with every document, written into `out` (length = documents). */
export const cosineScores = (index: VectorIndex, query: readonly string[], out: Float64Array): void => {
  out.fill(0);
  const v = weigh(query, (t) => index.idf.get(t) ?? index.unseenIdf);
  for (const [t, w] of v) {
    const p = index.postings.get(t);
    if (!p) continue;
    for (let j = 0; j < p.docs.length; j++) out[p.docs[j]!]! += w * p.w[j]!;
  }
};

/** Cosine with an item's centroid from the per-document cosines; `left` is a document to leave out, or −1. */
export const centroidCosine = (index: VectorIndex, sumCos: number, item: number, left: number): number => {
  if (left < 0) return sumCos * index.itemInvNorm[item]!;
  const n = index.itemNormSq[item]! - 2 * index.docDotSum[left]! + index.docNormSq[left]!;
  return n > 1e-12 ? sumCos / Math.sqrt(n) : 0;
};
