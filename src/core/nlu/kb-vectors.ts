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
  /** Term → dense id, with the idf and postings of each id (what a query looks up, one Map probe per term). */
  termId: Map<string, number>;
  idfById: Float64Array;
  postingsById: { docs: Int32Array; w: Float64Array }[];
  /** Per-query scratch (not re-entrant): term frequency by id, zero between queries. */
  tfById: Int32Array;
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
  const termId = new Map<string, number>();
  const postingsById: { docs: Int32Array; w: Float64Array }[] = [];
  for (const [t, p] of postings) {
    termId.set(t, postingsById.length);
    postingsById.push(p);
  }
  const idfById = Float64Array.from(termId.keys(), (t) => idf.get(t)!);
  return {
    size: n,
    idf,
    unseenIdf,
    postings,
    itemNormSq,
    itemInvNorm,
    docDotSum,
    docNormSq,
    termId,
    idfById,
    postingsById,
    tfById: new Int32Array(termId.size),
  };
};

/**
 * The query's distinct terms in order of first appearance, as ids (≥ 0) or, for a term the index has never
 * seen, −1 − its slot among the unseen ones; `counts` holds each entry's term frequency. Reused buffers: valid
 * until the next query.
 */
let entryIds = new Int32Array(64);
let entryCounts = new Int32Array(64);
const unseenTerms: string[] = [];
/** Entry position of each unseen term. */
let unseenEntry = new Int32Array(64);
const grow = (a: Int32Array): Int32Array<ArrayBuffer> => {
  const b = new Int32Array(a.length * 2);
  b.set(a);
  return b;
};

const queryEntries = (index: VectorIndex, query: readonly string[]): number => {
  if (entryIds.length < query.length) {
    entryIds = new Int32Array(query.length * 2);
    entryCounts = new Int32Array(query.length * 2);
  }
  const { termId, tfById } = index;
  let n = 0;
  unseenTerms.length = 0;
  let unseenSlot: Map<string, number> | null = null;
  for (let k = 0; k < query.length; k++) {
    const t = query[k]!;
    const id = termId.get(t);
    if (id !== undefined) {
      if (tfById[id]!++ === 0) entryIds[n++] = id;
      continue;
    }
    // Few unseen terms: a linear search; a long unfamiliar query switches to a map (stays linear overall).
    const u = unseenSlot ? (unseenSlot.get(t) ?? -1) : unseenTerms.indexOf(t);
    if (u >= 0) {
      entryCounts[unseenEntry[u]!]!++;
      continue;
    }
    if (unseenEntry.length <= unseenTerms.length) unseenEntry = grow(unseenEntry);
    unseenEntry[unseenTerms.length] = n;
    entryIds[n] = -1 - unseenTerms.length;
    entryCounts[n++] = 1;
    unseenSlot?.set(t, unseenTerms.length);
    unseenTerms.push(t);
    if (unseenSlot === null && unseenTerms.length > 32) {
      unseenSlot = new Map(unseenTerms.map((x, i) => [x, i]));
    }
  }
  for (let e = 0; e < n; e++) {
    const id = entryIds[e]!;
    if (id >= 0) {
      entryCounts[e] = tfById[id]!;
      tfById[id] = 0;
    }
  }
  return n;
};

/**
 * Cosine of the query terms with every document, written into `out` (length = documents). The query vector is
 * weighed as the documents are (sublinear tf × idf, L2-normalised), its terms in order of first appearance.
 */
export const cosineScores = (index: VectorIndex, query: readonly string[], out: Float64Array): void => {
  out.fill(0);
  const n = queryEntries(index, query);
  let sq = 0;
  for (let e = 0; e < n; e++) {
    const id = entryIds[e]!;
    const w = (1 + Math.log(entryCounts[e]!)) * (id >= 0 ? index.idfById[id]! : index.unseenIdf);
    sq += w * w;
  }
  const norm = Math.sqrt(sq);
  if (!(norm > 0)) return;
  for (let e = 0; e < n; e++) {
    const id = entryIds[e]!;
    if (id < 0) continue;
    const w = ((1 + Math.log(entryCounts[e]!)) * index.idfById[id]!) / norm;
    const p = index.postingsById[id]!;
    const { docs } = p;
    const pw = p.w;
    for (let j = 0; j < docs.length; j++) out[docs[j]!]! += w * pw[j]!;
  }
};

/** Cosine with an item's centroid from the per-document cosines; `left` is a document to leave out, or −1. */
export const centroidCosine = (index: VectorIndex, sumCos: number, item: number, left: number): number => {
  if (left < 0) return sumCos * index.itemInvNorm[item]!;
  const n = index.itemNormSq[item]! - 2 * index.docDotSum[left]! + index.docNormSq[left]!;
  return n > 1e-12 ? sumCos / Math.sqrt(n) : 0;
};
