import { TRADITIONAL_TO_SIMPLIFIED } from './traditional.js';

/**
 * Text prepared for matching, with a map back to the original: normalised code unit k came from
 * original[start[k] .. end[k]) (UTF-16 offsets), so spans found in `text` are reported in the original.
 */
export type NormalizedText = {
  readonly text: string;
  readonly start: Int32Array;
  readonly end: Int32Array;
};

/** Dropped inside terms (零 风险, 保-本, 保·本), except between two digits (12.5%, 2023-01-01). */
const SEPARATORS = new Set(
  [...'-_·•*~`^|\\/\'"“”‘’‐‑‒–—―・⋅∙.+=#@★☆●○◆◇■□▲△▼▽♥♡❤✓✔※→←↑↓'].map((c) => c.charCodeAt(0)),
);

const isDigit = (c: number): boolean => c >= 48 && c <= 57;

/** Whitespace, zero-width and format characters: always dropped. */
const isInvisible = (c: number): boolean =>
  c === 32 ||
  c === 9 ||
  c === 13 ||
  c === 0xa0 ||
  c === 0x3000 ||
  c === 0xad ||
  (c >= 0x2000 && c <= 0x200f) ||
  c === 0x2028 ||
  c === 0x2029 ||
  c === 0x202f ||
  c === 0x205f ||
  c === 0x2060 ||
  c === 0xfeff;

/** Full-width ASCII forms (！…～) to ASCII, ﹪ to %, Traditional to Simplified, A–Z to a–z. */
const foldChar = (c: number): number => {
  if (c >= 0xff01 && c <= 0xff5e) c -= 0xfee0;
  else if (c === 0xfe6a) c = 37;
  else if (c >= 0x3400) c = TRADITIONAL_TO_SIMPLIFIED.get(c) ?? c;
  if (c >= 65 && c <= 90) c += 32;
  return c;
};

/** The next code unit after `i` that is not invisible, folded (or -1). */
const peekNext = (src: string, i: number): number => {
  for (let j = i + 1; j < src.length; j++) {
    const c = src.charCodeAt(j);
    if (!isInvisible(c)) return foldChar(c);
  }
  return -1;
};

/** String from code units, in chunks (spreading a huge array would overflow the call stack). */
const fromCodes = (codes: readonly number[]): string => {
  let s = '';
  for (let i = 0; i < codes.length; i += 8192) s += String.fromCharCode(...codes.slice(i, i + 8192));
  return s;
};

/**
 * Normalises marketing text for rule matching: folds full-width forms, Traditional characters and case,
 * and removes whitespace and separators that split a term. Line breaks are kept (they end clauses).
 * Linear in the text length; one pass.
 */
export const normalizeText = (src: string): NormalizedText => {
  const codes: number[] = [];
  const start = new Int32Array(src.length);
  const end = new Int32Array(src.length);
  let n = 0;
  for (let i = 0; i < src.length; i++) {
    const raw = src.charCodeAt(i);
    if (isInvisible(raw)) continue;
    const c = foldChar(raw);
    if (SEPARATORS.has(c)) {
      const prev = n > 0 ? codes[n - 1]! : -1;
      if (!(isDigit(prev) && isDigit(peekNext(src, i)))) continue;
    }
    codes.push(c);
    start[n] = i;
    end[n] = i + 1;
    n++;
  }
  return { text: fromCodes(codes), start: start.subarray(0, n), end: end.subarray(0, n) };
};

/** Original [start, end) of the normalised span [s, e). */
export const originalSpan = (t: NormalizedText, s: number, e: number): { start: number; end: number } => ({
  start: t.start[s]!,
  end: t.end[e - 1]!,
});
