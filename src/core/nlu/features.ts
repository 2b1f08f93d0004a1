import { contentTerms } from './content-words.js';
import { conceptIds, financeLexicon } from './lexicon-match.js';
import { segments, numberShape, words } from './tokenize.js';

/**
 * Sparse text features: word n-grams and character n-grams (char_wb style for Latin words, plain n-grams
 * inside CJK runs), TF-IDF weighted, each block L2-normalised separately (as scikit-learn's FeatureUnion of two
 * TfidfVectorizers) and scaled by a block weight.
 */
export type FeatureConfig = {
  /** Word n-grams 1..wordNgramMax. */
  wordNgramMax: number;
  /** Character n-grams of padded Latin words (" word "), lengths charMin..charMax. */
  charMin: number;
  charMax: number;
  /** Character n-grams inside CJK runs, lengths cjkMin..cjkMax. */
  cjkMin: number;
  cjkMax: number;
  /** tf → 1 + ln(tf). */
  sublinearTf: boolean;
  /** Terms seen in fewer training documents are dropped. */
  minDf: number;
  /** Weight of the character block relative to the word block (1 = equal norms). */
  charWeight: number;
  /** Weight of the content-word block (content-words.ts); 0 leaves it out. */
  contentWeight: number;
  /** Content-word pairs are formed up to this many content words apart. */
  contentWindow: number;
  /** Add finance-lexicon concepts (卖掉/取出来/赎回 → one token) and their pairs to the content block. */
  concepts?: boolean;
};

export const DEFAULT_FEATURES: FeatureConfig = {
  wordNgramMax: 2,
  charMin: 2,
  charMax: 5,
  cjkMin: 1,
  cjkMax: 3,
  sublinearTf: true,
  minDf: 1,
  charWeight: 1.4,
  contentWeight: 0.7,
  contentWindow: 4,
};

/** Compressed sparse rows; `dim` columns (the last one is a constant bias feature). */
export type SparseMatrix = {
  rows: number;
  dim: number;
  indptr: Int32Array;
  indices: Int32Array;
  values: Float64Array;
};

export type Vocabulary = {
  config: FeatureConfig;
  terms: string[];
  idf: Float64Array;
  /** 0 = word block, 1 = character block, 2 = content-word block (from the term's prefix letter). */
  block: Uint8Array;
  index: Map<string, number>;
};

/** Raw terms of one normalised text: word n-grams prefixed "w", character n-grams prefixed "c". */
export const extractTerms = (text: string, cfg: FeatureConfig): string[] => {
  const out: string[] = [];
  const ws = words(text);
  for (let n = 1; n <= cfg.wordNgramMax; n++) {
    for (let i = 0; i + n <= ws.length; i++) {
      let t = 'w' + ws[i]!;
      for (let j = i + 1; j < i + n; j++) t += ' ' + ws[j]!;
      out.push(t);
    }
  }
  if (cfg.contentWeight > 0) contentTerms(ws, cfg.contentWindow, out);
  if (cfg.concepts) {
    const ids = conceptIds(text, financeLexicon());
    for (let i = 0; i < ids.length; i++) {
      out.push('u≈' + ids[i]!);
      for (let j = i + 1; j < ids.length; j++) {
        const [a, b] = ids[i]! < ids[j]! ? [ids[i]!, ids[j]!] : [ids[j]!, ids[i]!];
        out.push(`u≈${a}~≈${b}`);
      }
    }
  }
  for (const seg of segments(text)) {
    if (seg.kind === 'latin') {
      const padded = ' ' + (numberShape(seg.text) ?? seg.text) + ' ';
      for (let n = cfg.charMin; n <= cfg.charMax; n++) {
        if (padded.length <= n) {
          out.push('c' + padded);
          break;
        }
        for (let i = 0; i + n <= padded.length; i++) out.push('c' + padded.slice(i, i + n));
      }
    } else {
      const chars = [...seg.text];
      for (let n = cfg.cjkMin; n <= cfg.cjkMax; n++) {
        for (let i = 0; i + n <= chars.length; i++) {
          let t = 'c';
          for (let j = i; j < i + n; j++) t += chars[j]!;
          out.push(t);
        }
      }
    }
  }
  return out;
};

/**
 * Learns the vocabulary and IDF (smooth: idf = ln((1+n)/(1+df)) + 1, as scikit-learn) and returns the
 * training matrix, so that each training text is tokenised only once.
 */
export const fitTransform = (
  texts: readonly string[],
  cfg: FeatureConfig,
): { vocab: Vocabulary; matrix: SparseMatrix } => {
  const { names, df, docTerms } = countTerms(texts, cfg);
  const remap = new Int32Array(names.length).fill(-1);
  const terms: string[] = [];
  for (let id = 0; id < names.length; id++) {
    if (df[id]! >= cfg.minDf) {
      remap[id] = terms.length;
      terms.push(names[id]!);
    }
  }
  const n = texts.length;
  const idf = new Float64Array(terms.length);
  const block = new Uint8Array(terms.length);
  const index = new Map<string, number>();
  terms.forEach((t, j) => {
    index.set(t, j);
    block[j] = blockOf(t);
  });
  for (let id = 0; id < names.length; id++) {
    const j = remap[id]!;
    if (j >= 0) idf[j] = Math.log((1 + n) / (1 + df[id]!)) + 1;
  }
  const vocab: Vocabulary = { config: cfg, terms, idf, block, index };
  const rowsIds = docTerms.map((ids) => {
    const out: number[] = [];
    for (const id of ids) {
      const j = remap[id]!;
      if (j >= 0) out.push(j);
    }
    return out;
  });
  return { vocab, matrix: buildMatrix(rowsIds, vocab) };
};

/** One pass over the texts: every distinct term with a provisional id, its document frequency, each text's ids. */
const countTerms = (
  texts: readonly string[],
  cfg: FeatureConfig,
): { names: string[]; df: Int32Array; docTerms: Int32Array[] } => {
  const provisional = new Map<string, number>();
  const names: string[] = [];
  const docTerms: Int32Array[] = [];
  let df = new Int32Array(1024);
  const lastDoc: number[] = [];
  texts.forEach((text, d) => {
    const terms = extractTerms(text, cfg);
    const ids = new Int32Array(terms.length);
    terms.forEach((t, k) => {
      let id = provisional.get(t);
      if (id === undefined) {
        id = names.length;
        provisional.set(t, id);
        names.push(t);
        lastDoc.push(-1);
        if (id >= df.length) {
          const grown = new Int32Array(df.length * 2);
          grown.set(df);
          df = grown;
        }
      }
      ids[k] = id;
      if (lastDoc[id] !== d) {
        lastDoc[id] = d;
        df[id]!++;
      }
    });
    docTerms.push(ids);
  });
  return { names, df, docTerms };
};

/** Feature rows of new texts under a learnt vocabulary (unknown terms are ignored). */
export const transform = (texts: readonly string[], vocab: Vocabulary): SparseMatrix =>
  buildMatrix(
    texts.map((t) => termIds(t, vocab)),
    vocab,
  );

export const termIds = (text: string, vocab: Vocabulary): number[] => {
  const out: number[] = [];
  for (const t of extractTerms(text, vocab.config)) {
    const j = vocab.index.get(t);
    if (j !== undefined) out.push(j);
  }
  return out;
};

/** Feature block of a term from its prefix letter: w → 0, c → 1, u → 2. */
export const blockOf = (term: string): number => (term[0] === 'c' ? 1 : term[0] === 'u' ? 2 : 0);

/** Scale of each block: 1 / ‖block‖ × block weight (0 for an empty block). */
export const blockScales = (norms: readonly number[], cfg: FeatureConfig): number[] => {
  const weights = [1, cfg.charWeight, cfg.contentWeight];
  return norms.map((n, b) => (n > 0 ? weights[b]! / Math.sqrt(n) : 0));
};

/** Weighted row of one document: tf(-idf), per-block L2 normalisation, block weight; bias last. */
const buildMatrix = (rowsIds: number[][], vocab: Vocabulary): SparseMatrix => {
  const dim = vocab.terms.length + 1;
  const counts = new Float64Array(dim);
  const indptr = new Int32Array(rowsIds.length + 1);
  let total = 0;
  for (const ids of rowsIds) total += ids.length + 1;
  const indices = new Int32Array(total);
  const values = new Float64Array(total);
  let nnz = 0;
  const { sublinearTf } = vocab.config;
  rowsIds.forEach((ids, r) => {
    const start = nnz;
    for (const j of ids) {
      if (counts[j] === 0) indices[nnz++] = j;
      counts[j]!++;
    }
    const norms = [0, 0, 0];
    for (let p = start; p < nnz; p++) {
      const j = indices[p]!;
      const tf = counts[j]!;
      const v = (sublinearTf ? 1 + Math.log(tf) : tf) * vocab.idf[j]!;
      values[p] = v;
      norms[vocab.block[j]!]! += v * v;
      counts[j] = 0;
    }
    const scale = blockScales(norms, vocab.config);
    for (let p = start; p < nnz; p++) values[p]! *= scale[vocab.block[indices[p]!]!]!;
    indices[nnz] = dim - 1;
    values[nnz++] = 1;
    indptr[r + 1] = nnz;
  });
  return { rows: rowsIds.length, dim, indptr, indices: indices.slice(0, nnz), values: values.slice(0, nnz) };
};
