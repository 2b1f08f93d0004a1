/**
 * Chinese numerals → Arabic digits, for the forms investors actually type: 五十万, 一万二, 三千五, 两成,
 * 一年半, 百分之十五, 三点五, 十二个月, 1.2万 (mixed forms stay as written; the slot parser reads them).
 *
 * The rewrite is deliberately conservative: a run of numeral characters is only converted when it is
 * clearly a quantity — followed by a unit or measure word, containing a multiplier (十百千万亿), or part of
 * 百分之 — so words like 一定, 一下, 统一, 万一, 千万别 keep their meaning.
 */

const DIGITS: Readonly<Record<string, number>> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};
const SMALL_UNITS: Readonly<Record<string, number>> = { 十: 10, 百: 100, 千: 1000 };
const BIG_UNITS: Readonly<Record<string, number>> = { 万: 1e4, 亿: 1e8 };

/** Characters that, right after a numeral run, mark it as a quantity. */
const UNIT_AFTER = new Set([...'年个月天日周岁成倍元块毛角%只份次笔期号折支手股w', 'k', 'W', 'K']);

const HAS_NUMERAL = /[零〇一二两三四五六七八九十百]/;

const isNumeralChar = (c: string): boolean => c in DIGITS || c in SMALL_UNITS || c in BIG_UNITS || c === '点';

/**
 * Value of a Chinese numeral string such as 五十万 (500000), 一万二 (12000), 三千五 (3500), 十五 (15),
 * 二〇二四 (2024, digit by digit), 三点五 (3.5). Returns null when the string is not a well-formed numeral.
 * Colloquial abbreviation: a trailing digit after a unit means the next lower unit (一万二 = 12000).
 */
export const parseChineseNumber = (s: string): number | null => {
  if (s.length === 0) return null;
  const dot = s.indexOf('点');
  const tail = s[s.length - 1]!;
  const bigTail = BIG_UNITS[tail];
  if (dot >= 0 && bigTail !== undefined) {
    // 三点五万 = 3.5 × 10^4
    const head = parseChineseNumber(s.slice(0, -1));
    return head === null ? null : Math.round(head * bigTail * 1e6) / 1e6;
  }
  if (dot >= 0) {
    const intPart = dot === 0 ? 0 : parseChineseNumber(s.slice(0, dot));
    const frac = s.slice(dot + 1);
    if (intPart === null || frac.length === 0) return null;
    let digits = '';
    for (const c of frac) {
      const d = DIGITS[c];
      if (d === undefined) return null;
      digits += String(d);
    }
    return Number(`${intPart}.${digits}`);
  }
  const chars = [...s];
  if (chars.every((c) => c in DIGITS) && chars.length > 1) {
    return Number(chars.map((c) => DIGITS[c]).join(''));
  }
  return parseWithUnits(chars);
};

const parseWithUnits = (chars: string[]): number | null => {
  let result = 0; // value already multiplied by 万/亿
  let section = 0; // value below the current big unit
  let digit: number | null = null;
  let lastUnit = 0;
  let zero = false; // a 零 means the trailing digit is a plain unit digit (一百零五)
  for (const c of chars) {
    const d = DIGITS[c];
    if (d !== undefined) {
      if (d === 0) {
        zero = true;
        continue;
      }
      if (digit !== null) return null; // 三五万 is a range, not one number
      digit = d;
      continue;
    }
    const small = SMALL_UNITS[c];
    if (small !== undefined) {
      section += (digit ?? 1) * small;
      digit = null;
      zero = false;
      lastUnit = small;
      continue;
    }
    const big = BIG_UNITS[c];
    if (big === undefined) return null;
    const part = section + (digit ?? 0) || 1;
    // 亿 scales everything before it; 万 only its own section (一亿五千万 = 1.5e8).
    result = big === 1e8 ? (result + part) * big : result + part * big;
    section = 0;
    digit = null;
    zero = false;
    lastUnit = big;
  }
  if (digit !== null) {
    // Colloquial shorthand: 一万二 = 12000, 三千五 = 3500 (a digit right after a unit is the next lower unit).
    section += !zero && lastUnit >= 100 ? (digit * lastUnit) / 10 : digit;
  }
  return result + section;
};

/**
 * Rewrites Chinese numerals inside a text into Arabic digits, keeping the rest unchanged:
 * "五十万" → "50万", "一万二" → "1.2万", "三千" → "3000", "三年" → "3年", "一年半" → "1年半", "两成" → "2成",
 * "百分之十五" → "15%". 万/亿 stay as units (the slot parser turns 50万 into 500000 yuan).
 */
export const rewriteChineseNumerals = (text: string): string => {
  if (!HAS_NUMERAL.test(text)) return text; // most messages (and all English ones) have none
  let out = text.replace(/百分之([零〇一二两三四五六七八九十百点]+|\d+(?:\.\d+)?)/g, (_m, n: string) => {
    const v = /^\d/.test(n) ? Number(n) : parseChineseNumber(n);
    return v === null ? _m : `${formatNumber(v)}%`;
  });
  const chars = [...out];
  const parts: string[] = [];
  let i = 0;
  while (i < chars.length) {
    const c = chars[i]!;
    if (!startsNumeral(c)) {
      parts.push(c);
      i++;
      continue;
    }
    let j = i;
    while (j < chars.length && isNumeralChar(chars[j]!)) j++;
    // 点 must be followed by a digit to be a decimal point (一点点, 三点钟 stay text-like).
    while (j > i && (chars[j - 1] === '点' || chars[j - 1] === '零')) j--;
    if (j === i) {
      // a lone 零 or 〇 is not a quantity
      parts.push(c);
      i++;
      continue;
    }
    const run = chars.slice(i, j).join('');
    const converted = convertRun(run, chars[j], chars[i - 1]);
    parts.push(converted ?? run);
    i = j;
  }
  out = parts.join('');
  return out;
};

const startsNumeral = (c: string): boolean => c in DIGITS || c === '十';

const convertRun = (run: string, next: string | undefined, prev: string | undefined): string | null => {
  if (run.length === 0) return null;
  // 万一 / 千万 are words; a run must start with a digit or 十 (startsNumeral guarantees it).
  const hasMultiplier = /[十百千万亿]/.test(run);
  const followedByUnit = next !== undefined && UNIT_AFTER.has(next);
  if (!hasMultiplier && !followedByUnit) return null;
  if (run.length === 1 && !followedByUnit) return null;
  // 一千万别… is rare; but 一百 / 十万 etc. are quantities. Guard 第一 / 唯一 style ordinals: digit right
  // after 第 is an ordinal, still a number, fine to convert.
  if (prev !== undefined && /[统唯万]/.test(prev) && run.length === 1) return null;
  const v = parseChineseNumber(run);
  if (v === null) return null;
  // Keep the big unit (五十万 → 50万, 一万二 → 1.2万): money is typed that way, and a bare 500000 would look
  // like a 6-digit product code to the slot parser.
  if (run.includes('亿') && v >= 1e8) return `${formatNumber(v / 1e8)}亿`;
  if ((run.includes('万') || run.includes('亿')) && v >= 1e4) return `${formatNumber(v / 1e4)}万`;
  return formatNumber(v);
};

const formatNumber = (v: number): string =>
  Number.isInteger(v) ? String(v) : String(Math.round(v * 1e6) / 1e6);
