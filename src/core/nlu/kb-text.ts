import { conceptIds, type Lexicon } from './lexicon-match.js';
import { pinyinBigrams } from './pinyin-terms.js';
import { segments, words } from './tokenize.js';

/**
 * The views of one normalised text that KB retrieval compares: BM25 terms (content words, CJK character
 * bigrams and unigrams, lexicon concepts — the terms of the earlier BM25-only engine), character n-grams,
 * content words plus concepts, pinyin syllable bigrams, concept ids and literal numbers.
 */
export type TextViews = {
  bm25: string[];
  chars: string[];
  words: string[];
  /** Distinct entries of `words`. */
  wordSet: string[];
  pinyin: string[];
  concepts: number[];
  numbers: string[];
};

/** Particles and pronouns that carry no topic (kept inside character n-grams, dropped as words). */
export const KB_STOP = new Set([
  ...'的了吗呢吧啊呀哦嘛么我你您是在个这那和与就都也还要会能把给让被吗嘛呗哈啥',
  '请问',
  '一下',
  '可以',
  '怎么',
  '什么',
  '如何',
  '是不是',
  '有没有',
  '为什么',
  '为啥',
  '怎么办',
  '怎样',
  '多少',
  '哪些',
  '的话',
]);

const HAS_WORD_CHAR = /[\p{L}\p{N}]/u;

export const textViews = (text: string, lexicon: Lexicon): TextViews => {
  const bm25: string[] = [];
  const chars: string[] = [];
  const ws: string[] = [];
  const numbers: string[] = [];
  for (const w of words(text, true)) {
    if (KB_STOP.has(w) || !HAS_WORD_CHAR.test(w)) continue;
    bm25.push(w);
    ws.push(w);
    if (/^\d+(?:\.\d+)?$/.test(w)) numbers.push(w);
  }
  for (const seg of segments(text)) {
    if (seg.kind !== 'cjk') {
      chars.push(seg.text);
      continue;
    }
    const cs = [...seg.text];
    for (let i = 0; i < cs.length; i++) {
      const c = cs[i]!;
      if (!KB_STOP.has(c)) {
        bm25.push('¹' + c);
        chars.push(c);
      }
      if (i + 1 < cs.length) {
        const bi = c + cs[i + 1]!;
        bm25.push('§' + bi);
        chars.push(bi);
        if (i + 2 < cs.length) chars.push(bi + cs[i + 2]!);
      }
    }
  }
  const concepts = conceptIds(text, lexicon);
  for (const g of concepts) {
    bm25.push(`≈${g}`);
    ws.push(`≈${g}`);
  }
  return {
    bm25,
    chars,
    words: ws,
    wordSet: [...new Set(ws)],
    pinyin: pinyinBigrams(text),
    concepts,
    numbers,
  };
};
