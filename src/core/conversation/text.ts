import { parseChineseNumber } from '../nlu/chinese-numerals.js';
import { normalizeText } from '../nlu/normalize.js';

/**
 * Text handling of chat transcripts: numeric ranges (两三年, 三五十万, 十年八年) rewritten to "a-b" before the
 * shared normaliser (which would read 两三 as 23), sentence and clause splitting on the original text (the
 * evidence shown to staff stays as written), and small regex helpers that are safe with global patterns.
 */
const DIGIT_CLASS = '[一二两三四五六七八九]';

/** Value of a short numeral (digits, 一 … 九十九), or null; the language engine's numeral parser does the work. */
const smallNumber = (s: string): number | null => (/^\d+$/.test(s) ? Number(s) : parseChineseNumber(s));

/**
 * Rewrites colloquial ranges to "a-b" so that neither bound is lost: 两三年 → 2-3年, 三五十万 → 30-50万,
 * 五六千 → 5-6千, 十年八年 → 8-10年, 一两个月 → 1-2个月. Only rising pairs of adjacent digits are ranges.
 */
export const rewriteRanges = (text: string): string => {
  // 300,000 → 300000元: thousands separators would split the clause, and they mark money.
  let out = text.replace(
    /(?<![\d.])(\d{1,3}(?:[,，]\d{3})+)(?![\d.])(元|块)?/gu,
    (_m, n: string, unit?: string) => `${n.replace(/[,，]/gu, '')}${unit ?? '元'}`,
  );
  out = out.replace(
    new RegExp(`(${DIGIT_CLASS})(${DIGIT_CLASS})([十百千])?(?=[万亿年个月天岁周成千百块元w])`, 'g'),
    (m, a: string, b: string, unit: string | undefined) => {
      const x = smallNumber(a)!;
      const y = smallNumber(b)!;
      if (y <= x) return m;
      const k = unit === undefined ? 1 : smallNumber(`一${unit}`)!;
      return `${x * k}-${y * k}`;
    },
  );
  out = out.replace(
    /([一二两三四五六七八九十\d]{1,3})(年|个月)([一二两三四五六七八九十\d]{1,3})\2/g,
    (m, a: string, unit: string, b: string) => {
      const x = smallNumber(a);
      const y = smallNumber(b);
      if (x === null || y === null || x === y) return m;
      return `${Math.min(x, y)}-${Math.max(x, y)}${unit}`;
    },
  );
  return out;
};

/** The canonical form every cue and extractor sees: ranges, then the language engine's normaliser. */
export const normalizeUtterance = (text: string): string => normalizeText(rewriteRanges(text));

const SENTENCE_END = /[^。！？!?；;\n…]+[。！？!?；;\n…]*/gu;
const CLAUSE_SEP = /(?<!\d)[，,]+|[，,]+(?!\d)|[、：:～~]+|\s{2,}/u;

/** Sentences of a message (original text, end punctuation kept, empty ones dropped). */
export const splitSentences = (text: string): string[] =>
  [...text.matchAll(SENTENCE_END)].map((m) => m[0].trim()).filter((s) => s.length > 0);

/** Clauses of a sentence (split on commas, enumeration commas and colons). */
export const splitClauses = (sentence: string): string[] =>
  sentence
    .split(CLAUSE_SEP)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);

/** Whether any of the patterns matches; global patterns are reset so no lastIndex state leaks. */
export const anyMatch = (res: readonly RegExp[], text: string): boolean =>
  res.some((re) => {
    re.lastIndex = 0;
    const hit = re.test(text);
    re.lastIndex = 0;
    return hit;
  });

/** True when the text is a question (question mark or a sentence-final question particle). */
export const isQuestion = (text: string): boolean =>
  /[?？]|(?:吗|么|呢|是不是|是否|对吗|对吧|好吗|行吗|可以吗|有没有)[。.!！~～]*$/.test(text.trim());

/**
 * Whether the text right before a cue negates it. A-not-A questions (是不是, 会不会, 有没有) ask and
 * conjunctions (要不, 不过, 不然) join; neither negates, so they are removed first.
 */
export const isNegated = (before: string, negation: RegExp): boolean =>
  negation.test(
    before
      .replace(/(\p{Script=Han})[不没]\1/gu, '$1')
      .replace(/要不(?:然|要)?|不然|不过|不管|不仅|不但|不论/gu, ''),
  );
