import type { Template } from '../../advisory/text.js';
import type { DimensionKey, FindingAction } from './types.js';

/** Customer-facing texts of the check-up, as data (`{name}` placeholders; money in yuan, shares in %). */
export const FINDING_TEXT = {
  risk_mismatch: {
    zh: '您持有的{name}（{code}）风险等级为{risk}，超出您当前风险承受能力（{level}）可购买的范围，市值约{value}元，占投资资产的{share}。建议调整为与风险承受能力相匹配的产品。',
    en: 'You hold {name} ({code}), rated {risk}, outside what your risk tolerance ({level}) allows; it is worth about {value} yuan, {share} of your investments. Consider switching to products that match your tolerance.',
  },
  assessment_expired: {
    zh: '您的风险承受能力评估已于{valid_until}到期，重新评估后才能为您提供产品建议。',
    en: 'Your risk assessment expired on {valid_until}; please retake it before we can suggest products.',
  },
  assessment_missing: {
    zh: '您还没有有效的风险承受能力评估，完成评估后才能为您提供产品建议。',
    en: 'There is no valid risk assessment on file; please take it before we can suggest products.',
  },
  concentration_product: {
    zh: '{name}占您投资资产的{share}，高于建议上限{limit}，单一产品的波动对整体影响较大。',
    en: '{name} is {share} of your investments, above the suggested limit of {limit}: its swings move your whole portfolio.',
  },
  concentration_issuer: {
    zh: '您有{share}的投资资产来自同一家机构（{issuer}），高于建议上限{limit}。',
    en: '{share} of your investments are with one issuer ({issuer}), above the suggested limit of {limit}.',
  },
  concentration_category: {
    zh: '{category}占您投资资产的{share}，高于建议上限{limit}。',
    en: '{category} products are {share} of your investments, above the suggested limit of {limit}.',
  },
  liquidity_low: {
    zh: '可随时取用的资金（活期存款与货币基金）约{liquid}元，低于建议的应急备用金约{reserve}元（约{months}个月收入）。',
    en: 'Money you can use at once (deposits and money-market funds) is about {liquid} yuan, below the suggested emergency reserve of about {reserve} yuan ({months} months of income).',
  },
  liquidity_locked: {
    zh: '有{share}的资产在到期前不能随时取用（封闭式理财、保险等），高于建议上限{limit}。',
    en: '{share} of your assets cannot be withdrawn before maturity (closed-end wealth products, insurance), above the suggested limit of {limit}.',
  },
  idle_cash_high: {
    zh: '活期存款和货币基金约{cash}元，留出约{reserve}元应急备用金后仍有约{excess}元，占总资产的{share}，可以考虑结合风险承受能力做中长期配置。',
    en: 'Deposits and money-market funds hold about {cash} yuan; after an emergency reserve of about {reserve} yuan, about {excess} yuan ({share} of your assets) could be planned for the longer term within your risk tolerance.',
  },
  maturity_soon: {
    zh: '{name}将于{date}到期（还有{days}天），到期资金约{value}元，可以提前规划后续安排。',
    en: '{name} matures on {date} (in {days} days), paying about {value} yuan; you may plan ahead for this money.',
  },
  deep_drawdown: {
    zh: '{name}当前净值较{peak_date}的阶段高点回撤{drawdown}，超过{class}类产品的关注线{threshold}。',
    en: '{name} is {drawdown} below its high of {peak_date}, beyond the {threshold} watch line for {class} products.',
  },
  high_fees: {
    zh: '{name}的年化综合费用约{cost}，高于同类产品的中位数{median}。',
    en: '{name} costs about {cost} a year in fees, above the {median} median of its category.',
  },
  overlap: {
    zh: '{names}的每日净值涨跌高度同步（相关系数{corr}），合计占投资资产的{share}，分散效果有限。',
    en: '{names} move almost in step day by day (correlation {corr}) and make up {share} of your investments, so they add little diversification.',
  },
  allocation_drift: {
    zh: '当前资产配置与{level}等级的建议配置偏离{drift}：{detail}。',
    en: 'Your mix is {drift} away from the suggested mix for level {level}: {detail}.',
  },
  drift_item: { zh: '{class}占比{actual}（建议{target}）', en: '{class} {actual} (suggested {target})' },
} as const satisfies Record<string, Template>;

export const ACTION_LABEL: Readonly<Record<FindingAction['kind'], Template>> = {
  allocation_proposal: { zh: '查看调整方案', en: 'See a rebalancing proposal' },
  reassess: { zh: '重新进行风险测评', en: 'Retake the risk assessment' },
  review_holding: { zh: '查看净值变化原因与调整方案', en: 'See why it fell and a proposal' },
  plan_maturity: { zh: '规划到期资金', en: 'Plan the maturing money' },
};

export const DIMENSION_LABEL: Readonly<Record<DimensionKey, Template>> = {
  allocation: { zh: '配置合理度', en: 'Allocation' },
  diversification: { zh: '分散度', en: 'Diversification' },
  risk_match: { zh: '风险匹配', en: 'Risk match' },
  liquidity: { zh: '流动性', en: 'Liquidity' },
  cost: { zh: '费用', en: 'Cost' },
  performance: { zh: '同类表现', en: 'Performance vs peers' },
};
