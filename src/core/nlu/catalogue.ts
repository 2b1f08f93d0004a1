import { pinyin } from 'pinyin-pro';
import { normalizeText } from './normalize.js';

/**
 * Product and fund-manager names matched against a catalogue the caller passes in (the platform's product
 * shelf): exact or partial names (易方达蓝筹 for 易方达蓝筹精选混合), small typos (character-bigram overlap),
 * pinyin initials (yfdlc) and full pinyin for managers (zhangkun).
 */
export type CatalogueEntry = { name: string; code?: string; aliases?: string[] };
export type Catalogue = { products?: readonly CatalogueEntry[]; managers?: readonly CatalogueEntry[] };

export type CatalogueMatch = { name: string; code?: string; score: number };

type IndexedEntry = {
  entry: CatalogueEntry;
  cores: string[];
  bigrams: Set<string>[];
  initials: string;
  fullPinyin: string;
};

export type CatalogueIndex = { products: IndexedEntry[]; managers: IndexedEntry[] };

/** Generic parts of fund names that do not identify a product (share class, type, wrapper). */
const GENERIC_SUFFIX =
  /(?:联接|发起式|灵活配置|混合型|股票型|债券型|指数型|混合|股票|债券|指数|基金|证券投资|\(lof\)|\(qdii\)|lof|etf|qdii|fof|[abcdeh]类?|[()\s]|人民币|份额)+$/;

const coreOf = (name: string): string => {
  const n = normalizeText(name);
  const stripped = n.replace(GENERIC_SUFFIX, '');
  return stripped.length >= 2 ? stripped : n;
};

const bigramsOf = (s: string): Set<string> => {
  const chars = [...s];
  const out = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i++) out.add(chars[i]! + chars[i + 1]!);
  return out;
};

const indexEntry = (entry: CatalogueEntry): IndexedEntry => {
  const cores = [entry.name, ...(entry.aliases ?? [])].map(coreOf);
  const hanzi = cores[0]!.replace(/[^\u3400-\u9fff]/g, '');
  const initials = hanzi ? pinyin(hanzi, { pattern: 'first', toneType: 'none', type: 'array' }).join('') : '';
  const fullPinyin = hanzi ? pinyin(hanzi, { toneType: 'none', type: 'array' }).join('') : '';
  return { entry, cores, bigrams: cores.map(bigramsOf), initials, fullPinyin };
};

export const buildCatalogueIndex = (cat: Catalogue): CatalogueIndex => ({
  products: (cat.products ?? []).map(indexEntry),
  managers: (cat.managers ?? []).map(indexEntry),
});

/** Longest common substring length (dynamic programming over characters; names are short). */
const lcsLength = (a: string, b: string): number => {
  const prev = new Int32Array(b.length + 1);
  const cur = new Int32Array(b.length + 1);
  let best = 0;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      cur[j] = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? prev[j - 1]! + 1 : 0;
      if (cur[j]! > best) best = cur[j]!;
    }
    prev.set(cur);
  }
  return best;
};

/**
 * Similarity in [0, 1] of a message to one entry: the best of (a) longest common substring over the name
 * core, (b) share of the core's character bigrams found in the message (tolerates one wrong character),
 * (c) a Latin token that is a prefix (≥ 3 letters, ≥ half) of the pinyin initials or the full pinyin.
 */
const entryScore = (text: string, textBigrams: Set<string>, latin: string[], e: IndexedEntry): number => {
  let best = 0;
  e.cores.forEach((core, c) => {
    const len = [...core].length;
    if (len === 0) return;
    if (text.includes(core)) {
      best = 1;
      return;
    }
    const lcs = lcsLength(text, core);
    if (lcs >= 2) best = Math.max(best, lcs / len);
    const grams = e.bigrams[c]!;
    if (grams.size >= 2) {
      let hit = 0;
      for (const g of grams) if (textBigrams.has(g)) hit++;
      best = Math.max(best, (hit / grams.size) * 0.95);
    }
  });
  for (const tok of latin) {
    if (tok.length < 3) continue;
    if (e.fullPinyin && tok === e.fullPinyin) best = Math.max(best, 1);
    if (e.initials.startsWith(tok) && tok.length * 2 >= e.initials.length) {
      best = Math.max(best, 0.6 + 0.4 * (tok.length / e.initials.length));
    }
  }
  return best;
};

const bestOf = (text: string, entries: IndexedEntry[], threshold: number): CatalogueMatch | undefined => {
  if (entries.length === 0) return undefined;
  const textBigrams = bigramsOf(text);
  const latin = text.match(/[a-z]+/g) ?? [];
  let best: { e: IndexedEntry; score: number } | null = null;
  for (const e of entries) {
    const score = entryScore(text, textBigrams, latin, e);
    if (score >= threshold && (!best || score > best.score)) best = { e, score };
  }
  if (!best) return undefined;
  const m: CatalogueMatch = { name: best.e.entry.name, score: Math.round(best.score * 1000) / 1000 };
  if (best.e.entry.code !== undefined) m.code = best.e.entry.code;
  return m;
};

/** Best product and best manager mentioned in a normalised message (each only above its threshold). */
export const matchCatalogue = (
  text: string,
  index: CatalogueIndex,
): { product?: CatalogueMatch; manager?: CatalogueMatch } => {
  const out: { product?: CatalogueMatch; manager?: CatalogueMatch } = {};
  const product = bestOf(text, index.products, 0.6);
  if (product) out.product = product;
  // Manager names are 2–3 characters: only an exact name or full pinyin is safe.
  const manager = bestOf(text, index.managers, 1);
  if (manager) out.manager = manager;
  return out;
};
