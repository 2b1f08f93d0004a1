import { pinyin } from 'pinyin-pro';

/**
 * Pinyin views of Chinese text, for robustness to the slips of pinyin input methods: a homophone typo
 * (赎会 for 赎回, 定头 for 定投) keeps the same toneless syllables, and some users type the initials of a word
 * (zs for 指数). Syllables are looked up per character and cached (the chat calls this per message).
 */
const cache = new Map<string, string>();

/** Toneless pinyin of one CJK character ('' for anything else). */
export const charPinyin = (ch: string): string => {
  let p = cache.get(ch);
  if (p === undefined) {
    p = /[\u3400-\u9fff]/.test(ch) ? (pinyin(ch, { toneType: 'none', type: 'array' })[0] ?? '') : '';
    cache.set(ch, p);
  }
  return p;
};

/** Syllable bigrams of each CJK run of a normalised text ("shu|hui"), plus single syllables of 1-char runs. */
export const pinyinBigrams = (text: string): string[] => {
  const out: string[] = [];
  for (const run of text.match(/[\u3400-\u9fff]+/g) ?? []) {
    const syl = [...run].map(charPinyin);
    if (syl.length === 1) out.push(syl[0]!);
    for (let i = 0; i + 1 < syl.length; i++) out.push(syl[i]! + '|' + syl[i + 1]!);
  }
  return out;
};

/** Pinyin initials of a Chinese word (指数 → zs); '' when it has a non-CJK character. */
export const pinyinInitials = (word: string): string => {
  if (!/^[\u3400-\u9fff]+$/.test(word)) return '';
  return [...word].map((ch) => charPinyin(ch).charAt(0)).join('');
};
