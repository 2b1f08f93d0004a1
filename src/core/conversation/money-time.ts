/**
 * When a sum of money is needed, in months from the message: durations (10年后 → 120, 两三年内 → 24, the lower
 * bound of a range; 一年半 → 18; 半年 → 6; 18个月 → 18; 3年期 → 36), relative dates (明年 → 12, 后年 → 24,
 * 今年年底 → the months left in the year of the message), and ages (今年45、60岁退休 → 180; a child of 10 going
 * to university at 18 → 96). Periods in the past (近3年, 买了3年了), maturities of what the customer already
 * holds (下个月到期) and product lock-ups (封闭期3年) are not horizons.
 */

/** Month (1–12) of an ISO-8601 time as written (local wall time of the archive), or null. */
export const monthOf = (time: string | undefined): number | null => {
  const m = time === undefined ? null : /^\d{4}-(\d{2})-\d{2}/.exec(time);
  if (!m) return null;
  const month = Number(m[1]);
  return month >= 1 && month <= 12 ? month : null;
};

const DURATION =
  /(\d+(?:\.\d+)?)(?:-(\d+(?:\.\d+)?))?(?:(年半)|(个半月)|(个月|个多月)|(年多|年)|(天))|(半年)|(半个月)/gu;
const PAST_BEFORE = /(?:近|过去|最近|前|已经|成立|了|了个|满)$/u;
const NOT_HORIZON_AFTER = /^(?:了|前|以前|之前|到期|期间?的?收益|年化|收益|的收益|的业绩)/u;
const LOCKUP_BEFORE = /(?:封闭期|锁定期|持有期|封闭|锁定|持有)(?:是|有|要|只有|才|就|也|也太)?$/u;

/** The sentence talks about using, keeping or investing money, so a time in it is that money's horizon. */
const USAGE =
  /用|需要|花|交|付|退休|养老|上学|上大学|买房|买(?:个|那个|一个)?\d|换房|结婚|办|去|出去|提车|到时候|后|以后|之后|内|以上|不用|用不到|期|放|存|投|拿|留|准备|打算|规划|锁|持有|旅游|读|首付|念/u;

const durationMonths = (m: RegExpMatchArray): number | null => {
  if (m[8] !== undefined) return 6;
  if (m[9] !== undefined) return 1;
  const n = Number(m[1]);
  if (m[3] !== undefined) return n * 12 + 6;
  if (m[4] !== undefined) return n + 0.5;
  if (m[5] !== undefined) return n;
  if (m[6] !== undefined) return n >= 1900 ? null : n * 12;
  if (m[7] !== undefined) return n >= 30 ? Math.round(n / 30) : null;
  return null;
};

/** A duration stated in the text, in months (the lower bound of a range), or null. */
const statedDuration = (text: string): number | null => {
  for (const m of text.matchAll(DURATION)) {
    const before = text.slice(0, m.index);
    const after = text.slice(m.index + m[0].length);
    if (PAST_BEFORE.test(before) || NOT_HORIZON_AFTER.test(after) || LOCKUP_BEFORE.test(before)) continue;
    const months = durationMonths(m);
    if (months !== null) return Math.round(months);
  }
  return null;
};

/** 明年, 后年, 年底 … relative to the month of the message; null when the text has none. */
const relativeDate = (text: string, month: number | null): number | null => {
  const rules: ReadonlyArray<readonly [RegExp, () => number | null]> = [
    [/大后年/u, () => 36],
    [/后年/u, () => 24],
    [/明年/u, () => 12],
    [/(?:今年)?年底|今年年末|年末/u, () => (month === null ? null : Math.max(1, 12 - month))],
    [/下下个月/u, () => 2],
    [/下个?月/u, () => 1],
  ];
  for (const [re, value] of rules) {
    const m = re.exec(text);
    if (!m) continue;
    if (/^(?:的?)?到期/u.test(text.slice(m.index + m[0].length))) continue;
    return value();
  }
  return null;
};

/**
 * Horizon in months stated in a normalised clause, given the sentence it sits in (for the usage context)
 * and the month of the message. Relative dates count only in a sentence about using or keeping money.
 */
export const extractHorizon = (clause: string, sentence: string, month: number | null): number | null => {
  if (!USAGE.test(sentence)) return null;
  const d = statedDuration(clause);
  if (d !== null) return d;
  return relativeDate(clause, month);
};

/** Ages mentioned by the customer: own age, retirement age, a child's age. */
export type AgeFacts = { age?: number; retireAge?: number; childAge?: number };

const CHILD = /孩子|小孩|儿子|女儿|闺女|娃|宝宝|小朋友/u;

/** Updates the age facts from one normalised customer clause (and whether the RM just asked a child's age). */
export const readAges = (clause: string, facts: AgeFacts, askedChildAge: boolean): void => {
  const retire = /(\d{2})岁?(?:就)?(?:退休|退)/u.exec(clause);
  if (retire) facts.retireAge = Number(retire[1]);
  const own = /我(?:今年|现在|已经)?(\d{2})(?:岁|了)?(?![\d万千年个月天])/u.exec(clause);
  if (own && !CHILD.test(clause) && (!retire || own.index !== retire.index)) {
    const a = Number(own[1]);
    if (a >= 18 && a < 100 && a !== facts.retireAge) facts.age = a;
  }
  const child = /(?:孩子|小孩|儿子|女儿|闺女|娃|宝宝|小朋友)[^,.!?;]{0,4}?(\d{1,2})岁/u.exec(clause);
  if (child) facts.childAge = Number(child[1]);
  else if (askedChildAge) {
    const bare = /^(?:才|刚)?(\d{1,2})(?:岁|周岁)/u.exec(clause);
    if (bare) facts.childAge = Number(bare[1]);
  }
};

/** School-entry ages in China: 小学 6, 初中 12, 高中 15, 大学 18, 研究生 22. */
const SCHOOL: ReadonlyArray<readonly [RegExp, number]> = [
  [/读研|考研|研究生|读博/u, 22],
  [/大学|高考|本科|留学|出国读/u, 18],
  [/高中/u, 15],
  [/初中|中学/u, 12],
  [/小学/u, 6],
];

/** Months until the child reaches the school named in the text, from the child's age; null when unknown. */
export const educationHorizon = (text: string, childAge: number | undefined): number | null => {
  if (childAge === undefined) return null;
  for (const [re, age] of SCHOOL) if (re.test(text) && age > childAge) return (age - childAge) * 12;
  return null;
};

/** Months until retirement from the stated ages; null when either is unknown. */
export const retirementHorizon = (facts: AgeFacts): number | null =>
  facts.age !== undefined && facts.retireAge !== undefined && facts.retireAge > facts.age
    ? (facts.retireAge - facts.age) * 12
    : null;
