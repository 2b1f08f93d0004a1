import type { ProductType } from '../product-types.js';

/**
 * Dialogue-level readings of a message the language engine does not make: product categories (债券基金 →
 * pure_bond), corrections (不对，是30万), carry-over questions (那债券基金呢？), yes/no, and strong negative
 * sentiment. Word lists are data; matching is on the engine's normalised text.
 */

/** Category words, longest first within each group. */
const CATEGORY_WORDS: readonly (readonly [ProductType, readonly string[]])[] = [
  ['money_market', ['货币基金', '货基', '余额宝', '活钱', '现金管理']],
  ['short_bond', ['短债基金', '短债']],
  ['bond_plus', ['二级债基', '偏债混合', '固收+', '固收加']],
  ['pure_bond', ['纯债基金', '债券基金', '纯债', '债基', '债券']],
  ['index', ['指数基金', '指数', 'etf']],
  ['sector', ['行业基金', '主题基金', '行业主题']],
  ['qdii', ['qdii', '海外基金', '美股基金']],
  ['hybrid', ['混合基金', '偏股混合', '混合型', '混合']],
  ['equity', ['股票基金', '股票型', '偏股', '股基']],
  ['bank_wm', ['银行理财', '理财产品', '理财']],
  ['insurance', ['保险', '年金险', '增额寿']],
  ['advisory', ['投顾组合', '基金投顾', '投顾']],
];

export const extractCategory = (normalized: string): ProductType | undefined => {
  let best: { type: ProductType; at: number; len: number } | undefined;
  for (const [type, words] of CATEGORY_WORDS) {
    for (const w of words) {
      const at = normalized.indexOf(w);
      if (at < 0) continue;
      if (best === undefined || w.length > best.len) best = { type, at, len: w.length };
    }
  }
  return best?.type;
};

export const CATEGORY_LABEL: Readonly<Record<ProductType, string>> = {
  money_market: '货币基金',
  short_bond: '短债基金',
  pure_bond: '纯债基金',
  bond_plus: '固收+基金',
  hybrid: '混合基金',
  equity: '股票基金',
  index: '指数基金',
  sector: '行业主题基金',
  qdii: 'QDII基金',
  bank_wm: '银行理财',
  insurance: '保险',
  advisory: '基金投顾',
};

const CORRECTION = /^(?:不对|不是|错了|说错了|更正|纠正|改一下|改成|应该是|我是说)/;
export const isCorrection = (normalized: string): boolean => CORRECTION.test(normalized.trim());

/** 那…呢 / 换成… / …的呢: the same question with one thing changed. */
const CARRY_OVER =
  /^(?:那|那么|那要是|换成|如果是|要是)[^。！？]{1,20}(?:呢|吗)?[?？]?$|^[^。！？]{1,12}呢[?？]?$/;
export const isCarryOver = (normalized: string): boolean => CARRY_OVER.test(normalized.trim());

const AFFIRM = /^(?:好|好的|好啊|可以|行|嗯|是|是的|继续|要|要的|ok|okay|yes|对|对的|没问题)[!！。.]?$/;
const DENY = /^(?:不用|不用了|不要|算了|不|不了|没有|取消|no|不需要|先不)[!！。.了]?$/;
export const isAffirm = (normalized: string): boolean => AFFIRM.test(normalized.trim());
export const isDeny = (normalized: string): boolean => DENY.test(normalized.trim());

/** Strong negative sentiment (insults, fury, accusations of fraud): a human takes over. */
const NEGATIVE = [
  '垃圾',
  '骗子',
  '骗钱',
  '气死',
  '太差劲',
  '坑人',
  '坑爹',
  '滚',
  '什么破',
  '破玩意',
  '废物',
  '忍无可忍',
  '恶心',
  '去银保监',
  '去金融监管',
  '报警',
];
export const isStronglyNegative = (normalized: string): boolean =>
  NEGATIVE.some((w) => normalized.includes(w));
