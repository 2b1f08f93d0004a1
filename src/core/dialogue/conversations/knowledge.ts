import type { Conversation } from './types.js';

const kb = (name: string, say: string, intent?: string): Conversation => ({
  name,
  customer: 'c3',
  turns: [{ say, expect: { ...(intent ? { intent } : {}), flow: null, cards: ['kb_answer'] } }],
});

export const KNOWLEDGE: Conversation[] = [
  kb('fees from the KB', '赎回要多少手续费', 'fees'),
  kb('redemption arrival from the KB', '基金赎回几天到账', 'redemption'),
  kb('purchase how-to from the KB', '怎么买基金', 'purchase_howto'),
  kb('education: the risks of bond funds', '投资债券基金有什么风险', 'investor_education'),
  kb('education: what is a Sharpe ratio', '夏普比率是什么意思'),
  kb('education: index fund', '什么是指数基金'),
  kb('maturity of a wealth product', '理财产品到期了钱怎么处理', 'product_maturity'),
  kb('account service', '怎么修改绑定的银行卡', 'account_service'),
  {
    name: 'KB: no answer offers a hand-off',
    customer: 'c3',
    turns: [
      { say: '信用卡逾期了怎么办', expect: { flow: null, noCards: ['kb_answer'], cards: ['quick_replies'] } },
    ],
  },
  {
    name: 'KB: an answer, then a follow-up question about purchase fees',
    customer: 'c3',
    turns: [
      { say: '基金赎回几天到账', expect: { cards: ['kb_answer'] } },
      { say: '申购费是多少', expect: { cards: ['kb_answer'], intent: 'fees' } },
    ],
  },
];
