import type { Purpose, RiskAppetite, Slots } from './types.js';

/**
 * Slot extraction from NORMALISED text (see normalize.ts: digits are Arabic, 万/亿 kept as units, 百分之 → %).
 * Every parser returns a normalised value: amount in yuan, horizon in months, percent as a signed fraction.
 */

const NUM = String.raw`(\d+(?:\.\d+)?)`;
const UNIT_SCALE: Readonly<Record<string, number>> = {
  亿: 1e8,
  万: 1e4,
  w: 1e4,
  千: 1e3,
  k: 1e3,
  百: 100,
};
const round2 = (v: number): number => Math.round(v * 100) / 100;

/** Words before a bare number that make it money (我有3000, 投5000, 预算8000). */
const MONEY_CUE = /(?:有|存|投|拿|买|花|闲钱|资金|本金|预算|余额|存款|工资|收入|出|放)\s*$/;

/**
 * Amount in yuan: 5万 / 50w / 1.2万 / 3000块 / 2k / 1.5亿 / 8000元, or a bare number ≥ 100 right after a money
 * word (我有3000). Numbers that are percentages, periods, ages or 6-digit codes are not amounts.
 */
export const extractAmount = (text: string): number | undefined => {
  const withUnit = new RegExp(
    `${NUM}\\s*(亿|万|w|千|k|百)(?![a-z])\\s*(?:多)?\\s*(?:元|块|rmb|人民币)?`,
    'g',
  );
  for (const m of text.matchAll(withUnit)) {
    const after = text.slice(m.index + m[0].length, m.index + m[0].length + 1);
    if (/[%年月天岁份股点倍]/.test(after)) continue;
    return round2(Number(m[1]) * UNIT_SCALE[m[2]!]!);
  }
  const yuan = new RegExp(`${NUM}\\s*(?:元|块钱|块|rmb|人民币)`, 'g');
  const y = yuan.exec(text);
  if (y) return round2(Number(y[1]));
  const bare = new RegExp(`(?<![\\d.])${NUM}(?![\\d.%])`, 'g');
  for (const m of text.matchAll(bare)) {
    const v = Number(m[1]);
    const after = text.slice(m.index + m[0].length, m.index + m[0].length + 2);
    if (v < 100 || /^\s*[%年月天周岁个成点倍份号日期次只]/.test(after) || /^\d{6}$/.test(m[1]!)) continue;
    if (MONEY_CUE.test(text.slice(Math.max(0, m.index - 4), m.index))) return v;
  }
  return undefined;
};

/** Cues that a period lies in the past (近一年收益, 过去3年) — that is history, not the investor's horizon. */
const PAST_CUE = /(?:近|过去|最近|前|去年|今年|成立|这|上)\s*$/;

/**
 * Investment horizon in months: 3年 → 36, 半年 → 6, 1年半 → 18, 2年多 → 24, 5年以上 → 60, 18个月 → 18,
 * 90天 → 3. Past periods (近1年, 过去3年) and calendar years (2025年) are ignored.
 */
export const extractHorizon = (text: string): number | undefined => {
  const re = new RegExp(`${NUM}\\s*(?:(年半)|(个?月)|(年)|(天|日)|(周|星期))|(半年)|(半个月)`, 'g');
  for (const m of text.matchAll(re)) {
    if (PAST_CUE.test(text.slice(Math.max(0, m.index - 3), m.index))) continue;
    if (m[7] !== undefined) {
      if (/\d$/.test(text.slice(0, m.index))) continue;
      return 6;
    }
    if (m[8] !== undefined) return 0.5;
    const n = Number(m[1]);
    if (m[2] !== undefined) return n * 12 + 6;
    if (m[3] !== undefined) return n;
    if (m[4] !== undefined) {
      if (n >= 1900) continue; // a calendar year, not a duration
      return n * 12;
    }
    if (m[5] !== undefined) {
      // 7日年化 / 30天收益 describe a yield window, not the investor's horizon.
      if (/^\s*(?:年化|收益|均值|涨|跌)/.test(text.slice(m.index + m[0].length))) continue;
      return Math.max(1, Math.round(n / 30));
    }
    if (m[6] !== undefined) return Math.max(1, Math.round(n / 4.345));
  }
  return undefined;
};

const NEGATIVE_CUE = /跌|亏|回撤|损失|缩水|下降|降了|少了|赔|蒸发|被套|负|回落|下滑|止损/g;
const POSITIVE_CUE = /涨|赚|收益|盈利|增长|上升|升了|多了|翻|回报|年化|浮盈|止盈/g;

/**
 * A percentage as a signed fraction: 跌了20% → −0.2, 亏了2成 → −0.2, 涨了15% → 0.15, 回撤了8个点 → −0.08.
 * The sign comes from an explicit minus or the nearest gain/loss word before the number.
 */
export const extractPercent = (text: string): number | undefined => {
  const re = new RegExp(`([-+−])?${NUM}\\s*(?:(%)|(个(?:百分)?点)|(成)(?![本交功立熟年员就绩为])|(‰))`, 'g');
  for (const m of text.matchAll(re)) {
    const n = Number(m[2]);
    let v = m[5] !== undefined ? n / 10 : m[6] !== undefined ? n / 1000 : n / 100;
    const before = text.slice(Math.max(0, m.index - 8), m.index);
    if (m[1] === '-' || m[1] === '−') v = -v;
    else if (m[1] !== '+' && lastCue(before) === 'neg') v = -v;
    return Math.round(v * 1e6) / 1e6;
  }
  return undefined;
};

const lastIndex = (re: RegExp, s: string): number => {
  let at = -1;
  for (const m of s.matchAll(re)) at = m.index;
  return at;
};

/** The gain/loss word nearest before a number decides its sign. */
const lastCue = (before: string): 'neg' | 'pos' | null => {
  const neg = lastIndex(NEGATIVE_CUE, before);
  const pos = lastIndex(POSITIVE_CUE, before);
  if (neg < 0 && pos < 0) return null;
  return neg > pos ? 'neg' : 'pos';
};

/** A 6-digit fund / product code not used as money (100000元) or a quantity. */
export const extractProductCode = (text: string): string | undefined => {
  for (const m of text.matchAll(/(?<![\d.])(\d{6})(?![\d.])/g)) {
    const after = text.slice(m.index + 6, m.index + 7);
    if (/[元块万w千k%年月天个份股]/.test(after)) continue;
    return m[1];
  }
  return undefined;
};

/** Ordered so that a more specific phrase (不怕亏) is tried before one it contains (怕亏). */
const RISK_PHRASES: ReadonlyArray<readonly [string, RiskAppetite]> = [
  ['不要高风险', 'conservative'],
  ['不想冒险', 'conservative'],
  ['不敢冒险', 'conservative'],
  ['不要太激进', 'conservative'],
  ['不怕亏', 'aggressive'],
  ['不怕风险', 'aggressive'],
  ['不在乎波动', 'aggressive'],
  ['能承受亏损', 'aggressive'],
  ['能接受亏损', 'aggressive'],
  ['能扛波动', 'aggressive'],
  ['不想亏', 'conservative'],
  ['不能亏', 'conservative'],
  ['不愿亏', 'conservative'],
  ['不要亏', 'conservative'],
  ['别亏', 'conservative'],
  ['亏不起', 'conservative'],
  ['怕亏', 'conservative'],
  ['保本', 'conservative'],
  ['保守', 'conservative'],
  ['低风险', 'conservative'],
  ['风险低', 'conservative'],
  ['风险小', 'conservative'],
  ['稳妥', 'conservative'],
  ['求稳', 'conservative'],
  ['安全第一', 'conservative'],
  ['本金安全', 'conservative'],
  ['稳健', 'moderate'],
  ['平衡', 'moderate'],
  ['中等风险', 'moderate'],
  ['中风险', 'moderate'],
  ['风险适中', 'moderate'],
  ['适度', 'moderate'],
  ['小幅波动', 'moderate'],
  ['一点波动', 'moderate'],
  ['小波动', 'moderate'],
  ['激进', 'aggressive'],
  ['进取', 'aggressive'],
  ['高风险', 'aggressive'],
  ['高收益', 'aggressive'],
  ['博一把', 'aggressive'],
  ['搏一把', 'aggressive'],
  ['赌一把', 'aggressive'],
  ['冲一把', 'aggressive'],
  ['追求收益', 'aggressive'],
  ['收益最大化', 'aggressive'],
];

/** "亏30%也能接受": the loss an investor accepts maps to an appetite (≥ 20% aggressive, ≥ 10% moderate). */
const LOSS_TOLERANCE =
  /(?:亏|跌|回撤|损失)(?:了|掉)?\s*(\d+(?:\.\d+)?)\s*(%|个点|成)[^,.;!?，。]{0,4}?(?:能|可以|也能|还能)(?:接受|承受|扛)/;

/** Risk appetite from a stated loss tolerance, else the first (leftmost, then most specific) phrase found. */
export const extractRiskAppetite = (text: string): RiskAppetite | undefined => {
  const m = LOSS_TOLERANCE.exec(text);
  if (m) {
    const pct = Number(m[1]) * (m[2] === '成' ? 10 : 1);
    return pct >= 20 ? 'aggressive' : pct >= 10 ? 'moderate' : 'conservative';
  }
  return firstPhrase(text, RISK_PHRASES);
};

const PURPOSE_PHRASES: ReadonlyArray<readonly [string, Purpose]> = [
  ['养老', 'retirement'],
  ['退休', 'retirement'],
  ['老了', 'retirement'],
  ['上学', 'education'],
  ['上大学', 'education'],
  ['教育', 'education'],
  ['学费', 'education'],
  ['读书', 'education'],
  ['念书', 'education'],
  ['留学', 'education'],
  ['读研', 'education'],
  ['买房', 'house'],
  ['首付', 'house'],
  ['购房', 'house'],
  ['换房', 'house'],
  ['房贷', 'house'],
  ['应急', 'emergency'],
  ['急用', 'emergency'],
  ['备用金', 'emergency'],
  ['随时要用', 'emergency'],
  ['随时取', 'emergency'],
  ['随时用', 'emergency'],
  ['紧急', 'emergency'],
  ['旅游', 'travel'],
  ['旅行', 'travel'],
  ['度假', 'travel'],
  ['看病', 'medical'],
  ['医疗', 'medical'],
  ['治病', 'medical'],
  ['手术', 'medical'],
  ['住院', 'medical'],
  ['增值', 'growth'],
  ['钱生钱', 'growth'],
  ['财富增长', 'growth'],
  ['长期增长', 'growth'],
  ['跑赢通胀', 'growth'],
  ['结婚', 'other'],
  ['婚礼', 'other'],
  ['买车', 'other'],
  ['创业', 'other'],
];

/** Purpose of the money from the first phrase found. */
export const extractPurpose = (text: string): Purpose | undefined => firstPhrase(text, PURPOSE_PHRASES);

const firstPhrase = <T>(text: string, phrases: ReadonlyArray<readonly [string, T]>): T | undefined => {
  let best: { at: number; len: number; value: T } | null = null;
  for (const [p, value] of phrases) {
    const at = text.indexOf(p);
    if (at < 0) continue;
    // Skip a phrase that is the tail of a longer, already matched one (怕亏 inside 不怕亏).
    if (best && at > best.at && at < best.at + best.len) continue;
    if (!best || at < best.at || (at === best.at && p.length > best.len)) best = { at, len: p.length, value };
  }
  return best?.value;
};

/** All slots of one normalised message; a slot is present only when found. */
export const extractSlots = (text: string): Slots => {
  const slots: Slots = {};
  const amount = extractAmount(text);
  if (amount !== undefined) slots.amount = amount;
  const horizon = extractHorizon(text);
  if (horizon !== undefined) slots.horizon_months = horizon;
  const purpose = extractPurpose(text);
  if (purpose !== undefined) slots.purpose = purpose;
  const risk = extractRiskAppetite(text);
  if (risk !== undefined) slots.risk_appetite = risk;
  const percent = extractPercent(text);
  if (percent !== undefined) slots.percent = percent;
  const code = extractProductCode(text);
  if (code !== undefined) slots.product_code = code;
  return slots;
};
