import type { Template } from '../text.js';

/** Reasons shown with a recommendation, as data (`{name}` placeholders). */
export const REASON_TEXT = {
  gap: {
    zh: '补充您配置中的{class}部分：建议占比{target}，目前{current}',
    en: 'Fills the {class} part of your mix: suggested {target}, now {current}',
  },
  fit_class: {
    zh: '属于建议配置中的{class}部分（建议占比{target}）',
    en: 'Part of the suggested {class} share ({target})',
  },
  sharpe: {
    zh: '近1年夏普比率{sharpe}，高于同类{pct}的产品',
    en: 'Sharpe ratio over the past year {sharpe}, above {pct} of its category',
  },
  drawdown: {
    zh: '近1年最大回撤{dd}，回撤控制好于同类{pct}的产品',
    en: 'Largest fall over the past year {dd}, smaller than {pct} of its category',
  },
  cost: {
    zh: '年化综合费用约{cost}，低于同类中位数{median}',
    en: 'Annual cost about {cost}, below the category median of {median}',
  },
  manager: {
    zh: '基金经理{manager}从业{years}年，同时管理{funds}只基金',
    en: 'Manager {manager}: {years} years managing funds, {funds} funds at once',
  },
  risk: {
    zh: '风险等级{risk}，在您的风险承受能力（{level}）范围内',
    en: 'Rated {risk}, within your risk tolerance ({level})',
  },
  liquidity_instant: {
    zh: '可随时赎回，适合随时可能用到的钱',
    en: 'Can be redeemed at any time, suits money you may need soon',
  },
  liquidity_short: {
    zh: '开放式产品，赎回一般数个交易日内到账',
    en: 'Open-ended: redemptions usually settle within a few trading days',
  },
  liquidity_term: {
    zh: '期限约{term}个月，不超过这笔资金的使用期限（{horizon}个月）',
    en: 'Term about {term} months, within the {horizon} months this money can stay invested',
  },
  held: {
    zh: '您已持有该产品，可在现有持仓上补充',
    en: 'You already hold it; this would add to the position',
  },
} as const satisfies Record<string, Template>;

export const REFUSAL_TEXT = {
  ASSESSMENT_EXPIRED: {
    zh: '您的风险承受能力评估已于{valid_until}到期，请先重新评估，再为您推荐产品。',
    en: 'Your risk assessment expired on {valid_until}; please retake it before we recommend products.',
  },
  ASSESSMENT_MISSING: {
    zh: '您还没有有效的风险承受能力评估，请先完成评估，再为您推荐产品。',
    en: 'There is no valid risk assessment on file; please take it before we recommend products.',
  },
} as const satisfies Record<string, Template>;
