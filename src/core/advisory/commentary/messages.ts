import type { Template } from '../text.js';

/** Commentary sentences, as data. Dated and factual: what moved and by how much; no view on what comes next. */
export const COMMENTARY_TEXT = {
  head: { zh: '{date}{session}：', en: '{session_en} {date}: ' },
  index: { zh: '{name}{dir}{change}', en: '{name} {dir_en} {change}' },
  sectors_up: { zh: '涨幅居前的板块有{list}', en: 'sectors that rose most: {list}' },
  sectors_down: { zh: '跌幅居前的板块有{list}', en: 'sectors that fell most: {list}' },
  sector_item: { zh: '{name}（{change}）', en: '{name} ({change})' },
  holdings: {
    zh: '您持有的{count}只{group}今日平均变动{change}{estimated}',
    en: 'your {count} {group_en} moved {change} on average today{estimated_en}',
  },
  estimated: {
    zh: '（按基准指数估算，以实际公布净值为准）',
    en: ' (estimated from benchmark indices; the published NAV prevails)',
  },
  close: {
    zh: '市场短期波动较为常见，建议结合自己的投资期限和风险承受能力理性看待。',
    en: 'Short-term market swings are common; view them against your own horizon and risk tolerance.',
  },
} as const satisfies Record<string, Template>;

export const SESSION_LABEL = {
  midday: { zh: '午间', en: 'Midday' },
  close: { zh: '收盘', en: 'Close' },
} as const;

/** Customer-facing names of holding groups (by asset class, with bank WM apart). */
export const GROUP_LABEL = {
  equity: { zh: '权益基金', en: 'equity funds' },
  fixed_income: { zh: '债券基金', en: 'bond funds' },
  fixed_income_plus: { zh: '固收+基金', en: 'bond-plus funds' },
  cash: { zh: '货币基金', en: 'money-market funds' },
  overseas: { zh: 'QDII基金', en: 'QDII funds' },
  alternatives: { zh: '另类基金', en: 'alternative funds' },
  bank_wm: { zh: '银行理财产品', en: 'bank wealth products' },
} as const;
