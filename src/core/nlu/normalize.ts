import { Converter } from 'opencc-js/t2cn';
import { rewriteChineseNumerals } from './chinese-numerals.js';

/**
 * opencc-js's declaration files use extension-less relative imports that NodeNext cannot follow, so its
 * types resolve to errors; this is its documented signature.
 */
const makeConverter = Converter as unknown as (o: { from: string; to: string }) => (s: string) => string;

/** Traditional → Simplified, built once (the dictionaries take ~20 ms to load). */
let t2s: ((s: string) => string) | null = null;
const toSimplified = (s: string): string => {
  const convert = (t2s ??= makeConverter({ from: 't', to: 'cn' }));
  return convert(s);
};

/** Any character outside ASCII and the common simplified set may be Traditional; skip the converter otherwise. */
const MAYBE_TRADITIONAL = /[\u3400-\u9fff\uf900-\ufaff]/;

/**
 * Canonical form of a user message before tokenising and slot extraction:
 * NFKC (full-width letters, digits and punctuation → half width), lower case, Traditional → Simplified,
 * Chinese numerals → Arabic digits (五十万 → 500000, 百分之十五 → 15%), runs of white space → one space.
 */
export const normalizeText = (text: string): string => {
  let s = text.normalize('NFKC').toLowerCase();
  if (MAYBE_TRADITIONAL.test(s)) s = toSimplified(s);
  s = rewriteChineseNumerals(s);
  return s.replace(/\s+/g, ' ').trim();
};
