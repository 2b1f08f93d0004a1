import type { Template } from '../text.js';

/** The explanation's sentences, as data. Calm and factual: figures, their source, what may be considered. */
export const ATTRIBUTION_TEXT = {
  head: {
    zh: '{name}近{days}个交易日（{start}至{end}）净值{dir}{total}。',
    en: '{name} {dir_en} {total} over the last {days} trading days ({start} to {end}).',
  },
  market: {
    zh: '同期{index}{idx_dir}{idx_ret}，按该基金此前{est}个交易日对该指数的敏感度（β约{beta}）估算，市场整体因素约{market}；',
    en: 'Over the same days {index} {idx_dir_en} {idx_ret}; with the fund’s sensitivity to it over the previous {est} trading days (beta about {beta}), the market as a whole accounts for about {market};',
  },
  no_market: {
    zh: '该基金没有可用的业绩比较基准指数数据，未单独估算市场因素；',
    en: 'No benchmark index data is available for this fund, so the market part is not estimated separately;',
  },
  style: {
    zh: '同类{category}同期平均{cat_dir}{cat_ret}，风格与板块因素约{style}；',
    en: 'its category ({category}) averaged {cat_ret} over the period, and style and sector account for about {style};',
  },
  no_style: {
    zh: '同类产品数据不足，未单独估算风格因素；',
    en: 'there are too few peers to estimate the style part separately;',
  },
  specific: {
    zh: '其余约{specific}来自基金自身持仓与操作的差异。',
    en: 'the remaining {specific} comes from the fund’s own holdings and decisions.',
  },
  peer: {
    zh: '同期该基金的表现好于{n}只同类产品中约{pct}的产品。',
    en: 'Over the same days it did better than about {pct} of {n} funds in its category.',
  },
  consider: {
    zh: '净值短期波动在{class}产品中较为常见。您可以结合这笔资金的使用期限和自己的风险承受能力，查看当前配置是否仍然合适，也可以联系理财经理沟通。',
    en: 'Short-term swings are common for {class} products. You may check whether your mix still fits how long this money can stay invested and your risk tolerance, or talk to your relationship manager.',
  },
} as const satisfies Record<string, Template>;
