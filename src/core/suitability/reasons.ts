import type { LocalizedText } from './types.js';

/** Machine-readable reason codes of suitability decisions; messages in zh-CN and en. */
export const REASONS = {
  NO_CIVIL_CAPACITY: {
    zh: '投资者无民事行为能力，不得销售任何产品。',
    en: 'The investor has no civil capacity; no product may be sold.',
  },
  ASSESSMENT_MISSING: {
    zh: '缺少风险承受能力评估，销售前须先完成评估。',
    en: 'No risk assessment on file; the investor must be assessed before any sale.',
  },
  ASSESSMENT_EXPIRED: {
    zh: '风险承受能力评估已过期，销售前须重新评估。',
    en: 'The risk assessment has expired; the investor must be re-assessed before any sale.',
  },
  PROFESSIONAL_INVESTOR: {
    zh: '专业投资者可购买R1–R5产品。',
    en: 'Professional investors may buy R1–R5 products.',
  },
  LOWEST_CATEGORY_R1: {
    zh: '风险承受能力最低类别的投资者可购买R1产品。',
    en: 'An investor in the lowest risk category may buy R1 products.',
  },
  LOWEST_CATEGORY_ONLY_R1: {
    zh: '风险承受能力最低类别的投资者只能购买R1产品。',
    en: 'An investor in the lowest risk category may buy R1 products only.',
  },
  LIMITED_CAPACITY_GUARDIAN: {
    zh: '限制民事行为能力人可在监护人参与下购买R1–R2低风险产品。',
    en: 'An investor with limited civil capacity may buy low-risk R1–R2 products with the guardian.',
  },
  LIMITED_CAPACITY_LOW_RISK_ONLY: {
    zh: '限制民事行为能力人只能购买R1–R2低风险产品。',
    en: 'An investor with limited civil capacity may buy low-risk R1–R2 products only.',
  },
  LEVEL_MATCH: {
    zh: '产品风险等级不高于投资者风险承受能力等级，匹配。',
    en: 'The product risk level does not exceed the investor level: suitable.',
  },
  ABOVE_LEVEL_BANK_REFUSED: {
    zh: '银行渠道不得向投资者销售高于其风险承受能力等级的产品。',
    en: 'Bank channel: a product above the investor level is refused; there is no override.',
  },
  ABOVE_LEVEL_WARN_CONFIRM: {
    zh: '投资者主动购买高于其风险承受能力等级的产品：须出具书面特别风险警示，经投资者确认后方可销售。',
    en: 'The investor asked for a product above their level: give the special written risk warning; sell only after the investor confirms.',
  },
  ABOVE_LEVEL_ADVISOR_INITIATED: {
    zh: '机构不得主动向投资者推介高于其风险承受能力等级的产品。',
    en: 'The institution may never recommend a product above the investor level.',
  },
  NOT_RECOMMENDABLE: {
    zh: '可应投资者要求销售，但机构不得主动推荐该产品。',
    en: 'May be sold at the investor’s request, but the institution must not recommend it.',
  },
  HORIZON_EXCEEDED: {
    zh: '产品期限长于投资者的投资期限，不匹配。',
    en: 'The product term is longer than the investor’s horizon: not suitable.',
  },
  NO_PRODUCT_TYPE_EXPERIENCE: {
    zh: '投资者没有该类产品的投资经验，品种不匹配。',
    en: 'The investor has no experience with this product type: not suitable.',
  },
  ENHANCED_DUTY_HIGH_RISK: {
    zh: '普通投资者购买高风险产品（R4–R5）：须履行特别注意义务（加强告知、冷静期、录音录像、回访）。',
    en: 'Ordinary investor buying a high-risk product (R4–R5): enhanced duty of care (extra disclosure, cooling-off, recording, return visit).',
  },
  ENHANCED_DUTY_ELDERLY: {
    zh: '高龄普通投资者（默认65岁及以上）购买R3及以上产品：须履行特别注意义务。',
    en: 'Elderly ordinary investor (65 or more by default) buying R3 or above: enhanced duty of care.',
  },
  ASSESSMENT_LIMIT_DAY: {
    zh: '同一投资者当日风险评估次数已达上限（每日最多2次）。',
    en: 'Daily limit of risk assessments reached (at most 2 a day).',
  },
  ASSESSMENT_LIMIT_WINDOW: {
    zh: '同一投资者12个月内风险评估次数已达上限（最多8次）。',
    en: 'Limit of risk assessments in 12 months reached (at most 8).',
  },
  LEVEL_CHANGED_RECONFIRM: {
    zh: '评估结果与原风险等级不同，须由投资者重新确认。',
    en: 'The new level differs from the previous one; the investor must re-confirm it.',
  },
} as const satisfies Record<string, LocalizedText>;

export type ReasonCode = keyof typeof REASONS;

export type ReasonMessage = { readonly code: ReasonCode; readonly zh: string; readonly en: string };

export const reasonMessage = (code: ReasonCode): ReasonMessage => ({ code, ...REASONS[code] });
